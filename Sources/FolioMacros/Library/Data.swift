import Foundation

extension MacroRegistry {
    /// Macros built on imported data sets: MDN's CSS definitions (`cssinfo`, `csssyntax`) and
    /// placeholders for data Folio does not hold yet (browser compatibility, SVG element info).
    static let dataMacros: [any Macro] = [
        CSSInfoMacro(), CSSSyntaxMacro(), SVGInfoMacro(), CompatMacro(), SpecificationsMacro(),
    ]
}

/// What a CSS reference page documents, from the arguments or the page's slug.
enum CSSSubject: Equatable {
    case property(String)
    case descriptor(atRule: String, name: String)
    case atRule(String)
    case value(String)
    case selector(String)

    var displayName: String {
        switch self {
        case .property(let n), .atRule(let n), .value(let n), .selector(let n): n
        case .descriptor(let at, let n): at + " " + n
        }
    }

    /// `name`/`atRule` arguments win; else the slug (`Web/CSS/Reference/Properties/color`,
    /// `…/At-rules/@font-face/font-display`, `…/Values/length`, `…/Selectors/::before`).
    /// Like KumaScript, the name is lower-cased.
    static func resolve(name: String?, atRule: String?, slug: String) -> CSSSubject {
        let name = name?.trimmingCharacters(in: .whitespaces).lowercased()
        let atRule = atRule?.trimmingCharacters(in: .whitespaces).lowercased()
        if let atRule, !atRule.isEmpty {
            let at = atRule.hasPrefix("@") ? atRule : "@" + atRule
            return .descriptor(atRule: at, name: name ?? slug.split(separator: "/").last.map { $0.lowercased() } ?? "")
        }
        let parts = slug.split(separator: "/").map(String.init)
        if let name, !name.isEmpty { return name.hasPrefix("@") ? .atRule(name) : .property(name) }
        let last = parts.last?.lowercased() ?? ""
        if let index = parts.firstIndex(where: { $0.lowercased() == "at-rules" }) {
            let rest = parts[(index + 1)...].map { $0.lowercased() }
            if rest.count >= 2 { return .descriptor(atRule: rest[rest.count - 2], name: rest[rest.count - 1]) }
            return .atRule(last)
        }
        if parts.contains(where: { $0.lowercased() == "values" }) { return .value(last) }
        if parts.contains(where: { $0.lowercased() == "selectors" }) { return .selector(last) }
        return .property(last)
    }
}

/// Shared pieces of the CSS data macros.
enum CSSMacroSupport {
    static func noDataNote(_ context: MacroContext, syntax: Bool) -> String {
        let what = syntax
            ? context.localized([
                "en-US": "The formal syntax is not available", "de": "Die formale Syntax ist nicht verfügbar",
                "es": "La sintaxis formal no está disponible", "fr": "La syntaxe formelle n'est pas disponible",
                "it": "La sintassi formale non è disponibile", "ja": "形式文法は利用できません", "zh-CN": "形式语法不可用",
            ])
            : context.localized([
                "en-US": "The formal definition is not available", "de": "Die formale Definition ist nicht verfügbar",
                "es": "La definición formal no está disponible", "fr": "La définition formelle n'est pas disponible",
                "it": "La definizione formale non è disponibile", "ja": "公式定義は利用できません", "zh-CN": "形式定义不可用",
            ])
        let how = context.localized([
            "en-US": "an administrator can import MDN's CSS data with",
            "de": "eine Administratorin oder ein Administrator kann die CSS-Daten von MDN importieren mit",
            "es": "un administrador puede importar los datos CSS de MDN con",
            "fr": "un administrateur peut importer les données CSS de MDN avec",
            "it": "un amministratore può importare i dati CSS di MDN con",
            "ja": "管理者は次のコマンドで MDN の CSS データをインポートできます:",
            "zh-CN": "管理员可以使用以下命令导入 MDN 的 CSS 数据：",
        ])
        return "<div class=\"notecard note\"><p>" + MacroHTML.escape(what) + ": " + MacroHTML.escape(how)
            + " <code>folio import css-data</code>.</p></div>"
    }

