import Testing
@testable import FolioHTML

@Suite struct EntityTests {
    @Test func table() {
        #expect(namedEntities.count == 2231)
        #expect(namedEntities["amp;"] == "&" && namedEntities["amp"] == "&")
        #expect(namedEntities["CounterClockwiseContourIntegral;"] == "\u{2233}")
        #expect(namedEntities["NotEqualTilde;"] == "\u{2242}\u{338}")
        #expect(namedEntities["NewLine;"] == "\n")
    }

    @Test func references() {
        #expect(CharRef.decodeAll("&lt;&GT;&nbsp;&NotEqualTilde;") == "<>\u{A0}\u{2242}\u{338}")
        #expect(CharRef.decodeAll("&#x110000;&#xD800;&#0;&#x9F;&#65&#x41x") == "\u{FFFD}\u{FFFD}\u{FFFD}\u{178}AAx")
        #expect(CharRef.decodeAll("&#99999999999999999999;") == "\u{FFFD}")
        #expect(CharRef.decodeAll("&#;&#x;&;&unknown;&ampx") == "&#;&#x;&;&unknown;&x")
        #expect(CharRef.decodeAll("&copy=1", inAttribute: true) == "&copy=1")
        #expect(CharRef.decodeAll("&copy;=1", inAttribute: true) == "©=1")
        #expect(CharRef.decodeAll("&#x1F600;") == "😀")
    }
}

@Suite struct ForeignContentTests {
    func rt(_ s: String) -> String { HTMLSerializer.serialize(HTMLParser.parseFragment(s)) }

    @Test func namespaces() {
        let t = HTMLParser.parseFragment("<svg><circle/><foreignObject><p>x</p></foreignObject></svg><math><mi>a</mi><mtext><b>b</b></mtext></math>")
        let names = t.descendants.filter(\.isElement).map { "\($0.namespace.rawValue):\($0.name)" }
        #expect(names == ["svg:svg", "svg:circle", "svg:foreignobject", "html:p", "mathml:math", "mathml:mi",
                          "mathml:mtext", "html:b"])
        // <style> inside math is a MathML element whose content is markup, not raw text.
        #expect(rt("<math><style><i>x</i></style></math>") == "<math><style></style></math><i>x</i>")
        #expect(rt("<svg><style>a&lt;b</style></svg>") == "<svg><style>a&lt;b</style></svg>")
        #expect(rt("<math><mi/>x</math>") == "<math><mi></mi>x</math>")
        #expect(rt("<math><font color=red>x</font></math>") == "<math></math><font color=\"red\">x</font>")
        #expect(rt("<math><font>x</font></math>") == "<math><font>x</font></math>")
        #expect(rt("<math></br></math>") == "<math></math><br>")
    }
}

@Suite struct FilterUnitTests {
    @Test func css() {
        let allowed = SanitizerPolicy.kuma.allowedStyles
        #expect(CSSFilter.filter("color: red", allowed: allowed) == "color: red")
        #expect(CSSFilter.filter("font-family: \"Open Sans\", serif; margin: 0 !important", allowed: allowed) == "font-family: \"Open Sans\", serif; margin: 0 !important")
        #expect(CSSFilter.filter("font-family: \"a;b\"; color: red", allowed: allowed) == "font-family: \"a;b\"; color: red")
        #expect(CSSFilter.filter("color: red; font-family: \"unterminated", allowed: allowed) == "color: red")
        #expect(CSSFilter.filter("background: url(data:image/png;base64,AAAA)", allowed: allowed) == "")
        #expect(CSSFilter.filter("background: url( 'java\tscript:x' )", allowed: allowed) == "")
        #expect(CSSFilter.filter("background: url(/img/a.png) no-repeat", allowed: allowed) == "background: url(/img/a.png) no-repeat")
        #expect(CSSFilter.filter("color: red) ; color: blue", allowed: allowed) == "color: blue")
        #expect(CSSFilter.filter("position: fixed; z-index: 10", allowed: allowed) == "position: fixed")
        let once = CSSFilter.filter(" COLOR :red;;; width:1px ", allowed: allowed)
        #expect(CSSFilter.filter(once, allowed: allowed) == once)
    }

    @Test func urls() {
        let k = SanitizerPolicy.kuma
        for ok in ["/x", "x", "#a", "?q", "https://a", "HTTP://a", "mailto:a@b", "irc://x", "ftp://x", "//cdn/x", "a/b:c", ""] {
            #expect(URLFilter.isAllowed(ok, attribute: "href", element: "a", policy: k), "\(ok)")
        }
        for bad in ["javascript:x", " JavaScript:x", "java\nscript:x", "java\u{0}script:x", "vbscript:x", "data:text/html,x",
                    "file:///x", "jar:x", "Template:Foo", "&#106;avascript:x", "\u{FEFF}javascript:x"] {
            #expect(!URLFilter.isAllowed(bad, attribute: "href", element: "a", policy: k), "\(bad)")
        }
    }

    @Test func iframeHosts() {
        let hosts = ["https://www.youtube.com/embed/", "https://mdn.github.io"]
        #expect(URLFilter.iframeSourceAllowed("https://www.youtube.com/embed/abc?x=1", hosts: hosts))
        #expect(URLFilter.iframeSourceAllowed("https://WWW.YOUTUBE.COM/embed/abc", hosts: hosts))
        #expect(URLFilter.iframeSourceAllowed("https://mdn.github.io/a/b", hosts: hosts))
        #expect(!URLFilter.iframeSourceAllowed("https://www.youtube.com/embedx", hosts: hosts))
        #expect(!URLFilter.iframeSourceAllowed("https://www.youtube.com.evil.org/embed/", hosts: hosts))
        #expect(!URLFilter.iframeSourceAllowed("https://evil.org/?https://www.youtube.com/embed/", hosts: hosts))
        #expect(!URLFilter.iframeSourceAllowed("https://www.youtube.com/embed/%2e%2e/x", hosts: hosts))
        #expect(!URLFilter.iframeSourceAllowed("https://x@www.youtube.com/embed/", hosts: hosts))
        #expect(!URLFilter.iframeSourceAllowed("javascript://www.youtube.com/embed/%0aalert(1)", hosts: hosts))
        let p = SanitizerPolicy.kuma.with(iframeHosts: [])
        #expect(Sanitizer.sanitize("<iframe src=\"https://www.youtube.com/embed/x\"></iframe>ok", policy: p) == "ok")
    }

    @Test func customPolicy() {
        let p = SanitizerPolicy(allowedTags: ["b", "a"], allowedAttributes: ["a": ["href"]], allowedStyles: [],
                                allowedProtocols: ["https"])
        #expect(Sanitizer.sanitize("<b style=\"color:red\">x</b><a href=\"http://x\">y</a><a href=\"https://x\">z</a><i>w</i>", policy: p)
                == "<b>x</b><a>y</a><a href=\"https://x\">z</a>w")
    }
}
