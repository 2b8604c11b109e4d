import FolioHTML
import Testing
@testable import FolioMacros

@Suite struct BadgeTests {
    // MARK: Inline badges

    @Test func deprecatedInline() async throws {
        #expect(try await render("{{deprecated_inline}}")
            == #"<abbr class="icon icon-deprecated" title="Deprecated. Not for use in new websites."><span class="visually-hidden">Deprecated</span></abbr>"#)
        #expect(try await render("{{Deprecated_Inline}}", locale: "it")
            == #"<abbr class="icon icon-deprecated" title="Deprecato. Da non usare in nuovi siti web."><span class="visually-hidden">Deprecato</span></abbr>"#)
        // Old calls with a version still work (the version is ignored, as rari does).
        #expect(try await render(#"{{deprecated_inline("1.9.2")}}"#).contains("icon-deprecated"))
        #expect(try await render("{{DeprecatedBadge}}").contains("icon-deprecated"))
    }

    @Test func experimentalAndNonStandardInline() async throws {
        #expect(try await render("{{experimental_inline}}")
            == #"<abbr class="icon icon-experimental" title="Experimental. Expect behavior to change in the future."><span class="visually-hidden">Experimental</span></abbr>"#)
        #expect(try await render("{{Experimental_Inline}}", locale: "fr")
            == #"<abbr class="icon icon-experimental" title="Expérimental. Le comportement attendu pourrait évoluer à l'avenir."><span class="visually-hidden">Expérimental</span></abbr>"#)
        #expect(try await render("{{non-standard_inline}}")
            == #"<abbr class="icon icon-nonstandard" title="Non-standard. Check cross-browser support before using."><span class="visually-hidden">Non-standard</span></abbr>"#)
        #expect(try await render("{{Non-standard_Inline}}", locale: "zh-CN")
            == #"<abbr class="icon icon-nonstandard" title="非标准。请在使用前检查跨浏览器支持。"><span class="visually-hidden">非标准</span></abbr>"#)
        #expect(try await render("{{obsolete_inline}}", locale: "de")
            == #"<abbr class="icon icon-obsolete" title="Obsolet. Nicht für neue Webseiten verwenden."><span class="visually-hidden">Obsolet</span></abbr>"#)
    }

    @Test func inlineLabels() async throws {
        #expect(try await render("{{optional_inline}}") == #"<span class="badge inline optional">Optional</span>"#)
        #expect(try await render("{{Optional_Inline}}", locale: "ja") == #"<span class="badge inline optional">省略可</span>"#)
        #expect(try await render("{{ReadOnlyInline}}")
            == #"<span class="badge inline readonly" title="This value may not be changed.">Read only</span>"#)
        #expect(try await render("{{readonlyInline}}", locale: "it")
            == #"<span class="badge inline readonly" title="Questo valore non può essere modificato.">Sola lettura</span>"#)
        #expect(try await render("{{secureContext_inline}}")
            == #"<span class="badge inline secure" title="This feature is available only in secure contexts (HTTPS)">Secure context</span>"#)
        #expect(try await render("{{SecureContext_Inline}}", locale: "es")
            == #"<span class="badge inline secure" title="Esta función está disponible solo en contextos seguros (HTTPS)">Contexto seguro</span>"#)
    }

    @Test func inlineBadgesStayInTheParagraph() async throws {
        let result = try await expand("<p>Foo {{optional_inline}} bar</p>")
        #expect(result.html == #"<p>Foo <span class="badge inline optional">Optional</span> bar</p>"#)
    }

    @Test func badgesWithoutParametersRejectArguments() async throws {
        for call in [#"{{optional_inline("x")}}"#, #"{{ReadOnlyInline(1)}}"#, #"{{non-standard_inline("a")}}"#, #"{{SeeCompatTable("x")}}"#] {
            let result = try await expand("<p>" + call + "</p>")
            #expect(result.errors.first?.kind == .arguments, "\(call)")
        }
    }

    // MARK: Banners

    @Test func deprecatedHeader() async throws {
        let result = try await expand("<p>{{Deprecated_Header}}</p>")
        #expect(result.errors.isEmpty)
        #expect(result.html == ##"<div class="notecard deprecated"><p><strong>Deprecated:</strong> This feature is no longer recommended. Though some browsers might still support it, it may have already been removed from the relevant web standards, may be in the process of being dropped, or may only be kept for compatibility purposes. Avoid using it, and update existing code if possible; see the <a href="#browser_compatibility">compatibility table</a> at the bottom of this page to guide your decision. Be aware that this feature may cease to work at any time.</p></div>"##)
        let fr = try await render("{{deprecated_header}}", locale: "fr")
        #expect(fr.hasPrefix(#"<div class="notecard deprecated"><p><strong>Obsolète :</strong> Cette fonctionnalité n'est plus recommandée."#))
        #expect(fr.contains(##"<a href="#compatibilité_des_navigateurs">tableau de compatibilité</a>"##))
    }

