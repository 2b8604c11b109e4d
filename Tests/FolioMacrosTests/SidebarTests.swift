import FolioHTML
import Foundation
import Testing
@testable import FolioMacros

private func sidebarPage(_ slug: String, _ title: String, locale: String = "en-US", tags: [String] = [], type: String? = nil) -> PageInfo {
    PageInfo(locale: locale, slug: slug, title: title, tags: tags, pageType: type)
}

@Suite struct SidebarTests {
    let html = [
        sidebarPage("Web/HTML", "HTML: HyperText Markup Language"),
        sidebarPage("Web/HTML/Reference/Elements", "HTML elements reference"),
        sidebarPage("Web/HTML/Reference/Elements/a", "<a>: The Anchor element"),
        sidebarPage("Web/HTML/Reference/Elements/center", "<center>: The Centered Text element", tags: ["deprecated"]),
        sidebarPage("Web/HTML/Reference/Global_attributes", "Global attributes"),
        sidebarPage("Web/HTML/Reference/Global_attributes/class", "HTML global attribute: class"),
    ]

    @Test func htmlSidebar() async throws {
        let result = try await render("{{HTMLSidebar}}", slug: "Web/HTML/Reference/Elements/a", pages: html)
        #expect(result == """
            <section id="Quick_Links"><ol>\
            <li class="section"><a href="/en-US/docs/Web/HTML">HTML: HyperText Markup Language</a></li>\
            <li class="toggle"><details open=""><summary>Elements</summary><ol>\
            <li><a href="/en-US/docs/Web/HTML/Reference/Elements/a" class="current"><code>&lt;a&gt;</code></a></li>\
            <li><a href="/en-US/docs/Web/HTML/Reference/Elements/center"><code>&lt;center&gt;</code></a> \
            <abbr class="icon icon-deprecated" title="Deprecated"><span class="visually-hidden">Deprecated</span></abbr></li>\
            </ol></details></li>\
            <li class="toggle"><details><summary>Global attributes</summary><ol>\
            <li><a href="/en-US/docs/Web/HTML/Reference/Global_attributes/class"><code>class</code></a></li>\
            </ol></details></li>\
            </ol></section>
            """)
    }

    @Test func sectionArgumentOpensItsGroup() async throws {
        let result = try await render("{{HTMLSidebar(\"Global_attributes\")}}", slug: "Web/HTML", pages: html)
        #expect(result.contains(#"<details open=""><summary>Global attributes</summary>"#))
        #expect(result.contains(#"<details><summary>Elements</summary>"#))
        #expect(result.contains(#"<a href="/en-US/docs/Web/HTML" class="current">"#))
    }

    @Test func translatedSidebarLinksEnglishPagesWhereNeeded() async throws {
        let pages = html + [sidebarPage("Web/HTML", "HTML", locale: "it"), sidebarPage("Web/HTML/Reference/Elements", "Elementi", locale: "it"),
                            sidebarPage("Web/HTML/Reference/Elements/a", "<a>: l'elemento àncora", locale: "it")]
        let result = try await render("{{HTMLSidebar}}", locale: "it", slug: "Web/HTML/Reference/Elements/a", pages: pages)
        #expect(result.contains(#"<li class="section"><a href="/it/docs/Web/HTML">HTML</a></li>"#))
        #expect(result.contains(#"<summary>Elementi</summary>"#))
        #expect(result.contains(#"<li><a href="/it/docs/Web/HTML/Reference/Elements/a" class="current"><code>&lt;a&gt;</code></a></li>"#))
        #expect(result.contains(#"<li><a href="/en-US/docs/Web/HTML/Reference/Elements/center" class="only-in-en-us" title="Currently only available in English (US)"><code>&lt;center&gt;</code></a> <abbr class="icon icon-deprecated" title="Deprecato">"#))
        #expect(result.contains(#"<summary>Attributi globali</summary>"#))
    }

    @Test func emptyAreaRendersItsHeadingOnly() async throws {
        #expect(try await render("{{CSSRef}}", slug: "Web/CSS/Reference/Properties/color") == #"<section id="Quick_Links"><ol><li class="section"><a href="/en-US/docs/Web/CSS">CSS</a></li></ol></section>"#)
        for name in ["SVGRef", "MathMLRef", "MDNSidebar", "AddonSidebar", "AccessibilitySidebar", "HTTPSidebar", "LearnSidebar",
                     "WebExtAPISidebar", "FirefoxSidebar", "QuickLinksWithSubpages", "JSRef", "jsSidebar", "APIRef", "GlossarySidebar"] {
            let result = try await expand("<p>{{" + name + "}}</p>")
            #expect(result.errors.isEmpty, "\(name)")
            #expect(result.html.hasPrefix(#"<section id="Quick_Links"><ol>"#), "\(name)")
        }
    }

    @Test func glossarySidebar() async throws {
        let pages = [sidebarPage("Glossary", "Glossary"), sidebarPage("Glossary/URL", "URL"), sidebarPage("Glossary/API", "API", tags: ["Experimental"])]
        let result = try await render("{{GlossarySidebar}}", slug: "Glossary/URL", pages: pages)
        #expect(result == """
            <section id="Quick_Links"><ol><li class="section"><a href="/en-US/docs/Glossary">Glossary</a></li>\
            <li><a href="/en-US/docs/Glossary/API">API</a> <abbr class="icon icon-experimental" title="Experimental"><span class="visually-hidden">Experimental</span></abbr></li>\
            <li><a href="/en-US/docs/Glossary/URL" class="current">URL</a></li></ol></section>
            """)
    }

    let dom = [
        sidebarPage("Web/API/Element", "Element", type: "web-api-interface"),
        sidebarPage("Web/API/Element/Element", "Element() constructor", type: "web-api-constructor"),
        sidebarPage("Web/API/Element/classList", "Element: classList property", type: "web-api-instance-property"),
        sidebarPage("Web/API/Element/click_event", "Element: click event", type: "web-api-event"),
        sidebarPage("Web/API/Element/querySelector", "Element.querySelector()", type: "web-api-instance-method"),
        sidebarPage("Web/API/Element/name", "Element.name", tags: ["Non-standard", "Deprecated"], type: "web-api-instance-property"),
        sidebarPage("Web/API/Element/Guide", "A guide", type: "guide"),
        sidebarPage("Web/API/Document_Object_Model", "Document Object Model (DOM)"),
    ]

    @Test func apiRef() async throws {
        let result = try await render("{{APIRef(\"DOM\")}}", slug: "Web/API/Element/querySelector", pages: dom)
        #expect(result == """
            <section id="Quick_Links"><ol>\
            <li class="section"><a href="/en-US/docs/Web/API/Element"><code>Element</code></a></li>\
            <li class="toggle"><details open=""><summary>Constructor</summary><ol>\
            <li><a href="/en-US/docs/Web/API/Element/Element"><code>Element()</code></a></li></ol></details></li>\
            <li class="toggle"><details open=""><summary>Properties</summary><ol>\
            <li><a href="/en-US/docs/Web/API/Element/classList"><code>classList</code></a></li>\
            <li><a href="/en-US/docs/Web/API/Element/name"><code>name</code></a> \
            <abbr class="icon icon-nonstandard" title="Non-standard"><span class="visually-hidden">Non-standard</span></abbr> \
            <abbr class="icon icon-deprecated" title="Deprecated"><span class="visually-hidden">Deprecated</span></abbr></li></ol></details></li>\
            <li class="toggle"><details open=""><summary>Methods</summary><ol>\
            <li><a href="/en-US/docs/Web/API/Element/querySelector" class="current"><code>querySelector()</code></a></li></ol></details></li>\
            <li class="toggle"><details open=""><summary>Events</summary><ol>\
            <li><a href="/en-US/docs/Web/API/Element/click_event"><code>click</code></a></li></ol></details></li>\
            </ol></section>
            """)
    }

    @Test func apiRefGroupOverviewAndLocale() async throws {
        let pages = dom + [sidebarPage("Web/API/Fetch_API", "Fetch API")]
        let fetch = try await render("{{APIRef(\"Fetch API\")}}", locale: "fr", slug: "Web/API/Element", pages: pages)
        #expect(fetch.contains("<summary>Propriétés</summary>"))
        #expect(fetch.contains("<summary>Méthodes</summary>"))
        #expect(fetch.hasSuffix(#"<li class="section"><a href="/en-US/docs/Web/API/Fetch_API" class="only-in-en-us" title="Currently only available in English (US)">Fetch API</a></li></ol></section>"#))
        // Outside Web/API there is no interface: an empty sidebar, no error.
        #expect(try await render("{{APIRef(\"DOM\")}}", slug: "Learn/X", pages: pages) == #"<section id="Quick_Links"><ol></ol></section>"#)
    }

    @Test func defaultAPISidebar() async throws {
        let pages = [sidebarPage("Web/API/Fetch_API", "Fetch API"), sidebarPage("Web/API/Fetch_API/Using_Fetch", "Using the Fetch API")]
        let result = try await render("{{DefaultAPISidebar(\"Fetch API\")}}", slug: "Web/API/Fetch_API", pages: pages)
        #expect(result == """
            <section id="Quick_Links"><ol><li class="section"><a href="/en-US/docs/Web/API/Fetch_API" class="current">Fetch API</a></li>\
            <li class="toggle"><details open=""><summary>Guides</summary><ol>\
            <li><a href="/en-US/docs/Web/API/Fetch_API/Using_Fetch">Using the Fetch API</a></li></ol></details></li></ol></section>
            """)
        let missing = try await expand("<p>{{DefaultAPISidebar}}</p>")
        #expect(missing.errors.first?.kind == .arguments)
    }

    @Test func jsRefOnABuiltIn() async throws {
        let base = "Web/JavaScript/Reference/Global_Objects"
        let pages = [
            sidebarPage(base, "Standard built-in objects"), sidebarPage(base + "/Array", "Array", type: "javascript-class"),
            sidebarPage(base + "/Array/Array", "Array() constructor", type: "javascript-constructor"),
            sidebarPage(base + "/Array/map", "Array.prototype.map()", type: "javascript-instance-method"),
            sidebarPage(base + "/Array/isArray", "Array.isArray()", type: "javascript-static-method"),
            sidebarPage(base + "/Array/length", "Array: length", type: "javascript-instance-data-property"),
        ]
        let result = try await render("{{JSRef}}", locale: "it", slug: base + "/Array/map", pages: pages)
        #expect(result == """
            <section id="Quick_Links"><ol>\
            <li class="section"><a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects" class="only-in-en-us" title="Currently only available in English (US)">Standard built-in objects</a></li>\
            <li class="section"><a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array" class="only-in-en-us" title="Currently only available in English (US)"><code>Array</code></a></li>\
            <li class="toggle"><details open=""><summary>Costruttore</summary><ol><li><a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/Array" class="only-in-en-us" title="Currently only available in English (US)"><code>Array() constructor</code></a></li></ol></details></li>\
            <li class="toggle"><details open=""><summary>Metodi statici</summary><ol><li><a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/isArray" class="only-in-en-us" title="Currently only available in English (US)"><code>Array.isArray()</code></a></li></ol></details></li>\
            <li class="toggle"><details open=""><summary>Metodi di istanza</summary><ol><li><a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/map" class="only-in-en-us current" title="Currently only available in English (US)"><code>Array.prototype.map()</code></a></li></ol></details></li>\
            <li class="toggle"><details open=""><summary>Proprietà di istanza</summary><ol><li><a href="/en-US/docs/Web/JavaScript/Reference/Global_Objects/Array/length" class="only-in-en-us" title="Currently only available in English (US)"><code>Array: length</code></a></li></ol></details></li>\
            </ol></section>
            """)
    }

    @Test func jsSidebar() async throws {
        let pages = [sidebarPage("Web/JavaScript", "JavaScript"), sidebarPage("Web/JavaScript/Reference/Operators", "Expressions and operators"),
                     sidebarPage("Web/JavaScript/Reference/Operators/typeof", "typeof"),
                     sidebarPage("Web/JavaScript/Reference/Statements", "Statements and declarations"),
                     sidebarPage("Web/JavaScript/Reference/Statements/const", "const")]
        let result = try await render("{{jsSidebar(\"Operators\")}}", slug: "Web/JavaScript/Reference/Statements/const", pages: pages)
        #expect(result == """
            <section id="Quick_Links"><ol><li class="section"><a href="/en-US/docs/Web/JavaScript">JavaScript</a></li>\
            <li class="toggle"><details open=""><summary>Statements</summary><ol>\
            <li><a href="/en-US/docs/Web/JavaScript/Reference/Statements/const" class="current">const</a></li></ol></details></li>\
            <li class="toggle"><details open=""><summary>Operators</summary><ol>\
            <li><a href="/en-US/docs/Web/JavaScript/Reference/Operators/typeof">typeof</a></li></ol></details></li></ol></section>
            """)
        // JSRef elsewhere is the JavaScript sidebar.
        #expect(try await render("{{JSRef}}", slug: "Web/JavaScript/Reference/Statements/const", pages: pages)
            == result.replacingOccurrences(of: #"<details open=""><summary>Operators"#, with: "<details><summary>Operators"))
    }

    @Test func httpSidebar() async throws {
        let pages = [sidebarPage("Web/HTTP", "HTTP"), sidebarPage("Web/HTTP/Reference/Status", "HTTP response status codes"),
                     sidebarPage("Web/HTTP/Reference/Status/404", "404 Not Found"), sidebarPage("Web/HTTP/Reference/Headers", "HTTP headers"),
                     sidebarPage("Web/HTTP/Reference/Headers/Accept", "Accept header")]
        let result = try await render("{{HTTPSidebar}}", locale: "de", slug: "Web/HTTP/Reference/Status/404", pages: pages)
        #expect(result.contains(#"<details><summary>Header</summary><ol><li><a href="/en-US/docs/Web/HTTP/Reference/Headers/Accept" class="only-in-en-us" title="Currently only available in English (US)"><code>Accept</code></a></li></ol></details>"#))
        #expect(result.contains(#"<details open=""><summary>Statuscodes</summary><ol><li><a href="/en-US/docs/Web/HTTP/Reference/Status/404" class="only-in-en-us current" title="Currently only available in English (US)"><code>404 Not Found</code></a></li>"#))
    }

    @Test func learnSidebar() async throws {
        let pages = [sidebarPage("Learn_web_development", "Learn web development"),
                     sidebarPage("Learn_web_development/Core", "Core modules"),
                     sidebarPage("Learn_web_development/Core/Styling_basics", "CSS styling basics"),
                     sidebarPage("Learn_web_development/Core/Styling_basics/Selectors", "Basic CSS selectors"),
                     sidebarPage("Learn_web_development/Howto", "How to")]
        let result = try await render("{{LearnSidebar}}", slug: "Learn_web_development/Core/Styling_basics/Selectors", pages: pages)
        #expect(result == """
            <section id="Quick_Links"><ol><li class="section"><a href="/en-US/docs/Learn_web_development">Learn web development</a></li>\
            <li class="toggle"><details open=""><summary>Core modules</summary><ol>\
            <li><a href="/en-US/docs/Learn_web_development/Core">Core modules</a></li>\
            <li class="toggle"><details open=""><summary>CSS styling basics</summary><ol>\
            <li><a href="/en-US/docs/Learn_web_development/Core/Styling_basics">CSS styling basics</a></li>\
            <li><a href="/en-US/docs/Learn_web_development/Core/Styling_basics/Selectors" class="current">Basic CSS selectors</a></li>\
            </ol></details></li></ol></details></li>\
            <li><a href="/en-US/docs/Learn_web_development/Howto">How to</a></li></ol></section>
            """)
    }

    @Test func webExtensionSidebars() async throws {
        let api = "Mozilla/Add-ons/WebExtensions/API"
        let pages = [sidebarPage("Mozilla/Add-ons/WebExtensions", "Browser extensions"), sidebarPage(api, "JavaScript APIs"),
                     sidebarPage(api + "/tabs", "tabs"), sidebarPage(api + "/tabs/query", "tabs.query()"), sidebarPage(api + "/alarms", "alarms")]
        let result = try await render("{{WebExtAPISidebar}}", slug: api + "/tabs/query", pages: pages)
        #expect(result == """
            <section id="Quick_Links"><ol><li class="section"><a href="/en-US/docs/Mozilla/Add-ons/WebExtensions/API">JavaScript APIs</a></li>\
            <li><a href="/en-US/docs/Mozilla/Add-ons/WebExtensions/API/alarms">alarms</a></li>\
            <li class="toggle"><details open=""><summary>tabs</summary><ol><li><a href="/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs">tabs</a></li>\
            <li><a href="/en-US/docs/Mozilla/Add-ons/WebExtensions/API/tabs/query" class="current"><code>tabs.query()</code></a></li></ol></details></li></ol></section>
            """)
        let addon = try await render("{{AddonSidebar()}}", slug: api + "/tabs/query", pages: pages)
        #expect(addon.contains(#"<details open=""><summary>JavaScript APIs</summary><ol><li><a href="/en-US/docs/Mozilla/Add-ons/WebExtensions/API/alarms"><code>alarms</code></a></li>"#))
        let examples = try await expand("<p>{{WebExtExamples}}</p>").html
        #expect(examples == #"<p>Example extensions that use this API are in MDN's <a href="https://github.com/mdn/webextensions-examples">webextensions-examples</a> repository.</p>"#)
        let heading = try await expand("<p>{{WebExtExamples(\"h2\")}}</p>", locale: "es").html
        #expect(heading.hasPrefix(#"<h2 id="example_extensions">Extensiones de ejemplo</h2><p>Hay extensiones"#))
    }

    @Test func firefox() async throws {
        let pages = [sidebarPage("Mozilla/Firefox", "Firefox"), sidebarPage("Mozilla/Firefox/Releases", "Firefox releases"),
                     sidebarPage("Mozilla/Firefox/Releases/3.6", "Firefox 3.6 for developers"),
                     sidebarPage("Mozilla/Firefox/Releases/129", "Firefox 129 for developers"),
                     sidebarPage("Mozilla/Firefox/Releases/130", "Firefox 130 for developers"),
                     sidebarPage("Mozilla/Firefox/Releases/99", "Firefox 99 for developers")]
        let list = try await render("{{Firefox_for_developers}}", slug: "Mozilla/Firefox/Releases/130", pages: pages)
        #expect(list == """
            <div class="multiColumnList"><ul><li><a href="/en-US/docs/Mozilla/Firefox/Releases/129">Firefox 129 for developers</a></li>\
            <li><a href="/en-US/docs/Mozilla/Firefox/Releases/99">Firefox 99 for developers</a></li>\
            <li><a href="/en-US/docs/Mozilla/Firefox/Releases/3.6">Firefox 3.6 for developers</a></li></ul></div>
            """)
        // Without a release index: the 30 previous versions, as Yari.
        let computed = try await render("{{Firefox_for_developers}}", locale: "it", slug: "Mozilla/Firefox/Releases/130")
        #expect(computed.hasPrefix(#"<div class="multiColumnList"><ul><li><a href="/it/docs/Mozilla/Firefox/Releases/129">Firefox 129 per sviluppatori</a></li>"#))
        #expect(computed.components(separatedBy: "<li>").count == 32)
        let sidebar = try await render("{{FirefoxSidebar}}", slug: "Mozilla/Firefox/Releases/130", pages: pages)
        #expect(sidebar.contains(#"<li><a href="/en-US/docs/Mozilla/Firefox/Releases">Firefox releases</a></li>"#) == false)
        #expect(sidebar.contains(#"<details open=""><summary>Releases</summary><ol><li><a href="/en-US/docs/Mozilla/Firefox/Releases/130" class="current">"#))
    }

    @Test func quickLinksWithSubpages() async throws {
        let pages = [sidebarPage("Web/API/Fetch_API", "Fetch API"), sidebarPage("Web/API/Fetch_API/Using_Fetch", "Using the Fetch API"),
                     sidebarPage("Web/API/Fetch_API/Using_Fetch/Deep", "Deeper")]
        let result = try await render("{{QuickLinksWithSubpages(\"/en-US/docs/Web/API/Fetch_API\")}}", pages: pages)
        #expect(result == """
            <section id="Quick_Links"><ol><li class="section"><a href="/en-US/docs/Web/API/Fetch_API">Fetch API</a></li>\
            <li class="toggle"><details><summary>Using the Fetch API</summary><ol>\
            <li><a href="/en-US/docs/Web/API/Fetch_API/Using_Fetch">Using the Fetch API</a></li>\
            <li><a href="/en-US/docs/Web/API/Fetch_API/Using_Fetch/Deep">Deeper</a></li></ol></details></li></ol></section>
            """)
    }

    /// The sanitizer keeps the sidebar markup, and the post-processor extracts it.
    @Test func sidebarSurvivesSanitizing() async throws {
        let result = try await render("{{HTMLSidebar}}", slug: "Web/HTML/Reference/Elements/a", pages: html)
        let clean = Sanitizer.sanitize(result)
        #expect(clean == result)
    }

    @Test func corpusCallsValidate() async throws {
        let failures = try NavSidebarCensus.failures(for: MacroRegistry.sidebarMacros)
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        let expansion = try await NavSidebarCensus.expansionFailures(for: MacroRegistry.sidebarMacros)
        #expect(expansion.isEmpty, "\(expansion.prefix(10))")
    }
}

extension SidebarTests {
    /// Folio's post-processor moves the sidebar out of the body.
    @Test func postProcessorExtractsTheSidebar() async throws {
        let result = try await expand("<p>{{HTMLSidebar}}</p><p>Body.</p>", slug: "Web/HTML/Reference/Elements/a", pages: html)
        let processed = PostProcessor.process(Sanitizer.sanitize(result.html))
        #expect(processed.html == "<p>Body.</p>")
        #expect(processed.sidebarHTML?.contains(#"<code>&lt;center&gt;</code>"#) == true)
        #expect(result.context.dependencies.contains(.children(locale: "en-US", slug: "Web/HTML/Reference/Elements")))
    }
}
