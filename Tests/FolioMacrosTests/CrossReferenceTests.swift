import Foundation
import FolioHTML
import Testing
@testable import FolioMacros

@Suite struct CrossReferenceTests {
    static func page(_ slug: String, _ title: String = "", summary: String = "", type: String? = nil, locale: String = "en-US") -> PageInfo {
        PageInfo(locale: locale, slug: slug, title: title.isEmpty ? slug : title, summary: summary, pageType: type)
    }

    // MARK: cssxref

    @Test func cssxrefProperty() async throws {
        let margin = Self.page("Web/CSS/Reference/Properties/margin", summary: "The margin property.", type: "css-shorthand-property")
        #expect(try await render(#"{{cssxref("margin")}}"#, pages: [margin])
            == #"<a href="/en-US/docs/Web/CSS/Reference/Properties/margin" title="The margin property."><code>margin</code></a>"#)
        // Missing pages: properties by default.
        #expect(try await render(#"{{cssxref("border-top-color")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Properties/border-top-color"><code>border-top-color</code></a>"#)
    }

    @Test func cssxrefTypesFunctionsSelectorsAtRules() async throws {
        #expect(try await render(#"{{cssxref("&lt;color&gt;")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/color_value"><code>&lt;color&gt;</code></a>"#)
        #expect(try await render(#"{{cssxref("&lt;length&gt;")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/length"><code>&lt;length&gt;</code></a>"#)
        // A known type written without brackets is shown with them (its page type is css-type).
        #expect(try await render(#"{{cssxref("percentage")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/percentage"><code>&lt;percentage&gt;</code></a>"#)
        #expect(try await render(#"{{cssxref(":where()")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Selectors/:where"><code>:where()</code></a>"#)
        #expect(try await render(#"{{cssxref("calc()")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/calc"><code>calc()</code></a>"#)
        #expect(try await render(#"{{cssxref(":hover")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Selectors/:hover"><code>:hover</code></a>"#)
        #expect(try await render(#"{{cssxref(":host()")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Selectors/:host_function"><code>:host()</code></a>"#)
        #expect(try await render(#"{{cssxref("@media")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/At-rules/@media"><code>@media</code></a>"#)
        #expect(try await render(#"{{cssxref("@media/prefers-reduced-motion", "prefers-reduced-motion")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/At-rules/@media/prefers-reduced-motion"><code>prefers-reduced-motion</code></a>"#)
        #expect(try await render(#"{{cssxref("@font-face/unicode-range")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/At-rules/@font-face/unicode-range"><code>unicode-range</code></a>"#)
        #expect(try await render(#"{{cssxref("pseudo-classes", "pseudo-classe")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Selectors/Pseudo-classes"><code>pseudo-classe</code></a>"#)
        #expect(try await render(#"{{cssxref("inherit")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/inherit"><code>inherit</code></a>"#)
    }

    @Test func cssxrefUsesExistingPagesAndTheirType() async throws {
        // A value page found by name: Properties is tried first, then Values; the page type decorates.
        let calc = Self.page("Web/CSS/Reference/Values/calc", summary: "calc() does math.", type: "css-function")
        #expect(try await render(#"{{cssxref("calc")}}"#, pages: [calc])
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/calc" title="calc() does math."><code>calc()</code></a>"#)
        let ident = Self.page("Web/CSS/Reference/Values/my-type", type: "css-type")
        #expect(try await render(#"{{cssxref("my-type")}}"#, pages: [ident])
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/my-type"><code>&lt;my-type&gt;</code></a>"#)
    }

    @Test func cssxrefTextAndAnchors() async throws {
        #expect(try await render(#"{{cssxref("color_value", "&lt;color&gt;")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Values/color_value"><code>&lt;color&gt;</code></a>"#)
        #expect(try await render(#"{{cssxref("display", "display: none")}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Properties/display"><code>display: none</code></a>"#)
        #expect(try await render(##"{{cssxref("filter", "", "#url")}}"##)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Properties/filter#url"><code>filter</code></a>"#)
        #expect(try await render(#"{{cssxref('font-family#Values', 'font-family: system-ui')}}"#)
            == #"<a href="/en-US/docs/Web/CSS/Reference/Properties/font-family#Values"><code>font-family: system-ui</code></a>"#)
    }