    @Test func nonStandardAndSecureContextHeaders() async throws {
        #expect(try await render("{{Non-standard_Header}}")
            == #"<div class="notecard nonstandard"><p><strong>Non-standard:</strong> This feature is not standardized. We do not recommend using non-standard features in production, as they have limited browser support, and may change or be removed. However, they can be a suitable alternative in specific cases where no standard option exists.</p></div>"#)
        #expect(try await render("{{SecureContext_Header}}")
            == ##"<div class="notecard secure"><p><strong>Secure context:</strong> This feature is available only in <a href="/en-US/docs/Web/Security/Secure_Contexts">secure contexts</a> (HTTPS), in some or all <a href="#browser_compatibility">supporting browsers</a>.</p></div>"##)
        // Links inside banners follow the locale (and fall back to the English page).
        let secure = PageInfo(locale: "en-US", slug: "Web/Security/Secure_Contexts", title: "Secure contexts")
        let it = try await render("{{SecureContext_header}}", locale: "it", pages: [secure])
        #expect(it == ##"<div class="notecard secure"><p><strong>Contesto sicuro:</strong> Questa funzionalità è disponibile solo in <a href="/en-US/docs/Web/Security/Secure_Contexts" class="only-in-en-us" title="Currently only available in English (US)">contesti sicuri</a> (HTTPS), in alcuni o tutti i <a href="#compatibilità_con_i_browser">browser che la supportano</a>.</p></div>"##)
    }

    @Test func seeCompatTable() async throws {
        #expect(try await render("{{SeeCompatTable}}")
            == ##"<div class="notecard experimental"><p><strong>Experimental:</strong> <strong>This is an <a href="/en-US/docs/MDN/Writing_guidelines/Experimental_deprecated_obsolete#experimental">experimental technology</a></strong><br>Check the <a href="#browser_compatibility">Browser compatibility table</a> carefully before using this in production.</p></div>"##)
        #expect(try await render("{{SeeCompatTable}}", locale: "zh-CN").hasPrefix(#"<div class="notecard experimental"><p><strong>实验性：</strong> <strong>这是一项<a href="/zh-CN/docs/MDN/Writing_guidelines/Experimental_deprecated_obsolete#实验性">"#))
    }

    @Test func bannersSplitTheirParagraph() async throws {
        let result = try await expand("<p>{{SeeCompatTable}} {{deprecated_header}}</p><p>Text.</p>")
        #expect(result.errors.isEmpty)
        #expect(!result.html.hasPrefix("<p>"))
        #expect(result.html.hasSuffix("</div><p>Text.</p>"))
    }

    @Test func availableInWorkers() async throws {
        #expect(try await render("{{AvailableInWorkers}}")
            == #"<div class="notecard note"><p>This feature is available in <a href="/en-US/docs/Web/API/Web_Workers_API">Web Workers</a>.</p></div>"#)
        #expect(try await render(#"{{AvailableInWorkers("window_and_worker_except_service")}}"#)
            == #"<div class="notecard note"><p>This feature is available in <a href="/en-US/docs/Web/API/Web_Workers_API">Web Workers</a>, except for <a href="/en-US/docs/Web/API/Service_Worker_API">Service Workers</a>.</p></div>"#)
        #expect(try await render(#"{{AvailableInWorkers("worker_except_service")}}"#, locale: "de")
            == #"<div class="notecard note"><p>Diese Funktion ist nur in <a href="/de/docs/Web/API/Web_Workers_API">Web Workers</a> verfügbar, mit Ausnahme von <a href="/de/docs/Web/API/Service_Worker_API">Service Workers</a>.</p></div>"#)
        for kind in ["worker", "window_and_worker_except_shared", "window_and_dedicated", "dedicated", "window_and_service", "service"] {
            for locale in ["en-US", "de", "es", "fr", "it", "ja", "zh-CN"] {
                let html = try await render("{{AvailableInWorkers(\"\(kind)\")}}", locale: locale)
                #expect(html.hasPrefix(#"<div class="notecard note"><p>"#) && html.contains("/" + locale + "/docs/Web/API/"), "\(kind) \(locale)")
            }
        }
        let bad = try await expand(#"<p>{{AvailableInWorkers("nowhere")}}</p>"#)
        #expect(bad.errors.first?.message.contains("unknown kind") == true)
    }

    @Test func everyLabelIsTranslated() {
        let tables: [[String: String]] = [
            BadgeText.deprecatedTitle, BadgeText.deprecatedLabel, BadgeText.experimentalTitle, BadgeText.experimentalLabel,
            BadgeText.nonStandardTitle, BadgeText.nonStandardLabel, BadgeText.secureContextLabel, BadgeText.compatAnchor,
            ObsoleteInlineMacro.title, ObsoleteInlineMacro.label, ReadOnlyInlineMacro.title, SecureContextInlineMacro.title,
            DeprecatedHeaderMacro.copy, NonStandardHeaderMacro.copy, SecureContextHeaderMacro.copy, SeeCompatTableMacro.copy,
        ] + Array(AvailableInWorkersMacro.copy.values)
        for table in tables {
            for locale in ["en-US", "de", "es", "fr", "it", "ja", "zh-CN"] { #expect(table[locale] != nil, "\(locale): \(table["en-US"] ?? "")") }
        }
    }

    @Test func corpusCallsFit() throws {
        try CorpusCensus.check(MacroRegistry.badgeMacros)
    }
}
