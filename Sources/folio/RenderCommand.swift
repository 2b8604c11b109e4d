import ArgumentParser
import FolioApp
import Foundation

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Re-render stored pages: those rendered by an older pipeline, or all with --all.")

    @Flag(help: "Re-render every page, not only stale ones.") var all = false

    func run() async throws {
        try await reportingErrors {
            let services = try await Runtime.services()
            let ids = try await services.wiki.documentsToRender(all: all)
            let bar = ProgressBar(label: "Rendering")
            let (done, failures) = await services.wiki.rerender(ids) { bar.update($0, $1, "") }
            bar.finish()
            await services.shutdown()
            print("Rendered \(done) of \(ids.count) pages; \(failures.count) failed.")
            for (id, reason) in failures { print("  document \(id): \(reason)") }
            if !failures.isEmpty { throw ExitCode.failure }
        }
    }
}
