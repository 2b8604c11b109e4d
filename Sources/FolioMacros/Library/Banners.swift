import Foundation
import FolioHTML

extension MacroRegistry {
    static let bannerMacros: [any Macro] = [
        NoteMacro(), WarningMacro(), CalloutMacro(), DraftMacro(), TranslationInProgressMacro(), OutdatedMacro(),
        ObsoleteHeaderMacro(),
    ]
}

// Block banners of the KumaScript era. MDN retired `Note`/`Warning` for Markdown alerts
// (`> [!NOTE]`); these macros emit the same `notecard` markup FolioMarkdown gives those alerts, so
// old pages and new ones look alike.

enum BannerHTML {
    /// Block-level tags: content starting with one of these is not wrapped in another `<p>`.
    static let blockTags = ["p", "ul", "ol", "dl", "div", "pre", "table", "blockquote", "h2", "h3", "h4", "h5", "h6", "figure"]

    /// The tag name `html` starts with, if it starts with a tag.
    static func leadingTag(_ html: String) -> String? {
        guard html.hasPrefix("<") else { return nil }
        let name = html.dropFirst().prefix { $0.isLetter || $0.isNumber }
        return name.isEmpty ? nil : name.lowercased()
    }

    /// `<div class="<cls>">` around writer HTML with an optional bold label first, as the
    /// Markdown alerts render: `<p><strong>Note:</strong> text</p>`. The writer's HTML passes
    /// through as KumaScript's did; the page's sanitizer runs over the result.
    static func card(_ cls: String, label: String?, content: String) -> String {
        let html = content.trimmingCharacters(in: .whitespacesAndNewlines)
        let strong = label.map { "<strong>" + MacroHTML.escape($0) + "</strong>" }
        var body: String
        switch leadingTag(html) {
        case "p"?:
            // Put the label inside the writer's first paragraph.
            let close = html.firstIndex(of: ">")!
            body = String(html[...close]) + (strong.map { $0 + " " } ?? "") + html[html.index(after: close)...]
        case let tag? where blockTags.contains(tag):
            body = (strong.map { "<p>" + $0 + "</p>" } ?? "") + html
        default:
            body = "<p>" + (strong ?? "") + (strong != nil && !html.isEmpty ? " " : "") + html + "</p>"
        }
        if html.isEmpty { body = strong.map { "<p>" + $0 + "</p>" } ?? "" }
        return "<div class=\"" + cls + "\">" + body + "</div>"
    }
}

/// `{{Note("Some <em>HTML</em>")}}` → `<div class="notecard note"><p><strong>Note:</strong> Some <em>HTML</em></p></div>`.
struct NoteMacro: Macro {
    let name = "Note"
    let summary = "A note box (legacy; new pages use a `> [!NOTE]` block quote)."
    let parameters = [MacroParameter("content", "the note's text (HTML allowed)")]
    let example = "{{Note(\"This is important.\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BannerHTML.card("notecard note", label: context.string("note"), content: arguments.string(0) ?? "")
    }
}

/// `{{Warning("Careful!")}}` → `<div class="notecard warning"><p><strong>Warning:</strong> Careful!</p></div>`.
struct WarningMacro: Macro {
    let name = "Warning"
    let summary = "A warning box (legacy; new pages use a `> [!WARNING]` block quote)."
    let parameters = [MacroParameter("content", "the warning's text (HTML allowed)")]
    let example = "{{Warning(\"This may break things.\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BannerHTML.card("notecard warning", label: context.string("warning"), content: arguments.string(0) ?? "")
    }
}

/// `{{Callout("Try this next.")}}` → `<div class="callout"><p>Try this next.</p></div>` (the
/// `> [!CALLOUT]` markup, which has no label).
struct CalloutMacro: Macro {
    let name = "Callout"
    let summary = "A callout box that draws attention to a next step (legacy; new pages use `> [!CALLOUT]`)."
    let parameters = [MacroParameter("content", required: true, "the callout's text (HTML allowed)")]
    let example = "{{Callout(\"Now try the exercise below.\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BannerHTML.card("callout", label: nil, content: arguments.string(0)!)
    }
}

/// `{{draft}}` → a banner "Draft — This page is not complete.", with optional details where
/// `~~name` links to the user's profile (Yari's `Draft.ejs`). Uses `notecard` so it is styled
/// like the other banners (Yari's class was `blockIndicator draft`).
struct DraftMacro: Macro {
    let name = "draft"
    let summary = "A banner saying the page is a draft, with optional details (`~~name` links a profile)."
    let parameters = [MacroParameter("details", "why the page is a draft or who works on it; ~~name links to a profile")]
    let example = "{{draft(\"~~jane is adding examples.\")}}"
    let isBlock = true

