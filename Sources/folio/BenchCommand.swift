import ArgumentParser
import FolioApp
import FolioMarkdown
import Foundation

struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (run a release build: swift run -c release folio bench …).",
        subcommands: [Render.self])

    struct Render: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render every index.md/index.html below a folder (Markdown → sanitized → post-processed HTML) on one core.")

        @Argument(help: "A folder of MDN pages, e.g. ../shared/data/mdn-content.") var folder: String
        @Option(help: "How many passes over the pages (the first is a warm-up and not counted).") var passes: Int = 4

        func run() async throws {
            try await reportingErrors {
                let pages = try Self.load(folder)
                guard !pages.isEmpty else { throw CleanExit.message("error: no index.md or index.html below \(folder)") }
                let renderer = PageRenderer()
                var timings: [Double] = []
                let clock = ContinuousClock()
                var bytes = 0
                for pass in 0..<max(2, passes) {
                    for page in pages {
                        let start = clock.now
                        let rendered = renderer.render(title: page.title, source: page.source, format: page.format)
                        let elapsed = clock.now - start
                        if pass > 0 {
                            timings.append(Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000)
                            bytes += rendered.html.utf8.count
                        }
                    }
                }
                timings.sort()
                let total = timings.reduce(0, +)
                let median = timings[timings.count / 2]
                let p99 = timings[min(timings.count - 1, Int(Double(timings.count) * 0.99))]
                print(String(format: "%d pages × %d passes: %.0f pages/s, median %.3f ms, p99 %.3f ms, max %.3f ms, %.1f MB of HTML",
                             pages.count, timings.count / pages.count, Double(timings.count) / (total / 1000), median, p99,
                             timings.last ?? 0, Double(bytes) / 1e6))
            }
        }

        static func load(_ folder: String) throws -> [(title: String, source: String, format: String)] {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
                throw CleanExit.message("error: cannot read \(folder)")
            }
            var pages: [(String, String, String)] = []
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                guard name == "index.md" || name == "index.html",
                      let text = try? String(contentsOfFile: folder + "/" + relative, encoding: .utf8) else { continue }
                let split = try? MarkdownDocument.split(text)
                pages.append((split?.frontMatter?.title ?? relative, split?.body ?? text, name == "index.md" ? "markdown" : "html"))
            }
            return pages
        }
    }
}
