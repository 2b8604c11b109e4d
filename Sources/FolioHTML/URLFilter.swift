import Foundation

/// URL checks for URL-valued attributes and iframe sources.
enum URLFilter {
    /// Attributes whose value a browser may fetch or navigate to.
    static let urlAttributes: Set<String> = [
        "href", "src", "cite", "action", "formaction", "poster", "background", "longdesc",
        "xlink:href", "data", "codebase", "classid", "dynsrc", "lowsrc", "usemap", "manifest",
        "profile", "altimg", "ping", "srcset", "icon", "archive", "xml:base", "datasrc", "itemtype",
    ]

    /// Removes what browsers ignore when parsing a URL (leading/trailing C0 controls and
    /// spaces, tabs and newlines anywhere) plus, conservatively, every other control, format
    /// (zero-width) and whitespace character, so `java\u{0}script:` and `jav&#x09;ascript:`
    /// are both seen as `javascript:`.
    static func squeezed(_ value: String) -> String {
        // Most URLs are printable ASCII: nothing to drop, and no Unicode property lookups.
        var v = value
        if v.withUTF8({ b in
            for c in b where c <= 0x20 || c >= 0x7F { return false }
            return true
        }) { return value }
        var out = String.UnicodeScalarView()
        for s in value.unicodeScalars {
            if s.value <= 0x20 || s.value == 0x7F { continue }
            if s.value < 0x80 { out.append(s); continue }
            switch s.properties.generalCategory {
            case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator: continue
            default: out.append(s)
            }
        }
        return String(out)
    }

    /// The scheme of a URL, lower-cased, or nil for a relative URL. Anything before a ':'
    /// that comes ahead of any '/', '?' or '#' counts as a scheme, even if it is not a
    /// syntactically valid one: that errs on the side of rejecting.
    static func scheme(of squeezedValue: String) -> String? {
        // Bytes while they are ASCII (then bytes are Characters, CR LF aside, and a squeezed
        // value has no CR); the first non-ASCII byte hands over to the Character loop.
        var v = squeezedValue
        let fast: String?? = v.withUTF8 { b in
            for i in 0..<b.count {
                switch b[i] {
                case UInt8(ascii: "/"), UInt8(ascii: "?"), UInt8(ascii: "#"), UInt8(ascii: ":"):
                    // A following combining mark would make the delimiter part of another Character.
                    if i + 1 < b.count, b[i + 1] >= 0x80 { return nil }
                    if b[i] != UInt8(ascii: ":") || i == 0 { return .some(nil) }
                    var lower = Array(b[0..<i])
                    for k in lower.indices where lower[k] >= 0x41 && lower[k] <= 0x5A { lower[k] |= 0x20 }
                    return .some(String(decoding: lower, as: UTF8.self))
                case 0x0D, 0x80...:
                    return nil
                default:
                    continue
                }
            }
            return .some(nil)
        }
        if let fast { return fast }
        for (idx, ch) in squeezedValue.enumerated() {
            switch ch {
            case "/", "?", "#": return nil
            case ":": return idx == 0 ? nil : String(squeezedValue.prefix(idx)).lowercased()
            default: continue
            }
        }
        return nil
    }

    static func isAllowed(_ value: String, attribute: String, element: String, policy: SanitizerPolicy) -> Bool {
        // The tokenizer already decoded entities once; decoding again catches values that a
        // second consumer (e.g. a templating step) might decode. Both forms must pass.
        // Without '&' decoding changes nothing, and checking the same value twice is wasted.
        let candidates = FastText.containsByte(value, UInt8(ascii: "&")) ? [value, CharRef.decodeAll(value, inAttribute: true)] : [value]
        for c in candidates {
            let sq = squeezed(c)
            guard let scheme = scheme(of: sq) else { continue }
            if policy.allowedProtocols.contains(scheme) { continue }
            if scheme == "data", policy.allowDataImages, element == "img", attribute == "src", isSafeDataImage(sq) {
                continue
            }
            return false
        }
        return true
    }

    /// Whether the value, entity-decoded and squeezed, starts with a script scheme
    /// (`javascript:`, `vbscript:`, `livescript:`), case-insensitively.
    static func hasScriptPrefix(_ value: String) -> Bool {
        if let quick = quickScriptPrefixCheck(value) { return quick }
        var sq = squeezed(CharRef.decodeAll(value, inAttribute: true))
        // Fast path: if the first 12 bytes are ASCII, lower-casing them is ASCII lower-casing,
        // and the byte after an 11-byte prefix is ASCII, so the prefix ends on a Character
        // boundary: a byte comparison then equals the Character-based `hasPrefix`.
        let fast: Bool? = sq.withUTF8 { b in
            let n = min(b.count, 12)
            for i in 0..<n where b[i] >= 0x80 { return nil }
            for p in scriptPrefixes where p.count <= b.count {
                var k = 0
                while k < p.count, (b[k] >= 0x41 && b[k] <= 0x5A ? b[k] | 0x20 : b[k]) == p[k] { k += 1 }
                if k == p.count { return true }
            }
            return false
        }
        if let fast { return fast }
        let lowered = sq.lowercased()
        return ["javascript:", "vbscript:", "livescript:"].contains(where: { lowered.hasPrefix($0) })
    }

