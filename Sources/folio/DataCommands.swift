import ArgumentParser
import FolioApp
import Foundation

extension ImportCommand {
    /// `folio import css-data <mdn-data folder>`: MDN's CSS definitions for `cssinfo`/`csssyntax`.
    struct CSSDataCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "css-data",
            abstract: "Import MDN's CSS definitions (the mdn-data package: css/*.json and l10n/css.json).",
            discussion: "Replaces earlier CSS data in one transaction; pages that use it are re-rendered.")

        @Argument(help: "The mdn-data folder (holding css/ and l10n/).") var folder: String
        @Flag(help: "Print the summary as JSON on stdout.") var json = false

        func run() async throws {
            try await reportingErrors {
                let services = try await Runtime.services()
                let summary: DataImporter.Summary
                do {
                    summary = try await DataImporter(wiki: services.wiki).importCSS(folder: folder)
                } catch let error as DataImporter.Failure {
                    await services.shutdown()
                    throw CleanExit.message("error: \(error.description)")
                }
                let queued = (try? await services.jobRunner().drain()) ?? 0
                await services.shutdown()
                if json {
                    try printJSON(summary)
                } else {
                    print(summary.changed
                          ? "Imported CSS data: \(summary.files) files, \(summary.properties) properties, \(summary.syntaxes) syntaxes (version \(summary.version.prefix(12))); re-rendered \(queued) pages."
                          : "CSS data unchanged (version \(summary.version.prefix(12))).")
                }
            }
        }
    }
}
