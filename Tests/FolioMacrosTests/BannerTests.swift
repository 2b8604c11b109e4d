import FolioHTML
import Testing
@testable import FolioMacros

@Suite struct BannerTests {
    @Test func note() async throws {
        #expect(try await render(#"{{Note("This is important.")}}"#)
            == #"<div class="notecard note"><p><strong>Note:</strong> This is important.</p></div>"#)
        #expect(try await render(#"{{note("Fai attenzione.")}}"#, locale: "it")
            == #"<div class="notecard note"><p><strong>Nota:</strong> Fai attenzione.</p></div>"#)
        #expect(try await render(#"{{Note("Remarque.")}}"#, locale: "fr")
            == #"<div class="notecard note"><p><strong>Note :</strong> Remarque.</p></div>"#)
    }

    @Test func noteArgumentIsHTML() async throws {
        // KumaScript's Note took HTML (written with entities inside an HTML page).
        #expect(try await render(#"{{Note("Use &lt;code&gt;x&lt;/code&gt; here.")}}"#)
            == #"<div class="notecard note"><p><strong>Note:</strong> Use <code>x</code> here.</p></div>"#)
        // A leading paragraph gets the label; other blocks get it in a paragraph of its own.
        #expect(try await render(#"{{Note("&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;")}}"#)
            == #"<div class="notecard note"><p><strong>Note:</strong> One.</p><p>Two.</p></div>"#)
        #expect(try await render(#"{{Note("&lt;ul&gt;&lt;li&gt;a&lt;/li&gt;&lt;/ul&gt;")}}"#)
            == #"<div class="notecard note"><p><strong>Note:</strong></p><ul><li>a</li></ul></div>"#)
    }

    @Test func noteOutputIsSanitizedWithThePage() async throws {
        // The expander hands the HTML to the page's parser; scripts cannot come through as markup
        // that runs, and the sanitizer (not the macro) removes disallowed elements later.
        let html = try await render(#"{{Note("a &lt;b onclick=x&gt;b&lt;/b&gt;")}}"#)
        #expect(html.hasPrefix(#"<div class="notecard note"><p><strong>Note:</strong> a <b"#))
    }

    @Test func warning() async throws {
        #expect(try await render(#"{{Warning("Careful!")}}"#)
            == #"<div class="notecard warning"><p><strong>Warning:</strong> Careful!</p></div>"#)
        #expect(try await render(#"{{warning("Vorsicht!")}}"#, locale: "de")
            == #"<div class="notecard warning"><p><strong>Warnung:</strong> Vorsicht!</p></div>"#)
        #expect(try await render("{{Warning}}") == #"<div class="notecard warning"><p><strong>Warning:</strong></p></div>"#)
    }

    @Test func callout() async throws {
        #expect(try await render(#"{{Callout("Now try it.")}}"#) == #"<div class="callout"><p>Now try it.</p></div>"#)
        let missing = try await expand("<p>{{Callout}}</p>")
        #expect(missing.errors.first?.kind == .arguments)
    }

    @Test func draft() async throws {
        #expect(try await render("{{draft}}")
            == #"<div class="notecard draft"><p><strong>Draft</strong><br>This page is not complete.</p></div>"#)
        #expect(try await render(#"{{Draft("~~jane is adding &lt;examples&gt;.")}}"#, locale: "es")
            == #"<div class="notecard draft"><p><strong>Borrador</strong><br>Esta página no está completa.</p><p><em><a href="/es/profiles/jane">jane</a> is adding &lt;examples&gt;.</em></p></div>"#)
        #expect(try await render("{{draft}}", locale: "it").contains("<strong>Bozza</strong><br>Questa pagina non è completa."))
    }

    @Test func translationBanners() async throws {
        #expect(try await render("{{TranslationInProgress}}", locale: "it")
            == #"<div class="notecard note"><p>La traduzione di questa pagina non è ancora completa; alcune parti potrebbero essere ancora in inglese.</p></div>"#)
        let english = PageInfo(locale: "en-US", slug: "Web/CSS", title: "CSS")
        let page = MacroPage(locale: "ja", slug: "Web/CSS", title: "CSS")
        #expect(try await render("{{outdated}}", pages: [english], page: page)
            == #"<div class="notecard warning"><p>この翻訳は古くなっています。最新の内容は英語の原文を確認してください。</p><p><a href="/en-US/docs/Web/CSS">英語の原文</a></p></div>"#)
        #expect(try await render("{{outdated}}")
            == #"<div class="notecard warning"><p>This translation is outdated. Please check the English original for the latest content.</p></div>"#)
    }

    @Test func obsoleteHeader() async throws {
        #expect(try await render("{{Obsolete_Header}}")
            == #"<div class="notecard obsolete"><p><strong>Obsolete:</strong> This feature is obsolete. Although it may still work in some browsers, its use is discouraged since it could be removed at any time. Try to avoid using it.</p></div>"#)
        #expect(try await render(#"{{obsolete_header("gecko50")}}"#, locale: "it").hasPrefix(#"<div class="notecard obsolete"><p><strong>Obsoleto:</strong> Questa funzionalità è obsoleta."#))
    }

    @Test func bannersAreBlocks() async throws {
        let result = try await expand(#"<p>{{Note("n")}}</p><p>After.</p>"#)
        #expect(result.html == #"<div class="notecard note"><p><strong>Note:</strong> n</p></div><p>After.</p>"#)
        #expect(MacroRegistry.bannerMacros.filter { !$0.isBlock }.isEmpty)
    }

    @Test func everyTextIsTranslated() {
        let tables = [DraftMacro.title, DraftMacro.notComplete, TranslationInProgressMacro.copy, OutdatedMacro.copy,
                      OutdatedMacro.original, ObsoleteHeaderMacro.copy]
        for table in tables {
            for locale in ["en-US", "de", "es", "fr", "it", "ja", "zh-CN"] { #expect(table[locale] != nil, "\(locale): \(table["en-US"] ?? "")") }
        }
        for key in ["note", "warning", "callout", "section", "optional", "read-only"] {
            for locale in ["en-US", "de", "es", "fr", "it", "ja", "zh-CN"] { #expect(L10n.strings[key]?[locale] != nil, "\(key) \(locale)") }
        }
    }

    @Test func corpusCallsFit() throws {
        // The corpus has no calls of these (MDN converted them to Markdown alerts); still checked.
        try CorpusCensus.check(MacroRegistry.bannerMacros, expectCalls: false)
    }
}
