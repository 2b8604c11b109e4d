import Testing
@testable import FolioHTML

@Suite struct ParserTests {
    func rt(_ s: String) -> String { HTMLSerializer.serialize(HTMLParser.parseFragment(s)) }

    @Test func basics() {
        #expect(rt("<p>a<b>b</b></p>") == "<p>a<b>b</b></p>")
        #expect(rt("<P CLASS=x>hi") == "<p class=\"x\">hi</p>")
        #expect(rt("<p>a<p>b") == "<p>a</p><p>b</p>")
        #expect(rt("<ul><li>a<li>b</ul>") == "<ul><li>a</li><li>b</li></ul>")
        #expect(rt("<br/><img src=x>") == "<br><img src=\"x\">")
        #expect(rt("a &amp; &lt; &copy &notit; &#x41;&#65;&#0;&#x80;") == "a &amp; &lt; © ¬it; AA\u{FFFD}€")
        #expect(rt("<a href='?a=1&copy=2'>x</a>") == "<a href=\"?a=1&amp;copy=2\">x</a>")
        #expect(rt("</div>x") == "x")
        #expect(rt("<div><b></div>x") == "<div><b></b></div>x")
        #expect(rt("<!-- c -->") == "<!-- c -->")
        #expect(rt("<!DOCTYPE html><p>x") == "<p>x</p>")
        #expect(rt("<script>a<b>&amp;</script>") == "<script>a<b>&amp;</script>")
        #expect(rt("<textarea>a<b>&amp;</textarea>") == "<textarea>a&lt;b&gt;&amp;</textarea>")
        #expect(rt("<pre>\n\nx</pre>") == "<pre>\n\nx</pre>")
        #expect(rt("<p>a<div>b</div>") == "<p>a</p><div>b</div>")
        #expect(rt("<table><tr><td>a<td>b<tr><td>c</table>") == "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>")
        #expect(rt("<math><mi>x</mi><b>y</b></math>") == "<math><mi>x</mi></math><b>y</b>")
        #expect(rt("<math><![CDATA[<x>]]></math>") == "<math>&lt;x&gt;</math>")
        #expect(rt("<![CDATA[<x>]]>") == "<!--[CDATA[<x-->]]&gt;")
        #expect(rt("<a x y=1 x=2>") == "<a x=\"\" y=\"1\"></a>")
        #expect(rt("<a\u{0}b>") == "<a\u{FFFD}b></a\u{FFFD}b>")
        #expect(rt("a\r\nb\rc") == "a\nb\nc")
        #expect(rt("<div") == "")
        #expect(rt("x<") == "x&lt;")
        #expect(rt("<3 </ 3>") == "&lt;3 <!-- 3-->")
    }

    @Test func roundTripStable() {
        let inputs = [
            "<p>a<button><div>x</div></button>", "<pre>&#10;x</pre>", "<p>&#13;</p>",
            "<math><mtext><mglyph><style>x</style></mglyph></mtext></math>",
            "<svg><p>x</svg>", "<select><option>a<option>b</select>", "<dl><dt>a<dd>b<dt>c</dl>",
            "<x =a=1 b\"c=2>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "<table><td><table><td>x</table></table>", "<b><i>x</b>y</i>",
        ]
        for s in inputs {
            let once = rt(s)
            #expect(rt(once) == once, "\(s)")
        }
    }
}

@Suite struct NodeLifetimeTests {
    @Test func retainedSubtreeSurvivesRoot() {
        var root: HTMLNode? = HTMLParser.parseFragment("<div><p>a<b>b</b></p></div>")
        let p = root!.children[0].children[0]
        #expect(p.parent?.name == "div")
        root = nil
        // The parent pointer was cleared when the tree died; the retained subtree is intact.
        #expect(p.parent == nil)
        #expect(HTMLSerializer.serialize(p) == "<p>a<b>b</b></p>")
        #expect(p.children[1].parent === p)
    }

    @Test func mutationKeepsParentsConsistent() {
        let root = HTMLNode.fragment()
        let a = HTMLNode.element("a"), b = HTMLNode.element("b")
        root.appendChild(a)
        a.appendChild(b)
        root.appendChild(b)          // moves b
        #expect(a.children.isEmpty && b.parent === root)
        root.insertChild(HTMLNode.textNode("t"), at: 0)
        #expect(HTMLSerializer.serialize(root) == "t<a></a><b></b>")
        b.removeFromParent()
        #expect(b.parent == nil && root.children.count == 2)
        root.removeAllChildren()
        #expect(a.parent == nil)
    }
}
