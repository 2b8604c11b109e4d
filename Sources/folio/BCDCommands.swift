import ArgumentParser
import FolioApp
import FolioCompat
import Foundation

/// `folio bcd import FILE` and `folio bcd check FILE`: browser compatibility data.
struct BCDCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bcd", abstract: "Browser compatibility data (the compiled data.json of @mdn/browser-compat-data).",
        subcommands: [Import.self, Check.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import (or re-import) the data; pages using changed features are re-rendered.",
            discussion: "The file is read and validated first; a bad file changes nothing. The stored data is replaced in one transaction.")

        @Argument(help: "The data.json file.") var file: String
        @ArgumentParser.Flag(help: "Print the summary as JSON on stdout.") var json = false

        func run() async throws {
            try await reportingErrors {
                let services = try await Runtime.services()
                let summary: CompatImporter.Summary
                do {
                    summary = try await CompatImporter(wiki: services.wiki).importFile(file) { step in
                        FileHandle.standardError.write(Data((step + "\n").utf8))
                    }
                } catch let failure as CompatImporter.Failure {
                    await services.shutdown()
                    throw CleanExit.message("error: \(failure.description)")
                }
                let rendered = (try? await services.jobRunner().drain()) ?? 0
                await services.shutdown()
                if json {
                    try printJSON(summary)
                } else {
                    print(String(format: "Imported BCD %@: %d features, %d browsers in %.1f s; %d added, %d removed, %d changed; re-rendered %d pages.",
                                 summary.version, summary.features, summary.browsers, summary.seconds, summary.added, summary.removed,
                                 summary.changed, rendered))
                }
            }
        }
    }

    struct Check: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List problems in a data file (invalid versions, ranges, removed before added, unknown browsers…); exits 1 if any.")

        @Argument(help: "The data.json file.") var file: String

        func run() async throws {
            try await reportingErrors {
                let data: CompatData
                do { data = try CompatData.load(contentsOf: file, strict: false) } catch {
                    throw CleanExit.message("error: \(file): \(error)")
                }
                let problems = CompatCheck.problems(in: data)
                for problem in problems { print("\(problem.path): \(problem.message)") }
                if problems.isEmpty {
                    print("\(file): BCD \(data.version), \(data.features.count) features, no problems found.")
                } else {
                    FileHandle.standardError.write(Data("\(problems.count) problems in \(file)\n".utf8))
                    throw ExitCode.failure
                }
            }
        }
    }
}
