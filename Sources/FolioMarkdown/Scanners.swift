// Hand-written equivalents of cmark's re2c scanners (scanners.re). They work
// on UTF-8 byte arrays and return match lengths, so the block and inline
// parsers can stay byte-oriented like cmark.

typealias Bytes = [UInt8]

enum C {
    static let nl: UInt8 = 0x0A, cr: UInt8 = 0x0D, tab: UInt8 = 0x09, space: UInt8 = 0x20
    static let lt: UInt8 = 0x3C, gt: UInt8 = 0x3E, bang: UInt8 = 0x21, quest: UInt8 = 0x3F
    static let slash: UInt8 = 0x2F, backslash: UInt8 = 0x5C, amp: UInt8 = 0x26, hash: UInt8 = 0x23
    static let lbracket: UInt8 = 0x5B, rbracket: UInt8 = 0x5D, lparen: UInt8 = 0x28, rparen: UInt8 = 0x29
    static let dquote: UInt8 = 0x22, squote: UInt8 = 0x27, backtick: UInt8 = 0x60, tilde: UInt8 = 0x7E
    static let star: UInt8 = 0x2A, underscore: UInt8 = 0x5F, dash: UInt8 = 0x2D, plus: UInt8 = 0x2B
    static let equals: UInt8 = 0x3D, colon: UInt8 = 0x3A, semicolon: UInt8 = 0x3B, dot: UInt8 = 0x2E
    static let pipe: UInt8 = 0x7C, at: UInt8 = 0x40
}

@inline(__always) func isSpaceOrTab(_ c: UInt8) -> Bool { c == C.space || c == C.tab }
@inline(__always) func isLineEnd(_ c: UInt8) -> Bool { c == C.nl || c == C.cr }
/// cmark_isspace: space, \t, \n, \v, \f, \r.
@inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
@inline(__always) func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
@inline(__always) func isAlpha(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
@inline(__always) func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || isDigit(c) }
@inline(__always) func isHexDigit(_ c: UInt8) -> Bool { isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) }
/// ASCII punctuation as defined by CommonMark (backslash-escapable characters).
@inline(__always) func isASCIIPunct(_ c: UInt8) -> Bool {
    (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) || (c >= 0x7B && c <= 0x7E)
}
@inline(__always) func lowerASCII(_ c: UInt8) -> UInt8 { (c >= 0x41 && c <= 0x5A) ? c | 0x20 : c }

extension Array where Element == UInt8 {
    @inline(__always) func at(_ i: Int) -> UInt8 { i >= 0 && i < count ? self[i] : 0 }

    /// Case-insensitive ASCII prefix test at `pos`.
    func hasPrefixCI(_ s: String, at pos: Int) -> Bool {
        var i = pos
        for b in s.utf8 {
            guard i < count, lowerASCII(self[i]) == b else { return false }
            i += 1
        }
        return true
    }

    /// Index of the first occurrence of `needle` at or after `from` (nil if absent).
    func find(_ needle: String, from: Int, caseInsensitive: Bool = false, until end: Int? = nil) -> Int? {
        let n = Array(needle.utf8)
        let stop = (end ?? count) - n.count
        guard !n.isEmpty, from <= stop else { return nil }
        var i = from
        while i <= stop {
            var j = 0
            while j < n.count && (caseInsensitive ? lowerASCII(self[i + j]) : self[i + j]) == n[j] { j += 1 }
            if j == n.count { return i }
            i += 1
        }
        return nil
    }

    var string: String { String(decoding: self, as: UTF8.self) }
}

enum Scan {
    // MARK: Block starts

    /// `#{1,6}` followed by space, tab or end of line; returns the length of
    /// the marker plus following whitespace.
    static func atxHeadingStart(_ s: Bytes, _ pos: Int) -> Int {
        var i = pos
        while s.at(i) == C.hash && i - pos < 7 { i += 1 }
        let n = i - pos
        guard n >= 1 && n <= 6 else { return 0 }
        let c = s.at(i)
        if isLineEnd(c) || c == 0 { return n + (c == 0 ? 0 : 1) }
        guard isSpaceOrTab(c) else { return 0 }
        while isSpaceOrTab(s.at(i)) { i += 1 }
        return i - pos
    }

    /// Opening code fence: 3+ backticks (info may not contain a backtick) or 3+ tildes.
    static func openCodeFence(_ s: Bytes, _ pos: Int) -> Int {
        let ch = s.at(pos)
        guard ch == C.backtick || ch == C.tilde else { return 0 }
        var i = pos
        while s.at(i) == ch { i += 1 }
        let n = i - pos
        guard n >= 3 else { return 0 }
        if ch == C.backtick {
            var j = i
            while j < s.count && !isLineEnd(s[j]) {
                if s[j] == C.backtick { return 0 }
                j += 1
            }
        }
        return n
    }

