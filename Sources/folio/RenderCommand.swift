import ArgumentParser
import FolioApp
import Foundation

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Re-render stored pages: those rendered by an older pipeline (default), all with --all.",
        discussion: "Prints a summary: pages, macro errors by kind, unknown macros and the slowest pages. Queued background renders run afterwards.")

    @Flag(help: "Re-render every page, not only stale ones.") var all = false
    @Flag(help: "Print the summary as JSON on stdout.") var json = false

    struct Summary: Encodable {
        var pages: Int
        var rendered: Int
        var failed: [Failure]
        var pagesWithErrors: Int
        var errors: [String: Int]
        var unknownMacros: [String: Int]
        var slowest: [Slow]
        var seconds: Double
        var queuedRendered: Int
        struct Failure: Encodable { var id: Int; var reason: String }
        struct Slow: Encodable { var path: String; var milliseconds: Double }
    }

    func run() async throws {
        try await reportingErrors {
            let services = try await Runtime.services()
            let ids = try await services.wiki.documentsToRender(all: all)
            let bar = ProgressBar(label: "Rendering")
            let start = ContinuousClock.now
            let (reports, failures) = await services.wiki.rerender(ids) { bar.update($0, $1, "") }
            bar.finish()
            // Pages whose dependencies changed meanwhile (titles, summaries) settle now.
            let queued = (try? await services.jobRunner().drain()) ?? 0
            let elapsed = ContinuousClock.now - start
            await services.shutdown()
            var errors: [String: Int] = [:]
            var unknown: [String: Int] = [:]
            for report in reports {
                for error in report.errors {
                    errors[error.kind.rawValue, default: 0] += 1
                    if error.kind == .unknownMacro { unknown[error.macro, default: 0] += 1 }
                }
            }
            let summary = Summary(
                pages: ids.count, rendered: reports.count, failed: failures.map { Summary.Failure(id: $0.0, reason: $0.1) },
                pagesWithErrors: reports.filter { !$0.errors.isEmpty }.count, errors: errors, unknownMacros: unknown,
                slowest: reports.sorted { $0.milliseconds > $1.milliseconds }.prefix(5)
                    .map { Summary.Slow(path: $0.path, milliseconds: ($0.milliseconds * 10).rounded() / 10) },
                seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                queuedRendered: queued)
            if json {
                try printJSON(summary)
            } else {
                print(String(format: "Rendered %d of %d pages in %.1f s; %d failed; %d pages with macro errors; %d queued re-renders.",
                             summary.rendered, summary.pages, summary.seconds, failures.count, summary.pagesWithErrors, queued))
                if !errors.isEmpty {
                    print("Macro errors: " + errors.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
                }
                if !unknown.isEmpty {
                    print("Unknown macros: " + unknown.sorted { $0.value > $1.value }.map { "\($0.key) (\($0.value))" }.joined(separator: ", "))
                }
                if !summary.slowest.isEmpty {
                    print("Slowest pages:")
                    for slow in summary.slowest { print(String(format: "  %8.1f ms  %@", slow.milliseconds, slow.path)) }
                }
                for failure in summary.failed { print("  document \(failure.id): \(failure.reason)") }
            }
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }
}
