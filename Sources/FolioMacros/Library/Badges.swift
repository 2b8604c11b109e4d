import Foundation

extension MacroRegistry {
    static let badgeMacros: [any Macro] = [
        DeprecatedInlineMacro(), ExperimentalInlineMacro(), NonStandardInlineMacro(), ObsoleteInlineMacro(),
        OptionalInlineMacro(), ReadOnlyInlineMacro(), SecureContextInlineMacro(),
        DeprecatedHeaderMacro(), NonStandardHeaderMacro(), SecureContextHeaderMacro(), SeeCompatTableMacro(),
        AvailableInWorkersMacro(),
    ]
}

// Inline badges and the status banners at the top of reference pages, as rari renders them
// (`badges.rs`, `inline_labels.rs`, `banners.rs`) with the strings of MDN's `L10n-Template.json`
// (Italian and gaps in other locales translated here).

/// Badge and banner strings and the small template language their copy uses.
enum BadgeText {
    /// The id of the "Browser compatibility" heading in each locale (banners link to it).
    static let compatAnchor = [
        "en-US": "#browser_compatibility", "de": "#browser-kompatibilität", "es": "#compatibilidad_con_navegadores",
        "fr": "#compatibilité_des_navigateurs", "it": "#compatibilità_con_i_browser", "ja": "#ブラウザーの互換性",
        "ko": "#브라우저_호환성", "pt-BR": "#compatibilidade_com_navegadores", "ru": "#совместимость_с_браузерами",
        "zh-CN": "#浏览器兼容性",
    ]

