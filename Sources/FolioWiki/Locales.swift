/// The locales Folio serves and how a request's locale is chosen.
///
/// The list is MDN's 62 `MDN_LANGUAGES` (late 2017). Matching is case-insensitive and
/// aliases map common short or legacy codes to a served locale, as Kuma's
/// `LANGUAGE_URL_MAP` did.
public enum Locales {
    public static let defaultLocale = "en-US"

    /// The canonical locale codes, in MDN's order.
    public static let all: [String] = [
        "en-US", "af", "ar", "az", "bg", "bm", "bn-BD", "bn-IN", "ca", "cs", "de", "ee", "el",
        "es", "fa", "ff", "fi", "fr", "fy-NL", "ga-IE", "ha", "he", "hi-IN", "hr", "hu", "id",
        "ig", "it", "ja", "ka", "kab", "ko", "ln", "mg", "ml", "ms", "my", "nl", "pl", "pt-BR",
        "pt-PT", "ro", "ru", "son", "sq", "sr", "sr-Latn", "sv-SE", "sw", "ta", "th", "tl",
        "tn", "tr", "uk", "vi", "wo", "xh", "yo", "zh-CN", "zh-TW", "zu",
    ]

    /// Other spellings that name a served locale (keys lower-cased).
    public static let aliases: [String: String] = [
        "en": "en-US", "zh": "zh-CN", "cn": "zh-CN", "zh-hans": "zh-CN", "zh_cn": "zh-CN",
        "zh-sg": "zh-CN", "zh-hant": "zh-TW", "zh_tw": "zh-TW", "zh-hk": "zh-TW",
        "pt": "pt-PT", "bn": "bn-BD", "fy": "fy-NL", "ga": "ga-IE", "hi": "hi-IN",
        "sv": "sv-SE", "iw": "he", "in": "id", "sr-cyrl": "sr", "jp": "ja", "en_us": "en-US",
    ]

    public static let rightToLeft: Set<String> = ["ar", "fa", "he"]

    private static let byLowercased: [String: String] = {
        var map = [String: String]()
        for code in all { map[code.lowercased()] = code }
        for (alias, code) in aliases { map[alias] = code }
        return map
    }()

    /// The canonical code for a locale or alias, matched case-insensitively; nil if not served.
    public static func canonical(_ code: String) -> String? {
        byLowercased[code.lowercased()]
    }

    /// True when `code` is exactly a served locale's canonical spelling.
    public static func isCanonical(_ code: String) -> Bool {
        canonical(code) == code
    }

    /// Best served locale for one language tag: exact or alias, then the tag without its
    /// region (`fr-FR` → `fr`), then the first served locale of that language (`pt` → `pt-PT`).
    public static func match(_ tag: String) -> String? {
        let tag = tag.trimmingSpaces().replacingUnderscores()
        if tag.isEmpty || tag == "*" { return nil }
        if let exact = canonical(tag) { return exact }
        let language = tag.split(separator: "-").first.map(String.init) ?? tag
        if let base = canonical(language) { return base }
        let prefix = language.lowercased() + "-"
        return all.first { $0.lowercased().hasPrefix(prefix) }
    }

    /// Picks the locale for a request: `?lang=` first, then Accept-Language by quality, then en-US.
    public static func negotiate(langParameter: String?, acceptLanguage: String?) -> String {
        if let lang = langParameter, let locale = match(lang) { return locale }
        if let header = acceptLanguage {
            for tag in parseAcceptLanguage(header) {
                if let locale = match(tag) { return locale }
            }
        }
        return defaultLocale
    }

    /// Language tags of an Accept-Language header, highest quality first (stable for ties);
    /// tags with q=0 are dropped.
    public static func parseAcceptLanguage(_ header: String) -> [String] {
        var entries: [(tag: String, q: Double, index: Int)] = []
        for (index, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";")
            guard let first = pieces.first else { continue }
            let tag = String(first).trimmingSpaces()
            if tag.isEmpty { continue }
            var q = 1.0
            for parameter in pieces.dropFirst() {
                let kv = parameter.split(separator: "=", maxSplits: 1).map { String($0).trimmingSpaces() }
                if kv.count == 2, kv[0].lowercased() == "q" { q = Double(kv[1]) ?? 0 }
            }
            if q > 0 { entries.append((tag, q, index)) }
        }
        return entries.sorted { $0.q != $1.q ? $0.q > $1.q : $0.index < $1.index }.map(\.tag)
    }
}

extension String {
    func trimmingSpaces() -> String {
        var view = Substring(self)
        while let first = view.first, first.isWhitespace { view.removeFirst() }
        while let last = view.last, last.isWhitespace { view.removeLast() }
        return String(view)
    }

    fileprivate func replacingUnderscores() -> String {
        // `zh_cn` is a listed alias; other underscore spellings read as hyphens.
        if Locales.aliases[lowercased()] != nil { return self }
        return String(map { $0 == "_" ? "-" : $0 })
    }
}
