import FolioCompat
import Foundation
import Testing
import FolioHTML
@testable import FolioMacros

@Suite struct DataMacroTests {
    let data = CSSFixture.data
    static let property = "Web/CSS/Reference/Properties/"

    // MARK: cssinfo

    @Test func cssinfoForAProperty() async throws {
        let html = try await render("{{cssinfo}}", slug: Self.property + "color", cssData: data)
        #expect(html == #"<table class="properties"><tbody>"#
            + #"<tr><th scope="row">Initial value</th><td><code>canvastext</code></td></tr>"#
            + #"<tr><th scope="row">Applies to</th><td>all elements and text. It also applies to <a href="/en-US/docs/Web/CSS/Reference/Selectors/::first-line"><code>::first-line</code></a>.</td></tr>"#
            + #"<tr><th scope="row">Inherited</th><td>yes</td></tr>"#
            + #"<tr><th scope="row">Computed value</th><td>computed color</td></tr>"#
            + #"<tr><th scope="row">Animation type</th><td>by computed value type</td></tr>"#
            + "</tbody></table>")
    }

    @Test func cssinfoForAShorthand() async throws {
        let html = try await render("{{cssinfo}}", slug: Self.property + "margin", cssData: data)
        let longhands = { (value: String) in
            "as each of the properties of the shorthand:<ul>"
                + #"<li><a href="/en-US/docs/Web/CSS/Reference/Properties/margin-bottom"><code>margin-bottom</code></a>: \#(value)</li>"#
                + #"<li><a href="/en-US/docs/Web/CSS/Reference/Properties/margin-top"><code>margin-top</code></a>: \#(value)</li></ul>"#
        }
        #expect(html == #"<table class="properties"><tbody>"#
            + #"<tr><th scope="row">Initial value</th><td>\#(longhands("<code>0</code>"))</td></tr>"#
            + #"<tr><th scope="row">Applies to</th><td>all elements</td></tr>"#
            + #"<tr><th scope="row">Inherited</th><td>no</td></tr>"#
            + #"<tr><th scope="row">Percentages</th><td>refer to the width of the containing block</td></tr>"#
            + #"<tr><th scope="row">Computed value</th><td>\#(longhands("as specified"))</td></tr>"#
            + #"<tr><th scope="row">Animation type</th><td>a <a href="/en-US/docs/Web/CSS/Reference/Values/length#interpolation">length</a></td></tr>"#
            + "</tbody></table>")
    }

    @Test func cssinfoCanonicalOrderAndStackingRows() async throws {
        let html = try await render("{{cssinfo(\"opacity\")}}", slug: "Some/Other/Page", cssData: data)
        #expect(html.contains(#"<tr><th scope="row">Canonical order</th><td>a length or percentage before keywords</td></tr>"#))
        #expect(html.contains(#"<tr><th scope="row">Creates <a href="/en-US/docs/Web/CSS/Guides/Positioned_layout/Stacking_context">stacking context</a></th><td>yes</td></tr>"#))
        #expect(html.contains(#"<td><code>1.0</code></td>"#))
    }

    @Test func cssinfoLabelsAreLocalized() async throws {
        let html = try await render("{{cssinfo}}", locale: "de", slug: Self.property + "margin-top", cssData: data)
        #expect(html.contains(#"<th scope="row">Initialer Wert</th><td><code>0</code></td>"#))
        #expect(html.contains(#"<th scope="row">Anwendbar auf</th><td>all elements</td>"#))
        #expect(html.contains(#"<th scope="row">Vererbt</th><td>Nein</td>"#))
        #expect(html.contains(#"<th scope="row">Berechneter Wert</th><td>wie angegeben</td>"#))
        #expect(html.contains(#"<th scope="row">Animationstyp</th>"#))
        let it = try await render("{{cssinfo}}", locale: "it", slug: Self.property + "margin-top", cssData: data)
        #expect(it.contains(#"<th scope="row">Si applica a</th><td>tutti gli elementi</td>"#))
        #expect(it.contains(#"<th scope="row">Ereditato</th><td>no</td>"#))
    }

    @Test func cssinfoForADescriptor() async throws {
        let expected = #"<table class="properties"><tbody>"#
            + #"<tr><th scope="row">Related at-rule</th><td><a href="/en-US/docs/Web/CSS/Reference/At-rules/@font-face"><code>@font-face</code></a></td></tr>"#
            + #"<tr><th scope="row">Initial value</th><td><code>auto</code></td></tr>"#
            + #"<tr><th scope="row">Computed value</th><td>as specified</td></tr></tbody></table>"#
        #expect(try await render("{{cssinfo(\"font-display\", \"@font-face\")}}", cssData: data) == expected)
        #expect(try await render("{{cssinfo}}", slug: "Web/CSS/Reference/At-rules/@font-face/font-display", cssData: data) == expected)
    }

    @Test func cssinfoWithoutDataOrDefinition() async throws {
        #expect(try await render("{{cssinfo}}", slug: Self.property + "color") == #"<div class="notecard note"><p>The formal definition is not available: an administrator can import MDN's CSS data with <code>folio import css-data</code>.</p></div>"#)
        let fr = try await render("{{cssinfo}}", locale: "fr", slug: Self.property + "color")
        #expect(fr.hasPrefix(#"<div class="notecard note"><p>La définition formelle n'est pas disponible"#))
        #expect(try await render("{{cssinfo(\"x&lt;y\")}}", cssData: data) == #"<div class="notecard note"><p>No formal definition for “x&lt;y” in the CSS data.</p></div>"#)
    }

    @Test func l10nStringsKeepTheirTagsAndEscapeStrayBrackets() {
        let context = MacroContext(page: MacroPage())
        #expect(CSSMacroSupport.l10n("bare", data, context) == "a computed &lt;length-percentage> value, <code>calc()</code> & 1 &lt; 2")
        #expect(CSSMacroSupport.escapeStrayBrackets("<a href=\"x\">y</a><br><i>z</i><script>") == "<a href=\"x\">y</a><br><i>z</i>&lt;script>")
    }

    // MARK: csssyntax

    @Test func csssyntaxExpandsNonTerminals() async throws {
        let html = try await render("{{csssyntax}}", slug: Self.property + "margin", cssData: data)
        #expect(html == #"<pre class="css-formal-syntax"><span class="token property">margin</span> = "# + "\n"
            + #"  <a href="/en-US/docs/Web/CSS/Reference/Properties/margin-top">&lt;'margin-top'&gt;</a>{1,4}"# + "\n\n"
            + #"<span class="token property">&lt;'margin-top'&gt;</span> = "# + "\n"
            + "  &lt;length-percentage&gt; | auto\n\n"
            + #"<span class="token property">&lt;length-percentage&gt;</span> = "# + "\n"
            + #"  <a href="/en-US/docs/Web/CSS/Reference/Values/length">&lt;length&gt;</a> | <a href="/en-US/docs/Web/CSS/Reference/Values/percentage">&lt;percentage&gt;</a></pre>"#)
    }

    @Test func csssyntaxLinksRangedTypesAndSurvivesCycles() async throws {
        let alpha = try await render("{{csssyntax(\"opacity\")}}", cssData: data)
        #expect(alpha.contains(#"<a href="/en-US/docs/Web/CSS/Reference/Values/number">&lt;number [0,1]&gt;</a> | "#))
        let loop = try await render("{{csssyntax}}", slug: Self.property + "loop", cssData: data)
        #expect(loop == #"<pre class="css-formal-syntax"><span class="token property">loop</span> = "# + "\n"
            + #"  &lt;loop-a&gt; | <a href="/en-US/docs/Web/CSS/Reference/Properties/loop">&lt;'loop'&gt;</a>"# + "\n\n"
            + #"<span class="token property">&lt;loop-a&gt;</span> = "# + "\n  &lt;loop-b&gt; | '&lt;' x\n\n"
            + #"<span class="token property">&lt;loop-b&gt;</span> = "# + "\n  &lt;loop-a&gt; &amp; y</pre>")
    }

    @Test func csssyntaxForDescriptorsAtRulesAndTypes() async throws {
        let descriptor = try await render("{{csssyntax}}", slug: "Web/CSS/Reference/At-rules/@font-face/font-display", cssData: data)
        #expect(descriptor == #"<pre class="css-formal-syntax"><span class="token property">font-display</span> = "# + "\n  auto | block | swap</pre>")
        let rule = try await render("{{csssyntax}}", slug: "Web/CSS/Reference/At-rules/@font-face", cssData: data)
        #expect(rule == "<pre class=\"css-formal-syntax\">@font-face {\n    [ font-display: &lt;font-display&gt;; ]\n  }</pre>")
        let type = try await render("{{csssyntax}}", slug: "Web/CSS/Reference/Values/length-percentage", cssData: data)
        #expect(type.hasPrefix(#"<pre class="css-formal-syntax"><span class="token property">&lt;length-percentage&gt;</span> = "#))
    }

    @Test func csssyntaxWithoutData() async throws {
        #expect(try await render("{{csssyntax}}", slug: Self.property + "color") == #"<div class="notecard note"><p>The formal syntax is not available: an administrator can import MDN's CSS data with <code>folio import css-data</code>.</p></div>"#)
        #expect(try await render("{{csssyntax}}", slug: Self.property + "nope", cssData: data) == #"<div class="notecard note"><p>No formal syntax for “nope” in the CSS data.</p></div>"#)
    }

    /// A property page calls both macros. Both read `cssData` in the first round; the expander
    /// re-evaluates only calls that grew `context.wanted`, so the second call keeps its "no data"
    /// note (reported to the lead; fixed when `MacroExpander` counts each call's misses).
    @Test func cssinfoAndCsssyntaxOnOnePage() async throws {
        let result = try await expand("<p>{{cssinfo}}</p><p>{{csssyntax}}</p>", slug: Self.property + "margin", cssData: data)
        #expect(result.errors.isEmpty)
        #expect(result.html.hasPrefix(#"<table class="properties">"#))
        #expect(result.html.contains(#"<pre class="css-formal-syntax">"#))
    }

    @Test(.enabled(if: CSSFixture.realDataPresent, "needs MDN's mdn-data package at /work/shared/data/mdn-data"))
    func realColorAndMargin() async throws {
        let real = try #require(CSSFixture.real)
        let color = try await render("{{cssinfo}}", slug: Self.property + "color", cssData: real)
        #expect(color.contains(#"<th scope="row">Initial value</th><td><code>canvastext</code></td>"#))
        #expect(color.contains(#"<th scope="row">Applies to</th><td>all elements and text. It also applies to "#))
        #expect(color.contains(#"<th scope="row">Inherited</th><td>yes</td>"#))
        #expect(color.contains(#"<th scope="row">Computed value</th><td>computed color</td>"#))
        #expect(color.contains(#"<th scope="row">Animation type</th><td>by computed value type</td>"#))
        #expect(!color.contains("Percentages"))
        let margin = try await render("{{cssinfo}}", slug: Self.property + "margin", cssData: real)
        #expect(margin.contains(#"<th scope="row">Initial value</th><td>as each of the properties of the shorthand:<ul><li><a href="/en-US/docs/Web/CSS/Reference/Properties/margin-bottom"><code>margin-bottom</code></a>: <code>0</code></li>"#))
        #expect(margin.contains("refer to the width of the containing block"))
        let syntax = try await render("{{csssyntax}}", slug: Self.property + "margin", cssData: real)
        #expect(syntax.hasPrefix(#"<pre class="css-formal-syntax"><span class="token property">margin</span> = "# + "\n  "))
        #expect(syntax.contains(#"<span class="token property">&lt;length-percentage&gt;</span> = "#))
        let ja = try await render("{{cssinfo}}", locale: "ja", slug: Self.property + "color", cssData: real)
        #expect(ja.contains(#"<th scope="row">初期値</th>"#) && ja.contains("適用対象"))
    }

    /// Every property's and descriptor's cssinfo and csssyntax expand on the real data, and the
    /// sanitizer leaves their output as is. (Each call is evaluated on its own, with the data
    /// already fetched, so the expander's batching does not hide a call.)
    @Test(.enabled(if: CSSFixture.realDataPresent, "needs MDN's mdn-data package at /work/shared/data/mdn-data"))
    func everyRealDefinitionExpands() throws {
        let real = try #require(CSSFixture.real)
        var calls: [MacroCall] = []
        for name in real.properties.keys.sorted() {
            calls.append(MacroCall(name: "cssinfo", arguments: [.string(name)]))
            calls.append(MacroCall(name: "csssyntax", arguments: [.string(name)]))
        }
        for rule in real.atRules.values {
            for descriptor in rule.descriptors.keys {
                calls.append(MacroCall(name: "cssinfo", arguments: [.string(descriptor), .string(rule.name)]))
                calls.append(MacroCall(name: "csssyntax", arguments: [.string(descriptor), .string(rule.name)]))
            }
        }
        let context = MacroContext(page: MacroPage(slug: "Web/CSS/Reference"))
        context.add([.cssData: .cssData(real)])
        for call in calls {
            switch MacroExpander().evaluate(call, context) {
            case .success(let html):
                #expect(!html.contains("notecard"), "\(call.raw): \(html.prefix(200))")
                let parsed = HTMLSerializer.serialize(HTMLParser.parseFragment(html))
                #expect(FolioHTML.Sanitizer.sanitize(html) == parsed, "\(call.raw) is changed by the sanitizer")
            case .failure(let failure):
                Issue.record("\(call.raw): \(failure)")
            }
        }
    }

    // MARK: Compat, Specifications, svginfo

    static let compat = CompatData(version: "test", browsers: [
        "chrome": Browser(id: "chrome", name: "Chrome", kind: .desktop, releases: ["1": Release(date: "2008-12-11")]),
        "firefox": Browser(id: "firefox", name: "Firefox", kind: .desktop, releases: ["1": Release(date: "2004-11-09")]),
    ], features: [
        "html.elements.div": Feature(key: "html.elements.div", specURLs: ["https://html.spec.whatwg.org/multipage/grouping-content.html#the-div-element"],
                                     support: ["chrome": [SupportStatement(versionAdded: .version("1"))],
                                               "firefox": [SupportStatement(versionAdded: .version("1"))]],
                                     subfeatures: ["html.elements.div.align"]),
        "html.elements.div.align": Feature(key: "html.elements.div.align", description: "<code>align</code> attribute",
                                           status: FeatureStatus(standardTrack: false, deprecated: true),
                                           support: ["chrome": [SupportStatement(versionAdded: .version("1"))],
                                                     "firefox": [SupportStatement(versionAdded: .no)]]),
    ])

    @Test func compatTablesFromTheData() async throws {
        let page = MacroPage(slug: "Web/HTML/Reference/Elements/div", browserCompat: ["html.elements.div"])
        let result = try await expand("<p>{{Compat}}</p>", compat: Self.compat, page: page)
        #expect(result.errors.isEmpty)
        #expect(result.html.contains("bc-table"))
        #expect(result.html.contains("<code>div</code>"))
        #expect(result.html.contains("<code>align</code> attribute"))   // the subfeature at depth 1
        #expect(result.context.dependencies.contains(Dependency(.data, "bcd:html.elements.div")))
        #expect(result.context.dependencies.contains(Dependency(.data, "bcd:html.elements.div.align")))
        // Depth 0: no subfeatures.
        #expect(!(try await render("{{Compat(\"html.elements.div\", 0)}}", compat: Self.compat)).contains("<code>align</code> attribute"))
        // A key without data: a message naming it, no error.
        let missing = try await render("{{Compat(\"api.nope\")}}", compat: Self.compat)
        #expect(missing.contains("api.nope"))
        #expect(!missing.contains("bc-table"))
    }

    @Test func compatNotesAndErrors() async throws {
        #expect(try await render("{{Compat}}") == #"<div class="notecard note"><p>This page names no browser compatibility data key (the browser-compat front matter).</p></div>"#)
        let bad = try await expand("<p>{{Compat(\"api.fetch\", -1)}}</p>")
        #expect(bad.errors.map(\.kind) == [.arguments])
        #expect(try await expand("<p>{{Compat(\"api.fetch\", \"deep\")}}</p>").errors.map(\.kind) == [.arguments])
    }

    @Test func specificationsTable() async throws {
        let page = MacroPage(slug: "Web/CSS/Reference/Properties/color",
                             specURLs: ["https://html.spec.whatwg.org/multipage/grouping-content.html#the-div-element",
                                        "https://drafts.csswg.org/css-color-4/#the-color-property"])
        #expect(try await render("{{Specifications}}", page: page) == #"<table class="standard-table"><thead><tr><th scope="col">Specification</th></tr></thead><tbody>"#
            + #"<tr><td><a href="https://html.spec.whatwg.org/multipage/grouping-content.html#the-div-element">HTML<br><small># the-div-element</small></a></td></tr>"#
            + #"<tr><td><a href="https://drafts.csswg.org/css-color-4/#the-color-property">CSS Color Module Level 4<br><small># the-color-property</small></a></td></tr>"#
            + "</tbody></table>")
        // From the compat data's spec_url, merged with the front matter without repeats.
        let div = MacroPage(locale: "de", slug: "x", browserCompat: ["html.elements.div"],
                            specURLs: ["https://html.spec.whatwg.org/multipage/grouping-content.html#the-div-element"])
        #expect(try await render("{{Specifications}}", compat: Self.compat, page: div) == #"<table class="standard-table"><thead><tr><th scope="col">Spezifikation</th></tr></thead><tbody><tr><td><a href="https://html.spec.whatwg.org/multipage/grouping-content.html#the-div-element">HTML<br><small># the-div-element</small></a></td></tr></tbody></table>"#)
        #expect(try await render("{{Specifications}}").hasPrefix(#"<div class="notecard note"><p>No specification found"#))
    }

    @Test func specificationNames() {
        func name(_ url: String) -> String { SpecificationNames.name(of: url).name }
        #expect(name("https://dom.spec.whatwg.org/#interface-element") == "DOM")
        #expect(name("https://drafts.csswg.org/css-grid-2/") == "CSS Grid Layout Module Level 2")
        #expect(name("https://drafts.csswg.org/css-fancy/") == "CSS Fancy")
        #expect(name("https://drafts.csswg.org/selectors-4/#x") == "Selectors Level 4")
        #expect(name("https://drafts.fxtf.org/filter-effects/") == "Filter Effects Module")
        #expect(name("https://tc39.es/ecma262/multipage/#sec-array") == "ECMAScript Language Specification")
        #expect(name("https://www.rfc-editor.org/rfc/rfc9110#status.200") == "HTTP Semantics")
        #expect(name("https://www.rfc-editor.org/info/rfc9110/#status.500") == "HTTP Semantics")
        #expect(name("https://httpwg.org/specs/rfc9111.html#field.age") == "HTTP Caching")
        #expect(name("https://datatracker.ietf.org/doc/html/rfc1234") == "RFC 1234")
        #expect(name("https://w3c.github.io/aria/#aria-label") == "Accessible Rich Internet Applications (WAI-ARIA)")
        #expect(name("https://w3c.github.io/mathml-core/#the-math-element") == "MathML Core")
        #expect(name("https://w3c.github.io/some-new-api/") == "Some New API")
        #expect(name("https://www.w3.org/TR/css-color-3/") == "CSS Color Module Level 3")
        #expect(name("https://svgwg.org/svg2-draft/coords.html#ViewBoxAttribute") == "Scalable Vector Graphics (SVG) 2")
        #expect(name("https://example.com/spec#x") == "example.com")
        #expect(SpecificationNames.name(of: "https://svgwg.org/svg2-draft/coords.html#ViewBoxAttribute").fragment == "ViewBoxAttribute")
    }

    @Test func svginfoNote() async throws {
        let page = MacroPage(slug: "Web/SVG/Reference/Element/circle", specURLs: ["https://svgwg.org/svg2-draft/shapes.html#CircleElement"])
        #expect(try await render("{{svginfo}}", page: page) == #"<div class="notecard note"><p>The SVG element summary (categories, permitted content, attributes) is not available here. See the specification: <a href="https://svgwg.org/svg2-draft/shapes.html#CircleElement">Scalable Vector Graphics (SVG) 2</a>.</p></div>"#)
        #expect(try await render("{{svginfo}}", locale: "ja") == #"<div class="notecard note"><p>SVG 要素の概要（カテゴリー、許可されている内容、属性）はここでは利用できません。</p></div>"#)
        #expect(try await expand("<p>{{svginfo(\"circle\")}}</p>").errors.map(\.kind) == [.arguments])
    }

    // MARK: Census

    static let corpus = "/work/shared/data/mdn-content"

    /// Every call of these macros in MDN's pages fits their parameter lists.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpus), "needs the MDN content corpus at /work/shared/data/mdn-content"))
    func corpusCallsValidate() throws {
        let names: Set<String> = Set(MacroRegistry.dataMacros.flatMap { [$0.name] + $0.aliases }.map { $0.lowercased() })
        let macros = Dictionary(uniqueKeysWithValues: MacroRegistry.dataMacros.map { ($0.name.lowercased(), $0) })
        var checked = 0
        var failures: [String] = []
        let enumerator = FileManager.default.enumerator(atPath: Self.corpus)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix("index.md"), let text = try? String(contentsOfFile: Self.corpus + "/" + path, encoding: .utf8) else { continue }
            for case .call(let call) in MacroParser.parse(Self.withoutCode(text)) where names.contains(call.name.lowercased()) {
                checked += 1
                do { _ = try MacroArguments(call: call, parameters: macros[call.name.lowercased()]!.parameters) } catch {
                    failures.append("\(path): \(call.raw): \(error)")
                }
            }
        }
        #expect(checked > 100)
        #expect(failures.isEmpty, "\(failures)")
    }

    /// Markdown without fenced code blocks and inline code spans (roughly).
    static func withoutCode(_ markdown: String) -> String {
        var out: [Substring] = []
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { fence = trimmed.prefix(3); continue }
            var kept = ""
            var inCode = false
            for character in line {
                if character == "`" { inCode.toggle(); continue }
                if !inCode { kept.append(character) }
            }
            out.append(Substring(kept))
        }
        return out.joined(separator: "\n")
    }
}
