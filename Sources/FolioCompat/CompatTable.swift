/// MDN's browser-compatibility table (the 2024–2025 `<mdn-compat-table>` layout) rendered as
/// static HTML: one `<table class="bc-table">` whose cells expand with `<details>` (no script).
/// Feature names, versions and flag names are escaped; BCD's `description` and `notes` are
/// HTML and are written as they are (the page sanitizer runs over the whole page later).
/// Only tags and attributes of the Kuma allowlist are used.
public struct CompatTable: Sendable {
    /// Column order per platform, as MDN (`ie` and the XR browsers are never shown).
    static let platforms: [(kind: Browser.Kind, label: CompatLabel, ids: [String])] = [
        (.desktop, .desktop, ["chrome", "edge", "firefox", "opera", "safari"]),
        (.mobile, .mobile, ["chrome_android", "firefox_android", "opera_android", "safari_ios", "samsunginternet_android",
                            "webview_android", "webview_ios"]),
        (.server, .server, ["deno", "nodejs"]),
    ]

    let browsers: [String: Browser]
    let locale: String
    let labels: [String]
    let fragments: CompatFragments

    public init(browsers: [String: Browser], locale: String) {
        self.browsers = browsers
        self.locale = locale
        (self.labels, self.fragments) = CompatFragments.byLocale[CompatLabels.localeIndex(locale)]
    }

    func label(_ l: CompatLabel) -> String { labels[l.rawValue] }

