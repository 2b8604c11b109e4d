// Rendering benchmark over every index.md / index.html below a folder (release build):
//   swift run -c release folio-bench ../shared/data/mdn-content [--passes N] [--workers N] [--skip-pipeline | --pipeline-only]
//       [--limit N] [--dump DIR]
//   --limit N: only the first N pages (sorted by path), for shorter profiling runs.
//   --passes 1: a single counted pass, no warm-up and no stage breakdown (instruction counting).
//   --dump DIR: writes every page's pipeline output (RenderedPage as JSON) to DIR, then exits;
//   diff two dumps to prove a speed change kept the output byte for byte.
// 1. The content pipeline alone (Markdown → HTML → sanitize → post-process), one core, macros
//    left as text: pages/s, median/p99 and time by stage.
// 2. Compat tables: load time of ../shared/data/bcd/data.json and time per table for typical features.
// 3. Full renders with macros (in-memory page data built from the corpus; CSS and compat data from
//    ../shared/data when present), on `--workers` cores (default 2): pages/s, median/p99,
//    macro error counts and the five slowest pages.
import FolioCompat
import FolioHTML
import FolioMacros
import FolioMarkdown
import FolioRender
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let folder = arguments.first, !folder.hasPrefix("-") else {
    FileHandle.standardError.write(Data("usage: folio-bench FOLDER [--passes N] [--workers N]\n".utf8))
    exit(2)
}
func option(_ name: String, _ fallback: Int, minimum: Int) -> Int {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count, let n = Int(arguments[index + 1]), n >= minimum else {
        return fallback
    }
    return n
}
let passes = option("--passes", 4, minimum: 1)
let limit = option("--limit", Int.max, minimum: 1)
let dumpFolder: String? = arguments.firstIndex(of: "--dump").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
let workers = option("--workers", 2, minimum: 1)
let skipPipeline = arguments.contains("--skip-pipeline")   // for profiling the macro path alone
let pipelineOnly = arguments.contains("--pipeline-only")   // for profiling the content pipeline alone

struct Page: Sendable {
    var relative: String
    var title: String
    var source: String
    var format: String
    var macroPage: MacroPage
}

guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
    FileHandle.standardError.write(Data("error: cannot read \(folder)\n".utf8))
    exit(1)
}
var files: [String] = []
while let relative = enumerator.nextObject() as? String { files.append(relative) }
var pages: [Page] = []
for relative in files.sorted() {
    guard pages.count < limit else { break }
    let name = (relative as NSString).lastPathComponent
    guard name == "index.md" || name == "index.html",
          let text = try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8) else { continue }
    let split = try? MarkdownDocument.split(text)
    let front = split?.frontMatter
    let first = relative.split(separator: "/").first.map(String.init) ?? "en-us"
    let locale = first.lowercased() == "en-us" ? "en-US" : (first.count <= 3 ? first : "en-US")
    let slug = front?.slug ?? (relative as NSString).deletingLastPathComponent
    let title = front?.title ?? relative
    pages.append(Page(relative: relative, title: title, source: split?.body ?? text, format: name == "index.md" ? "markdown" : "html",
                      macroPage: MacroPage(locale: locale, slug: slug, title: title, tags: front?.tags ?? [],
                                           pageType: front?.pageType, browserCompat: front?.browserCompat ?? [],
                                           specURLs: front?.specURLs ?? [], sidebar: front?.sidebar, revisionID: 1)))
}
guard !pages.isEmpty else {
    FileHandle.standardError.write(Data("error: no index.md or index.html below \(folder)\n".utf8))
    exit(1)
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}
func percentiles(_ timings: [Double]) -> (median: Double, p99: Double, max: Double) {
    let sorted = timings.sorted()
    return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))], sorted.last ?? 0)
}

// MARK: 1. The content pipeline, one core