    @Test func cssxrefInOtherLocales() async throws {
        let width = Self.page("Web/CSS/Reference/Properties/width", summary: "Sets the width.")
        #expect(try await render(#"{{cssxref("width")}}"#, locale: "it", pages: [width])
            == #"<a href="/en-US/docs/Web/CSS/Reference/Properties/width" class="only-in-en-us" title="Currently only available in English (US)"><code>width</code></a>"#)
        let itWidth = Self.page("Web/CSS/Reference/Properties/width", summary: "Imposta la larghezza.", locale: "it")
        #expect(try await render(#"{{cssxref("width")}}"#, locale: "it", pages: [width, itWidth])
            == #"<a href="/it/docs/Web/CSS/Reference/Properties/width" title="Imposta la larghezza."><code>width</code></a>"#)
        #expect(try await render(#"{{cssxref("length", "lunghezze")}}"#, locale: "it")
            == #"<a href="/it/docs/Web/CSS/Reference/Values/length"><code>lunghezze</code></a>"#)
    }

    // MARK: domxref

    @Test func domxref() async throws {
        #expect(try await render(#"{{domxref("Document.querySelector()")}}"#)
            == #"<a href="/en-US/docs/Web/API/Document/querySelector"><code>Document.querySelector()</code></a>"#)
        #expect(try await render(#"{{domxref("document.all")}}"#)
            == #"<a href="/en-US/docs/Web/API/Document/all"><code>document.all</code></a>"#)
        #expect(try await render(#"{{domxref("Array.prototype.map()")}}"#)
            == #"<a href="/en-US/docs/Web/API/Array/map"><code>Array.prototype.map()</code></a>"#)
        #expect(try await render(#"{{domxref("Window.setTimeout", "setTimeout()")}}"#)
            == #"<a href="/en-US/docs/Web/API/Window/setTimeout"><code>setTimeout()</code></a>"#)
        #expect(try await render(#"{{domxref("HTMLInputElement/search_event", "search")}}"#)
            == #"<a href="/en-US/docs/Web/API/HTMLInputElement/search_event"><code>search</code></a>"#)
        #expect(try await render(#"{{domxref("Popover API", "Popover API", "", "nocode")}}"#)
            == #"<a href="/en-US/docs/Web/API/Popover_API">Popover API</a>"#)
        #expect(try await render(#"{{domxref("Element","Element","","1")}}"#)
            == #"<a href="/en-US/docs/Web/API/Element">Element</a>"#)
        #expect(try await render(#"{{domxref("Node", "", "nodeType")}}"#)
            == #"<a href="/en-US/docs/Web/API/Node#nodeType"><code>Node.nodeType</code></a>"#)
        #expect(try await render(#"{{domxref("EventTarget.addEventListener()", "&lt;var&gt;EventTarget&lt;/var&gt;.addEventListener()")}}"#)
            == #"<a href="/en-US/docs/Web/API/EventTarget/addEventListener"><code><var>EventTarget</var>.addEventListener()</code></a>"#)
        // Other tags in the text stay text.
        #expect(try await render(#"{{domxref("Node", "&lt;img src=x&gt;")}}"#)
            == #"<a href="/en-US/docs/Web/API/Node"><code>&lt;img src=x&gt;</code></a>"#)
    }

    @Test func domxrefTooltipAndLocale() async throws {
        let node = Self.page("Web/API/Node/appendChild", summary: "Adds a node.")
        #expect(try await render(#"{{DOMxRef("Node.appendChild()")}}"#, pages: [node])
            == #"<a href="/en-US/docs/Web/API/Node/appendChild" title="Adds a node."><code>Node.appendChild()</code></a>"#)
        #expect(try await render(#"{{domxref("Response")}}"#, locale: "fr")
            == #"<a href="/fr/docs/Web/API/Response"><code>Response</code></a>"#)
    }

    // MARK: jsxref

    @Test func jsxref() async throws {
        #expect(try await render(#"{{jsxref("Array")}}"#)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array"><code>Array</code></a>"#)
        #expect(try await render(#"{{jsxref("Array.prototype.map()")}}"#)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/map"><code>Array.prototype.map()</code></a>"#)
        #expect(try await render(#"{{jsxref("JSON.stringify()")}}"#)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/JSON/stringify"><code>JSON.stringify()</code></a>"#)
        #expect(try await render(#"{{jsxref("Statements/for...of", "for...of")}}"#)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Statements/for...of"><code>for...of</code></a>"#)
        #expect(try await render(#"{{jsxref("statements/for","for")}}"#)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Statements/for"><code>for</code></a>"#)
        #expect(try await render(#"{{jsxref("Iteration_protocols", "iterator")}}"#)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Iteration_protocols"><code>iterator</code></a>"#)
        #expect(try await render(#"{{jsxref("Global_Objects/RegExp", "regular expression", "", 1)}}"#)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/RegExp">regular expression</a>"#)
        #expect(try await render(##"{{jsxref("Promise/then", "then()", "#return_value")}}"##)
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Promise/then#return_value"><code>then()</code></a>"#)
    }