    /// The table for `features` (the root feature first, then its subfeatures in display order)
    /// followed by its legend. `queryKey` is the key asked for (the root's key).
    public func html(features: [Feature], queryKey: String) -> String {
        guard let root = features.first else { return Self.missingData(key: queryKey, locale: locale) }
        // Columns: the platforms with data in any row, all their known browsers.
        var groups: [(label: CompatLabel, kind: Browser.Kind, browsers: [Browser])] = []
        for platform in Self.platforms {
            let hasData = platform.ids.contains { id in features.contains { $0.support[id] != nil } }
            guard hasData else { continue }
            let columns = platform.ids.compactMap { browsers[$0] }
            if !columns.isEmpty { groups.append((platform.label, platform.kind, columns)) }
        }
        // Data only for browsers that are never shown (ie, XR): nothing to tabulate.
        guard !groups.isEmpty else { return Self.missingData(key: queryKey, locale: locale) }
        var used = LegendUse()
        var out = ""
        out.reserveCapacity(4_096 + features.count * groups.reduce(0) { $0 + $1.browsers.count } * 900)
        out += "<figure class=\"table-container\"><table class=\"bc-table bc-table-"
        out += queryKey.split(separator: ".").first.map(String.init).flatMap { Self.safeClass($0) } ?? "web"
        out += "\"><thead><tr class=\"bc-platforms\"><td></td>"
        for group in groups {
            let name = label(group.label), kind = group.kind.rawValue
            out += "<th scope=\"colgroup\" colspan=\"" + String(group.browsers.count) + "\" class=\"bc-platform bc-platform-"
            out += kind + "\"><span class=\"icon icon-" + kind + "\" title=\"" + name + "\"></span><span class=\"bc-platform-name\">"
            out += name + "</span></th>"
        }
        out += "</tr><tr class=\"bc-browsers\"><td></td>"
        for group in groups {
            for browser in group.browsers {
                out += "<th scope=\"col\" class=\"bc-browser bc-browser-" + browser.id + "\"><span class=\"bc-head-txt-label bc-head-icon-"
                out += browser.id + "\">"
                HTMLEscape.append(browser.name, to: &out)
                out += "</span><span class=\"bc-head-icon-symbol icon icon-" + browser.id + "\"></span></th>"
            }
        }
        out += "</tr></thead><tbody>"
        let columns = groups.flatMap { $0.browsers.map(Column.init) }
        let rootDepth = root.key.utf8.reduce(0) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 }
        for (index, feature) in features.enumerated() {
            let depth = index == 0 ? 0 : max(1, feature.key.utf8.reduce(0) { $1 == UInt8(ascii: ".") ? $0 + 1 : $0 } - rootDepth)
            out += "<tr><th scope=\"row\" class=\"bc-feature bc-feature-depth-" + String(depth) + "\">"
            featureName(feature, isRoot: index == 0, rootURL: root.mdnURL, into: &out)
            statusIcons(feature.status, used: &used, into: &out)
            out += "</th>"
            for column in columns {
                cell(feature.support[column.browser.id] ?? [], column: column, used: &used, into: &out)
            }
            out += "</tr>"
        }
        out += "</tbody></table></figure>"
        legend(used, into: &out)
        return out
    }

    /// A helpful paragraph for a key without data.
    public static func missingData(key: String, locale: String) -> String {
        let labels = CompatLabels.resolve(locale)
        var code = "<code>"
        HTMLEscape.append(key, to: &code)
        code += "</code>"
        var title = ""
        HTMLEscape.appendURLComponent("No compatibility data for " + key, to: &title)
        let check = "<a href=\"https://github.com/mdn/browser-compat-data/issues/new?title=" + title + "\">"
            + labels[CompatLabel.missingCheck.rawValue] + "</a>"
        let contribute = "<a href=\"https://github.com/mdn/browser-compat-data/blob/main/docs/contributing.md\">"
            + labels[CompatLabel.missingContribute.rawValue] + "</a>"
        return "<p class=\"bc-missing\">" + CompatTemplate.fill(labels[CompatLabel.missingData.rawValue], code, check, contribute) + "</p>"
    }

    // MARK: Row header

    func featureName(_ feature: Feature, isRoot: Bool, rootURL: String?, into out: inout String) {
        var name = ""
        if !isRoot, let description = feature.description, !description.isEmpty {
            name = description
        } else {
            name = "<code>"
            HTMLEscape.append(feature.name, to: &name)
            name += "</code>"
        }
        if !isRoot, let url = feature.mdnURL, url != rootURL, let href = localHref(url) {
            out += "<a href=\"" + href + "\">" + name + "</a>"
        } else {
            out += name
        }
    }

    /// `https://developer.mozilla.org/docs/X` → `/<locale>/docs/X` (escaped for an attribute).
    func localHref(_ url: String) -> String? {
        let prefix = "https://developer.mozilla.org/docs/"
        guard url.hasPrefix(prefix) else { return nil }
        var href = "/"
        HTMLEscape.append(locale, to: &href)
        href += "/docs/"
        HTMLEscape.append(String(url.dropFirst(prefix.count)), to: &href)
        return href
    }

    func statusIcons(_ status: FeatureStatus?, used: inout LegendUse, into out: inout String) {
        guard let status, status.experimental || !status.standardTrack || status.deprecated else { return }
        out += "<span class=\"bc-icons\">"
        if status.experimental { icon("experimental", title: .experimental, text: .experimentalLabel, into: &out); used.experimental = true }
        if !status.standardTrack { icon("nonstandard", title: .nonStandard, text: .nonStandardLabel, into: &out); used.nonStandard = true }
        if status.deprecated { icon("deprecated", title: .deprecated, text: .deprecatedLabel, into: &out); used.deprecated = true }
        out += "</span>"
    }

    /// Folio's badge markup: `<abbr class="icon icon-x" title="…"><span class="visually-hidden">…</span></abbr>`.
    func icon(_ type: String, title: CompatLabel, text: CompatLabel, extraClass: String = "", into out: inout String) {
        out += CompatFragments.icon(type, title: label(title), text: label(text), extraClass: extraClass)
    }

    // MARK: Legend

    func legend(_ used: LegendUse, into out: inout String) {
        out += "<section class=\"bc-legend\"><p class=\"bc-legend-title\"><strong>" + label(.legend) + "</strong></p><p class=\"bc-legend-tip\">"
        out += label(.tip) + "</p><dl class=\"bc-legend-items-container\">"
        func item(_ type: String, _ text: CompatLabel, level: Bool) {
            out += "<dt class=\"bc-legend-item-dt\"><abbr class=\"" + (level ? "bc-level bc-level-" + type + " " : "") + "icon icon-" + type
            out += "\" title=\"" + label(text) + "\"><span class=\"visually-hidden\">" + label(text) + "</span></abbr></dt>"
            out += "<dd class=\"bc-legend-item-dd\">" + label(text) + "</dd>"
        }
        if used.yes { item("yes", .yes, level: true) }
        if used.partial { item("partial", .partial, level: true) }
        if used.preview { item("preview", .preview, level: true) }
        if used.no { item("no", .no, level: true) }
        if used.unknown { item("unknown", .unknown, level: true) }
        if used.experimental { item("experimental", .experimental, level: false) }
        if used.nonStandard { item("nonstandard", .nonStandard, level: false) }
        if used.deprecated { item("deprecated", .deprecated, level: false) }
        if used.notes { item("footnote", .notes, level: false) }
        if used.flags { item("disabled", .flags, level: false) }
        if used.altName { item("altname", .altName, level: false) }
        if used.prefix { item("prefix", .prefix, level: false) }
        if used.more { item("more", .more, level: false) }
        out += "</dl></section>"
    }

    /// Only word characters and `-` in a class name.
    static func safeClass(_ s: String) -> String? {
        s.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 } ? s : nil
    }
}

