import Foundation
import Testing
@testable import FolioMarkdown

struct MDNExtensionTests {
    let mdn = MarkdownOptions(gfm: true, mdn: true)

    @Test func alertNote() {
        let html = Markdown.html("> [!NOTE]\n> This is how you write a note.\n>\n> It can have multiple lines.\n", options: mdn)
        #expect(html == """
        <div class="notecard note">
        <p><strong>Note:</strong> This is how you write a note.</p>
        <p>It can have multiple lines.</p>
        </div>

        """)
    }

    @Test func alertWarningAndCallout() {
        let warning = Markdown.html("> [!WARNING]\n> Careful.\n", options: mdn)
        #expect(warning == "<div class=\"notecard warning\">\n<p><strong>Warning:</strong> Careful.</p>\n</div>\n")
        let callout = Markdown.html("> [!CALLOUT]\n>\n> **Title.**\n>\n> Body.\n", options: mdn)
        #expect(callout == "<div class=\"callout\">\n<p><strong>Title.</strong></p>\n<p>Body.</p>\n</div>\n")
        // Marker followed by an empty line: the label goes on the next paragraph.
        let note = Markdown.html("> [!NOTE]\n>\n> Text.\n", options: mdn)
        #expect(note == "<div class=\"notecard note\">\n<p><strong>Note:</strong> Text.</p>\n</div>\n")
    }

    @Test func legacyNotecards() {
        let html = Markdown.html("> **Note:** Old style.\n", options: mdn)
        #expect(html == "<div class=\"notecard note\">\n<p><strong>Note:</strong> Old style.</p>\n</div>\n")
        let warn = Markdown.html("> **Warning:** Old style.\n", options: mdn)
        #expect(warn.hasPrefix("<div class=\"notecard warning\">"))
        // Plain block quotes stay block quotes, and nothing happens without mdn.
        #expect(Markdown.html("> quote\n", options: mdn) == "<blockquote>\n<p>quote</p>\n</blockquote>\n")
        #expect(Markdown.html("> [!NOTE]\n> x\n").hasPrefix("<blockquote>"))
    }

    @Test func notecardWithCodeBlock() {
        let md = "> [!NOTE]\n> Text.\n>\n> ```js\n> const s = 1;\n> ```\n"
        let html = Markdown.html(md, options: mdn)
        #expect(html == "<div class=\"notecard note\">\n<p><strong>Note:</strong> Text.</p>\n<pre class=\"brush: js notranslate\">const s = 1;\n</pre>\n</div>\n")
    }

    @Test func definitionList() {
        let md = "- term1\n  - : My description of term1\n- `term2`\n  - : Description of term2\n"
        let html = Markdown.html(md, options: mdn)
        #expect(html == """
        <dl>
        <dt>term1</dt>
        <dd>My description of term1</dd>
        <dt><code>term2</code></dt>
        <dd>Description of term2</dd>
        </dl>

        """)
    }

    @Test func definitionListWithBlocks() {
        let md = "- term\n\n  - : First paragraph.\n\n    Second paragraph.\n\n    ```js\n    const thing = 1;\n    ```\n"
        let html = Markdown.html(md, options: mdn)
        #expect(html.hasPrefix("<dl>\n<dt>term</dt>\n<dd>\n<p>First paragraph.</p>\n<p>Second paragraph.</p>\n<pre class=\"brush: js notranslate\">"))
        #expect(html.hasSuffix("</dd>\n</dl>\n"))
    }

    @Test func notADefinitionList() {
        // One item lacks the `- : ` child: stays a normal list.
        let md = "- a\n  - : def\n- b\n"
        #expect(Markdown.html(md, options: mdn).hasPrefix("<ul>"))
        #expect(Markdown.html("- a\n  - : def\n").hasPrefix("<ul>"))
    }

    @Test func codeFenceClasses() {
        #expect(MDNCodeBlock.classes(forInfo: "js") == "brush: js notranslate")
        #expect(MDNCodeBlock.classes(forInfo: "js-nolint") == "brush: js notranslate")
        #expect(MDNCodeBlock.classes(forInfo: "js example-good") == "brush: js notranslate example-good")
        #expect(MDNCodeBlock.classes(forInfo: "js-nolint example-bad") == "brush: js notranslate example-bad")
        #expect(MDNCodeBlock.classes(forInfo: "css hidden") == "brush: css notranslate hidden")
        #expect(MDNCodeBlock.classes(forInfo: "html live-sample___demo") == "brush: html notranslate live-sample___demo")
        #expect(MDNCodeBlock.classes(forInfo: "html interactive-example") == "brush: html notranslate interactive-example")
        #expect(MDNCodeBlock.classes(forInfo: "") == "notranslate")
        let html = Markdown.html("```js example-good\nlet a = 1 < 2;\n```\n", options: mdn)
        #expect(html == "<pre class=\"brush: js notranslate example-good\">let a = 1 &lt; 2;\n</pre>\n")
    }

    @Test func headingIDs() {
        let md = "## Browser compatibility\n\n## See also\n\n## See also\n\n### The `<div>` element: what's new?\n\n## See also\n"
        let html = Markdown.html(md, options: mdn)
        #expect(html == """
        <h2 id="browser_compatibility">Browser compatibility</h2>
        <h2 id="see_also">See also</h2>
        <h2 id="see_also_2">See also</h2>
        <h3 id="the_div_element_whats_new">The <code>&lt;div&gt;</code> element: what's new?</h3>
        <h2 id="see_also_3">See also</h2>

        """)
        #expect(MDNHeadings.slug("  Hello   World  ") == "hello_world")
        #expect(MDNHeadings.slug("Array.prototype.at()") == "array.prototype.at")
        #expect(MDNHeadings.slug("a & b") == "a__b")
        #expect(MDNHeadings.slug("Über-Größe 2") == "über-größe_2")
        #expect(!Markdown.html("# A\n").contains("id="))
    }

    @Test func macrosSurvive() {
        let md = "See {{domxref(\"Element/click_event\", \"click\")}} and {{cssxref(\"font_family\")}} *x*.\n"
        let html = Markdown.html(md, options: mdn)
        #expect(html == "<p>See {{domxref(&quot;Element/click_event&quot;, &quot;click&quot;)}} and {{cssxref(&quot;font_family&quot;)}} <em>x</em>.</p>\n")
        // Brackets, emphasis and entities inside a macro are not interpreted.
        let tricky = Markdown.html("{{Foo(\"[a](b) *c* &amp; _d_\")}}\n", options: mdn)
        #expect(tricky == "<p>{{Foo(&quot;[a](b) *c* &amp;amp; _d_&quot;)}}</p>\n")
        // `\{{` is kept verbatim so the macro engine can see the escape.
        #expect(Markdown.html("Literal \\{{Foo}} here.\n", options: mdn) == "<p>Literal \\{{Foo}} here.</p>\n")
        // Without mdn the backslash escape applies as in CommonMark.
        #expect(Markdown.html("Literal \\{{Foo}} here.\n") == "<p>Literal {{Foo}} here.</p>\n")
        // Code spans and code blocks are untouched.
        #expect(Markdown.html("`{{Foo}}` and `\\{{`\n", options: mdn) == "<p><code>{{Foo}}</code> and <code>\\{{</code></p>\n")
        #expect(Markdown.html("```\n{{Foo}}\n```\n", options: mdn) == "<pre class=\"notranslate\">{{Foo}}\n</pre>\n")
    }
}

struct FrontMatterTests {
    @Test func basicFields() throws {
        let text = """
        ---
        title: "Array: at() method"
        short-title: at()
        slug: Web/JavaScript/Reference/Global_Objects/Array/at
        page-type: javascript-instance-method
        browser-compat: javascript.builtins.Array.at
        spec-urls: https://tc39.es/ecma262/#sec-array.prototype.at
        sidebar: jsref
        ---

        The **`at()`** method.
        """
        let (fm, body) = try MarkdownDocument.split(text)
        let f = try #require(fm)
        #expect(f.title == "Array: at() method")
        #expect(f.slug == "Web/JavaScript/Reference/Global_Objects/Array/at")
        #expect(f.pageType == "javascript-instance-method")
        #expect(f.browserCompat == ["javascript.builtins.Array.at"])
        #expect(f.specURLs == ["https://tc39.es/ecma262/#sec-array.prototype.at"])
        #expect(f.sidebar == "jsref")
        #expect(f.raw["short-title"] == "at()")
        #expect(body == "\nThe **`at()`** method.")
    }

    @Test func listsAndL10n() throws {
        let text = "---\ntitle: T\nbrowser-compat:\n  - a.b\n  - a.c\nspec-urls:\n  - https://x\n  - https://y\ntags:\n  - API\n  - Reference\nl10n:\n  sourceCommit: abc123\n---\nBody\n"
        let (fm, body) = try MarkdownDocument.split(text)
        let f = try #require(fm)
        #expect(f.browserCompat == ["a.b", "a.c"])
        #expect(f.specURLs == ["https://x", "https://y"])
        #expect(f.tags == ["API", "Reference"])
        #expect(f.l10nSourceCommit == "abc123")
        #expect(f.raw["title"] == "T")
        #expect(f.raw["tags"] == nil)
        #expect(body == "Body\n")
    }

    @Test func noFrontMatter() throws {
        let (fm, body) = try MarkdownDocument.split("# Hello\n---\n")
        #expect(fm == nil)
        #expect(body == "# Hello\n---\n")
        let (fm2, body2) = try MarkdownDocument.split("---\nnot closed\n")
        #expect(fm2 == nil)
        #expect(body2 == "---\nnot closed\n")
    }

    @Test func invalidYAML() {
        do {
            _ = try MarkdownDocument.split("---\ntitle: ok\nslug: [unclosed\nother: x\n---\nbody\n")
            Issue.record("expected an error")
        } catch let error as FrontMatterError {
            print("front matter error: \(error.description)")
            #expect(!error.description.contains("\n"))
            #expect(error.description.contains("line "))
        } catch {
            Issue.record("unexpected error type \(error)")
        }
    }
}

extension FrontMatterTests {
    @Test func lenientColonInTitle() throws {
        let (fm, body) = try MarkdownDocument.split("---\ntitle: <math>: The MathML element\nslug: Web/MathML\n---\nx\n")
        #expect(fm?.title == "<math>: The MathML element")
        #expect(fm?.slug == "Web/MathML")
        #expect(body == "x\n")
    }
}

extension FrontMatterTests {
    @Test func rawScalarsAndOddKeys() throws {
        let text = "---\ntitle: T\n? [a, b]\n: complex key is ignored\ndate: 2020-01-01\nflag: true\nempty:\n---\nB"
        let (fm, body) = try MarkdownDocument.split(text)
        let f = try #require(fm)
        #expect(f.raw["date"] == "2020-01-01")
        #expect(f.raw["flag"] == "true")
        #expect(f.raw["empty"] == nil)
        #expect(f.title == "T")
        #expect(body == "B")
    }

    @Test func notAMapping() {
        #expect(throws: FrontMatterError.self) { try MarkdownDocument.split("---\n- a\n- b\n---\nB") }
    }
}
