import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import FolioMarkdown

/// Inputs that make naive Markdown parsers quadratic or overflow the stack
/// (mostly from cmark's test/pathological_tests.py). The parser is linear by
/// design (delimiter/bracket bookkeeping, memoised scans, iterative tree walks),
/// so each renders in well under a second even in a debug build; no timeouts.
@Suite(.serialized) struct PathologicalTests {
    static func cpuTime() -> Double {
        #if canImport(Glibc) || canImport(Darwin)
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
        #else
        return Date().timeIntervalSince1970
        #endif
    }

    /// Renders and checks the output. The time is printed, not asserted (performance belongs to
    /// the benchmark command, not to timed tests): a quadratic parser would make this suite take
    /// minutes instead of seconds, which no one would miss.
    static func timed(_ name: String, _ input: String, options: MarkdownOptions = .init(),
                      check: (String) -> Bool = { !$0.isEmpty }) {
        let start = cpuTime()
        let html = Markdown.html(input, options: options)
        let elapsed = cpuTime() - start
        print("pathological \(name): \(input.utf8.count) bytes → \(html.utf8.count) bytes in \(String(format: "%.3f", elapsed))s CPU")
        #expect(check(html), "\(name): unexpected output")
    }

    static func rep(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    @Test func deepBlockQuotes() {
        Self.timed("100k nested block quotes", Self.rep(">", 100_000) + " a\n") {
            $0.hasPrefix("<blockquote>\n<blockquote>") && $0.contains("<p>a</p>")
        }
    }

    @Test func deepLists() {
        Self.timed("100k nested bullet lists", Self.rep("- ", 100_000) + "a\n") {
            $0.hasPrefix("<ul>\n<li>\n<ul>") && $0.contains("<li>a</li>")
        }
        Self.timed("50k nested ordered lists", Self.rep("1. ", 50_000) + "a\n") { $0.hasPrefix("<ol>\n<li>\n<ol>") }
        Self.timed("deep mixed containers", Self.rep("> - ", 30_000) + "a\n") { $0.contains("<li>a</li>") }
    }

    @Test func brackets() {
        Self.timed("50k [", Self.rep("[", 50_000)) { $0.hasPrefix("<p>[[[") }
        Self.timed("50k ]", Self.rep("]", 50_000)) { $0.hasPrefix("<p>]]]") }
        Self.timed("nested brackets", Self.rep("[", 50_000) + "a" + Self.rep("]", 50_000)) { $0.hasPrefix("<p>[[[") }
        Self.timed("nested brackets with reference",
                   "[a]: /u\n\n" + Self.rep("[", 50_000) + "a" + Self.rep("]", 50_000)) { $0.contains("href=\"/u\"") }
        Self.timed("50k (", Self.rep("(", 50_000)) { $0.hasPrefix("<p>(((") }
        Self.timed("[a]( repeated", Self.rep("[a](", 20_000)) { $0.hasPrefix("<p>[a](") }
        Self.timed("unclosed links A", Self.rep("[a](<b", 20_000)) { $0.hasPrefix("<p>[a](") }
        Self.timed("unclosed links B", Self.rep("[a](b", 20_000)) { $0.hasPrefix("<p>[a](b") }
        Self.timed("unclosed link titles", Self.rep("[a](b \"", 30_000)) { $0.hasPrefix("<p>[a](b") }
        Self.timed("link openers and emph closers", Self.rep("[ a_", 30_000)) { $0.hasPrefix("<p>[ a_") }
        Self.timed("nested links", Self.rep("[", 20_000) + "a](b)" + Self.rep("](c)", 20_000)) { $0.contains("<a href=") }
        Self.timed("nested images", Self.rep("![", 20_000) + "a](b)" + Self.rep("](c)", 20_000)) { $0.contains("<img") }
    }

    @Test func emphasis() {
        Self.timed("50k *a", Self.rep("*a", 50_000)) { $0.hasPrefix("<p>") }
        Self.timed("emph openers without closers", Self.rep("_a ", 50_000)) { $0.hasPrefix("<p>_a _a") }
        Self.timed("emph closers without openers", Self.rep("a_ ", 50_000)) { $0.hasPrefix("<p>a_ a_") }
        Self.timed("mismatched openers and closers", Self.rep("*a_ ", 30_000)) { $0.hasPrefix("<p>") }
        Self.timed("openers and closers multiple of 3", "a**b" + Self.rep("c* ", 50_000)) { $0.hasPrefix("<p>") }
        Self.timed("deeply nested emphasis",
                   Self.rep("*a **a ", 20_000) + "b" + Self.rep(" a** a*", 20_000)) {
            $0.hasPrefix("<p><em>a <strong>a <em>a")
        }
        Self.timed("nested strong", Self.rep("**", 50_000) + "a" + Self.rep("**", 50_000)) { $0.contains("<strong>") }
        Self.timed("strikethrough runs", Self.rep("~a ~~b ", 30_000)) { $0.hasPrefix("<p>") }
    }

    @Test func rawHTMLAndCode() {
        Self.timed("50k <", Self.rep("<", 50_000)) { $0.hasPrefix("<p>&lt;&lt;") }
        Self.timed("unclosed comments", Self.rep("a <!-- ", 30_000)) { $0.hasPrefix("<p>a &lt;!--") }
        Self.timed("unclosed processing instructions", Self.rep("a <? ", 30_000)) { $0.hasPrefix("<p>a &lt;?") }
        Self.timed("unclosed CDATA", Self.rep("a <![CDATA[ ", 20_000)) { $0.hasPrefix("<p>a &lt;![CDATA[") }
        Self.timed("unclosed declarations", Self.rep("a <!A ", 30_000)) { $0.hasPrefix("<p>a &lt;!A") }
        Self.timed("unclosed attributes", Self.rep("<a b=\"", 30_000)) { $0.hasPrefix("<p>") }
        let ticks = (1...1_000).map { "a" + String(repeating: "`", count: $0) }.joined()
        Self.timed("backtick runs", ticks) { $0.hasPrefix("<p>a`a") }
        Self.timed("macro openers (MDN)", Self.rep("{{ ", 30_000), options: .init(mdn: true)) { $0.hasPrefix("<p>{{") }
    }

    @Test func blocksAndReferences() {
        Self.timed("many reference definitions", (0..<20_000).map { "[r\($0)]: /u\($0)\n" }.joined() + "[r19999]") {
            $0.contains("/u19999")
        }
        Self.timed("huge table", "| a | b |\n| - | - |\n" + Self.rep("| x | y |\n", 20_000)) { $0.contains("<tbody>") }
        Self.timed("table with many columns", Self.rep("| a ", 5_000) + "|\n" + Self.rep("| - ", 5_000) + "|\n" + Self.rep("| x ", 5_000) + "|\n") {
            $0.contains("<table>")
        }
        Self.timed("NUL bytes", Self.rep("a\u{0}", 50_000)) { $0.contains("\u{FFFD}") }
        Self.timed("many lines", Self.rep("a\n", 50_000)) { $0.hasPrefix("<p>a\na") }
        Self.timed("extended autolinks", Self.rep("www.example.com ", 20_000)) { $0.contains("http://www.example.com") }
    }
}
