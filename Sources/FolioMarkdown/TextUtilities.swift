// Escaping and unescaping helpers (cmark's houdini_* functions and
// reference-label normalisation).

enum TextUtil {
    /// Decodes an entity or numeric character reference starting after `&`.
    /// Returns the replacement bytes and the number of bytes consumed
    /// (not counting the `&`), like houdini_unescape_ent.
    static func entity(_ s: Bytes, _ pos: Int) -> (Bytes, Int)? {
        var i = pos
        if s.at(i) == C.hash {
            i += 1
            var code: UInt32 = 0
            var digits = 0
            if s.at(i) == 0x78 || s.at(i) == 0x58 {  // x X
                i += 1
                while isHexDigit(s.at(i)) && digits < 7 {
                    let c = s[i]
                    let v: UInt32 = isDigit(c) ? UInt32(c - 0x30) : UInt32((c | 0x20) - 0x61 + 10)
                    code = code * 16 + v
                    digits += 1
                    i += 1
                }
                guard digits >= 1 && digits <= 6 else { return nil }
            } else {
                while isDigit(s.at(i)) && digits < 8 {
                    code = code * 10 + UInt32(s[i] - 0x30)
                    digits += 1
                    i += 1
                }
                guard digits >= 1 && digits <= 7 else { return nil }
            }
            guard s.at(i) == C.semicolon else { return nil }
            let scalar = (code == 0 || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF)
                ? Unicode.Scalar(0xFFFD)! : Unicode.Scalar(code)!
            return (Array(String(Character(scalar)).utf8), i + 1 - pos)
        }
        while isAlnum(s.at(i)) && i - pos <= EntityTable.maxNameLength { i += 1 }
        guard i > pos, s.at(i) == C.semicolon else { return nil }
        let name = String(decoding: s[pos..<i], as: UTF8.self)
        guard let value = EntityTable.map[name] else { return nil }
        return (Array(value.utf8), i + 1 - pos)
    }

    /// Replaces entity references in `s` (houdini_unescape_html_f).
    static func unescapeEntities(_ s: Bytes) -> Bytes {
        guard s.contains(C.amp) else { return s }
        var out = Bytes()
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == C.amp, let (rep, len) = entity(s, i + 1) {
                out.append(contentsOf: rep)
                i += 1 + len
            } else {
                out.append(s[i])
                i += 1
            }
        }
        return out
    }

    /// Removes backslashes before ASCII punctuation (cmark_strbuf_unescape).
    static func unescapeBackslashes(_ s: Bytes) -> Bytes {
        guard s.contains(C.backslash) else { return s }
        var out = Bytes()
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if s[i] == C.backslash && i + 1 < s.count && isASCIIPunct(s[i + 1]) {
                i += 1
            }
            out.append(s[i])
            i += 1
        }
        return out
    }

    static func trim(_ s: Bytes) -> Bytes {
        var a = 0, b = s.count
        while a < b && isSpace(s[a]) { a += 1 }
        while b > a && isSpace(s[b - 1]) { b -= 1 }
        return Array(s[a..<b])
    }

    /// cmark_clean_url: trim, entity-decode, backslash-unescape.
    static func cleanURL(_ s: Bytes) -> String {
        let t = trim(s)
        if t.isEmpty { return "" }
        return unescapeBackslashes(unescapeEntities(t)).string
    }

    /// cmark_clean_title: drop the delimiters, entity-decode, backslash-unescape.
    static func cleanTitle(_ s: Bytes) -> String {
        guard s.count >= 2 else { return "" }
        return unescapeBackslashes(unescapeEntities(Array(s[1..<(s.count - 1)]))).string
    }

    /// Escapes `&`, `<`, `>`, `"` for text and attribute values.
    /// Runs without special bytes are copied whole (per-byte appends were a hot spot).
    static func escapeHTML(_ s: Bytes, into out: inout Bytes) {
        s.withUnsafeBufferPointer { escapeHTML($0, into: &out) }
    }

    static func escapeHTML(_ s: UnsafeBufferPointer<UInt8>, into out: inout Bytes) {
        var runStart = 0
        for i in 0..<s.count {
            let c = s[i]
            if c > C.gt { continue }   // letters and most text: one comparison
            let rep: StaticString
            switch c {
            case C.amp: rep = "&amp;"
            case C.lt: rep = "&lt;"
            case C.gt: rep = "&gt;"
            case C.dquote: rep = "&quot;"
            default: continue
            }
            if runStart < i { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<i])) }
            rep.withUTF8Buffer { out.append(contentsOf: $0) }
            runStart = i + 1
        }
        if runStart < s.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: s[runStart..<s.count])) }
    }

    /// Characters left alone by houdini_escape_href; everything else is
    /// percent-encoded (existing `%XX` sequences are preserved as-is).
    private static let hrefSafe: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "-_.+!*'(),%#@?=;:/&$~".utf8 { t[Int(c)] = true }
        for c in UInt8(0x30)...0x39 { t[Int(c)] = true }
        for c in UInt8(0x41)...0x5A { t[Int(c)] = true }
        for c in UInt8(0x61)...0x7A { t[Int(c)] = true }
        return t
    }()

    /// cmark's URL normalisation for `href`/`src` (houdini_escape_href).
    static func escapeHref(_ s: Bytes, into out: inout Bytes) {
        let hex = Array("0123456789ABCDEF".utf8)
        for c in s {
            if hrefSafe[Int(c)] {
                if c == C.amp {
                    out.append(contentsOf: Array("&amp;".utf8))
                } else if c == C.squote {
                    out.append(contentsOf: Array("&#x27;".utf8))
                } else {
                    out.append(c)
                }
            } else {
                out.append(0x25)
                out.append(hex[Int(c >> 4)])
                out.append(hex[Int(c & 0xF)])
            }
        }
    }

    /// Reference label normalisation: collapse whitespace, trim, Unicode case fold.
    /// `lowercased().uppercased().lowercased()` approximates full case folding
    /// (it maps both ß and ẞ to "ss", as the spec requires).
    static func normalizeLabel(_ s: Bytes) -> String? {
        var out = Bytes()
        var pendingSpace = false
        for c in s {
            if isSpace(c) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(C.space); pendingSpace = false }
                out.append(c)
            }
        }
        if out.isEmpty { return nil }
        let str = out.string
        if str.utf8.allSatisfy({ $0 < 0x80 }) { return str.lowercased() }
        return str.lowercased().uppercased().lowercased()
    }
}
