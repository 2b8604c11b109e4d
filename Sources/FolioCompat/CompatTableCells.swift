/// The cells of the compatibility table: a short summary (support level, version, markers) that
/// expands (`<details>`) to the whole history of support statements for the browser.
extension CompatTable {
    enum Level: Int {
        case yes, partial, no, unknown, preview
        var name: String {
            switch self {
            case .yes: return "yes"
            case .partial: return "partial"
            case .no: return "no"
            case .unknown: return "unknown"
            case .preview: return "preview"
            }
        }
    }

    /// One table column: its browser and the markup that repeats in each of its cells.
    struct Column {
        let browser: Browser
        /// `<td class="bc-support bc-browser-chrome bc-supports-`
        let tdOpen: String
        /// `<span class="bc-browser-name">Chrome</span><span class="bc-version-label"`
        let name: String
        init(_ browser: Browser) {
            self.browser = browser
            tdOpen = "<td class=\"bc-support bc-browser-" + browser.id + " bc-supports-"
            var name = "<span class=\"bc-browser-name\">"
            HTMLEscape.append(browser.name, to: &name)
            name += "</span><span class=\"bc-version-label\""
            self.name = name
        }
    }

    static func isRemoved(_ s: SupportStatement) -> Bool {
        guard let removed = s.versionRemoved else { return false }
        return removed != .no && removed != .unknown
    }

    static func level(_ s: SupportStatement) -> Level {
        if !s.flags.isEmpty { return .no }
        switch s.versionAdded {
        case .unknown: return .unknown
        case .preview: return .preview
        case .no: return .no
        case .version, .upTo, .yes:
            if isRemoved(s) { return .no }
            return s.partialImplementation ? .partial : .yes
        }
    }

    func markUsed(_ level: Level, _ used: inout LegendUse) {
        switch level {
        case .yes: used.yes = true
        case .partial: used.partial = true
        case .no: used.no = true
        case .unknown: used.unknown = true
        case .preview: used.preview = true
        }
    }

    /// `118`, `≤37`, `1 – 52`, `Yes`, `No`, `?`, `Preview`.
    func shortText(_ s: SupportStatement, into out: inout String) {
        switch s.versionAdded {
        case .version(let v): HTMLEscape.append(v, to: &out)
        case .upTo(let v): out += "≤"; HTMLEscape.append(v, to: &out)
        case .yes: out += label(.yesShort)
        case .no: out += label(.noShort); return
        case .unknown: out += "?"; return
        case .preview: out += label(.previewShort); return
        }
        if Self.isRemoved(s) {
            out += " – "
            if let last = s.versionLast {
                HTMLEscape.append(last, to: &out)
            } else if case .version(let r)? = s.versionRemoved {
                HTMLEscape.append(r, to: &out)
            } else {
                out += "?"
            }
        }
    }

    func releaseDate(_ v: VersionValue, _ browser: Browser) -> String? {
        if case .version(let version) = v { return browser.releases[version]?.date }
        return nil
    }

    /// One `<td>`.
    func cell(_ statements: [SupportStatement], column: Column, used: inout LegendUse, into out: inout String) {
        let f = fragments
        guard let current = statements.first else {
            used.unknown = true
            out += column.tdOpen
            out += "unknown\"><span class=\"bc-cell\">"
            out += f.levelIcons[Level.unknown.rawValue]
            out += column.name
            out += ">?</span></span></td>"
            return
        }
        let browser = column.browser
        let level = Self.level(current)
        markUsed(level, &used)
        let hasMore = statements.count > 1
        let markers = !current.notes.isEmpty || !current.flags.isEmpty || current.prefix != nil || current.alternativeName != nil
        let date = releaseDate(current.versionAdded, browser)
        let expandable = hasMore || markers || date != nil || current.partialImplementation || level == .preview || Self.isRemoved(current)
        out += column.tdOpen
        out += level.name
        if hasMore || markers { out += " bc-has-history" }
        out += expandable ? "\"><details class=\"bc-history-toggle\"><summary>" : "\"><span class=\"bc-cell\">"
        out += f.levelIcons[level.rawValue]
        out += column.name
        if let date {
            out += f.releaseTitle
            HTMLEscape.append(date, to: &out)
            out += "\""
        }
        out += ">"
        shortText(current, into: &out)
        out += "</span>"
        if markers || hasMore {
            out += "<span class=\"bc-icons\">"
            if current.prefix != nil { out += f.prefix; used.prefix = true }
            if current.alternativeName != nil { out += f.altName; used.altName = true }
            if !current.flags.isEmpty { out += f.disabled; used.flags = true }
            if !current.notes.isEmpty { out += f.footnote; used.notes = true }
            if hasMore { out += f.more; used.more = true }
            out += "</span>"
        }
        guard expandable else {
            out += "</span></td>"
            return
        }
        out += "</summary><ul class=\"bc-history\">"
        for (i, statement) in statements.enumerated() {
            history(statement, browser: browser, date: i == 0 ? date : releaseDate(statement.versionAdded, browser), used: &used, into: &out)
        }
        out += "</ul></details></td>"
    }

