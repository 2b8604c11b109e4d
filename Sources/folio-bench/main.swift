// Rendering benchmark: every index.md / index.html below a folder goes through the page render
// pipeline (Markdown → HTML → sanitize → post-process) on one core.
//   swift run -c release folio-bench ../shared/data/mdn-content [--passes N]
import FolioHTML
import FolioMarkdown
import FolioRender
import Foundation

let arguments = Array(CommandLine.arguments.dropFirst())
guard let folder = arguments.first, !folder.hasPrefix("-") else {
    FileHandle.standardError.write(Data("usage: folio-bench FOLDER [--passes N]\n".utf8))
    exit(2)
}
var passes = 4
if let index = arguments.firstIndex(of: "--passes"), index + 1 < arguments.count, let n = Int(arguments[index + 1]), n >= 2 {
    passes = n
}

guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
    FileHandle.standardError.write(Data("error: cannot read \(folder)\n".utf8))
    exit(1)
}
var pages: [(title: String, source: String, format: String)] = []
while let relative = enumerator.nextObject() as? String {
    let name = (relative as NSString).lastPathComponent
    guard name == "index.md" || name == "index.html",
          let text = try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8) else { continue }
    let split = try? MarkdownDocument.split(text)
    pages.append((split?.frontMatter?.title ?? relative, split?.body ?? text, name == "index.md" ? "markdown" : "html"))
}
guard !pages.isEmpty else {
    FileHandle.standardError.write(Data("error: no index.md or index.html below \(folder)\n".utf8))
    exit(1)
}

let renderer = PageRenderer()
let clock = ContinuousClock()
var timings: [Double] = []
var bytes = 0
for pass in 0..<passes {   // the first pass warms up and is not counted
    for page in pages {
        let start = clock.now
        let rendered = renderer.render(title: page.title, source: page.source, format: page.format)
        let elapsed = clock.now - start
        guard pass > 0 else { continue }
        timings.append(Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15)
        bytes += rendered.html.utf8.count
    }
}
// Where the time goes: each stage alone over one pass.
var stage: [String: Double] = ["markdown": 0, "sanitize": 0, "post-process": 0]
for page in pages {
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

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

timings.sort()
let total = timings.reduce(0, +)
let median = timings[timings.count / 2]
let p99 = timings[min(timings.count - 1, Int(Double(timings.count) * 0.99))]
print(String(format: "%d pages × %d passes: %.0f pages/s, median %.3f ms, p99 %.3f ms, max %.3f ms (%.1f MB of HTML per pass)",
             pages.count, passes - 1, Double(timings.count) / (total / 1000), median, p99, timings.last ?? 0,
             Double(bytes) / Double(passes - 1) / 1e6))
print("one pass by stage: " + stage.sorted { $0.key < $1.key }.map { String(format: "%@ %.0f ms", $0.key, $0.value) }.joined(separator: ", "))