    static func unknownNote(_ context: MacroContext, _ subject: CSSSubject, syntax: Bool) -> String {
        let quoted = "“" + subject.displayName + "”"
        let text = syntax
            ? context.localized([
                "en-US": "No formal syntax for \(quoted) in the CSS data.", "de": "Keine formale Syntax für \(quoted) in den CSS-Daten.",
                "es": "No hay sintaxis formal para \(quoted) en los datos CSS.", "fr": "Aucune syntaxe formelle pour \(quoted) dans les données CSS.",
                "it": "Nessuna sintassi formale per \(quoted) nei dati CSS.", "ja": "CSS データに \(quoted) の形式文法はありません。",
                "zh-CN": "CSS 数据中没有 \(quoted) 的形式语法。",
            ])
            : context.localized([
                "en-US": "No formal definition for \(quoted) in the CSS data.", "de": "Keine formale Definition für \(quoted) in den CSS-Daten.",
                "es": "No hay definición formal para \(quoted) en los datos CSS.", "fr": "Aucune définition formelle pour \(quoted) dans les données CSS.",
                "it": "Nessuna definizione formale per \(quoted) nei dati CSS.", "ja": "CSS データに \(quoted) の公式定義はありません。",
                "zh-CN": "CSS 数据中没有 \(quoted) 的形式定义。",
            ])
        return "<div class=\"notecard note\"><p>" + MacroHTML.escape(text) + "</p></div>"
    }

    /// A string from `l10n/css.json` as HTML for this page: its KumaScript calls
    /// (`{{cssxref("length")}}`, `{{HTMLElement("img")}}`) expanded with the built-in macros, and
    /// any `<` that does not start one of the few tags the file uses escaped (one English string
    /// has a bare `<length-percentage>`).
    static func l10n(_ key: String, _ data: CSSData, _ context: MacroContext) -> String? {
        guard let text = data.string(key, locale: context.locale) else { return nil }
        return expandCalls(text, context)
    }

    static func expandCalls(_ text: String, _ context: MacroContext) -> String {
        guard MacroParser.containsCall(text) else { return escapeStrayBrackets(text) }
        let expander = MacroExpander(registry: .builtIn)
        var out = ""
        for segment in MacroParser.parse(text) {
            switch segment {
            case .text(let t): out += escapeStrayBrackets(t)
            case .malformed(let raw, _, _): out += MacroHTML.escape(raw)
            case .call(let call):
                if case .success(let html) = expander.evaluate(call, context) {
                    out += html
                } else {
                    // A call this wiki cannot expand still reads as its argument.
                    out += "<code>" + MacroHTML.text(call.arguments.first?.text ?? call.name) + "</code>"
                }
            }
        }
        return out
    }

    static let inlineTags: Set<String> = ["a", "code", "i", "b", "em", "strong", "sup", "sub", "br", "abbr", "span", "small"]

    static func escapeStrayBrackets(_ text: String) -> String {
        guard text.contains("<") else { return text }
        var out = ""
        var rest = Substring(text)
        while let lt = rest.firstIndex(of: "<") {
            out += rest[..<lt]
            let after = rest[rest.index(after: lt)...]
            let name = after.drop { $0 == "/" }.prefix { $0.isLetter }
            let next = after.drop { $0 == "/" }.dropFirst(name.count).first
            if inlineTags.contains(name.lowercased()), next == nil || next == ">" || next == " " || next == "/" {
                out += "<"
            } else {
                out += "&lt;"
            }
            rest = after
        }
        return out + rest
    }

    /// A value key localized, else the literal CSS value in `<code>`.
    static func value(_ key: String, _ data: CSSData, _ context: MacroContext) -> String {
        l10n(key, data, context) ?? "<code>" + MacroHTML.escape(key) + "</code>"
    }

    /// A row label: the l10n file's string when it has this locale, else ours.
    static func label(_ key: String, _ data: CSSData, _ context: MacroContext, _ ours: [String: String]) -> String {
        if let table = data.strings[key], let text = table[context.locale] ?? table[MacroContext.languageOnly(context.locale)] {
            return expandCalls(text, context)
        }
        return MacroHTML.escape(context.localized(ours))
    }

    /// "a, b and c" with the l10n file's separators.
    static func enumeration(_ items: [String], _ data: CSSData, _ context: MacroContext) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        let separator = l10n("listSeparator", data, context) ?? ", "
        let and = l10n("andInEnumeration", data, context) ?? " and "
        return items.dropLast().joined(separator: separator) + and + items.last!
    }

    static func propertyLink(_ name: String, _ context: MacroContext) -> String {
        MacroHTML.link(context.target("Web/CSS/Reference/Properties/" + name), html: MacroHTML.escape(name), code: true)
    }
}