    /// Copy with links written `[[Web/API/Web_Workers_API|Web Workers]]` (a wiki page, resolved
    /// through `context.target` so the locale and tooltips are right) or `[[#compat|table]]` (the
    /// page's compatibility section). The rest is trusted markup from the tables in this family.
    static func fill(_ template: String, _ context: MacroContext) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "[["), let close = rest[open.upperBound...].range(of: "]]") {
            out += rest[..<open.lowerBound]
            let inner = rest[open.upperBound..<close.lowerBound]
            let parts = inner.split(separator: "|", maxSplits: 1)
            let target = String(parts[0]), text = MacroHTML.escape(parts.count > 1 ? parts[1] : parts[0])
            if target == "#compat" {
                out += "<a href=\"" + MacroHTML.escape(context.localized(compatAnchor)) + "\">" + text + "</a>"
            } else {
                out += XRef.link(target, html: text, code: false, context)
            }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    /// rari's `write_badge`: an icon with a tooltip and a label for screen readers.
    static func icon(_ type: String, title: [String: String], label: [String: String], _ context: MacroContext) -> String {
        "<abbr class=\"icon icon-" + type + "\" title=\"" + MacroHTML.escape(context.localized(title)) + "\">"
            + "<span class=\"visually-hidden\">" + MacroHTML.escape(context.localized(label)) + "</span></abbr>"
    }

    /// rari's `write_inline_label`: a visible label with a tooltip.
    static func label(_ type: String, title: [String: String], label: [String: String], _ context: MacroContext) -> String {
        "<span class=\"badge inline " + type + "\" title=\"" + MacroHTML.escape(context.localized(title)) + "\">"
            + MacroHTML.escape(context.localized(label)) + "</span>"
    }

    /// A status banner: `<div class="notecard <type>"><p><strong>Label:</strong> copy</p></div>`.
    static func banner(_ type: String, label: String, copy: [String: String], _ context: MacroContext) -> String {
        "<div class=\"notecard " + type + "\"><p><strong>" + MacroHTML.escape(label) + "</strong> "
            + fill(context.localized(copy), context) + "</p></div>"
    }

    static let deprecatedTitle = [
        "en-US": "Deprecated. Not for use in new websites.", "de": "Veraltet. Nicht empfohlen für neue Webseiten.",
        "es": "Obsoleto. No usar en nuevos sitios web.", "fr": "Obsolète. Ne pas utiliser sur de nouveaux sites web.",
        "it": "Deprecato. Da non usare in nuovi siti web.", "ja": "非推奨。新しいウェブサイトでは使用しないでください。",
        "ko": "지원이 중단되었습니다. 새로운 웹사이트에서 사용하지 마세요.", "zh-CN": "已弃用。请不要在新的网站中使用。",
    ]
    static let deprecatedLabel = [
        "en-US": "Deprecated", "de": "Veraltet", "es": "Obsoleto", "fr": "Obsolète", "it": "Deprecato", "ja": "非推奨",
        "ko": "지원이 중단되었습니다", "ru": "Устарело", "zh-CN": "已弃用",
    ]
    static let experimentalTitle = [
        "en-US": "Experimental. Expect behavior to change in the future.",
        "de": "Experimentell. Das Verhalten könnte sich in Zukunft ändern.",
        "es": "Experimental. Espere que el comportamiento cambie en el futuro.",
        "fr": "Expérimental. Le comportement attendu pourrait évoluer à l'avenir.",
        "it": "Sperimentale. Il comportamento potrebbe cambiare in futuro.",
        "ja": "実験的。将来的に動作が変更される可能性があります。", "ko": "Experimental. 예상되는 동작은 향후 변경될 수 있습니다.",
        "ru": "Экспериментальная возможность. Её поведение в будущем может измениться", "zh-CN": "实验性。预期行为可能会在未来发生变更。",
    ]
    static let experimentalLabel = [
        "en-US": "Experimental", "de": "Experimentell", "es": "Experimental", "fr": "Expérimental", "it": "Sperimentale",
        "ja": "実験的", "ko": "Experimental", "ru": "Экспериментальная возможность", "zh-CN": "实验性",
    ]
    static let nonStandardTitle = [
        "en-US": "Non-standard. Check cross-browser support before using.",
        "de": "Nicht standardisiert. Überprüfen Sie vor der Verwendung die Browser-Kompatibilität.",
        "es": "No estándar. Compruebe la compatibilidad entre navegadores antes de usarlo.",
        "fr": "Non standard. Vérifiez la prise en charge entre les navigateurs avant de l'utiliser.",
        "it": "Non standard. Verificare il supporto nei vari browser prima dell'uso.",
        "ja": "非標準。使用する前にブラウザーの対応状況を確認してください。",
        "ko": "비표준. 사용하기전에 다른 브라우저에서도 사용 가능한지 확인 해주세요.", "zh-CN": "非标准。请在使用前检查跨浏览器支持。",
    ]
    static let nonStandardLabel = [
        "en-US": "Non-standard", "de": "Nicht standardisiert", "es": "No estándar", "fr": "Non standard", "it": "Non standard",
        "ja": "非標準", "ko": "비표준", "pt-BR": "Não padrão", "ru": "Не стандартно", "zh-CN": "非标准",
    ]
    static let secureContextLabel = [
        "en-US": "Secure context", "de": "Sicherer Kontext", "es": "Contexto seguro", "fr": "Contexte sécurisé",
        "it": "Contesto sicuro", "ja": "安全なコンテキスト用", "ko": "보안 컨텍스트", "zh-CN": "安全上下文",
    ]
}

/// `{{deprecated_inline}}` → the deprecated icon with its tooltip.
struct DeprecatedInlineMacro: Macro {
    let name = "deprecated_inline"
    let aliases = ["DeprecatedBadge"]
    let summary = "An inline badge marking a feature as deprecated."
    let parameters = [MacroParameter("version", .any, "ignored (old calls passed a version; rari ignores it too)")]
    let example = "{{deprecated_inline}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.icon("deprecated", title: BadgeText.deprecatedTitle, label: BadgeText.deprecatedLabel, context)
    }
}

/// `{{experimental_inline}}` → the experimental icon with its tooltip.
struct ExperimentalInlineMacro: Macro {
    let name = "experimental_inline"
    let aliases = ["ExperimentalBadge"]
    let summary = "An inline badge marking a feature as experimental."
    let parameters = [MacroParameter("version", .any, "ignored (old calls passed a version)")]
    let example = "{{experimental_inline}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.icon("experimental", title: BadgeText.experimentalTitle, label: BadgeText.experimentalLabel, context)
    }
}

/// `{{non-standard_inline}}` → the non-standard icon (class `icon-nonstandard`, as rari).
struct NonStandardInlineMacro: Macro {
    let name = "non-standard_inline"
    let aliases = ["NonStandardBadge"]
    let summary = "An inline badge marking a feature as non-standard."
    let parameters: [MacroParameter] = []
    let example = "{{non-standard_inline}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.icon("nonstandard", title: BadgeText.nonStandardTitle, label: BadgeText.nonStandardLabel, context)
    }
}

