import Foundation
import Testing
@testable import FolioMacros

@Suite struct NavigationTests {
    static let module = "Learn_web_development/Core/Styling_basics"
    let pages = [
        PageInfo(locale: "en-US", slug: module, title: "CSS styling basics"),
        PageInfo(locale: "en-US", slug: module + "/Getting_started", title: "Getting started with CSS"),
        PageInfo(locale: "en-US", slug: module + "/Selectors", title: "Basic CSS selectors"),
        PageInfo(locale: "it", slug: module, title: "Basi dello stile CSS"),
        PageInfo(locale: "it", slug: module + "/Getting_started", title: "Primi passi con CSS"),
    ]

    @Test func previousMenuNext() async throws {
        let html = try await render("{{PreviousMenuNext(\"\(Self.module)/Getting_started\", \"\(Self.module)/Selectors\", \"\(Self.module)\")}}",
                                    slug: Self.module + "/What_is_CSS", pages: pages)
        #expect(html == """
            <ul class="prev-next">\
            <li class="prev"><a href="/en-US/docs/Learn_web_development/Core/Styling_basics/Getting_started" class="button secondary"><span class="button-wrap">Previous</span></a></li>\
            <li class="menu"><a href="/en-US/docs/Learn_web_development/Core/Styling_basics" class="button secondary"><span class="button-wrap">Overview: CSS styling basics</span></a></li>\
            <li class="next"><a href="/en-US/docs/Learn_web_development/Core/Styling_basics/Selectors" class="button secondary"><span class="button-wrap">Next</span></a></li>\
            </ul>
            """)
    }

    @Test func italianLabelsAndEnglishFallback() async throws {
        let html = try await render("{{PreviousMenuNext(\"\(Self.module)/Getting_started\", \"\(Self.module)/Selectors\", \"\(Self.module)\")}}",
                                    locale: "it", slug: Self.module + "/What_is_CSS", pages: pages)
        #expect(html.contains(#"<li class="prev"><a href="/it/docs/Learn_web_development/Core/Styling_basics/Getting_started" class="button secondary"><span class="button-wrap">Precedente</span></a></li>"#))
        #expect(html.contains(#"<span class="button-wrap">Panoramica: Basi dello stile CSS</span>"#))
        // Not translated: the English page, marked as MDN marked such links.
        #expect(html.contains(#"<li class="next"><a href="/en-US/docs/Learn_web_development/Core/Styling_basics/Selectors" class="button secondary only-in-en-us" title="Currently only available in English (US)"><span class="button-wrap">Successivo</span></a></li>"#))
        let fr = try await render("{{NextMenu(\"\(Self.module)/Selectors\", \"\(Self.module)\")}}", locale: "fr", pages: pages)
        #expect(fr.contains("Aperçu : CSS styling basics"))
        #expect(fr.contains("Suivant"))
    }

    @Test func missingMenuPageUsesItsLastSegment() async throws {
        let html = try await render("{{PreviousMenu(\"Learn/A\", \"Learn/Some_module\")}}")
        #expect(html == """
            <ul class="prev-next">\
            <li class="prev"><a href="/en-US/docs/Learn/A" class="button secondary"><span class="button-wrap">Previous</span></a></li>\
            <li class="menu"><a href="/en-US/docs/Learn/Some_module" class="button secondary"><span class="button-wrap">Overview: Some module</span></a></li>\
            </ul>
            """)
    }

    @Test func shorterForms() async throws {
        let nextMenu = try await render("{{NextMenu(\"\(Self.module)/Selectors\", \"\(Self.module)\")}}", pages: pages)
        #expect(nextMenu.contains(#"<li class="menu">"#) && nextMenu.contains(#"<li class="next">"#) && !nextMenu.contains("prev\""))
        // Order is always previous, overview, next.
        #expect(nextMenu.range(of: "class=\"menu\"")!.lowerBound < nextMenu.range(of: "class=\"next\"")!.lowerBound)
        let pn = try await render("{{PreviousNext(\"A\", \"B\")}}")
        #expect(pn == #"<ul class="prev-next"><li class="prev"><a href="/en-US/docs/A" class="button secondary"><span class="button-wrap">Previous</span></a></li><li class="next"><a href="/en-US/docs/B" class="button secondary"><span class="button-wrap">Next</span></a></li></ul>"#)
        #expect(try await render("{{Previous(\"A\")}}") == #"<ul class="prev-next"><li class="prev"><a href="/en-US/docs/A" class="button secondary"><span class="button-wrap">Previous</span></a></li></ul>"#)
        #expect(try await render("{{Next(\"B\")}}") == #"<ul class="prev-next"><li class="next"><a href="/en-US/docs/B" class="button secondary"><span class="button-wrap">Next</span></a></li></ul>"#)
        // Empty slugs leave their button out; the Kuma-era locale argument is accepted.
        let empty = try await render("{{PreviousMenuNext(\"\", \"B\", \"\", \"en-US\")}}")
        #expect(empty == #"<ul class="prev-next"><li class="next"><a href="/en-US/docs/B" class="button secondary"><span class="button-wrap">Next</span></a></li></ul>"#)
    }

    @Test func blockOutputSplitsTheParagraph() async throws {
        let result = try await expand("<p>{{Next(\"B\")}}</p>")
        #expect(result.html.hasPrefix("<ul class=\"prev-next\">"))
    }

    @Test func escapesSlugs() async throws {
        let html = try await render("{{Next('A&quot;&gt;&lt;b&gt;')}}")
        #expect(html.contains(#"href="/en-US/docs/A%22%3E%3Cb%3E""#))
        #expect(!html.contains("<b>"))
    }

    @Test func errors() async throws {
        let missing = try await expand("<p>{{PreviousMenu(\"A\")}}</p>")
        #expect(missing.errors.first?.kind == .arguments)
        let tooMany = try await expand("<p>{{Next(\"A\", \"B\")}}</p>")
        #expect(tooMany.errors.first?.kind == .arguments)
    }

    /// Every call in the content corpus (the Italian Learn pages use these a lot) fits the parameters.
    @Test func corpusCallsValidate() async throws {
        let failures = try NavSidebarCensus.failures(for: MacroRegistry.navigationMacros)
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        let expansion = try await NavSidebarCensus.expansionFailures(for: MacroRegistry.navigationMacros)
        #expect(expansion.isEmpty, "\(expansion.prefix(10))")
    }
}