    @Test func jsxrefFindsPagesDirectlyUnderReference() async throws {
        // A page directly under Reference wins over Global_Objects (rari's order).
        let ops = Self.page("Web/JavaScript/Reference/Operators", summary: "Operators.")
        #expect(try await render(#"{{jsxref("Operators")}}"#, pages: [ops])
            == #"<a href="/en-US/docs/Web/JavaScript/Reference/Operators" title="Operators."><code>Operators</code></a>"#)
        let undefinedPage = Self.page("Web/JavaScript/Reference/Global_Objects/undefined", summary: "The undefined value.")
        #expect(try await render(#"{{jsxref("undefined")}}"#, locale: "it", pages: [undefinedPage]).contains(
            #"href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/undefined" class="only-in-en-us""#))
    }

    // MARK: Glossary

    @Test func glossary() async throws {
        let dom = Self.page("Glossary/DOM", summary: "The Document Object Model.")
        #expect(try await render(#"{{Glossary("DOM")}}"#, pages: [dom])
            == #"<a href="/en-US/docs/Glossary/DOM" title="The Document Object Model.">DOM</a>"#)
        #expect(try await render(#"{{glossary("World Wide Web","Web")}}"#)
            == #"<a href="/en-US/docs/Glossary/World_Wide_Web">Web</a>"#)
        #expect(try await render(#"{{Glossary("aspect_ratio", "rapporto d'aspetto")}}"#, locale: "it")
            == #"<a href="/it/docs/Glossary/aspect_ratio">rapporto d'aspetto</a>"#)
        #expect(try await render(#"{{Glossary("Boolean/HTML", "boolean attributes")}}"#)
            == #"<a href="/en-US/docs/Glossary/Boolean/HTML">boolean attributes</a>"#)
    }

    // MARK: HTTP

    @Test func http() async throws {
        #expect(try await render(#"{{HTTPHeader("Content-Type")}}"#)
            == #"<a href="/en-US/docs/Web/HTTP/Reference/Headers/Content-Type"><code>Content-Type</code></a>"#)
        #expect(try await render(#"{{HTTPHeader("Cache-Control", "", "no-cache")}}"#)
            == #"<a href="/en-US/docs/Web/HTTP/Reference/Headers/Cache-Control#no-cache"><code>Cache-Control.no-cache</code></a>"#)
        #expect(try await render(#"{{HTTPStatus("404")}}"#)
            == #"<a href="/en-US/docs/Web/HTTP/Reference/Status/404"><code>404</code></a>"#)
        #expect(try await render(#"{{HTTPStatus(404, "404 Non Trovato")}}"#, locale: "it")
            == #"<a href="/it/docs/Web/HTTP/Reference/Status/404"><code>404 Non Trovato</code></a>"#)
        #expect(try await render(#"{{HTTPMethod("GET")}}"#)
            == #"<a href="/en-US/docs/Web/HTTP/Reference/Methods/GET"><code>GET</code></a>"#)
        #expect(try await render(#"{{CSP("script-src")}}"#)
            == #"<a href="/en-US/docs/Web/HTTP/Reference/Headers/Content-Security-Policy/script-src"><code>script-src</code></a>"#)
    }

    // MARK: SVG, MathML, WebExtensions, HTML attributes, events