    /// Closing fence: fence characters followed only by spaces/tabs.
    static func closeCodeFence(_ s: Bytes, _ pos: Int) -> Int {
        let ch = s.at(pos)
        guard ch == C.backtick || ch == C.tilde else { return 0 }
        var i = pos
        while s.at(i) == ch { i += 1 }
        let n = i - pos
        guard n >= 3 else { return 0 }
        while isSpaceOrTab(s.at(i)) { i += 1 }
        return (i >= s.count || isLineEnd(s[i])) ? n : 0
    }

    /// Setext underline: returns 1 for `=`, 2 for `-`, 0 otherwise.
    static func setextHeadingLine(_ s: Bytes, _ pos: Int) -> Int {
        let ch = s.at(pos)
        guard ch == C.equals || ch == C.dash else { return 0 }
        var i = pos
        while s.at(i) == ch { i += 1 }
        while isSpaceOrTab(s.at(i)) { i += 1 }
        guard i >= s.count || isLineEnd(s[i]) else { return 0 }
        return ch == C.equals ? 1 : 2
    }

    /// Returns (match length or 0, position where the scan failed).
    static func thematicBreak(_ s: Bytes, _ pos: Int) -> (Int, Int) {
        let ch = s.at(pos)
        guard ch == C.star || ch == C.dash || ch == C.underscore else { return (0, pos) }
        var i = pos, count = 0
        while i < s.count && !isLineEnd(s[i]) {
            if s[i] == ch { count += 1 } else if !isSpaceOrTab(s[i]) { return (0, i) }
            i += 1
        }
        return count >= 3 ? (i - pos, i) : (0, i)
    }

