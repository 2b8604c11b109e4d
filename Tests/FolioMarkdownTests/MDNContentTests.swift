import Foundation
import Testing
@testable import FolioMarkdown

/// Runs every page of the mdn-content checkout through front matter
/// splitting and the MDN renderer.
struct MDNContentTests {
    static func pages() -> [URL]? {
        guard let root = SharedData.url("mdn-content") else { return nil }
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return nil }
        var result: [URL] = []
        for case let url as URL in enumerator where url.lastPathComponent == "index.md" {
            result.append(url)
        }
        return result.sorted { $0.path < $1.path }
    }

    @Test func allPagesSplitAndRender() throws {
        guard let pages = Self.pages() else {
            print("mdn-content: skipped: data not found")
            return
        }
        var rendered = 0
        var withFrontMatter = 0
        var bytes = 0
        var l10n = 0
        let start = Date()
        for url in pages {
            let text = try String(contentsOf: url, encoding: .utf8)
            let split: (frontMatter: FrontMatter?, body: String)
            do {
                split = try MarkdownDocument.split(text)
            } catch {
                Issue.record("\(url.path): \(error)")
                continue
            }
            if let fm = split.frontMatter {
                withFrontMatter += 1
                #expect(fm.title != nil, "\(url.path): no title")
                #expect(fm.slug != nil, "\(url.path): no slug")
                let header = text.prefix(upTo: text.range(of: "\n---", options: [], range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex)?.lowerBound ?? text.endIndex)
                if header.contains("\n  sourceCommit:") {
                    l10n += 1
                    #expect(fm.l10nSourceCommit?.count == 40, "\(url.path): l10n.sourceCommit")
                }
                if header.contains("\nbrowser-compat:") {
                    #expect(!fm.browserCompat.isEmpty, "\(url.path): browser-compat")
                }
                if header.contains("\ntags:") {
                    #expect(!fm.tags.isEmpty, "\(url.path): tags")
                }
            }
            let html = Markdown.html(split.body, options: MarkdownOptions(gfm: true, mdn: true))
            #expect(!html.isEmpty, "\(url.path): empty output")
            bytes += html.utf8.count
            rendered += 1
        }
        let elapsed = Date().timeIntervalSince(start)
        print("mdn-content: rendered \(rendered)/\(pages.count) pages (\(withFrontMatter) with front matter, \(l10n) with l10n.sourceCommit, \(bytes) bytes of HTML) in \(String(format: "%.2f", elapsed))s")
        #expect(rendered == pages.count)
        #expect(withFrontMatter == pages.count)
    }
}

extension MDNContentTests {
    /// Debug aid: `FOLIO_DUMP_PAGE=<path to index.md> swift test --filter dumpPage`
    /// prints the rendered HTML of one page.
    @Test func dumpPage() throws {
        guard let path = ProcessInfo.processInfo.environment["FOLIO_DUMP_PAGE"] else { return }
        let (_, body) = try MarkdownDocument.split(String(contentsOfFile: path, encoding: .utf8))
        print(Markdown.html(body, options: MarkdownOptions(gfm: true, mdn: true)))
    }
}
