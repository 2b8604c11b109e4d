import Foundation
import Testing
@testable import FolioMarkdown

/// Deterministic random documents built from Markdown-significant fragments:
/// the renderer must never crash and always return (possibly empty) HTML.
struct FuzzTests {
    struct LCG {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(n))
        }
    }

    static let fragments = [
        "*", "**", "_", "__", "~", "~~", "`", "```", "~~~", "[", "]", "(", ")", "![", "<", ">", "\\", "&", "&amp;",
        "&#x41;", "#", "## ", "- ", "* ", "+ ", "1. ", "2) ", "    ", "\t", " ", "  ", "\n", "\n\n", "|", "| a |",
        "---", "===", ":", "- : ", "{{", "}}", "\\{{", "> ", "> [!NOTE]", "**Note:**", "[ ] ", "[x] ", "www.", "http://",
        "a@b.c", "<div>", "</div>", "<!--", "-->", "<?", "?>", "<![CDATA[", "]]>", "<a href=\"x\">", "\"", "'", "a", "foo",
        "ẞ", "é", "\u{0}", "\r", "\r\n", "[a]: /u", "[a]", "[a][]", "](/u \"t\")", "<http://x>", "<a@b.c>",
    ]

    @Test func randomDocumentsDoNotCrash() {
        var rng = LCG(state: 0x5EED)
        let optionSets = [MarkdownOptions.commonMark, MarkdownOptions(gfm: true), MarkdownOptions(gfm: true, mdn: true),
                          MarkdownOptions(gfm: false, mdn: true)]
        var total = 0
        for _ in 0..<3000 {
            var doc = ""
            for _ in 0..<rng.next(60) { doc += Self.fragments[rng.next(Self.fragments.count)] }
            for options in optionSets {
                let html = Markdown.html(doc, options: options)
                total += html.utf8.count
            }
            _ = try? MarkdownDocument.split("---\n" + doc + "\n---\n" + doc)
        }
        print("fuzz: 3000 documents × 4 option sets rendered (\(total) bytes)")
        #expect(total > 0)
    }
}
