import Foundation

/// Locates Folio's shared test data (CommonMark/GFM specs, mdn-content).
enum SharedData {
    /// Tries, in order: `$FOLIO_SHARED_DATA`, `<package root>/../shared/data`,
    /// `/work/shared/data`. Returns nil when the file is found nowhere.
    static func url(_ relative: String) -> URL? {
        var bases: [URL] = []
        if let env = ProcessInfo.processInfo.environment["FOLIO_SHARED_DATA"], !env.isEmpty {
            bases.append(URL(fileURLWithPath: env))
        }
        // Tests/FolioMarkdownTests/SharedData.swift → package root.
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        bases.append(packageRoot.appendingPathComponent("../shared/data").standardizedFileURL)
        bases.append(URL(fileURLWithPath: "/work/shared/data"))
        for base in bases {
            let candidate = base.appendingPathComponent(relative)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        return nil
    }
}

/// HTML normalisation in the spirit of CommonMark's `normalize.py`: line
/// endings, whitespace around block-level tags and runs of whitespace
/// outside `<pre>`, attribute order and self-closing slashes.
enum HTMLNormalizer {
    static let blockTags: Set<String> = [
        "article", "header", "aside", "hgroup", "blockquote", "hr", "iframe", "body", "li", "map", "button",
        "object", "canvas", "ol", "caption", "output", "col", "p", "colgroup", "pre", "dd", "progress", "div",
        "section", "dl", "table", "td", "dt", "tbody", "embed", "textarea", "fieldset", "tfoot", "figcaption",
        "th", "figure", "thead", "footer", "tr", "form", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "video",
        "script", "style", "html", "head", "thead",
    ]

    static func normalize(_ html: String) -> String {
        let s = Array(html.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars)
        var out = ""
        var i = 0
        var inPre = 0
        var pendingText = ""
        var lastWasBlock = true

        func flushText(beforeBlock: Bool) {
            var t = pendingText
            pendingText = ""
            if inPre == 0 {
                t = t.replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
                if lastWasBlock { while t.first == " " { t.removeFirst() } }
                if beforeBlock { while t.last == " " { t.removeLast() } }
            }
            out += t
            if !t.isEmpty { lastWasBlock = false }
        }

        while i < s.count {
            if s[i] == "<", let end = s[i...].firstIndex(of: ">") {
                let tagText = String(String.UnicodeScalarView(s[i...end]))
                let (name, closing, normalized) = normalizeTag(tagText)
                let isBlock = blockTags.contains(name)
                flushText(beforeBlock: isBlock)
                out += normalized
                if name == "pre" { inPre += closing ? -1 : 1; inPre = max(inPre, 0) }
                lastWasBlock = isBlock
                i = end + 1
            } else {
                pendingText.unicodeScalars.append(s[i])
                i += 1
            }
        }
        flushText(beforeBlock: true)
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Returns (lower-cased name, is closing tag, normalised text).
    static func normalizeTag(_ tag: String) -> (String, Bool, String) {
        let pattern = #"^<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>$"#
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: tag, range: NSRange(tag.startIndex..., in: tag)) else {
            return ("", false, tag)
        }
        func group(_ n: Int) -> String {
            guard let r = Range(m.range(at: n), in: tag) else { return "" }
            return String(tag[r])
        }
        let closing = group(1) == "/"
        let name = group(2).lowercased()
        let attrText = group(3)
        let attrRe = try! NSRegularExpression(pattern: #"([A-Za-z_:][A-Za-z0-9_.:-]*)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?"#)
        var attrs: [String] = []
        for am in attrRe.matches(in: attrText, range: NSRange(attrText.startIndex..., in: attrText)) {
            let n = Range(am.range(at: 1), in: attrText).map { String(attrText[$0]).lowercased() } ?? ""
            var v = Range(am.range(at: 2), in: attrText).map { String(attrText[$0]) }
            if let vv = v, vv.hasPrefix("'") || vv.hasPrefix("\"") { v = String(vv.dropFirst().dropLast()) }
            attrs.append(v.map { "\(n)=\"\($0)\"" } ?? "\(n)=\"\"")
        }
        attrs.sort()
        let text = "<" + (closing ? "/" : "") + name + attrs.map { " " + $0 }.joined() + ">"
        return (name, closing, text)
    }
}