    static let blockTagNames: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr",
        "html", "iframe", "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol",
        "optgroup", "option", "p", "param", "search", "section", "summary", "table", "tbody", "td", "tfoot",
        "th", "thead", "title", "tr", "track", "ul",
    ]

    /// HTML block start conditions 1–6 (returns the type or 0).
    static func htmlBlockStart(_ s: Bytes, _ pos: Int) -> Int {
        guard s.at(pos) == C.lt else { return 0 }
        let p = pos + 1
        if s.at(p) == C.bang {
            if s.at(p + 1) == C.dash && s.at(p + 2) == C.dash { return 2 }
            if s.hasPrefixCI("[cdata[", at: p + 1) { return 5 }
            if isAlpha(s.at(p + 1)) { return 4 }
            return 0
        }
        if s.at(p) == C.quest { return 3 }
        for name in ["script", "pre", "style", "textarea"] where s.hasPrefixCI(name, at: p) {
            let c = s.at(p + name.utf8.count)
            if isSpace(c) || c == C.gt || c == 0 { return 1 }
        }
        var i = p
        if s.at(i) == C.slash { i += 1 }
        let start = i
        while isAlnum(s.at(i)) { i += 1 }
        guard i > start else { return 0 }
        let name = String(decoding: s[start..<i].map(lowerASCII), as: UTF8.self)
        guard blockTagNames.contains(name) else { return 0 }
        let c = s.at(i)
        if isSpace(c) || c == C.gt || c == 0 || (c == C.slash && s.at(i + 1) == C.gt) { return 6 }
        return 0
    }

    /// Condition 7: a complete open or closing tag alone on the line.
    static func htmlBlockStart7(_ s: Bytes, _ pos: Int) -> Int {
        guard s.at(pos) == C.lt else { return 0 }
        var i = pos + 1
        if s.at(i) == C.slash {
            guard let n = closingTag(s, i + 1) else { return 0 }
            i = i + 1 + n
        } else {
            guard let n = openTag(s, i) else { return 0 }
            i += n
        }
        while isSpaceOrTab(s.at(i)) { i += 1 }
        return (i >= s.count || isLineEnd(s[i])) ? 7 : 0
    }

    static func htmlBlockEnd(_ type: Int, _ s: Bytes, _ pos: Int) -> Bool {
        switch type {
        case 1:
            return ["</script>", "</pre>", "</style>", "</textarea>"].contains { s.find($0, from: pos, caseInsensitive: true) != nil }
        case 2: return s.find("-->", from: pos) != nil
        case 3: return s.find("?>", from: pos) != nil
        case 4: return s.find(">", from: pos) != nil
        case 5: return s.find("]]>", from: pos) != nil
        default: return false
        }
    }

    // MARK: Raw HTML

    /// Tag name: ASCII letter followed by letters, digits or `-`. Returns length.
    static func tagName(_ s: Bytes, _ pos: Int) -> Int {
        guard isAlpha(s.at(pos)) else { return 0 }
        var i = pos + 1
        while isAlnum(s.at(i)) || s.at(i) == C.dash { i += 1 }
        return i - pos
    }

    /// Open tag starting after `<`; returns the length through `>`.
    static func openTag(_ s: Bytes, _ pos: Int) -> Int? {
        let n = tagName(s, pos)
        guard n > 0 else { return nil }
        var i = pos + n
        while true {
            // attribute: whitespace+ name (= value)?
            var j = i
            while isSpace(s.at(j)) { j += 1 }
            let hadSpace = j > i
            let c = s.at(j)
            if c == C.gt { return j + 1 - pos }
            if c == C.slash { return s.at(j + 1) == C.gt ? j + 2 - pos : nil }
            guard hadSpace, isAlpha(c) || c == C.underscore || c == C.colon else { return nil }
            j += 1
            while true {
                let d = s.at(j)
                if isAlnum(d) || d == C.underscore || d == C.dot || d == C.colon || d == C.dash { j += 1 } else { break }
            }
            // optional value
            var k = j
            while isSpace(s.at(k)) { k += 1 }
            if s.at(k) == C.equals {
                k += 1
                while isSpace(s.at(k)) { k += 1 }
                let q = s.at(k)
                if q == C.dquote || q == C.squote {
                    k += 1
                    while k < s.count && s[k] != q { k += 1 }
                    guard k < s.count else { return nil }
                    k += 1
                } else {
                    let vstart = k
                    while k < s.count {
                        let d = s[k]
                        if d <= 0x20 || d == C.dquote || d == C.squote || d == C.equals || d == C.lt || d == C.gt || d == C.backtick { break }
                        k += 1
                    }
                    guard k > vstart else { return nil }
                }
                j = k
            }
            i = j
        }
    }

    /// Closing tag after `</`; returns the length through `>`.
    static func closingTag(_ s: Bytes, _ pos: Int) -> Int? {
        let n = tagName(s, pos)
        guard n > 0 else { return nil }
        var i = pos + n
        while isSpace(s.at(i)) { i += 1 }
        return s.at(i) == C.gt ? i + 1 - pos : nil
    }

    // MARK: Autolinks

    /// `scheme:...>` after `<`; returns the length including `>`.
    static func autolinkURI(_ s: Bytes, _ pos: Int) -> Int? {
        guard isAlpha(s.at(pos)) else { return nil }
        var i = pos + 1
        while isAlnum(s.at(i)) || s.at(i) == C.plus || s.at(i) == C.dot || s.at(i) == C.dash { i += 1 }
        let schemeLen = i - pos
        guard schemeLen >= 2 && schemeLen <= 32, s.at(i) == C.colon else { return nil }
        i += 1
        while i < s.count {
            let c = s[i]
            if c == C.gt { return i + 1 - pos }
            if c <= 0x20 || c == C.lt { return nil }
            i += 1
        }
        return nil
    }

    static func autolinkEmail(_ s: Bytes, _ pos: Int) -> Int? {
        var i = pos
        let local = Array("!#$%&'*+/=?^_`{|}~-.".utf8)
        while i < s.count && (isAlnum(s[i]) || local.contains(s[i])) { i += 1 }
        guard i > pos, s.at(i) == C.at else { return nil }
        i += 1
        while true {
            guard isAlnum(s.at(i)) else { return nil }
            let start = i
            while isAlnum(s.at(i)) || s.at(i) == C.dash { i += 1 }
            guard s.at(i - 1) != C.dash, i - start <= 63 else { return nil }
            if s.at(i) == C.dot { i += 1; continue }
            if s.at(i) == C.gt { return i + 1 - pos }
            return nil
        }
    }

    // MARK: Link pieces

    /// Link destination (cmark's manual_scan_link_url). Returns (length, destination range).
    static func linkDestination(_ s: Bytes, _ pos: Int) -> (Int, Range<Int>)? {
        var i = pos
        if s.at(i) == C.lt {
            i += 1
            while i < s.count {
                let c = s[i]
                if c == C.gt { i += 1; return (i - pos, (pos + 1)..<(i - 1)) }
                if c == C.backslash { i += 2; continue }
                if c == C.nl || c == C.cr || c == C.lt { return nil }
                i += 1
            }
            return nil
        }
        var depth = 0
        while i < s.count {
            let c = s[i]
            if c == C.backslash && i + 1 < s.count && isASCIIPunct(s[i + 1]) {
                i += 2
            } else if c == C.lparen {
                depth += 1
                i += 1
                if depth > 32 { return nil }
            } else if c == C.rparen {
                if depth == 0 { break }
                depth -= 1
                i += 1
            } else if c <= 0x20 || c == 0x7F {
                if i == pos { return nil }
                break
            } else {
                i += 1
            }
        }
        if i >= s.count || depth != 0 { return nil }
        return (i - pos, pos..<i)
    }

    /// Link title in `"…"`, `'…'` or `(…)`; returns its length including delimiters.
    static func linkTitle(_ s: Bytes, _ pos: Int) -> Int {
        let open = s.at(pos)
        let close: UInt8
        switch open {
        case C.dquote: close = C.dquote
        case C.squote: close = C.squote
        case C.lparen: close = C.rparen
        default: return 0
        }
        var i = pos + 1
        while i < s.count {
            let c = s[i]
            if c == C.backslash && i + 1 < s.count && isASCIIPunct(s[i + 1]) { i += 2; continue }
            if c == close { return i + 1 - pos }
            if open == C.lparen && c == C.lparen { return 0 }
            i += 1
        }
        return 0
    }

    /// Whitespace (including newlines) length at `pos`.
    static func spaceChars(_ s: Bytes, _ pos: Int) -> Int {
        var i = pos
        while i < s.count && isSpace(s[i]) { i += 1 }
        return i - pos
    }
}