    static let title = [
        "en-US": "Draft", "de": "Entwurf", "es": "Borrador", "fr": "Brouillon", "it": "Bozza", "ja": "草案", "ko": "초안",
        "pt-BR": "Rascunho", "ru": "Черновик", "zh-CN": "草案",
    ]
    static let notComplete = [
        "en-US": "This page is not complete.", "de": "Diese Seite ist noch nicht fertig.", "es": "Esta página no está completa.",
        "fr": "Cette page n'est pas terminée.", "it": "Questa pagina non è completa.", "ja": "このページは完成していません。",
        "ko": "이 문서는 작성중입니다.", "pt-BR": "Esta página está incompleta.", "ru": "Эта страница не завершена.",
        "zh-CN": "本页尚未完工。",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        var html = "<div class=\"notecard draft\"><p><strong>" + MacroHTML.escape(context.localized(Self.title))
            + "</strong><br>" + MacroHTML.escape(context.localized(Self.notComplete)) + "</p>"
        if let details = arguments.string(0) {
            html += "<p><em>" + Self.linkingProfiles(details, context) + "</em></p>"
        }
        return html + "</div>"
    }

    /// Escapes the details and turns `~~name` into a link to `/<locale>/profiles/<name>`.
    static func linkingProfiles(_ details: String, _ context: MacroContext) -> String {
        let text = HTMLText.decodingCharacterReferences(details)
        var out = ""
        var rest = Substring(text)
        while let mark = rest.range(of: "~~") {
            out += MacroHTML.escape(rest[..<mark.lowerBound])
            let user = rest[mark.upperBound...].prefix { $0.isLetter || $0.isNumber || "_.+-".contains($0) }
            if user.isEmpty {
                out += "~~"
            } else {
                out += "<a href=\"/" + MacroHTML.escape(context.locale) + "/profiles/" + MacroHTML.pathEncode(String(user)) + "\">"
                    + MacroHTML.escape(user) + "</a>"
            }
            rest = rest[mark.upperBound...].dropFirst(user.count)
        }
        return out + MacroHTML.escape(rest)
    }
}

/// `{{TranslationInProgress}}` → a note that the page's translation is not finished.
struct TranslationInProgressMacro: Macro {
    let name = "TranslationInProgress"
    let summary = "A banner saying the translation of this page is in progress."
    let parameters: [MacroParameter] = []
    let example = "{{TranslationInProgress}}"
    let isBlock = true

    static let copy = [
        "en-US": "The translation of this page is not complete yet; parts of it may still be in English.",
        "de": "Die Übersetzung dieser Seite ist noch nicht abgeschlossen; Teile davon können noch auf Englisch sein.",
        "es": "La traducción de esta página aún no está completa; algunas partes pueden estar todavía en inglés.",
        "fr": "La traduction de cette page n'est pas encore terminée ; certaines parties peuvent encore être en anglais.",
        "it": "La traduzione di questa pagina non è ancora completa; alcune parti potrebbero essere ancora in inglese.",
        "ja": "このページの翻訳はまだ完了していません。一部がまだ英語のままの可能性があります。",
        "ko": "이 문서의 번역은 아직 완료되지 않았습니다. 일부는 아직 영어로 되어 있을 수 있습니다.",
        "pt-BR": "A tradução desta página ainda não está completa; partes dela podem ainda estar em inglês.",
        "ru": "Перевод этой страницы ещё не завершён; некоторые её части могут быть на английском языке.",
        "zh-CN": "本页面的翻译尚未完成，部分内容可能仍为英文。",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        "<div class=\"notecard note\"><p>" + MacroHTML.escape(context.localized(Self.copy)) + "</p></div>"
    }
}

/// `{{outdated}}` → a warning that the translation is older than the English page, linking to it.
struct OutdatedMacro: Macro {
    let name = "outdated"
    let summary = "A banner saying this translation is outdated compared with the English original."
    let parameters = [MacroParameter("details", "extra text shown after the notice")]
    let example = "{{outdated}}"
    let isBlock = true

