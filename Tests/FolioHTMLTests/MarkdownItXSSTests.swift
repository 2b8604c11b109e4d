import Foundation
import Testing
@testable import FolioHTML

/// markdown-it's XSS fixtures: both the markdown sources (as raw HTML-ish input) and
/// markdown-it's expected HTML are fed to the sanitizer and must come out safe.
@Suite struct MarkdownItXSSTests {
    static func cases() -> [(markdown: String, html: String)]? {
        guard let url = sharedDataDirectory("sanitizer/markdown-it-xss.md"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        var out: [(String, String)] = []
        var state = 0          // 0 outside, 1 markdown, 2 html
        var md: [String] = [], html: [String] = []
        for line in text.components(separatedBy: "\n") {
            if line == "." {
                switch state {
                case 0: state = 1; md = []
                case 1: state = 2; html = []
                default: state = 0; out.append((md.joined(separator: "\n"), html.joined(separator: "\n")))
                }
                continue
            }
            if state == 1 { md.append(line) } else if state == 2 { html.append(line) }
        }
        return out
    }

    @Test func fixtures() {
        guard let cases = Self.cases() else { return }
        #expect(cases.count >= 12)
        let withData = SanitizerPolicy.kuma.with(allowDataImages: true)
        for c in cases {
            for policy in [SanitizerPolicy.kuma, withData] {
                expectSafe(Sanitizer.sanitize(c.markdown, policy: policy), policy: policy, "md: \(c.markdown)")
                expectSafe(Sanitizer.sanitize(c.html, policy: policy), policy: policy, "html: \(c.html)")
            }
        }
    }

    @Test func specificOutcomes() {
        // Harmless link kept as is (relative URL).
        #expect(Sanitizer.sanitize("<p><a href=\"javascript\">normal link</a></p>") == "<p><a href=\"javascript\">normal link</a></p>")
        #expect(Sanitizer.sanitize("<p><a href=\"/javascript:link\">normal link</a></p>") == "<p><a href=\"/javascript:link\">normal link</a></p>")
        // Percent-encoded markup in a URL stays inert.
        #expect(Sanitizer.sanitize("<p><a href=\"%22%3E%3Cscript%3Ealert(%22xss%22)%3C/script%3E\">xss link</a></p>")
                == "<p><a href=\"%22%3E%3Cscript%3Ealert(%22xss%22)%3C/script%3E\">xss link</a></p>")
        // "&#74;avascript:" spelled out literally: removed (it decodes to a script URL).
        #expect(Sanitizer.sanitize("<p><a href=\"&amp;#74;avascript:alert(1)\">xss link</a></p>") == "<p><a>xss link</a></p>")
        let gif = "<p><img src=\"data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7\" alt=\"\"></p>"
        #expect(Sanitizer.sanitize(gif) == "<p><img alt=\"\"></p>")
        #expect(Sanitizer.sanitize(gif, policy: SanitizerPolicy.kuma.with(allowDataImages: true)) == gif)
        #expect(Sanitizer.sanitize("<img src=\"data:text/html;base64,PHNjcmlwdD4=\">", policy: SanitizerPolicy.kuma.with(allowDataImages: true)) == "<img>")
        #expect(Sanitizer.sanitize("<a href=\"data:image/gif;base64,R0lG\">x</a>", policy: SanitizerPolicy.kuma.with(allowDataImages: true)) == "<a>x</a>")
        #expect(Sanitizer.sanitize("<a href=\"file:///123\">x</a>") == "<a>x</a>")
        #expect(Sanitizer.sanitize("<pre><code class=\"js\">test1\n</code></pre>") == "<pre><code class=\"js\">test1\n</code></pre>")
    }
}
