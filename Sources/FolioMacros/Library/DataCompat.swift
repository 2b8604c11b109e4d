import FolioCompat
import Foundation

/// `{{Compat}}` / `{{Compat("key", depth)}}` → the browser compatibility table, built from the
/// imported BCD data (`folio bcd import`). The key comes from the argument or the page's
/// `browser-compat` front matter (one table per key); subfeatures down to `depth` (default 1).
/// Every feature read is a dependency, so a BCD re-import re-renders exactly the pages it touches.
struct CompatMacro: Macro {
    let name = "Compat"
    let summary = "The browser compatibility table of the page's feature, from the imported browser-compat-data."
    let parameters = [
        MacroParameter("feature", "a browser-compat-data key, e.g. \"api.fetch\"; defaults to the page's browser-compat front matter"),
        MacroParameter("depth", .number, "how many levels of subfeatures to show (default 1)"),
    ]
    let example = "{{Compat(\"api.fetch\")}}"
    let isBlock = true
    static let maxDepth = 3

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        if let depth = arguments.number(1), depth < 0 || depth != depth.rounded() {
            throw MacroFailure(.arguments, "Compat: the depth must be a whole number ≥ 0, not \(arguments.value(1)!.literal)")
        }
        let depth = min(arguments.int(1) ?? 1, Self.maxDepth)
        let keys = arguments.string(0).map { [MacroHTML.trimmed($0)] } ?? context.page.browserCompat
        guard !keys.isEmpty else {
            return note(context.localized([
                "en-US": "This page names no browser compatibility data key (the browser-compat front matter).",
                "de": "Diese Seite nennt keinen Schlüssel für Browser-Kompatibilitätsdaten (Front Matter browser-compat).",
                "es": "Esta página no indica ninguna clave de datos de compatibilidad (front matter browser-compat).",
                "fr": "Cette page n'indique aucune clé de données de compatibilité (front matter browser-compat).",
                "it": "Questa pagina non indica alcuna chiave dei dati di compatibilità (front matter browser-compat).",
                "ja": "このページには互換性データのキー（フロントマターの browser-compat）が指定されていません。",
                "zh-CN": "此页面未指定浏览器兼容性数据键（front matter 中的 browser-compat）。",
            ]))
        }
        let browsers = context.compatBrowsers
        return keys.map { key in
            guard let root = context.compatFeature(key) else {
                return CompatTable.missingData(key: key, locale: context.locale)
            }
            var features = [root]
            var level = [root]
            for _ in 0..<depth {
                level = level.flatMap { $0.subfeatures.compactMap { context.compatFeature($0) } }
                features += level
            }
            // Depth-first order, as MDN lists subfeatures under their parent.
            return CompatTable(browsers: browsers, locale: context.locale).html(features: Self.ordered(root, features), queryKey: key)
        }.joined()
    }

    static func ordered(_ root: Feature, _ features: [Feature]) -> [Feature] {
        let byKey = Dictionary(features.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [Feature] = []
        func visit(_ feature: Feature) {
            out.append(feature)
            for key in feature.subfeatures { if let child = byKey[key] { visit(child) } }
        }
        visit(root)
        return out
    }

    private func note(_ text: String) -> String { "<div class=\"notecard note\"><p>" + MacroHTML.escape(text) + "</p></div>" }
}

/// `{{Specifications}}` → the specifications table: the `spec_url`s of the page's BCD features
/// and the `spec-urls` front matter, each named from its URL (`SpecificationNames`).
struct SpecificationsMacro: Macro {
    let name = "Specifications"
    let summary = "The table of specifications that define the page's feature (from compat data and the spec-urls front matter)."
    let parameters = [
        MacroParameter("feature", "a browser-compat-data key whose specifications to list; defaults to the page's"),
    ]
    let example = "{{Specifications}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let keys = arguments.string(0).map { [MacroHTML.trimmed($0)] } ?? context.page.browserCompat
        var urls: [String] = []
        for key in keys { urls += context.compatFeature(key)?.specURLs ?? [] }
        if arguments.string(0) == nil { urls += context.page.specURLs }
        var seen = Set<String>()
        urls = urls.map(MacroHTML.trimmed).filter { !$0.isEmpty && seen.insert($0).inserted }
        guard !urls.isEmpty else {
            let text = context.localized([
                "en-US": "No specification found for this feature: its browser compatibility data names none, and the page has no spec-urls.",
                "de": "Keine Spezifikation gefunden: Die Browser-Kompatibilitätsdaten nennen keine, und die Seite hat keine spec-urls.",
                "es": "No se encontró ninguna especificación: los datos de compatibilidad no indican ninguna y la página no tiene spec-urls.",
                "fr": "Aucune spécification trouvée : les données de compatibilité n'en citent aucune et la page n'a pas de spec-urls.",
                "it": "Nessuna specifica trovata: i dati di compatibilità non ne indicano e la pagina non ha spec-urls.",
                "ja": "仕様書が見つかりません。互換性データに記載がなく、ページにも spec-urls がありません。",
                "zh-CN": "未找到规范：兼容性数据中没有列出，页面也没有 spec-urls。",
            ])
            return "<div class=\"notecard note\"><p>" + MacroHTML.escape(text) + "</p></div>"
        }
        let header = context.localized([
            "en-US": "Specification", "de": "Spezifikation", "es": "Especificación", "fr": "Spécification",
            "it": "Specifica", "ja": "仕様書", "zh-CN": "规范",
        ])
        var html = "<table class=\"standard-table\"><thead><tr><th scope=\"col\">" + MacroHTML.escape(header)
            + "</th></tr></thead><tbody>"
        for url in urls {
            let (name, fragment) = SpecificationNames.name(of: url)
            html += "<tr><td><a href=\"" + MacroHTML.escape(url) + "\">" + MacroHTML.escape(name)
            if let fragment { html += "<br><small># " + MacroHTML.escape(fragment) + "</small>" }
            html += "</a></td></tr>"
        }
        return html + "</tbody></table>"
    }
}
