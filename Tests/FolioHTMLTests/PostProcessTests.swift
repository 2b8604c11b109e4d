import Foundation
import Testing
@testable import FolioHTML

@Suite struct PostProcessTests {
    @Test func sectionIDs() {
        let r = PostProcessor.process("<h2>Hello, World: \"x\" & y?</h2><h2>Hello World x y</h2><h3 id=\"Keep\">K</h3><h2>Keep</h2><h2 name=\"Named one\">ignored</h2><h2></h2><h2 id=\"dup\">a</h2><h2 id=\"dup\">b</h2><p id=\"Later\">x</p><h2>Later</h2>")
        #expect(r.sections.map(\.id) == ["Hello_World_x_y", "Hello_World_x_y_2", "Keep", "Keep_2", "Named_one", "sect1", "dup", "dup", "Later_2"])
        // Stable.
        #expect(PostProcessor.process(r.html).html == r.html)
        #expect(SectionIDs.slugify("  a\tb  c ~`{}|^ d ") == "a_b_c_d")
        #expect(PostProcessor.process("<section><h2>x</h2></section>").html == "<section id=\"sect1\"><h2 id=\"x\">x</h2></section>")
    }

    @Test func toc() {
        let src = "<h2>A <code>x</code> <em>y</em></h2><h3>B</h3><h4>C</h4><h3>D</h3><h2>E</h2>"
        let r3 = PostProcessor.process(src, options: .init(tocDepth: 3))
        #expect(r3.tocHTML == "<ol><li><a href=\"#A_x_y\">A <code>x</code> y</a><ol><li><a href=\"#B\">B</a></li><li><a href=\"#D\">D</a></li></ol></li><li><a href=\"#E\">E</a></li></ol>")
        #expect(r3.sections == [Section(id: "A_x_y", title: "A x y", level: 2), Section(id: "B", title: "B", level: 3),
                                Section(id: "D", title: "D", level: 3), Section(id: "E", title: "E", level: 2)])
        let r2 = PostProcessor.process(src, options: .init(tocDepth: 2))
        #expect(r2.tocHTML == "<ol><li><a href=\"#A_x_y\">A <code>x</code> y</a></li><li><a href=\"#E\">E</a></li></ol>")
        let r1 = PostProcessor.process(src, options: .init(tocDepth: 1))
        #expect(r1.sections.count == 5)
        #expect(PostProcessor.process(src, options: .init(tocDepth: 0)).tocHTML == "")
        #expect(PostProcessor.process("<p>x</p>").tocHTML == "")
        // Skipped level and a heading shallower than the first.
        let odd = PostProcessor.process("<h3>a</h3><h2>b</h2><h4>c</h4>", options: .init(tocDepth: 4))
        #expect(odd.tocHTML == "<ol><li><a href=\"#a\">a</a></li><li><a href=\"#b\">b</a><ol><li><a href=\"#c\">c</a></li></ol></li></ol>")
    }

    @Test func links() {
        let html = """
        <a href="https://example.org/">ext</a><a href="/en-US/docs/Web/CSS">ok</a><a href="/en-US/docs/Missing?x#y">missing</a>\
        <a href="/fr/docs/new?parent=1">new</a><a href="/en-US/docs/Web$edit">act</a><a href="/en-US/docs/tag/css">tag</a>\
        <a href="https://wiki.example/en-US/docs/Web/CSS#x">site</a><a href="/en-US/docs/Caf%C3%A9" rel="author">café</a><a href="#top">top</a>
        """
        #expect(PostProcessor.wikiLinks(in: html) == ["/en-us/docs/web/css", "/en-us/docs/missing", "/en-us/docs/café"])
        let r = PostProcessor.process(html, options: .init(siteURL: "https://wiki.example/", existingPaths: ["/en-us/docs/web/css"]))
        #expect(r.html == """
        <a href="https://example.org/" class="external">ext</a><a href="/en-US/docs/Web/CSS">ok</a>\
        <a href="/en-US/docs/Missing?x#y" class="new" rel="nofollow">missing</a><a href="/fr/docs/new?parent=1">new</a>\
        <a href="/en-US/docs/Web$edit">act</a><a href="/en-US/docs/tag/css">tag</a><a href="/en-US/docs/Web/CSS#x">site</a>\
        <a href="/en-US/docs/Caf%C3%A9" rel="author nofollow" class="new">café</a><a href="#top">top</a>
        """)
        // nil existingPaths: nothing marked missing.
        #expect(!PostProcessor.process(html).html.contains("nofollow"))
    }

    @Test func summary() {
        let r = PostProcessor.process("<div><p>nested</p></div><p>REDIRECT <a>x</a> Redirect</p><p>« back</p><p>The <strong>first</strong>  real ,\n paragraph (yes ) .</p><p>second</p>")
        #expect(r.summary == "The first real, paragraph (yes).")
        #expect(r.summaryHTML == "The <strong>first</strong>  real ,\n paragraph (yes ) .")
        let s = PostProcessor.process("<p>first</p><div><span class=\"seoSummary\">The <b>SEO</b> one</span></div>")
        #expect(s.summary == "The SEO one")
        #expect(s.summaryHTML == "The <b>SEO</b> one")
        let long = PostProcessor.process("<p>" + String(repeating: "word ", count: 200) + "</p>")
        #expect(long.summary.count <= 300 && long.summary.hasSuffix("…"))
        let inSection = PostProcessor.process("<p>intro</p><h2>Summary</h2><p>the summary</p><h2>Next</h2>")
        #expect(inSection.summary == "the summary")
    }

    @Test func sidebar() {
        let r = PostProcessor.process("<h2 id=\"Quick_Links\">QL</h2><ol><li><a href=\"https://x.org/\">x</a></li></ol><h2>Body</h2><p>b</p>")
        #expect(r.sidebarHTML?.trimmingCharacters(in: .whitespacesAndNewlines) == "<ol><li><a href=\"https://x.org/\" class=\"external\">x</a></li></ol>")
        #expect(r.html == "<h2 id=\"Body\">Body</h2><p>b</p>")
        #expect(r.sections.map(\.id) == ["Body"])
        let s = PostProcessor.process("<section id=\"Quick_Links\"><ol><li>a</li></ol></section><p>b</p>")
        #expect(s.sidebarHTML == "<ol><li>a</li></ol>")
        #expect(s.html == "<p>b</p>")
        #expect(PostProcessor.process("<p>x</p>").sidebarHTML == nil)
    }

    @Test func liveSamples() {
        let html = """
        <h2>Examples</h2><h3>Basic</h3><pre class="brush: html">&lt;p&gt;Hi&amp;nbsp;there&lt;/p&gt;</pre>\
        <pre class="brush: css; highlight:[2]">p {&nbsp;color: red; }</pre><pre class="brush:js">let a = 1 &lt; 2;</pre>\
        <h3>Other</h3><pre class="css">b {}</pre><pre><code class="language-js">x()</code></pre>\
        <h2>Unrelated</h2><pre class="brush: html live-sample___Basic">&lt;b&gt;extra&lt;/b&gt;</pre>\
        <div id="box"><pre class="html">&lt;i&gt;</pre></div><pre class="brush: python">nope</pre>
        """
        let r = PostProcessor.process(html)
        let basic = r.liveSamples["Basic"]
        #expect(basic?.html == "<p>Hi&nbsp;there</p>\n<b>extra</b>")
        #expect(basic?.css == "p { color: red; }")
        #expect(basic?.js == "let a = 1 < 2;")
        #expect(r.liveSamples["Other"] == LiveSample(id: "Other", html: "", css: "b {}", js: "x()"))
        #expect(r.liveSamples["Examples"]?.css == "p { color: red; }\nb {}")
        #expect(r.liveSamples["box"]?.html == "<i>")
        #expect(r.liveSamples["Unrelated"]?.html == "<i>")
        #expect(r.liveSamples.count == 5)
    }
}

@Suite struct PipelineTests {
    /// A Kuma-style page through sanitize + post-process, end to end.
    @Test func kumaStylePage() {
        let page = """
        <div class="summary"><p>The <strong><code>map()</code></strong> method <span class="seoSummary">creates a new   array.</span></p></div>
        <h2 id="Quick_Links">Quick links</h2><ol><li><a href="https://wiki.example/en-US/docs/Web">Web</a></li></ol>
        <h2>Syntax</h2><pre class="syntaxbox">arr.map(f)</pre>
        <h2>Examples</h2><h3>Mapping an array</h3>
        <pre class="brush: html">&lt;p&gt;Hi&amp;nbsp;there&lt;/p&gt;</pre><pre class="brush: js">[1].map(Math.sqrt);</pre>
        <iframe src="https://mdn.mozillademos.org/en-US/docs/Web$samples/Mapping_an_array" width="300" onload="x()"></iframe>
        <h2>See also</h2><ul><li><a href="/en-US/docs/Web" target="_blank">Web</a></li><li><a href="/en-US/docs/Nope">Nope</a></li></ul>
        <script>alert(1)</script>
        """
        let clean = Sanitizer.sanitize(page)
        #expect(!clean.contains("<script") && !clean.contains("target") && !clean.contains("onload"))
        #expect(clean.contains("sandbox=\"allow-scripts allow-same-origin allow-popups\""))
        #expect(PostProcessor.wikiLinks(in: clean) == ["/en-us/docs/web", "/en-us/docs/nope"])
        let r = PostProcessor.process(clean, options: .init(tocDepth: 3, siteURL: "https://wiki.example", existingPaths: ["/en-us/docs/web"]))
        #expect(r.sections.map(\.id) == ["Syntax", "Examples", "Mapping_an_array", "See_also"])
        #expect(r.summary == "creates a new array.")
        #expect(r.sidebarHTML?.trimmingCharacters(in: .whitespacesAndNewlines) == "<ol><li><a href=\"/en-US/docs/Web\">Web</a></li></ol>")
        #expect(!r.html.contains("Quick_Links"))
        #expect(r.html.contains("<a href=\"/en-US/docs/Nope\" class=\"new\" rel=\"nofollow\">Nope</a>"))
        #expect(r.liveSamples["Mapping_an_array"] == LiveSample(id: "Mapping_an_array", html: "<p>Hi&nbsp;there</p>", css: "", js: "[1].map(Math.sqrt);"))
        #expect(r.liveSamples["Examples"]?.js == "[1].map(Math.sqrt);")
        #expect(r.tocHTML.hasPrefix("<ol><li><a href=\"#Syntax\">Syntax</a></li><li><a href=\"#Examples\">Examples</a><ol>"))
        // Post-processing its own output changes nothing.
        let again = PostProcessor.process(r.html, options: .init(tocDepth: 3, siteURL: "https://wiki.example", existingPaths: ["/en-us/docs/web"]))
        #expect(again.html == r.html && again.tocHTML == r.tocHTML && again.summary == r.summary && again.liveSamples == r.liveSamples)
    }
}

@Suite struct CodableTests {
    @Test func processedRoundTrips() throws {
        let r = PostProcessor.process("<h2>A</h2><pre class=\"brush: css\">p{}</pre><p>s</p>")
        let data = try JSONEncoder().encode(r)
        #expect(try JSONDecoder().decode(ProcessedHTML.self, from: data) == r)
    }
}

@Suite struct SectionEditingTests {
    let doc = "<h2 id=\"A\">A</h2><p>a</p><h3 id=\"B\">B</h3><p>b</p><h2 id=\"C\">C</h2><p>c</p><div id=\"D\"><p>d</p></div>"

    @Test func extract() {
        #expect(HTMLSections.extract(id: "A", from: doc) == "<h2 id=\"A\">A</h2><p>a</p><h3 id=\"B\">B</h3><p>b</p>")
        #expect(HTMLSections.extract(id: "B", from: doc, includeHeading: false) == "<p>b</p>")
        #expect(HTMLSections.extract(id: "D", from: doc) == "<p>d</p>")
        #expect(HTMLSections.extract(id: "Z", from: doc) == nil)
    }

    @Test func replace() {
        #expect(HTMLSections.replace(id: "A", in: doc, with: "<h2 id=\"A\">A2</h2><p>new</p>")
                == "<h2 id=\"A\">A2</h2><p>new</p><h2 id=\"C\">C</h2><p>c</p><div id=\"D\"><p>d</p></div>")
        #expect(HTMLSections.replace(id: "D", in: doc, with: "<b>x</b>")?.hasSuffix("<div id=\"D\"><b>x</b></div>") == true)
        #expect(HTMLSections.replace(id: "Z", in: doc, with: "x") == nil)
    }
}