/// `{{obsolete_inline}}` → an obsolete icon. MDN folded "obsolete" into "deprecated" and rari no
/// longer renders this macro; translated pages still call it, so it keeps Yari's meaning.
struct ObsoleteInlineMacro: Macro {
    let name = "obsolete_inline"
    let aliases = ["ObsoleteBadge"]
    let summary = "An inline badge marking a feature as obsolete (no longer guaranteed to work)."
    let parameters = [MacroParameter("version", .any, "ignored (old calls passed a version)")]
    let example = "{{obsolete_inline}}"

    static let title = [
        "en-US": "Obsolete. Not for use in new websites.", "de": "Obsolet. Nicht für neue Webseiten verwenden.",
        "es": "Obsoleto. No usar en nuevos sitios web.", "fr": "Obsolète. Ne pas utiliser sur de nouveaux sites web.",
        "it": "Obsoleto. Da non usare in nuovi siti web.", "ja": "廃止。新しいウェブサイトでは使用しないでください。",
        "ru": "Устаревшая возможность. Не используйте на новых сайтах.", "zh-CN": "已废弃。请不要在新的网站中使用。",
    ]
    static let label = [
        "en-US": "Obsolete", "de": "Obsolet", "es": "Obsoleto", "fr": "Obsolète", "it": "Obsoleto", "ja": "廃止",
        "ru": "Устарело", "zh-CN": "已废弃",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.icon("obsolete", title: Self.title, label: Self.label, context)
    }
}

/// `{{optional_inline}}` → `<span class="badge inline optional">Optional</span>`.
struct OptionalInlineMacro: Macro {
    let name = "optional_inline"
    let summary = "An inline label marking a parameter or member as optional."
    let parameters: [MacroParameter] = []
    let example = "{{optional_inline}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        "<span class=\"badge inline optional\">" + MacroHTML.escape(context.string("optional")) + "</span>"
    }
}

/// `{{ReadOnlyInline}}` → `<span class="badge inline readonly" title="…">Read only</span>`.
struct ReadOnlyInlineMacro: Macro {
    let name = "ReadOnlyInline"
    let summary = "An inline label marking a property as read-only."
    let parameters: [MacroParameter] = []
    let example = "{{ReadOnlyInline}}"

    static let title = [
        "en-US": "This value may not be changed.", "de": "Dieser Wert kann nicht geändert werden.",
        "es": "Este valor no se puede cambiar.", "fr": "Cette valeur ne peut pas être changée.",
        "it": "Questo valore non può essere modificato.", "ja": "この値は変更できません。", "ko": "이 값은 변경 할 수 없습니다.",
        "pt-BR": "Este valor não pode ser alterado.", "ru": "Это значение изменять нельзя.", "zh-CN": "该属性的值无法更改",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.label("readonly", title: Self.title, label: L10n.strings["read-only"]!, context)
    }
}

/// `{{secureContext_inline}}` → `<span class="badge inline secure" title="…">Secure context</span>`.
struct SecureContextInlineMacro: Macro {
    let name = "secureContext_inline"
    let summary = "An inline label marking a feature as available only in secure contexts (HTTPS)."
    let parameters: [MacroParameter] = []
    let example = "{{secureContext_inline}}"

    static let title = [
        "en-US": "This feature is available only in secure contexts (HTTPS)",
        "de": "Diese Funktion ist nur in sicheren Kontexten (HTTPS) verfügbar.",
        "es": "Esta función está disponible solo en contextos seguros (HTTPS)",
        "fr": "Cette fonctionnalité est uniquement disponible dans des contextes sécurisés (HTTPS)",
        "it": "Questa funzionalità è disponibile solo in contesti sicuri (HTTPS)",
        "ja": "この機能は安全なコンテキスト (HTTPS) でのみ利用できます", "ko": "이 기능은 보안 컨텍스트 (HTTPS)에서만 사용할 수 있습니다",
        "zh-CN": "此特性仅在安全上下文（HTTPS）中可用",
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        BadgeText.label("secure", title: Self.title, label: BadgeText.secureContextLabel, context)
    }
}
