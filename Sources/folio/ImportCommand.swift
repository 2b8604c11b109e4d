import ArgumentParser
import FolioApp
import FolioWiki
import Foundation

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import content from elsewhere.", subcommands: [MDN.self, CSSDataCommand.self])

    struct MDN: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mdn",
            abstract: "Import an MDN content folder (files/en-us, files/it, …): pages, redirects and contributors.",
            discussion: "Safe to run again: unchanged pages are left alone and changed ones get a new revision.")

        @Argument(help: "The locale folder, e.g. mdn-content/files/en-us.") var folder: String
        @Option(help: "Locale of the pages (default: from the folder name).") var locale: String?
        @Flag(help: "Print the summary as JSON on stdout.") var json = false

        func run() async throws {
            try await reportingErrors {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                    throw CleanExit.message("error: \(folder) is not a folder")
                }
                let url = URL(fileURLWithPath: folder)
                guard let locale = locale.flatMap(Locales.canonical) ?? MDNImporter.locale(ofFolder: url) else {
                    throw CleanExit.message("error: cannot tell the locale of \(folder); pass --locale")
                }
                let services = try await Runtime.services()
                let bar = ProgressBar(label: "Importing \(locale)")
                let summary: MDNImporter.Summary
                do {
                    summary = try await MDNImporter(wiki: services.wiki).run(folder: url, locale: locale) { done, total, item in
                        bar.update(done, total, item)
                    }
                } catch {
                    await services.shutdown()
                    throw error
                }
                bar.finish()
                // Pages imported earlier linked to pages imported later: their dependencies queued
                // re-renders, which run now so the import ends with consistent pages.
                let queued = (try? await services.jobRunner().drain()) ?? 0
                await services.shutdown()
                if queued > 0 { FileHandle.standardError.write(Data("Re-rendered \(queued) pages that refer to imported pages.\n".utf8)) }
                if json {
                    try printJSON(summary)
                } else {
                    print(Self.describe(summary))
                }
                if !summary.errors.isEmpty { throw ExitCode.failure }
            }
        }

        static func describe(_ s: MDNImporter.Summary) -> String {
            var lines = [
                "Imported \(s.files) files into \(s.locale): \(s.created) created, \(s.updated) updated, \(s.unchanged) unchanged, "
                    + "\(s.stubParents) placeholder parents.",
                "Redirects: \(s.redirectsCreated) created, \(s.redirectsUpdated) updated, \(s.redirectsUnchanged) unchanged, "
                    + "\(s.redirectsSkipped) skipped"
                    + (s.redirectSkipReasons.isEmpty ? "." : " (" + s.redirectSkipReasons.sorted { $0.key < $1.key }
                        .map { "\($0.value) \($0.key)" }.joined(separator: ", ") + ")."),
                "Errors: \(s.errors.count)",
            ]
            lines += s.errors.map { "  \($0.file): \($0.message)" }
            return lines.joined(separator: "\n")
        }
    }
}

/// A progress bar on stderr: redrawn in place on a terminal, a line per 10% otherwise.
final class ProgressBar: @unchecked Sendable {
    private let label: String
    private let interactive = isatty(STDERR_FILENO) != 0
    private var lastDecile = -1
    private let lock = NSLock()

    init(label: String) { self.label = label }

    func update(_ done: Int, _ total: Int, _ item: String) {
        lock.lock(); defer { lock.unlock() }
        guard total > 0 else { return }
        let fraction = Double(done) / Double(total)
        if interactive {
            let width = 30, filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            write("\r\(label) [\(bar)] \(done)/\(total) \(item.prefix(40))\u{1B}[K")
        } else if Int(fraction * 10) != lastDecile {
            lastDecile = Int(fraction * 10)
            write("\(label): \(done)/\(total)\n")
        }
    }

    func finish() { if interactive { write("\n") } }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
