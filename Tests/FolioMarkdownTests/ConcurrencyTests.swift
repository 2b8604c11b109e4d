import Foundation
import Testing
@testable import FolioMarkdown

/// The renderer keeps no shared mutable state, so documents can be rendered
/// concurrently (e.g. a wiki building many pages at once).
struct ConcurrencyTests {
    @Test func concurrentRenderingIsDeterministic() async {
        let docs = (0..<64).map { i in
            "# Title \(i)\n\n> [!NOTE]\n> *n* &amp; [l](/u \"t\")\n\n- a\n  - : b\n\n| x | y |\n| - | - |\n| \(i) | ~~z~~ |\n\nwww.example.com/\(i)\n"
        }
        let options = MarkdownOptions(gfm: true, mdn: true)
        let expected = docs.map { Markdown.html($0, options: options) }
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for (i, doc) in docs.enumerated() {
                group.addTask { (i, Markdown.html(doc, options: options)) }
            }
            var out = [String](repeating: "", count: docs.count)
            for await (i, html) in group { out[i] = html }
            return out
        }
        #expect(results == expected)
        #expect(expected[3].contains("<h1 id=\"title_3\">Title 3</h1>"))
        #expect(expected[3].contains("<del>z</del>"))
    }
}
