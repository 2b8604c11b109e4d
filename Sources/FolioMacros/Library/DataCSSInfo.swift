/// `{{cssinfo}}` → the "Formal definition" table of a CSS property or at-rule descriptor, from
/// MDN's CSS data (`properties.json`, `at-rules.json`) with values translated through
/// `l10n/css.json`, as Yari rendered it.
struct CSSInfoMacro: Macro {
    let name = "cssinfo"
    let summary = "The formal definition table (initial value, applies to, inherited, …) of the page's CSS property."
    let parameters = [
        MacroParameter("name", "property or descriptor name; defaults to the last part of the page's slug"),
        MacroParameter("atRule", "the at-rule of a descriptor, e.g. \"@font-face\"; defaults to the at-rule in the slug"),
    ]
    let example = "{{cssinfo}}"
    let isBlock = true

    /// The longest chain of shorthands (`border` → `border-width` → …) rendered as nested lists.
    static let maxShorthandDepth = 3

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let subject = CSSSubject.resolve(name: arguments.string(0), atRule: arguments.string(1), slug: context.page.slug)
        guard let data = context.cssData else { return CSSMacroSupport.noDataNote(context, syntax: false) }
        var rows: [(String, String)] = []
        switch subject {
        case .property(let name):
            guard let property = data.property(name) else { return CSSMacroSupport.unknownNote(context, subject, syntax: false) }
            rows = propertyRows(property, data, context)
        case .descriptor(let atRule, let name):
            guard let rule = data.atRule(atRule), let descriptor = rule.descriptor(name) else {
                return CSSMacroSupport.unknownNote(context, subject, syntax: false)
            }
            rows = descriptorRows(descriptor, rule, data, context)
        default:
            return CSSMacroSupport.unknownNote(context, subject, syntax: false)
        }
        var html = "<table class=\"properties\"><tbody>"
        for (label, value) in rows {
            html += "<tr><th scope=\"row\">" + label + "</th><td>" + value + "</td></tr>"
        }
        return html + "</tbody></table>"
    }

    // MARK: Rows

    enum Field { case initial, computed, percentages, animationType }

    func propertyRows(_ p: CSSProperty, _ data: CSSData, _ context: MacroContext) -> [(String, String)] {
        var rows: [(String, String)] = []
        rows.append((CSSInfoLabels.initial(data, context), render(p.initial, .initial, data, context, depth: 0)))
        rows.append((CSSInfoLabels.appliesTo(data, context), appliesTo(p, data, context)))
        rows.append((CSSInfoLabels.inherited(data, context), p.inherited ? CSSInfoLabels.yes(data, context) : CSSInfoLabels.no(data, context)))
        if p.percentages != .value("no") {
            rows.append((CSSInfoLabels.percentages(data, context), render(p.percentages, .percentages, data, context, depth: 0)))
        }
        rows.append((CSSInfoLabels.computed(data, context), render(p.computed, .computed, data, context, depth: 0)))
        rows.append((CSSInfoLabels.animationType(data, context), render(p.animationType, .animationType, data, context, depth: 0)))
        if !Self.genericOrders.contains(p.order) {
            rows.append((CSSInfoLabels.canonicalOrder(data, context), CSSMacroSupport.value(p.order, data, context)))
        }
        if p.stacking {
            rows.append((CSSInfoLabels.stacking(data, context), CSSInfoLabels.yes(data, context)))
        }
        return rows
    }

    func descriptorRows(_ d: CSSDescriptor, _ rule: CSSAtRule, _ data: CSSData, _ context: MacroContext) -> [(String, String)] {
        var rows: [(String, String)] = []
        let ruleLink = MacroHTML.link(context.target("Web/CSS/Reference/At-rules/" + rule.name), html: MacroHTML.escape(rule.name), code: true)
        rows.append((CSSInfoLabels.relatedAtRule(data, context), ruleLink))
        rows.append((CSSInfoLabels.initial(data, context), render(d.initial, .initial, data, context, depth: 0)))
        if d.percentages != .value("no") {
            rows.append((CSSInfoLabels.percentages(data, context), render(d.percentages, .percentages, data, context, depth: 0)))
        }
        rows.append((CSSInfoLabels.computed(data, context), render(d.computed, .computed, data, context, depth: 0)))
        if !Self.genericOrders.contains(d.order) {
            rows.append((CSSInfoLabels.canonicalOrder(data, context), CSSMacroSupport.value(d.order, data, context)))
        }
        return rows
    }

    /// Orders that say nothing beyond the grammar; MDN's pages show no "Canonical order" row for them.
    static let genericOrders: Set<String> = ["uniqueOrder", "perGrammar", "orderOfAppearance"]

    func appliesTo(_ p: CSSProperty, _ data: CSSData, _ context: MacroContext) -> String {
        let base = CSSMacroSupport.value(p.appliesTo, data, context)
        guard !p.alsoAppliesTo.isEmpty else { return base }
        let items = p.alsoAppliesTo.map { selector in
            MacroHTML.link(context.target("Web/CSS/Reference/Selectors/" + selector), html: MacroHTML.escape(selector), code: true)
        }
        let list = CSSMacroSupport.enumeration(items, data, context)
        guard let template = CSSMacroSupport.l10n("applyingToMultiple", data, context) else { return base + ". " + list }
        return template.replacingOccurrences(of: "$1$", with: base).replacingOccurrences(of: "$2$", with: list)
    }

    /// A value, or for shorthands "as each of the properties of the shorthand:" and a list of
    /// the longhands with their own values (nested for shorthands of shorthands).
    func render(_ value: CSSDefinitionValue, _ field: Field, _ data: CSSData, _ context: MacroContext, depth: Int) -> String {
        switch value {
        case .value(let key):
            return CSSMacroSupport.value(key, data, context)
        case .longhands(let names):
            var html = CSSInfoLabels.asLonghands(data, context) + "<ul>"
            for name in names {
                html += "<li>" + CSSMacroSupport.propertyLink(name, context)
                if let longhand = data.property(name) {
                    let sub: CSSDefinitionValue = switch field {
                    case .initial: longhand.initial
                    case .computed: longhand.computed
                    case .percentages: longhand.percentages
                    case .animationType: longhand.animationType
                    }
                    if case .longhands = sub, depth + 1 >= Self.maxShorthandDepth {
                        // Deeper chains are left to the longhand's own page.
                    } else {
                        html += ": " + render(sub, field, data, context, depth: depth + 1)
                    }
                }
                html += "</li>"
            }
            return html + "</ul>"
        }
    }
}

