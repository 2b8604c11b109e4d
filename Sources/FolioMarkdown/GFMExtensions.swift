// Smaller GFM extensions: task list items, the disallowed-raw-HTML tag
// filter and extended autolinks (www., http(s)://, email).

import Foundation   // memchr

enum GFMTaskList {
    /// Marks a list item whose first paragraph starts with `[ ]`, `[x]` or
    /// `[X]` followed by whitespace, and strips the marker. Called when the
    /// item is finalized (its first paragraph is already final then).
    static func apply(_ node: Node) {
        guard let para = node.firstChild, para.kind == .paragraph else { return }
        let c = para.content
        guard c.count >= 4, c[0] == C.lbracket, c[2] == C.rbracket, isSpace(c[3]) else { return }
        let mark = c[1]
        guard mark == C.space || mark == 0x78 || mark == 0x58 else { return }
        var i = 3
        while i < c.count && isSpaceOrTab(c[i]) { i += 1 }
        node.taskChecked = mark != C.space
        para.content = Array(c[i...])
    }
}

enum GFMTagFilter {
    static let tags = ["title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "script", "plaintext"]

    /// Copies raw HTML, replacing `<` with `&lt;` before disallowed tags.
    static func filter(_ b: Bytes, into out: inout Bytes) {
        var i = 0
        while i < b.count {
            if b[i] == C.lt && isDisallowed(b, i) {
                out.append(contentsOf: Array("&lt;".utf8))
            } else {
                out.append(b[i])
            }
            i += 1
        }
    }

    static func isDisallowed(_ b: Bytes, _ pos: Int) -> Bool {
        var i = pos + 1
        if b.at(i) == C.slash { i += 1 }
        for tag in tags where b.hasPrefixCI(tag, at: i) {
            let j = i + tag.utf8.count
            guard j < b.count else { return false }
            let c = b[j]
            if isSpace(c) || c == C.gt { return true }
            if c == C.slash && b.at(j + 1) == C.gt { return true }
        }
        return false
    }
}

enum GFMAutolink {
    /// Quick filter on raw content: extended autolinks need `www.`, `://` or `@`.
    static func mayContainLinks(_ s: Bytes) -> Bool {
        // The same three tests, but memchr (vectorized) jumps between the candidate bytes
        // instead of testing every byte of every paragraph.
        s.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return false }
            let n = b.count
            if memchr(base, Int32(C.at), n) != nil { return true }
            for c in [C.colon, C.dot] {
                var from = 0
                while from < n, let hit = memchr(base + from, Int32(c), n - from) {
                    let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if c == C.colon, i + 2 < n, b[i + 1] == C.slash, b[i + 2] == C.slash { return true }
                    if c == C.dot, i >= 3, (b[i - 1] | 0x20) == 0x77, (b[i - 2] | 0x20) == 0x77, (b[i - 3] | 0x20) == 0x77 {
                        return true
                    }
                    from = i + 1
                }
            }
            return false
        }
    }

    /// Finds extended autolinks in the text nodes of `leaf` (outside links).
    static func process(_ leaf: Node) {
        var texts: [Node] = []
        var stack: [Node] = [leaf]
        while let n = stack.popLast() {
            var child = n.firstChild
            while let c = child {
                child = c.next
                if c.kind == .text {
                    // Merge adjacent text nodes so that runs like `a_b` are seen whole.
                    while !c.isEscape, let nx = c.next, nx.kind == .text, !nx.isEscape {
                        c.content.append(contentsOf: nx.content)
                        child = nx.next
                        nx.unlink()
                    }
                    texts.append(c)
                } else if c.kind != .link && c.kind != .image {
                    stack.append(c)
                }
            }
        }
        for t in texts { linkify(t) }
    }

    static func isValidBefore(_ s: Bytes, _ i: Int) -> Bool {
        guard i > 0 else { return true }
        let c = s[i - 1]
        return isSpace(c) || c == C.star || c == C.underscore || c == C.tilde || c == C.lparen
    }

    static func checkDomain(_ s: Bytes, _ start: Int, allowShort: Bool) -> Int? {
        var i = start
        var periods = 0, us1 = 0, us2 = 0
        while i < s.count {
            let c = s[i]
            if c == C.underscore {
                us2 += 1
            } else if c == C.dot {
                us1 = us2
                us2 = 0
                periods += 1
            } else if !(isAlnum(c) || c == C.dash || c >= 0x80) {
                break
            }
            i += 1
        }
        if i == start || us1 > 0 || us2 > 0 { return nil }
        if !allowShort && periods == 0 { return nil }
        return i
    }

    /// cmark-gfm's autolink_delim: trims trailing punctuation, unbalanced
    /// `)` and entity-like `&name;` suffixes.
    static func trimEnd(_ s: Bytes, _ start: Int, _ endIn: Int) -> Int {
        var end = endIn
        var opening = 0, closing = 0
        for i in start..<end {
            if s[i] == C.lt { end = i; break }
            if s[i] == C.lparen { opening += 1 } else if s[i] == C.rparen { closing += 1 }
        }
        while end > start {
            switch s[end - 1] {
            case C.rparen:
                if closing <= opening { return end }
                closing -= 1
                end -= 1
            case C.quest, C.bang, C.dot, 0x2C, C.colon, C.star, C.underscore, C.tilde, C.squote, C.dquote:
                end -= 1
            case C.semicolon:
                var n = end - 2
                while n > start && isAlpha(s[n]) { n -= 1 }
                if n < end - 2 && s[n] == C.amp { end = n } else { end -= 1 }
            default:
                return end
            }
        }
        return end
    }

    /// Returns (start, end, href) of the first autolink at or after `from`.
    static func nextMatch(_ s: Bytes, from: Int) -> (Int, Int, String)? {
        var i = from
        while i < s.count {
            let c = s[i]
            if (c == 0x77 || c == 0x57), s.hasPrefixCI("www.", at: i), isValidBefore(s, i),
               let d = checkDomain(s, i + 4, allowShort: true) {
                _ = d
                var end = i
                while end < s.count && !isSpace(s[end]) && s[end] != C.lt { end += 1 }
                end = trimEnd(s, i, end)
                if end > i + 4 {
                    return (i, end, "http://" + Array(s[i..<end]).string)
                }
            }
            // Like cmark-gfm's url_match: the scheme must not be preceded by
            // another letter (so "foohttp://" is not a link).
            var schemeLen = 0
            let schemeStartOK = i == 0 || !isAlpha(s[i - 1])
            if c == 0x68 || c == 0x48, schemeStartOK {
                if s.hasPrefixCI("https://", at: i) { schemeLen = 8 } else if s.hasPrefixCI("http://", at: i) { schemeLen = 7 }
            }
            if c == 0x66 || c == 0x46, schemeStartOK, s.hasPrefixCI("ftp://", at: i) {
                schemeLen = 6
            }
            if schemeLen > 0 {
                if schemeLen > 0, checkDomain(s, i + schemeLen, allowShort: true) != nil {
                    var end = i
                    while end < s.count && !isSpace(s[end]) && s[end] != C.lt { end += 1 }
                    end = trimEnd(s, i, end)
                    if end > i + schemeLen {
                        return (i, end, Array(s[i..<end]).string)
                    }
                }
            }
            if c == C.at, let m = email(s, at: i, from: from) { return m }
            i += 1
        }
        return nil
    }

    static func isEmailLocal(_ c: UInt8) -> Bool {
        isAlnum(c) || c == C.dot || c == C.plus || c == C.dash || c == C.underscore
    }

    static func email(_ s: Bytes, at: Int, from: Int) -> (Int, Int, String)? {
        var start = at
        while start > from && isEmailLocal(s[start - 1]) { start -= 1 }
        guard start < at else { return nil }
        var end = at + 1
        var periods = 0
        while end < s.count {
            let c = s[end]
            if isAlnum(c) || c == C.dash || c == C.underscore {
                end += 1
            } else if c == C.dot && end + 1 < s.count && isAlnum(s[end + 1]) {
                periods += 1
                end += 1
            } else {
                break
            }
        }
        guard end > at + 1, periods > 0 else { return nil }
        let last = s[end - 1]
        guard isAlnum(last) else { return nil }
        return (start, end, "mailto:" + Array(s[start..<end]).string)
    }

    static func linkify(_ node: Node) {
        var current = node
        while true {
            let s = current.content
            guard let (start, end, href) = nextMatch(s, from: 0) else { return }
            let link = Node(.link)
            link.url = href
            let label = Node(.text)
            label.content = Array(s[start..<end])
            link.appendChild(label)
            let rest = Node(.text)
            rest.content = Array(s[end...])
            current.content = Array(s[0..<start])
            current.insertAfter(link)
            link.insertAfter(rest)
            if current.content.isEmpty { current.unlink() }
            if rest.content.isEmpty { rest.unlink(); return }
            current = rest
        }
    }
}