    @Test func svgMathMLWebExt() async throws {
        #expect(try await render(#"{{SVGElement("foreignObject")}}"#)
            == #"<a href="/en-US/docs/Web/SVG/Reference/Element/foreignObject"><code>&lt;foreignObject&gt;</code></a>"#)
        #expect(try await render(#"{{ SVGElement('rect') }}"#, locale: "it")
            == #"<a href="/it/docs/Web/SVG/Reference/Element/rect"><code>&lt;rect&gt;</code></a>"#)
        #expect(try await render(#"{{SVGAttr("viewBox")}}"#)
            == #"<a href="/en-US/docs/Web/SVG/Reference/Attribute/viewBox"><code>viewBox</code></a>"#)
        #expect(try await render(#"{{MathMLElement("mfrac")}}"#)
            == #"<a href="/en-US/docs/Web/MathML/Reference/Element/mfrac"><code>&lt;mfrac&gt;</code></a>"#)
        #expect(try await render(#"{{WebExtAPIRef('tabs.Tab')}}"#)
            == #"<a href="/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs/Tab"><code>tabs.Tab</code></a>"#)
        #expect(try await render(#"{{WebExtAPIRef("runtime.getURL()", "getURL()")}}"#)
            == #"<a href="/en-US/docs/Mozilla/Add-ons/WebExtensions/API/runtime/getURL"><code>getURL()</code></a>"#)
        #expect(try await render(#"{{htmlattrxref("href", "a")}}"#)
            == #"<a href="/en-US/docs/Web/HTML/Reference/Elements/a#href"><code>href</code></a>"#)
        #expect(try await render(#"{{htmlattrxref("lang")}}"#)
            == #"<a href="/en-US/docs/Web/HTML/Reference/Global_attributes/lang"><code>lang</code></a>"#)
        #expect(try await render(#"{{event("click")}}"#)
            == #"<a href="/en-US/docs/Web/API/Element/click_event"><code>click</code></a>"#)
    }

    // MARK: External links

