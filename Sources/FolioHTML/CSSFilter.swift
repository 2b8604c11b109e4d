import Foundation

/// Filters a style="" attribute down to allowed, harmless declarations.
///
/// Declarations are split on top-level ';' (outside quotes and parentheses). A declaration
/// is kept only if its property is allowed and its value contains nothing that could load
/// script or hide something from this filter: no `expression(`, `behavior`, `-moz-binding`,
/// `javascript:`/`vbscript:`, no backslash escapes or comments (`\`, `/*`), no `<`, `>`,
/// `{`, `}`, `@`, no control characters, balanced quotes and parentheses, and every `url(…)`
/// must be http(s) or relative. Output is normalized to `prop: value; prop: value`, which
/// makes the filter idempotent.
enum CSSFilter {
    static func filter(_ css: String, allowed: Set<String>) -> String {
        var kept: [String] = []
        for decl in splitDeclarations(css) {
            guard let colon = decl.firstIndex(of: ":") else { continue }
            let prop = decl[..<colon].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let value = decl[decl.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            guard isPropertyName(prop), allowed.contains(prop), isSafeValue(value) else { continue }
            kept.append(prop + ": " + value)
        }
        return kept.joined(separator: "; ")
    }

    static func splitDeclarations(_ css: String) -> [String] {
        var out: [String] = []
        var cur = ""
        var quote: Character? = nil
        var depth = 0
        for ch in css {
            if let q = quote {
                cur.append(ch)
                if ch == q { quote = nil }
                continue
            }
            switch ch {
            case "\"", "'": quote = ch; cur.append(ch)
            case "(": depth += 1; cur.append(ch)
            case ")": depth -= 1; cur.append(ch)
            case ";" where depth <= 0:
                if depth == 0 { out.append(cur) }   // an unbalanced ')' poisons the declaration
                cur = ""
                depth = 0
            default: cur.append(ch)
            }
        }
        if quote == nil, depth == 0 { out.append(cur) }
        return out
    }

    static func isPropertyName(_ p: String) -> Bool {
        guard !p.isEmpty else { return false }
        return p.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    }

    static func isSafeValue(_ v: String) -> Bool {
        if v.isEmpty { return false }
        for s in v.unicodeScalars {
            if s.value < 0x20 || s.value == 0x7F { return false }
            if s.properties.generalCategory == .format { return false }
            switch s {
            case "\\", "<", ">", "{", "}", "@", "&": return false
            default: continue
            }
        }
        let lower = v.lowercased()
        for bad in ["/*", "*/", "expression", "behavior", "behaviour", "-moz-binding", "javascript:", "vbscript:", "livescript:", "data:", "image-set(", "src("] where lower.contains(bad) {
            return false
        }
        // Balanced quotes and parentheses.
        var quote: Character? = nil
        var depth = 0
        for ch in lower {
            if let q = quote { if ch == q { quote = nil }; continue }
            if ch == "\"" || ch == "'" { quote = ch } else if ch == "(" { depth += 1 } else if ch == ")" {
                depth -= 1
                if depth < 0 { return false }
            }
        }
        if quote != nil || depth != 0 { return false }
        // Every url(...) must be http(s) or relative.
        var search = lower[...]
        while let r = search.range(of: "url(") {
            let rest = search[r.upperBound...]
            guard let close = rest.firstIndex(of: ")") else { return false }
            var arg = rest[..<close].trimmingCharacters(in: .whitespaces)
            if arg.hasPrefix("\"") || arg.hasPrefix("'") { arg = String(arg.dropFirst().dropLast()) }
            let sq = URLFilter.squeezed(arg)
            if let scheme = URLFilter.scheme(of: sq), scheme != "http", scheme != "https" { return false }
            search = rest[close...]
        }
        return true
    }
}