let renderer = PageRenderer()
if let dumpFolder {
    try FileManager.default.createDirectory(atPath: dumpFolder, withIntermediateDirectories: true)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    for page in pages {
        let rendered = renderer.render(title: page.title, source: page.source, format: page.format)
        let name = page.relative.replacingOccurrences(of: "/", with: "__") + ".json"
        try encoder.encode(rendered).write(to: URL(fileURLWithPath: dumpFolder + "/" + name))
    }
    print("dumped \(pages.count) pages to \(dumpFolder)")
    exit(0)
}
let clock = ContinuousClock()
var timings: [Double] = []
var bytes = 0
var summaries: [String: String] = [:]
let counted = passes == 1 ? 0 : 1   // the first pass warms up and is not counted (unless --passes 1)
/// This thread's CPU time in ms: unlike the wall clock it does not count time the thread
/// waited for a core, so it stays comparable on a busy machine.
func threadCPUMilliseconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) * 1000 + Double(t.tv_nsec) / 1e6
}
var passWall: [Double] = []
var passCPU: [Double] = []
for pass in 0..<(skipPipeline ? 1 : passes) {
    let passStart = clock.now
    let passCPUStart = threadCPUMilliseconds()
    defer {
        if pass >= counted {
            passWall.append(milliseconds(clock.now - passStart))
            passCPU.append(threadCPUMilliseconds() - passCPUStart)
        }
    }
    for page in pages {
        let start = clock.now
        let rendered = renderer.render(title: page.title, source: page.source, format: page.format)
        let elapsed = clock.now - start
        if pass == 0 { summaries[page.macroPage.path] = rendered.summary }
        guard pass >= counted else { continue }
        timings.append(milliseconds(elapsed))
        bytes += rendered.html.utf8.count
    }
}
var stage: [String: Double] = ["markdown": 0, "sanitize": 0, "post-process": 0]
for page in pages where !skipPipeline && passes > 1 {
    var start = clock.now
    let html = page.format == "markdown" ? Markdown.html(page.source, options: MarkdownOptions(gfm: true, mdn: true)) : page.source
    stage["markdown", default: 0] += milliseconds(clock.now - start)
    start = clock.now
    let clean = Sanitizer.sanitize(html)
    stage["sanitize", default: 0] += milliseconds(clock.now - start)
    start = clock.now
    _ = PostProcessor.process(clean)
    stage["post-process", default: 0] += milliseconds(clock.now - start)
}
var stats = percentiles(timings.isEmpty ? [0] : timings)
if !skipPipeline { print(String(format: "pipeline (no macros, 1 core): %d pages × %d passes: %.0f pages/s, median %.3f ms, p99 %.3f ms, max %.3f ms (%.1f MB of HTML per pass)",
             pages.count, passes - counted, Double(timings.count) / (timings.reduce(0, +) / 1000), stats.median, stats.p99, stats.max,
             Double(bytes) / Double(passes - counted) / 1e6))
if !skipPipeline, let bestWall = passWall.min(), let bestCPU = passCPU.min() {
    // Noise on a shared machine only ever adds time, so the best pass is the steadiest figure.
    print(String(format: "best pass: %.0f pages/s wall clock, %.0f pages/s thread CPU time; median pass %.0f pages/s CPU time",
                 Double(pages.count) / (bestWall / 1000), Double(pages.count) / (bestCPU / 1000),
                 Double(pages.count) / (passCPU.sorted()[passCPU.count / 2] / 1000)))
}
print("one pass by stage: " + stage.sorted { $0.key < $1.key }.map { String(format: "%@ %.0f ms", $0.key, $0.value) }.joined(separator: ", ")) }

if pipelineOnly { exit(0) }