/// Row labels: the l10n file's strings where it has this locale, else ours (the file has no
/// "Initial value", "Inherited" or "Computed value": KumaScript's macro carried those itself).
enum CSSInfoLabels {
    static func initial(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("initialValue", d, c, [
            "en-US": "Initial value", "de": "Initialer Wert", "es": "Valor inicial", "fr": "Valeur initiale",
            "it": "Valore iniziale", "ja": "初期値", "zh-CN": "初始值",
        ])
    }
    static func appliesTo(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("appliesTo", d, c, [
            "en-US": "Applies to", "de": "Anwendbar auf", "es": "Se aplica a", "fr": "Applicabilité",
            "it": "Si applica a", "ja": "適用対象", "zh-CN": "适用元素",
        ])
    }
    static func inherited(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("inherited", d, c, [
            "en-US": "Inherited", "de": "Vererbt", "es": "Heredable", "fr": "Héritée",
            "it": "Ereditato", "ja": "継承", "zh-CN": "是否是继承属性",
        ])
    }
    static func percentages(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("percentages", d, c, [
            "en-US": "Percentages", "de": "Prozentwerte", "es": "Porcentajes", "fr": "Pourcentages",
            "it": "Percentuali", "ja": "パーセント値", "zh-CN": "百分比",
        ])
    }
    static func computed(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("computedValue", d, c, [
            "en-US": "Computed value", "de": "Berechneter Wert", "es": "Valor calculado", "fr": "Valeur calculée",
            "it": "Valore calcolato", "ja": "計算値", "zh-CN": "计算值",
        ])
    }
    static func animationType(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("animationType", d, c, [
            "en-US": "Animation type", "de": "Animationstyp", "es": "Tipo de animación", "fr": "Type d'animation",
            "it": "Tipo di animazione", "ja": "アニメーションの種類", "zh-CN": "动画类型",
        ])
    }
    static func canonicalOrder(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("canonicalOrder", d, c, [
            "en-US": "Canonical order", "de": "Kanonische Reihenfolge", "es": "Orden canónico", "fr": "Ordre canonique",
            "it": "Ordine canonico", "ja": "正規順序", "zh-CN": "规范顺序",
        ])
    }
    static func stacking(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("createsStackingContext", d, c, [
            "en-US": "Creates stacking context", "de": "Erstellt Stapelkontext", "es": "Crea contexto de apilamiento",
            "fr": "Crée un contexte d'empilement", "it": "Crea un contesto di impilamento", "ja": "重ね合わせコンテキストの生成",
            "zh-CN": "创建层叠上下文",
        ])
    }
    static func relatedAtRule(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("relatedAtRule", d, c, [
            "en-US": "Related at-rule", "de": "Zugehörige @-Regel", "es": "Regla-at relacionada", "fr": "En lien avec les règles @",
            "it": "Regola @ correlata", "ja": "関連するアット規則", "zh-CN": "相关的 at 规则",
        ])
    }
    static func asLonghands(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("asLonghands", d, c, [
            "en-US": "as each of the properties of the shorthand:", "de": "wie die jeweiligen Kurzschreibweisen:",
            "es": "como cada una de las propiedades del atajo:", "fr": "pour chaque propriété individuelle de la propriété raccourcie :",
            "it": "come ciascuna delle proprietà della forma abbreviata:", "ja": "一括指定の次の各プロパティとして",
            "zh-CN": "该简写所对应的每个属性：",
        ])
    }
    static func yes(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("yes", d, c, ["en-US": "yes", "de": "Ja", "es": "sí", "fr": "oui", "it": "sì", "ja": "あり", "zh-CN": "是"])
    }
    static func no(_ d: CSSData, _ c: MacroContext) -> String {
        CSSMacroSupport.label("no", d, c, ["en-US": "no", "de": "Nein", "es": "no", "fr": "non", "it": "no", "ja": "なし", "zh-CN": "否"])
    }
}
