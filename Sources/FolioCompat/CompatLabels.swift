/// Localized strings of the browser-compatibility table (MDN's `bcd.*` / `compat.*` strings,
/// with the gaps translated here). Placeholders are `{0}`, `{1}`, …; every string is plain
/// text without `<`, `>`, `&` or `"`, so it can be written into text and attributes as is.
enum CompatLabel: Int, CaseIterable, Sendable {
    case desktop, mobile, server
    case yes, partial, no, unknown, preview
    case experimental, nonStandard, deprecated
    case experimentalLabel, nonStandardLabel, deprecatedLabel
    case notes, flags, altName, prefix, more
    case released, removedIn, legend, tip
    case yesShort, noShort, previewShort
    case fullSince, partialSince, supportedIn, hasPrefix, alternateName, disabled
    case fromVersion, untilVersion, behindPreference, behindRuntimeFlag, needsValue, changePrefs
    case missingData, missingCheck, missingContribute
}

enum CompatLabels {
    static let locales = ["en-US", "de", "es", "fr", "it", "ja", "zh-CN"]

    /// Label → strings in the order of `locales`.
    static let table: [CompatLabel: [String]] = [
        .desktop: ["Desktop", "Desktop", "Escritorio", "Ordinateurs", "Desktop", "デスクトップ", "桌面"],
        .mobile: ["Mobile", "Mobil", "Móvil", "Mobiles", "Mobile", "モバイル", "移动"],
        .server: ["Server", "Server", "Servidor", "Serveur", "Server", "サーバー", "服务器"],
        .yes: ["Full support", "Volle Unterstützung", "Soporte completo", "Support complet", "Supporto completo", "完全対応", "完全支持"],
        .partial: ["Partial support", "Teilweise Unterstützung", "Soporte parcial", "Support partiel", "Supporto parziale", "部分対応", "部分支持"],
        .no: ["No support", "Keine Unterstützung", "Sin soporte", "Aucun support", "Nessun supporto", "未対応", "不支持"],
        .unknown: ["Compatibility unknown", "Kompatibilität unbekannt", "Compatibilidad desconocida", "Compatibilité inconnue",
                   "Compatibilità sconosciuta", "互換性不明", "兼容性未知"],
        .preview: ["In development. Supported in a pre-release version.", "In Entwicklung. Unterstützt in einer Vorabversion.",
                   "En desarrollo. Compatible con una versión preliminar.", "En développement. Pris en charge dans une version préliminaire.",
                   "In sviluppo. Supportato in una versione di anteprima.", "開発中。プレリリース版で対応しています。", "开发中。在预发布版本中支持。"],
        .experimental: ["Experimental. Expect behavior to change in the future.", "Experimentell. Das Verhalten könnte sich in Zukunft ändern.",
                        "Experimental. Espere que el comportamiento cambie en el futuro.",
                        "Expérimental. Le comportement attendu pourrait évoluer à l'avenir.",
                        "Sperimentale. Il comportamento potrebbe cambiare in futuro.",
                        "実験的。将来的に動作が変更される可能性があります。", "实验性。预期行为可能会在未来发生变更。"],
        .nonStandard: ["Non-standard. Check cross-browser support before using.",
                       "Nicht standardisiert. Überprüfen Sie vor der Verwendung die Browser-Kompatibilität.",
                       "No estándar. Compruebe la compatibilidad entre navegadores antes de usarlo.",
                       "Non standard. Vérifiez la prise en charge entre les navigateurs avant de l'utiliser.",
                       "Non standard. Verificare il supporto nei vari browser prima dell'uso.",
                       "非標準。使用する前にブラウザーの対応状況を確認してください。", "非标准。请在使用前检查跨浏览器支持。"],
        .deprecated: ["Deprecated. Not for use in new websites.", "Veraltet. Nicht empfohlen für neue Webseiten.",
                      "Obsoleto. No usar en nuevos sitios web.", "Obsolète. Ne pas utiliser sur de nouveaux sites web.",
                      "Deprecato. Da non usare in nuovi siti web.", "非推奨。新しいウェブサイトでは使用しないでください。",
                      "已弃用。请不要在新的网站中使用。"],
        .experimentalLabel: ["Experimental", "Experimentell", "Experimental", "Expérimental", "Sperimentale", "実験的", "实验性"],
        .nonStandardLabel: ["Non-standard", "Nicht standardisiert", "No estándar", "Non standard", "Non standard", "非標準", "非标准"],
        .deprecatedLabel: ["Deprecated", "Veraltet", "Obsoleto", "Obsolète", "Deprecato", "非推奨", "已弃用"],
        .notes: ["See implementation notes.", "Siehe Implementierungshinweise.", "Ver notas de implementación.",
                 "Voir les notes d'implémentation.", "Vedere le note di implementazione.", "実装ノートを参照してください。", "参见实现说明。"],
        .flags: ["User must explicitly enable this feature.", "Benutzer muss diese Funktion explizit aktivieren.",
                 "El usuario debe activar explícitamente esta característica.", "L'utilisateur doit activer explicitement cette fonctionnalité.",
                 "L'utente deve abilitare esplicitamente questa funzionalità.", "ユーザーが明示的にこの機能を有効にしなければなりません。",
                 "用户必须明确启用此功能。"],
        .altName: ["Uses a non-standard name.", "Verwendet einen nicht standardisierten Namen.", "Usa un nombre no estándar.",
                   "Utilise un nom non standard.", "Usa un nome non standard.", "標準ではない名前を使用しています。", "使用非标准名称。"],
        .prefix: ["Requires a vendor prefix or different name for use.",
                  "Erfordert ein Herstellerpräfix oder einen anderen Namen zur Verwendung.",
                  "Requiere un prefijo de proveedor o un nombre diferente para su uso.",
                  "Nécessite un préfixe de fournisseur ou un nom différent pour être utilisé.",
                  "Richiede un prefisso del produttore o un nome diverso per l'uso.",
                  "使用するには、ベンダー接頭辞または異なる名前が必要です。", "使用时需要加上厂商前缀或不同的名称。"],
        .more: ["Has more compatibility info.", "Hat weitere Kompatibilitätsinformationen.", "Tiene más información de compatibilidad.",
                "Contient plus d'informations de compatibilité.", "Contiene ulteriori informazioni sulla compatibilità.",
                "互換性情報がさらにあります。", "有更多兼容性信息。"],
        .released: ["Released", "Veröffentlicht", "Publicado", "Sortie", "Rilasciato", "リリース日", "发布于"],
        .removedIn: ["Removed in {0}", "Entfernt in {0}", "Eliminado en {0}", "Supprimé dans {0}", "Rimosso in {0}", "{0} で削除", "在 {0} 中移除"],
        .legend: ["Legend", "Legende", "Leyenda", "Légende", "Legenda", "凡例", "图例"],
        .tip: ["Tip: you can click/tap on a cell for more information.",
               "Tipp: Sie können auf eine Zelle klicken/tippen, um weitere Informationen zu erhalten.",
               "Consejo: puede hacer clic o tocar una celda para obtener más información.",
               "Astuce : vous pouvez cliquer ou appuyer sur une cellule pour plus d'informations.",
               "Suggerimento: puoi fare clic o toccare una cella per maggiori informazioni.",
               "ヒント: セルをクリック/タップすると詳細情報が表示されます。", "提示：你可以点击/轻触单元格以获取更多信息。"],
        .yesShort: ["Yes", "Ja", "Sí", "Oui", "Sì", "あり", "是"],
        .noShort: ["No", "Nein", "No", "Non", "No", "なし", "否"],
        .previewShort: ["Preview", "Vorschau", "Vista previa", "Aperçu", "Anteprima", "プレビュー", "预览"],
        .fullSince: ["Full support since version {0}", "Volle Unterstützung seit Version {0}", "Soporte completo desde la versión {0}",
                     "Support complet depuis la version {0}", "Supporto completo dalla versione {0}", "バージョン {0} から完全対応",
                     "自版本 {0} 起完全支持"],
        .partialSince: ["Partial support since version {0}", "Teilweise Unterstützung seit Version {0}",
                        "Soporte parcial desde la versión {0}", "Support partiel depuis la version {0}",
                        "Supporto parziale dalla versione {0}", "バージョン {0} から部分対応", "自版本 {0} 起部分支持"],
        .supportedIn: ["Supported in {0}", "Unterstützt in {0}", "Compatible con {0}", "Pris en charge dans {0}", "Supportato in {0}",
                       "{0} で対応", "在 {0} 中支持"],
        .hasPrefix: ["Has a prefix: {0}", "Mit Präfix: {0}", "Tiene un prefijo: {0}", "Avec un préfixe : {0}", "Con prefisso: {0}",
                     "接頭辞付き: {0}", "带有前缀：{0}"],
        .alternateName: ["Alternate name: {0}", "Alternativer Name: {0}", "Nombre alternativo: {0}", "Nom alternatif : {0}",
                         "Nome alternativo: {0}", "別名: {0}", "别名：{0}"],
        .disabled: ["Disabled", "Deaktiviert", "Desactivado", "Désactivé", "Disabilitato", "無効", "已禁用"],
        .fromVersion: ["From version {0}", "Ab Version {0}", "Desde la versión {0}", "À partir de la version {0}", "Dalla versione {0}",
                       "バージョン {0} 以降", "从版本 {0} 起"],
        .untilVersion: ["Until version {0} (exclusive)", "Bis Version {0} (exklusiv)", "Hasta la versión {0} (exclusiva)",
                        "Jusqu'à la version {0} (exclue)", "Fino alla versione {0} (esclusa)", "バージョン {0} まで（このバージョンを除く）",
                        "直到版本 {0}（不含）"],
        .behindPreference: ["this feature is behind the {0} preference", "diese Funktion ist hinter der Einstellung {0} verborgen",
                            "esta característica está detrás de la preferencia {0}", "cette fonctionnalité est derrière la préférence {0}",
                            "questa funzionalità è dietro l'impostazione {0}", "この機能は {0} 設定の背後にあります", "此功能位于 {0} 首选项之后"],
        .behindRuntimeFlag: ["this feature is behind the {0} runtime flag", "diese Funktion ist hinter dem Laufzeit-Flag {0} verborgen",
                             "esta característica está detrás de la opción de ejecución {0}",
                             "cette fonctionnalité est derrière l'option d'exécution {0}",
                             "questa funzionalità è dietro il flag di runtime {0}", "この機能は {0} ランタイムフラグの背後にあります",
                             "此功能位于 {0} 运行时标志之后"],
        .needsValue: [" (needs to be set to {0})", " (muss auf {0} gesetzt werden)", " (debe establecerse en {0})",
                      " (doit être définie à {0})", " (deve essere impostato su {0})", "（{0} に設定する必要があります）", "（需要设置为 {0}）"],
        .changePrefs: ["To change preferences in {0}, visit {1}.", "Um Einstellungen in {0} zu ändern, besuchen Sie {1}.",
                       "Para cambiar las preferencias en {0}, visite {1}.", "Pour modifier les préférences dans {0}, visitez {1}.",
                       "Per modificare le impostazioni in {0}, visita {1}.", "{0} で設定を変更するには、{1} にアクセスしてください。",
                       "要在 {0} 中更改首选项，请访问 {1}。"],
        .missingData: ["No compatibility data found for {0}. {1} or {2}.", "Keine Kompatibilitätsdaten für {0} gefunden. {1} oder {2}.",
                       "No se encontraron datos de compatibilidad para {0}. {1} o {2}.",
                       "Aucune donnée de compatibilité trouvée pour {0}. {1} ou {2}.",
                       "Nessun dato di compatibilità trovato per {0}. {1} o {2}.", "{0} の互換性データが見つかりません。{1}か、{2}。",
                       "未找到 {0} 的兼容性数据。{1}或{2}。"],
        .missingCheck: ["Check for problems with this page", "Prüfen Sie, ob es Probleme mit dieser Seite gibt",
                        "Compruebe si hay problemas con esta página", "Vérifiez s'il y a des problèmes avec cette page",
                        "Verifica eventuali problemi con questa pagina", "このページに問題がないか確認する", "检查此页面是否存在问题"],
        .missingContribute: ["contribute missing data to mdn/browser-compat-data on GitHub",
                             "tragen Sie fehlende Daten zu mdn/browser-compat-data auf GitHub bei",
                             "contribuya con los datos faltantes a mdn/browser-compat-data en GitHub",
                             "contribuez les données manquantes à mdn/browser-compat-data sur GitHub",
                             "contribuisci con i dati mancanti a mdn/browser-compat-data su GitHub",
                             "GitHub の mdn/browser-compat-data に不足しているデータを提供してください",
                             "在 GitHub 上为 mdn/browser-compat-data 贡献缺失的数据"],
    ]