// MARK: 2. Compat tables (when the BCD data is next to the corpus)
var compat: CompatData? = nil
for candidate in [folder + "/../bcd/data.json", "../shared/data/bcd/data.json"] where compat == nil {
    let start = ContinuousClock.now
    compat = try? CompatData.load(contentsOf: candidate)
    if compat != nil { print(String(format: "BCD data loaded in %.2f s", milliseconds(ContinuousClock.now - start) / 1000)) }
}
if let compat {
    let table = CompatTable(browsers: compat.browsers, locale: "en-US")
    for key in ["css.properties.display", "html.elements.div", "api.fetch", "javascript.builtins.Array.map"] {
        guard let root = compat.feature(key) else { continue }
        let features = [root] + compat.descendants(of: key, depth: 1)
        var bytes = 0
        let start = ContinuousClock.now
        for _ in 0..<1000 { bytes = table.html(features: features, queryKey: key).utf8.count }
        print(String(format: "compat table %@ (%d rows, %d KB): %.3f ms per render", key, features.count, bytes / 1024,
                     milliseconds(ContinuousClock.now - start) / 1000))
    }
}

// MARK: 3. Full renders with macros, `workers` cores

var cssData: CSSData? = nil
for candidate in [folder + "/../mdn-data", "../shared/data/mdn-data"] where cssData == nil {
    cssData = try? CSSData.load(folder: candidate)
}
let data = InMemoryMacroData(pages: pages.map {
    PageInfo(locale: $0.macroPage.locale, slug: $0.macroPage.slug, title: $0.title, summary: summaries[$0.macroPage.path] ?? "",
             tags: $0.macroPage.tags, pageType: $0.macroPage.pageType)
}, cssData: cssData, compat: compat)
let macroRenderer = PageRenderer(policy: SanitizerPolicy.kuma.with(iframeHosts: [
    "https://www.youtube-nocookie.com/embed/", MacroSettings().samplesOrigin + "/", MacroSettings().interactiveExamplesURL + "/",
    MacroSettings().githubSamplesURL + "/"]))

struct Result: Sendable { var index: Int; var milliseconds: Double; var errors: [MacroError] }
let allPages = pages
func renderAll() async -> (results: [Result], seconds: Double) {
    let start = ContinuousClock.now
    let results = await withTaskGroup(of: [Result].self) { group in
        for worker in 0..<workers {
            group.addTask {
                var out: [Result] = []
                for index in stride(from: worker, to: allPages.count, by: workers) {
                    let page = allPages[index]
                    let begin = ContinuousClock.now
                    let rendered = try? await macroRenderer.render(title: page.title, source: page.source, format: page.format,
                                                                   page: page.macroPage, data: data)
                    out.append(Result(index: index, milliseconds: milliseconds(ContinuousClock.now - begin), errors: rendered?.errors ?? []))
                }
                return out
            }
        }
        var all: [Result] = []
        for await part in group { all += part }
        return all
    }
    return (results, milliseconds(ContinuousClock.now - start) / 1000)
}
_ = await renderAll()   // warm-up
var fullTimings: [Double] = []
var wall = 0.0
var last: [Result] = []
for _ in 1..<passes {
    let (results, seconds) = await renderAll()
    fullTimings += results.map(\.milliseconds)
    wall += seconds
    last = results
}
stats = percentiles(fullTimings)
let errors = last.flatMap(\.errors)
print(String(format: "full render with macros (%d workers): %.0f pages/s, median %.3f ms, p99 %.3f ms, max %.3f ms; CSS data %@, compat data %@",
             workers, Double(fullTimings.count) / wall, stats.median, stats.p99, stats.max, cssData == nil ? "absent" : "loaded", compat == nil ? "absent" : "loaded"))
print("macro errors in one pass: \(errors.count) (unknown macros: \(errors.filter { $0.kind == .unknownMacro }.count))"
      + (errors.isEmpty ? "" : "; first: " + errors.prefix(5).map { "\($0.raw): \($0.message)" }.joined(separator: "; ")))
print("slowest pages (last pass):")
for result in last.sorted(by: { $0.milliseconds > $1.milliseconds }).prefix(5) {
    let page = allPages[result.index]
    print(String(format: "  %7.2f ms  %@ (%d KB source)", result.milliseconds, page.macroPage.path, page.source.utf8.count / 1024))
}
