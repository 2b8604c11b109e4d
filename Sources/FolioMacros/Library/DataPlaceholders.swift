import Foundation

// Compat and Specifications live in DataCompat.swift.

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