    /// The index of `locale` in `locales`: exact, then by language (`fr-CA` → `fr`), else en-US.
    static func localeIndex(_ locale: String) -> Int {
        if let i = locales.firstIndex(of: locale) { return i }
        let language = locale.split(separator: "-").first.map(String.init) ?? locale
        if let i = locales.firstIndex(where: { $0 == language || $0.hasPrefix(language + "-") }) { return i }
        return 0
    }

    /// All labels of one locale, indexed by `CompatLabel.rawValue`.
    static func resolve(_ locale: String) -> [String] {
        let index = localeIndex(locale)
        return CompatLabel.allCases.map { table[$0]![index] }
    }
}

/// `{0}`-style templates filled by plain concatenation (no Foundation).
enum CompatTemplate {
    static func fill(_ template: String, _ args: String...) -> String {
        var out = ""
        out.reserveCapacity(template.utf8.count + 32)
        var scalars = template.unicodeScalars[...]
        while let open = scalars.firstIndex(of: "{") {
            out.unicodeScalars.append(contentsOf: scalars[..<open])
            let after = scalars.index(after: open)
            if after < scalars.endIndex, let digit = scalars[after].properties.numericType != nil ? Int(String(scalars[after])) : nil,
               scalars.index(after: after) < scalars.endIndex, scalars[scalars.index(after: after)] == "}", digit < args.count {
                out += args[digit]
                scalars = scalars[scalars.index(after: scalars.index(after: after))...]
            } else {
                out.unicodeScalars.append("{")
                scalars = scalars[after...]
            }
        }
        out.unicodeScalars.append(contentsOf: scalars)
        return out
    }
}

/// A template split once into literal parts, filled by appends.
struct CompiledTemplate: Sendable {
    let head: String
    let rest: [(arg: Int, literal: String)]

    init(_ template: String) {
        var head = "", rest: [(Int, String)] = []
        var current = "", pendingArg: Int? = nil
        var scalars = template.unicodeScalars[...]
        while let first = scalars.first {
            let a = scalars.dropFirst()
            if first == "{", let d = a.first, let digit = Int(String(d)), a.dropFirst().first == "}" {
                if let arg = pendingArg { rest.append((arg, current)) } else { head = current }
                current = ""; pendingArg = digit
                scalars = a.dropFirst(2)
            } else {
                current.unicodeScalars.append(first)
                scalars = a
            }
        }
        if let arg = pendingArg { rest.append((arg, current)) } else { head = current }
        self.head = head; self.rest = rest
    }

    func append(_ a0: String, to out: inout String) {
        out += head
        for (arg, literal) in rest { if arg == 0 { out += a0 }; out += literal }
    }

    func append(_ a0: String, _ a1: String, to out: inout String) {
        out += head
        for (arg, literal) in rest { out += arg == 0 ? a0 : a1; out += literal }
    }
}
