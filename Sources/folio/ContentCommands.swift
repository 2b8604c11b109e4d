import ArgumentParser
import FolioApp
import FolioHTML
import FolioMarkdown
import Foundation

/// Reads all of standard input as UTF-8, or exits with a one-line reason.
func readStandardInput() throws -> String {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    guard let text = String(data: data, encoding: .utf8) else {
        throw CleanExit.message("error: standard input is not valid UTF-8")
    }
    return text
}

struct MarkdownCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "markdown",
        abstract: "Convert Markdown on stdin to HTML on stdout, like cmark (front matter is stripped).")

    @Flag(inversion: .prefixedNo, help: "GitHub Flavored Markdown: tables, strikethrough, autolinks, task lists.")
    var gfm = true
    @Flag(help: "MDN's extensions: alerts, definition lists, code-fence flags, heading ids, macros kept.")
    var mdn = false

    func run() async throws {
        try await reportingErrors {
            let text = try readStandardInput()
            let body: String
            do { body = try MarkdownDocument.split(text).body } catch let error as FrontMatterError {
                throw CleanExit.message("error: front matter: \(error)")
            }
            FileHandle.standardOutput.write(Data(Markdown.html(body, options: MarkdownOptions(gfm: gfm, mdn: mdn)).utf8))
        }
    }
}

struct SanitizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sanitize",
        abstract: "Sanitize HTML on stdin to stdout with the policy pages are rendered with.")

    func run() async throws {
        try await reportingErrors {
            let text = try readStandardInput()
            let config: FolioConfig
            do { config = try await FolioConfig.load() } catch let problem as FolioConfig.Problem {
                throw CleanExit.message("error: invalid configuration: \(problem)")
            }
            let policy = SanitizerPolicy.kuma.with(iframeHosts: config.iframeHosts)
            FileHandle.standardOutput.write(Data(Sanitizer.sanitize(text, policy: policy).utf8))
        }
    }
}