    static let copy = [
        "en-US": "This translation is outdated. Please check the English original for the latest content.",
        "de": "Diese Übersetzung ist veraltet. Bitte sehen Sie sich das englische Original für den aktuellen Inhalt an.",
        "es": "Esta traducción está desactualizada. Consulte el original en inglés para ver el contenido más reciente.",
        "fr": "Cette traduction n'est pas à jour. Consultez l'original en anglais pour le contenu le plus récent.",
        "it": "Questa traduzione non è aggiornata. Consulta l'originale in inglese per il contenuto più recente.",
        "ja": "この翻訳は古くなっています。最新の内容は英語の原文を確認してください。",
        "ko": "이 번역은 오래되었습니다. 최신 내용은 영어 원문을 확인하세요.",
        "pt-BR": "Esta tradução está desatualizada. Consulte o original em inglês para ver o conteúdo mais recente.",
        "ru": "Этот перевод устарел. Актуальное содержимое смотрите в английском оригинале.",
        "zh-CN": "此翻译已过时。请查看英文原文以获取最新内容。",
    ]
    static let original = [
        "en-US": "English original", "de": "Englisches Original", "es": "Original en inglés", "fr": "Original en anglais",
        "it": "Originale in inglese", "ja": "英語の原文", "ko": "영어 원문", "pt-BR": "Original em inglês",
        "ru": "Английский оригинал", "zh-CN": "英文原文",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        var html = "<div class=\"notecard warning\"><p>" + MacroHTML.escape(context.localized(Self.copy))
        if let details = arguments.string(0) { html += " " + MacroHTML.text(details) }
        html += "</p>"
        // The English page of the same slug (translations share the slug, as in MDN's repositories).
        if context.locale != "en-US", !context.page.slug.isEmpty, let english = context.page(context.page.slug, locale: "en-US") {
            html += "<p><a href=\"" + MacroHTML.escape(english.path) + "\">" + MacroHTML.escape(context.localized(Self.original)) + "</a></p>"
        }
        return html + "</div>"
    }
}

/// `{{Obsolete_Header}}` → `<div class="notecard obsolete"><p><strong>Obsolete:</strong> …</p></div>`
/// (KumaScript's `ObsoleteGeneric` text; MDN now marks such features deprecated).
struct ObsoleteHeaderMacro: Macro {
    let name = "Obsolete_Header"
    let summary = "A banner saying the feature is obsolete and may stop working at any time."
    let parameters = [MacroParameter("version", .any, "ignored (old calls passed a version such as \"gecko50\")")]
    let example = "{{Obsolete_Header}}"
    let isBlock = true

    static let copy = [
        "en-US": "This feature is obsolete. Although it may still work in some browsers, its use is discouraged since it could be removed at any time. Try to avoid using it.",
        "de": "Diese Funktion ist obsolet. Obwohl sie in einigen Browsern noch funktionieren mag, wird von ihrer Verwendung abgeraten, da sie jederzeit entfernt werden könnte. Vermeiden Sie ihre Verwendung.",
        "es": "Esta característica es obsoleta. Aunque puede que aún funcione en algunos navegadores, se desaconseja su uso ya que podría eliminarse en cualquier momento. Evite usarla.",
        "fr": "Cette fonctionnalité est obsolète. Bien qu'encore implémentée par certains navigateurs, son utilisation est découragée, car elle pourrait être retirée à tout moment. Évitez de l'utiliser.",
        "it": "Questa funzionalità è obsoleta. Anche se potrebbe funzionare ancora in alcuni browser, se ne sconsiglia l'uso perché potrebbe essere rimossa in qualsiasi momento. Evita di usarla.",
        "ja": "この機能は廃止されました。まだいくつかのブラウザーで動作するかもしれませんが、いつ削除されてもおかしくないので、使わないようにしましょう。",
        "ko": "이 기능은 폐기되었습니다. 일부 브라우저에서는 아직 동작할 수 있지만 언제든지 제거될 수 있으므로 사용을 피하세요.",
        "pt-BR": "Este recurso está obsoleto. Embora ainda possa funcionar em alguns navegadores, seu uso é desencorajado, pois pode ser removido a qualquer momento. Evite usá-lo.",
        "ru": "Эта возможность устарела. Хотя она может работать в некоторых браузерах, её использование не рекомендуется, так как она может быть удалена в любой момент. Старайтесь не использовать её.",
        "zh-CN": "此特性已经过时。尽管它在某些浏览器中可能仍然有效，但不鼓励使用它，因为它随时可能被移除。请尽量避免使用。",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.banner("obsolete", label: BadgeText.heading(context.localized(ObsoleteInlineMacro.label), context),
                         copy: Self.copy, context)
    }
}