    @Test func rfc() async throws {
        #expect(try await render("{{RFC(3986)}}") == #"<a href="https://datatracker.ietf.org/doc/html/rfc3986">RFC 3986</a>"#)
        #expect(try await render(#"{{RFC(2616, "14.43")}}"#)
            == #"<a href="https://datatracker.ietf.org/doc/html/rfc2616">RFC 2616: 14.43</a>"#)
        #expect(try await render(#"{{RFC(7230, "Message Syntax", "3.1")}}"#)
            == #"<a href="https://datatracker.ietf.org/doc/html/rfc7230#section-3.1">RFC 7230, section 3.1: Message Syntax</a>"#)
        #expect(try await render(#"{{RFC(7230, "", 3)}}"#, locale: "de")
            == #"<a href="https://datatracker.ietf.org/doc/html/rfc7230#section-3">RFC 7230, Abschnitt 3</a>"#)
        let bad = try await expand(#"<p>{{RFC("abc")}}</p>"#)
        #expect(bad.errors.first?.kind == .arguments)
    }

    @Test func interwiki() async throws {
        #expect(try await render(#"{{Interwiki("wikipedia", "Web browser")}}"#)
            == #"<a title="Web browser" href="https://en.wikipedia.org/wiki/Web_browser">Web browser</a>"#)
        #expect(try await render(#"{{interwiki("wikipedia", "Hypertext Transfer Protocol", "HTTP")}}"#, locale: "it")
            == #"<a title="HTTP" href="https://it.wikipedia.org/wiki/Hypertext_Transfer_Protocol">HTTP</a>"#)
        #expect(try await render(#"{{Interwiki("wikimo", "Firefox/Channels")}}"#)
            == #"<a class="wikimo" title="Firefox/Channels" href="https://wiki.mozilla.org/Firefox/Channels">Firefox/Channels</a>"#)
        let bad = try await expand(#"<p>{{Interwiki("nope", "x")}}</p>"#)
        #expect(bad.errors.first?.kind == .failed || bad.errors.first?.kind == .arguments)
        #expect(bad.errors.first?.message.contains("unknown wiki") == true)
    }

    @Test func bug() async throws {
        #expect(try await render("{{bug(1606734)}}") == #"<a href="https://bugzil.la/1606734">Firefox bug 1606734</a>"#)
        #expect(try await render(#"{{bug("1606734", "", 3)}}"#, locale: "it")
            == #"<a href="https://bugzil.la/1606734#c3">bug di Firefox 1606734, commento 3</a>"#)
        let bad = try await expand("<p>{{bug(-2)}}</p>")
        #expect(bad.errors.first?.kind == .arguments)
    }

    // MARK: Errors

    @Test func requiredArgumentsAndTooMany() async throws {
        for call in ["{{cssxref}}", "{{domxref}}", "{{jsxref}}", "{{Glossary}}", "{{HTTPHeader}}", "{{CSP}}", "{{SVGElement}}",
                     "{{RFC}}", "{{Interwiki(\"wikipedia\")}}", "{{bug}}", #"{{CSP("a", "b")}}"#, #"{{cssxref("a", "b", "c", "d")}}"#] {
            let result = try await expand("<p>" + call + "</p>")
            #expect(result.errors.first?.kind == .arguments, "\(call)")
        }
    }

    // MARK: Sanitizer

    /// The output of this family and of the badges and banners uses only markup the page
    /// sanitizer keeps (tags, attributes and classes survive unchanged).
    @Test func outputSurvivesTheSanitizer() async throws {
        let calls = [
            #"{{cssxref("&lt;color&gt;")}}"#, #"{{domxref("Node", "&lt;var&gt;x&lt;/var&gt;", "y")}}"#, #"{{jsxref("Array")}}"#,
            #"{{Glossary("DOM")}}"#, #"{{HTTPStatus("404")}}"#, #"{{SVGElement("svg")}}"#, #"{{RFC(7230, "x", "3")}}"#,
            #"{{Interwiki("wikimo", "Firefox")}}"#, #"{{bug(1)}}"#, #"{{htmlattrxref("href", "a")}}"#,
            "{{deprecated_inline}}", "{{experimental_inline}}", "{{non-standard_inline}}", "{{obsolete_inline}}",
            "{{optional_inline}}", "{{ReadOnlyInline}}", "{{secureContext_inline}}", "{{Deprecated_Header}}",
            "{{Non-standard_Header}}", "{{SecureContext_Header}}", "{{SeeCompatTable}}", "{{AvailableInWorkers}}",
            #"{{Note("n")}}"#, #"{{Warning("w")}}"#, #"{{Callout("c")}}"#, #"{{draft("~~jane")}}"#,
            "{{TranslationInProgress}}", "{{outdated}}", "{{Obsolete_Header}}",
        ]
        let dom = Self.page("Glossary/DOM", summary: "The DOM.")
        for call in calls {
            let html = try await render(call, pages: [dom])
            #expect(Sanitizer.sanitize(html) == html, "\(call)")
        }
    }

    // MARK: Census over the real pages

    /// Every call of a cross-reference macro in the corpus fits its parameters.
    @Test func corpusCallsFit() throws {
        try CorpusCensus.check(MacroRegistry.crossReferenceMacros)
    }
}

/// Walks `/work/shared/data/mdn-content`: every call of the given macros must fit the macro's
/// parameters and expand without an error.
enum CorpusCensus {
    static let root = "/work/shared/data/mdn-content"

    /// Markdown text with fenced code blocks and inline code spans removed (roughly).
    static func prose(_ markdown: String) -> String {
        var out: [Substring] = []
        var fence: Substring?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let f = fence {
                if trimmed.hasPrefix(f) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix { $0 == "`" || $0 == "~" }
                continue
            }
            out.append(line)
        }
        // Inline code spans: drop text between matching backtick runs.
        var result = ""
        var rest = Substring(out.joined(separator: "\n"))
        while let tick = rest.firstIndex(of: "`") {
            result += rest[..<tick]
            let run = rest[tick...].prefix { $0 == "`" }
            let after = rest[run.endIndex...]
            if let close = after.range(of: String(run)) {
                rest = after[close.upperBound...]
            } else {
                result += run
                rest = after
            }
        }
        return result + rest
    }

    /// Checks the calls; returns how many were checked (0 without the corpus).
    @discardableResult
    static func check(_ macros: [any Macro], expectCalls: Bool = true) throws -> Int {
        guard FileManager.default.fileExists(atPath: root) else { return 0 }
        let registry = MacroRegistry(macros)
        var checked = 0
        var failures: [String] = []
        let files = FileManager.default.enumerator(atPath: root)!
        while let file = files.nextObject() as? String {
            guard file.hasSuffix("index.md") else { continue }
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            guard text.contains("{{") else { continue }
            for segment in MacroParser.parse(prose(text)) {
                guard case .call(let call) = segment, let macro = registry.macro(named: call.name) else { continue }
                checked += 1
                do {
                    let arguments = try MacroArguments(call: call, parameters: macro.parameters)
                    // And it expands (without site data every page reads as missing).
                    let locale = file.hasPrefix("it/") ? "it" : "en-US"
                    _ = try macro.expand(arguments, MacroContext(page: MacroPage(locale: locale, slug: "Census")))
                } catch {
                    failures.append("\(file): \(call.raw): \(error)")
                }
            }
        }
        #expect(failures.isEmpty, "\(failures.count) calls do not fit:\n\(failures.prefix(30).joined(separator: "\n"))")
        if expectCalls { #expect(checked > 0) }
        return checked
    }
}