    private static let scriptPrefixes = ["javascript:", "vbscript:", "livescript:"].map { Array($0.utf8) }

    /// `hasScriptPrefix` on the raw bytes, for the common values (class names, titles, alt
    /// text with spaces, which made `squeezed` take its Unicode path): walks the value as
    /// `squeezed` would see it (ASCII spaces and controls skipped) until every prefix has
    /// failed on an ASCII byte, or one matched and is followed by ASCII or the end. Any '&'
    /// (a reference may decode to anything) or non-ASCII byte before that answers nil, and the
    /// full check runs. A mismatching ASCII character cannot start a Character equal to the
    /// prefix's, and ASCII after a full match ends the prefix on a Character boundary.
    private static func quickScriptPrefixCheck(_ value: String) -> Bool? {
        var v = value
        return v.withUTF8 { b -> Bool? in
            // Live prefixes as a bit set over javascript:, vbscript:, livescript:.
            var live: UInt8 = 0b111
            var k = 0                 // squeezed position
            var matched = false
            for c in b {
                if c <= 0x20 || c == 0x7F { continue }     // dropped by `squeezed`
                if c >= 0x80 || c == UInt8(ascii: "&") { return nil }
                if matched { return true }                 // ASCII after the prefix
                let lower = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                for p in 0..<3 where live & (1 << p) != 0 {
                    let prefix = scriptPrefixBytes[p]
                    if prefix[k] != lower {
                        live &= ~(1 << p)
                    } else if k + 1 == prefix.count {
                        matched = true
                    }
                }
                if live == 0 { return false }
                k += 1
            }
            return matched ? true : false
        }
    }

    /// javascript: / vbscript: / livescript: (in this order, as bits 0–2).
    private static let scriptPrefixBytes: [[UInt8]] = scriptPrefixes

    static func isSafeDataImage(_ sq: String) -> Bool {
        let lower = sq.lowercased()
        let prefixes = ["data:image/png;base64,", "data:image/gif;base64,", "data:image/jpeg;base64,", "data:image/webp;base64,"]
        guard let p = prefixes.first(where: { lower.hasPrefix($0) }) else { return false }
        return lower.dropFirst(p.count).allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" || $0 == "=") }
    }

    struct Parsed: Equatable { var scheme: String; var host: String; var port: String; var path: String }

    /// Minimal parser for absolute http(s) URLs. Rejects (nil) anything unusual: userinfo,
    /// backslashes, whitespace/controls, percent-encoded or dot-segment paths, so that only
    /// plain `scheme://host[:port]/path` values can ever match an allowed prefix.
    static func parseHTTP(_ s: String) -> Parsed? {
        let trimmed = s.trimmingCharacters(in: .whitespaces)
        for u in trimmed.unicodeScalars where u.value <= 0x20 || u.value == 0x7F || u == "\\" { return nil }
        let lower = trimmed.lowercased()
        let scheme: String
        if lower.hasPrefix("https://") { scheme = "https" } else if lower.hasPrefix("http://") { scheme = "http" } else { return nil }
        let rest = trimmed.dropFirst(scheme.count + 3)
        let authEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        let authority = rest[..<authEnd]
        if authority.isEmpty || authority.contains("@") || authority.contains("%") { return nil }
        var host = String(authority).lowercased()
        var port = ""
        if let colon = host.lastIndex(of: ":") {
            port = String(host[host.index(after: colon)...])
            host = String(host[..<colon])
            if !port.allSatisfy(\.isNumber) { return nil }
            if (scheme == "https" && port == "443") || (scheme == "http" && port == "80") { port = "" }
        }
        if host.hasSuffix(".") { host.removeLast() }
        let afterAuth = rest[authEnd...]
        let pathEnd = afterAuth.firstIndex(where: { $0 == "?" || $0 == "#" }) ?? afterAuth.endIndex
        var path = String(afterAuth[..<pathEnd])
        if path.isEmpty { path = "/" }
        let lp = path.lowercased()
        if lp.contains("%2e") || lp.contains("%2f") || lp.contains("%5c") { return nil }
        for seg in path.split(separator: "/", omittingEmptySubsequences: false) where seg == "." || seg == ".." { return nil }
        return Parsed(scheme: scheme, host: host, port: port, path: path)
    }

    static func iframeSourceAllowed(_ src: String, hosts: [String]) -> Bool {
        guard let u = parseHTTP(src) else { return false }
        for prefix in hosts {
            guard let p = parseHTTP(prefix) else { continue }
            guard u.scheme == p.scheme, u.host == p.host, u.port == p.port else { continue }
            if u.path.hasPrefix(p.path) { return true }
            // "https://host/embed/" also admits exactly "https://host/embed".
            if p.path.hasSuffix("/"), u.path == String(p.path.dropLast()) { return true }
        }
        return false
    }
}