/// Markup that does not depend on the data, built once per table renderer.
final class CompatFragments: Sendable {
    /// `<abbr class="bc-level bc-level-yes icon icon-yes" …>` by `CompatTable.Level.rawValue`.
    let levelIcons: [String]
    let prefix, altName, disabled, footnote, more: String
    /// ` <span class="bc-release">(Released `
    let releaseOpen: String
    /// ` title="Released `
    let releaseTitle: String
    let fullSince, partialSince, removedIn, hasPrefix, alternateName, supportedIn: CompiledTemplate

    /// Labels and fragments of each locale in `CompatLabels.locales`, built on first use.
    static let byLocale: [([String], CompatFragments)] = CompatLabels.locales.map { locale in
        let labels = CompatLabels.resolve(locale)
        return (labels, CompatFragments(labels))
    }

    init(_ labels: [String]) {
        func l(_ x: CompatLabel) -> String { labels[x.rawValue] }
        let levels: [(String, CompatLabel)] = [("yes", .yes), ("partial", .partial), ("no", .no), ("unknown", .unknown), ("preview", .preview)]
        levelIcons = levels.map { Self.icon($0.0, title: l($0.1), text: l($0.1), extraClass: "bc-level bc-level-" + $0.0 + " ") }
        prefix = Self.icon("prefix", title: l(.prefix), text: l(.prefix))
        altName = Self.icon("altname", title: l(.altName), text: l(.altName))
        disabled = Self.icon("disabled", title: l(.flags), text: l(.flags))
        footnote = Self.icon("footnote", title: l(.notes), text: l(.notes))
        more = Self.icon("more", title: l(.more), text: l(.more))
        releaseOpen = " <span class=\"bc-release\">(" + l(.released) + " "
        releaseTitle = " title=\"" + l(.released) + " "
        fullSince = CompiledTemplate(l(.fullSince)); partialSince = CompiledTemplate(l(.partialSince))
        removedIn = CompiledTemplate(l(.removedIn)); hasPrefix = CompiledTemplate(l(.hasPrefix))
        alternateName = CompiledTemplate(l(.alternateName)); supportedIn = CompiledTemplate(l(.supportedIn))
    }

    /// Folio's badge markup (labels are plain text without markup characters).
    static func icon(_ type: String, title: String, text: String, extraClass: String = "") -> String {
        "<abbr class=\"" + extraClass + "icon icon-" + type + "\" title=\"" + title + "\"><span class=\"visually-hidden\">" + text + "</span></abbr>"
    }
}

/// Which support levels and symbols the table used (the legend lists only these).
struct LegendUse {
    var yes = false, partial = false, preview = false, no = false, unknown = false
    var experimental = false, nonStandard = false, deprecated = false
    var notes = false, flags = false, altName = false, prefix = false, more = false
}

enum HTMLEscape {
    /// Appends `s` with `&`, `<`, `>`, `"` escaped (fast path: no copy work when none occur).
    static func append(_ s: String, to out: inout String) {
        var needs = false
        for b in s.utf8 where b == 38 || b == 60 || b == 62 || b == 34 { needs = true; break }
        if !needs { out += s; return }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// Percent-encodes everything but unreserved characters (for a query value).
    static func appendURLComponent(_ s: String, to out: inout String) {
        let hex = Array("0123456789ABCDEF".unicodeScalars)
        for b in s.utf8 {
            if (b >= 97 && b <= 122) || (b >= 65 && b <= 90) || (b >= 48 && b <= 57) || b == 45 || b == 46 || b == 95 || b == 126 {
                out.unicodeScalars.append(Unicode.Scalar(b))
            } else {
                out.unicodeScalars.append("%"); out.unicodeScalars.append(hex[Int(b >> 4)]); out.unicodeScalars.append(hex[Int(b & 15)])
            }
        }
    }
}
