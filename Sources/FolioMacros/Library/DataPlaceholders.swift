import Foundation

/// `{{Compat}}` → MDN's browser compatibility table. Folio has not imported
/// `@mdn/browser-compat-data` yet, so this says so, per feature key (no error: pages stay clean).
struct CompatMacro: Macro {
    let name = "Compat"
    let summary = "The browser compatibility table of the page's feature (a note until compatibility data is imported)."
    let parameters = [
        MacroParameter("feature", "a browser-compat-data key, e.g. \"api.fetch\"; defaults to the page's browser-compat front matter"),
        MacroParameter("depth", .number, "how many levels of subfeatures to show (MDN's default 1)"),
    ]
    let example = "{{Compat(\"api.fetch\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        if let depth = arguments.number(1), depth < 0 || depth != depth.rounded() {
            throw MacroFailure(.arguments, "Compat: the depth must be a whole number ≥ 0, not \(arguments.value(1)!.literal)")
        }
        let keys = arguments.string(0).map { [$0.trimmingCharacters(in: .whitespaces)] } ?? context.page.browserCompat
        guard !keys.isEmpty else {
            let text = context.localized([
                "en-US": "This page names no browser compatibility data key (the browser-compat front matter).",
                "de": "Diese Seite nennt keinen Schlüssel für Browser-Kompatibilitätsdaten (Front Matter browser-compat).",
                "es": "Esta página no indica ninguna clave de datos de compatibilidad (front matter browser-compat).",
                "fr": "Cette page n'indique aucune clé de données de compatibilité (front matter browser-compat).",
                "it": "Questa pagina non indica alcuna chiave dei dati di compatibilità (front matter browser-compat).",
                "ja": "このページには互換性データのキー（フロントマターの browser-compat）が指定されていません。",
                "zh-CN": "此页面未指定浏览器兼容性数据键（front matter 中的 browser-compat）。",
            ])
            return "<div class=\"notecard note\"><p>" + MacroHTML.escape(text) + "</p></div>"
        }
        let template = context.localized([
            "en-US": "Browser compatibility data for %@ is not available yet.",
            "de": "Browser-Kompatibilitätsdaten für %@ sind noch nicht verfügbar.",
            "es": "Los datos de compatibilidad de navegadores para %@ aún no están disponibles.",
            "fr": "Les données de compatibilité des navigateurs pour %@ ne sont pas encore disponibles.",
            "it": "I dati di compatibilità dei browser per %@ non sono ancora disponibili.",
            "ja": "%@ のブラウザー互換性データはまだ利用できません。",
            "zh-CN": "%@ 的浏览器兼容性数据尚不可用。",
        ])
        let escaped = MacroHTML.escape(template)
        return keys.map { key in
            "<div class=\"notecard note\"><p>"
                + escaped.replacingOccurrences(of: "%@", with: "<code>" + MacroHTML.escape(key) + "</code>") + "</p></div>"
        }.joined()
    }
}

/// `{{Specifications}}` → the specifications table. MDN builds it from browser-compat-data
/// (not imported yet) plus the `spec-urls` front matter; Folio lists the `spec-urls`, naming
/// each specification from its URL (`SpecificationNames`).
struct SpecificationsMacro: Macro {
    let name = "Specifications"
    let summary = "The table of specifications that define the page's feature (from the spec-urls front matter)."
    let parameters = [
        MacroParameter("feature", "a browser-compat-data key whose specifications to list; defaults to the page's"),
    ]
    let example = "{{Specifications}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let urls = context.page.specURLs.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !urls.isEmpty else {
            let text = context.localized([
                "en-US": "No specifications are listed: they are taken from browser compatibility data, which is not imported yet, or from the page's spec-urls front matter.",
                "de": "Keine Spezifikationen aufgeführt: Sie stammen aus den Browser-Kompatibilitätsdaten, die noch nicht importiert sind, oder aus dem Front Matter spec-urls der Seite.",
                "es": "No se enumeran especificaciones: se toman de los datos de compatibilidad de navegadores, que aún no se han importado, o del front matter spec-urls de la página.",
                "fr": "Aucune spécification n'est listée : elles proviennent des données de compatibilité des navigateurs, pas encore importées, ou du front matter spec-urls de la page.",
                "it": "Nessuna specifica elencata: provengono dai dati di compatibilità dei browser, non ancora importati, o dal front matter spec-urls della pagina.",
                "ja": "仕様書は掲載されていません。仕様書はまだインポートされていないブラウザー互換性データ、またはページのフロントマター spec-urls から取得されます。",
                "zh-CN": "未列出规范：规范来自尚未导入的浏览器兼容性数据，或页面 front matter 中的 spec-urls。",
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

/// `{{svginfo}}` → MDN's SVG element summary (categories, permitted content, attributes). That
/// table came from a data file KumaScript carried and Folio has no equivalent of, so the macro
/// says so and points to the element's specification when the page names one.
struct SVGInfoMacro: Macro {
    let name = "svginfo"
    let summary = "A note in place of MDN's SVG element information table, linking the element's specification."
    let parameters: [MacroParameter] = []
    let example = "{{svginfo}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let text = context.localized([
            "en-US": "The SVG element summary (categories, permitted content, attributes) is not available here.",
            "de": "Die Übersicht zum SVG-Element (Kategorien, erlaubter Inhalt, Attribute) ist hier nicht verfügbar.",
            "es": "El resumen del elemento SVG (categorías, contenido permitido, atributos) no está disponible aquí.",
            "fr": "Le résumé de l'élément SVG (catégories, contenu autorisé, attributs) n'est pas disponible ici.",
            "it": "Il riepilogo dell'elemento SVG (categorie, contenuto consentito, attributi) non è disponibile qui.",
            "ja": "SVG 要素の概要（カテゴリー、許可されている内容、属性）はここでは利用できません。",
            "zh-CN": "此处无法提供 SVG 元素摘要（类别、允许的内容、属性）。",
        ])
        var html = "<div class=\"notecard note\"><p>" + MacroHTML.escape(text)
        if let url = context.page.specURLs.first(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            let see = context.localized([
                "en-US": "See the specification:", "de": "Siehe die Spezifikation:", "es": "Consulte la especificación:",
                "fr": "Voir la spécification :", "it": "Vedi la specifica:", "ja": "仕様書を参照してください:", "zh-CN": "参见规范：",
            ])
            html += " " + MacroHTML.escape(see) + " <a href=\"" + MacroHTML.escape(url.trimmingCharacters(in: .whitespaces)) + "\">"
                + MacroHTML.escape(SpecificationNames.name(of: url).name) + "</a>."
        }
        return html + "</p></div>"
    }
}
