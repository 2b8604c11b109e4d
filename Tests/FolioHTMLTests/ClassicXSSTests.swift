import Foundation
import Testing
@testable import FolioHTML

/// Classic filter-evasion shapes (OWASP XSS cheat sheet, DOMPurify/mXSS reports, html5sec).
/// Each must be safe (see expectSafe); where the exact output matters it is pinned.
struct XSSVector: CustomTestStringConvertible, Sendable {
    let input: String
    let expected: String?
    var testDescription: String { input.debugDescription }
}

private func v(_ input: String, _ expected: String? = nil) -> XSSVector { XSSVector(input: input, expected: expected) }

let classicVectors: [XSSVector] = [
    v("<IMG SRC=javascript:alert('XSS')>", "<img>"),
    v("<IMG SRC=JaVaScRiPt:alert('XSS')>", "<img>"),
    v("<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>", "<img>"),
    v("<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>", "<img>"),
    v("<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097>", "<img>"),
    v("<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61>", "<img>"),
    v("<IMG SRC=\"jav\tascript:alert('XSS');\">", "<img>"),
    v("<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">", "<img>"),
    v("<IMG SRC=\"jav&#x0A;ascript:alert('XSS');\">", "<img>"),
    v("<IMG SRC=\"jav\u{0}ascript:alert('XSS');\">", "<img>"),
    v("<IMG SRC=\" &#14;  javascript:alert('XSS');\">", "<img>"),
    v("<a href=\"  javascript:alert(1)\">x</a>", "<a>x</a>"),
    v("<a href=\"java&NewLine;script:alert(1)\">x</a>", "<a>x</a>"),
    v("<a href=\"&#x6a;avascript&colon;alert(1)\">x</a>", "<a>x</a>"),
    v("<a href=\"vbscript:msgbox(1)\">x</a>", "<a>x</a>"),
    v("<a href=\"VBSCRIPT:msgbox(1)\">x</a>", "<a>x</a>"),
    v("<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">x</a>", "<a>x</a>"),
    v("<a href=\"file:///etc/passwd\">x</a>", "<a>x</a>"),
    v("<a href=\"javascript&#58;alert(1)\">x</a>", "<a>x</a>"),
    v("<a href=\"\u{200B}javascript:alert(1)\">x</a>", "<a>x</a>"),
    v("<a href=\"https://example.com/\" target=\"_blank\" rel=\"noopener\">x</a>", "<a href=\"https://example.com/\" rel=\"noopener\">x</a>"),
    v("<a href=\"mailto:a@b.c\" onclick=\"x()\">m</a>", "<a href=\"mailto:a@b.c\">m</a>"),
    v("<svg/onload=alert('XSS')>", ""),
    v("<svg><script>alert(1)</script></svg>after", "after"),
    v("<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", ""),
    v("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>", "<math><mi>x</mi></math>"),
    v("<math href=\"javascript:alert(1)\"><mi>x</mi></math>", "<math><mi>x</mi></math>"),
    v("<math><maction actiontype=\"statusline\" xlink:href=\"javascript:alert(1)\">x</maction></math>", "<math><maction actiontype=\"statusline\">x</maction></math>"),
    v("<math><style><img src=x onerror=alert(1)></style></math>", "<math></math><img src=\"x\">"),
    v("<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>"),
    v("<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>"),
    v("<math><mtext><mglyph><svg><mtext><style><path id=\"</style><img onerror=alert(1) src>\">"),
    v("<div style=\"background:url(javascript:alert(1))\">x</div>", "<div>x</div>"),
    v("<div style=\"background-image: url('javascript:alert(1)')\">x</div>", "<div>x</div>"),
    v("<div style=\"width: expression(alert(1))\">x</div>", "<div>x</div>"),
    v("<div style=\"behavior: url(xss.htc)\">x</div>", "<div>x</div>"),
    v("<div style=\"-moz-binding: url(http://x/xss.xml#xss)\">x</div>", "<div>x</div>"),
    v("<div style=\"width: ex/**/pression(alert(1))\">x</div>", "<div>x</div>"),
    v("<div style=\"background: u\\72 l(javascript:alert(1))\">x</div>", "<div>x</div>"),
    v("<div style=\"color: red; background: url(https://example.com/a.png); position: fixed\">x</div>",
      "<div style=\"color: red; background: url(https://example.com/a.png); position: fixed\">x</div>"),
    v("<div style=\"color:red;;COLOR : blue ; foo: bar\">x</div>", "<div style=\"color: red; color: blue\">x</div>"),
    v("<p style=\"-moz-border-radius: 3px; -o-border-radius: 3px\">x</p>", "<p style=\"-moz-border-radius: 3px; -o-border-radius: 3px\">x</p>"),
    v("<style>@import 'http://evil/xss.css';</style>x", "x"),
    v("<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>", "<ul><li>XSS<br></li></ul>"),
    v("<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>x", "x"),
    v("<iframe src=\"javascript:alert(1)\">fallback</iframe>", ""),
    v("<iframe src=\"https://www.youtube.com.evil.org/embed/x\"></iframe>", ""),
    v("<iframe src=\"https://www.youtube.com@evil.org/embed/x\"></iframe>", ""),
    v("<iframe src=\"https://www.youtube.com/embed/../../evil\"></iframe>", ""),
    v("<iframe src=\"https://www.youtube.com/embed/abc\" onload=\"x()\" sandbox=\"allow-top-navigation\" width=\"560\"><script>alert(1)</script></iframe>",
      "<iframe src=\"https://www.youtube.com/embed/abc\" width=\"560\" sandbox=\"allow-scripts allow-same-origin allow-popups\"></iframe>"),
    v("<base href=\"javascript:alert(1)//\">x", "x"),
    v("<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">x", "x"),
    v("<link rel=stylesheet href=\"javascript:alert(1)\">x", "x"),
    v("<object data=\"javascript:alert(1)\">fallback</object>", ""),
    v("<embed src=\"javascript:alert(1)\">", ""),
    v("<frameset><frame src=\"javascript:alert(1)\"></frameset>", ""),
    v("<form action=\"javascript:alert(1)\"><button formaction=\"javascript:alert(1)\">go</button></form>", "go"),
    v("<input type=\"image\" src=\"javascript:alert(1)\"><select><option>a</option></select><textarea>t</textarea>", "a"),
    v("<b onmouseover=alert('XSS')>x</b>", "<b>x</b>"),
    v("<b onmouseover=alert('XSS')", ""),
    v("<img src=x onerror=alert(1)//", ""),
    v("<img \"\"\"><script>alert(\"XSS\")</script>\">", "<img>\"&gt;"),
    v("<<script>alert(\"XSS\");//<</script>", "&lt;"),
    v("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)"),   // tag "scr<script", then text
    v("<<script>script>alert(1)</script>", "&lt;"),
    v("<scr\u{0}ipt>alert(1)</scr\u{0}ipt>", "alert(1)"),
    v("<!--<script>alert(1)</script>-->", ""),
    v("<!--[if gte IE 4]><script>alert('XSS');</script><![endif]-->", ""),
    v("<![CDATA[<script>alert(1)</script>]]>", "alert(1)]]&gt;"),   // bogus comment ends at first '>'
    v("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", "<img src=\"x\">\"&gt;"),
    v("<title><img src=x onerror=alert(1)></title>", ""),
    v("<textarea><img src=x onerror=alert(1)></textarea>", ""),
    v("<xmp><img src=x onerror=alert(1)></xmp>", ""),
    v("<noembed><img src=x onerror=alert(1)></noembed>", ""),
    v("<template><img src=x onerror=alert(1)></template>", ""),
    v("<plaintext><img src=x onerror=alert(1)>", ""),
    v("<div id=\"x\"><p>unclosed <b>bold <i>both", "<div id=\"x\"><p>unclosed <b>bold <i>both</i></b></p></div>"),
    v("<a href=http://example.com/?a=1&b=2>x</a>", "<a href=\"http://example.com/?a=1&amp;b=2\">x</a>"),
    v("<a title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" href=\"/x\">x</a>", "<a title=\"&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" href=\"/x\">x</a>"),
    v("<p title=\"javascript:alert(1)\">x</p>", "<p>x</p>"),
    v("<img src=\"/a.png\" alt=\"x\" style=\"width:10px\" onerror=\"alert(1)\">", "<img src=\"/a.png\" alt=\"x\" style=\"width: 10px\">"),
    v("<video src=\"javascript:alert(1)\" controls></video>", "<video controls=\"\"></video>"),
    v("<blockquote cite=\"javascript:alert(1)\">q</blockquote>", "<blockquote>q</blockquote>"),
    v("<details open ontoggle=alert(1)><summary>s</summary>d</details>", "<details open=\"\"><summary>s</summary>d</details>"),
    v("<p>a<button><div>b</div></button></p>"),
    v("<table><tr><td>a<form><td>b</table>", "<table><tr><td>a</td><td>b</td></tr></table>"),
    v("<a href=\"/x\"><a href=\"/y\">nested</a></a>", "<a href=\"/x\"></a><a href=\"/y\">nested</a>"),
    v("<div\tonclick=alert(1)>x</div>", "<div>x</div>"),
    v("<div/onclick=alert(1)>x</div>", "<div>x</div>"),
    v("<div =onclick=alert(1)>x</div>", "<div>x</div>"),
    v("<?xml version=\"1.0\"?><p>x</p>", "<p>x</p>"),
    v("<h1 id=a name=b onclick=c>T</h1>", "<h1 id=\"a\" name=\"b\">T</h1>"),
    v("\u{0}<b>\u{0}x</b>", "<b>x</b>"),
]

@Suite struct ClassicXSSTests {
    @Test(arguments: classicVectors)
    func vector(_ vec: XSSVector) {
        let out = Sanitizer.sanitize(vec.input)
        expectSafe(out, vec.input)
        if let e = vec.expected { #expect(out == e) }
    }

    @Test func vectorCount() { #expect(classicVectors.count >= 60) }

    @Test func iframeAllowlist() {
        let p = SanitizerPolicy.kuma.with(iframeHosts: ["https://mdn.mozillademos.org/"])
        #expect(Sanitizer.sanitize("<iframe src=\"https://mdn.mozillademos.org/en-US/docs/X$samples/a\"></iframe>", policy: p)
                == "<iframe src=\"https://mdn.mozillademos.org/en-US/docs/X$samples/a\" sandbox=\"allow-scripts allow-same-origin allow-popups\"></iframe>")
        #expect(Sanitizer.sanitize("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>", policy: p) == "")
        #expect(Sanitizer.sanitize("<iframe src=\"http://mdn.mozillademos.org/x\"></iframe>", policy: p) == "")
        #expect(Sanitizer.sanitize("<iframe src=\"https://MDN.mozillademos.org:443/x\"></iframe>", policy: p) != "")
        #expect(Sanitizer.sanitize("<iframe src=\"https://mdn.mozillademos.org\\@evil.com/\"></iframe>", policy: p) == "")
        #expect(Sanitizer.sanitize("<iframe src=\"//mdn.mozillademos.org/x\"></iframe>", policy: p) == "")
        #expect(Sanitizer.sanitize("<iframe src=\"https://mdn.mozillademos.org:8080/x\"></iframe>", policy: p) == "")
    }

    @Test func kumaPolicyFacts() {
        let k = SanitizerPolicy.kuma
        #expect(k.allowedTags.contains("munderover"))
        #expect(k.allowedAttributes["munderover"]?.contains("accentunder") == true)
        #expect(k.allowedAttributes["mundermover"] == nil)
        #expect(k.allowedStyles.contains("-moz-border-radius") && k.allowedStyles.contains("-o-border-radius"))
        #expect(!k.allowedStyles.contains { $0.contains(",") })
        for t in ["input", "select", "option", "textarea", "script", "style", "form", "svg", "object", "embed"] {
            #expect(!k.allowedTags.contains(t), "\(t)")
        }
        #expect(k.allowedAttributes["a"]?.contains("target") == false)
        #expect(k.allowedAttributes["a"]?.contains("rel") == true)
        #expect(k.allowedTags.count == 119)   // Kuma's 123 unique minus input/select/option/textarea
        #expect(k.allowedStyles.count == 139)  // Kuma's 138 unique, with the broken "a, b" entry split in two
    }
}