    /// One statement of the expanded cell: its headline, then removal, prefix, name and notes.
    /// (Only its level icon counts for the legend: the rest is text, not symbols.)
    func history(_ s: SupportStatement, browser: Browser, date: String?, used: inout LegendUse, into out: inout String) {
        let f = fragments
        let level = Self.level(s)
        markUsed(level, &used)
        out += "<li class=\"bc-history-item bc-supports-"
        out += level.name
        out += "\">"
        out += f.levelIcons[level.rawValue]
        out += "<span class=\"bc-history-label\">"
        if !s.flags.isEmpty {
            flagText(s, browser: browser, into: &out)
        } else {
            switch s.versionAdded {
            case .version(let v), .upTo(let v):
                var version = ""
                if case .upTo = s.versionAdded { version = "≤" }
                HTMLEscape.append(v, to: &version)
                (s.partialImplementation ? f.partialSince : f.fullSince).append(version, to: &out)
                if let date {
                    out += f.releaseOpen
                    HTMLEscape.append(date, to: &out)
                    out += ")</span>"
                }
            case .yes: out += label(s.partialImplementation ? .partial : .yes)
            case .no: out += label(.no)
            case .unknown: out += label(.unknown)
            case .preview:
                var name = ""
                HTMLEscape.append(browser.previewName ?? browser.name + " " + label(.previewShort), to: &name)
                f.supportedIn.append(name, to: &out)
            }
        }
        out += "</span>"
        let removed = s.flags.isEmpty && Self.isRemoved(s)
        guard removed || s.prefix != nil || s.alternativeName != nil || !s.notes.isEmpty else {
            out += "</li>"
            return
        }
        out += "<ul class=\"bc-history-notes\">"
        if removed, let r = s.versionRemoved {
            out += "<li class=\"bc-removed\">"
            var version = ""
            if case .version(let v) = r { HTMLEscape.append(v, to: &version) } else { version = "?" }
            f.removedIn.append(version, to: &out)
            if let date = releaseDate(r, browser) {
                out += f.releaseOpen
                HTMLEscape.append(date, to: &out)
                out += ")</span>"
            }
            out += "</li>"
        }
        if let prefix = s.prefix {
            out += "<li class=\"bc-prefix\">"
            var code = "<code>"
            HTMLEscape.append(prefix, to: &code)
            code += "</code>"
            f.hasPrefix.append(code, to: &out)
            out += "</li>"
        }
        if let name = s.alternativeName {
            out += "<li class=\"bc-altname\">"
            var code = "<code>"
            HTMLEscape.append(name, to: &code)
            code += "</code>"
            f.alternateName.append(code, to: &out)
            out += "</li>"
        }
        for note in s.notes {
            out += "<li class=\"bc-note\">"
            out += note
            out += "</li>"
        }
        out += "</ul></li>"
    }

    /// `Disabled: From version 50: this feature is behind the <code>x</code> preference (needs to
    /// be set to <code>true</code>). To change preferences in Firefox, visit about:config.`
    func flagText(_ s: SupportStatement, browser: Browser, into out: inout String) {
        out += label(.disabled) + ": "
        var range: [String] = []
        switch s.versionAdded {
        case .version(let v), .upTo(let v):
            var version = ""
            HTMLEscape.append(v, to: &version)
            range.append(CompatTemplate.fill(label(.fromVersion), version))
        default: break
        }
        if case .version(let r)? = s.versionRemoved {
            var version = ""
            HTMLEscape.append(r, to: &version)
            range.append(CompatTemplate.fill(label(.untilVersion), version))
        }
        if !range.isEmpty {
            var first = true
            for part in range { if !first { out += ", " }; out += part; first = false }
            out += ": "
        }
        var hasPreference = false
        for (i, flag) in s.flags.enumerated() {
            if i > 0 { out += "; " }
            var code = "<code>"
            HTMLEscape.append(flag.name, to: &code)
            code += "</code>"
            let isPreference = flag.type == "preference"
            hasPreference = hasPreference || isPreference
            out += CompatTemplate.fill(label(isPreference ? .behindPreference : .behindRuntimeFlag), code)
            if let value = flag.valueToSet {
                var v = "<code>"
                HTMLEscape.append(value, to: &v)
                out += CompatTemplate.fill(label(.needsValue), v + "</code>")
            }
        }
        out += "."
        if hasPreference, let prefURL = browser.prefURL {
            var name = "", url = ""
            HTMLEscape.append(browser.name, to: &name)
            HTMLEscape.append(prefURL, to: &url)
            out += " " + CompatTemplate.fill(label(.changePrefs), name, url)
        }
    }
}
