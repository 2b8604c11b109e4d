// Link labels and link reference definitions (cmark's link_label and
// cmark_parse_reference_inline).

enum ReferenceParser {
    /// Labels longer than this are not labels (spec: at most 999 characters).
    static let maxLabelLength = 999

    /// Scans `[label]` at `pos`. Returns the raw label range (inside the
    /// brackets) and the index after `]`.
    static func linkLabel(_ s: Bytes, _ pos: Int) -> (Range<Int>, Int)? {
        guard s.at(pos) == C.lbracket else { return nil }
        var i = pos + 1
        var length = 0
        while i < s.count {
            let c = s[i]
            if c == C.lbracket { return nil }
            if c == C.rbracket { return ((pos + 1)..<i, i + 1) }
            if c == C.backslash {
                i += 1
                length += 1
                if i < s.count && isASCIIPunct(s[i]) {
                    i += 1
                    length += 1
                }
            } else {
                i += 1
                length += 1
            }
            if length > maxLabelLength { return nil }
        }
        return nil
    }

    /// Skips spaces/tabs, at most one line ending, then spaces/tabs.
    static func spnl(_ s: Bytes, _ pos: Int) -> Int {
        var i = pos
        while isSpaceOrTab(s.at(i)) { i += 1 }
        if s.at(i) == C.nl { i += 1 } else if s.at(i) == C.cr { i += 1; if s.at(i) == C.nl { i += 1 } }
        while isSpaceOrTab(s.at(i)) { i += 1 }
        return i
    }

    /// Parses one reference definition at `pos`; returns the bytes consumed.
    static func parse(_ s: Bytes, _ pos: Int, into refmap: inout [String: LinkReference]) -> Int? {
        guard let (labelRange, afterLabel) = linkLabel(s, pos) else { return nil }
        let rawLabel = Array(s[labelRange])
        guard rawLabel.contains(where: { !isSpace($0) }) else { return nil }
        var i = afterLabel
        guard s.at(i) == C.colon else { return nil }
        i = spnl(s, i + 1)
        guard let (n, destRange) = Scan.linkDestination(s, i) else { return nil }
        i += n
        let beforeTitle = i
        var j = spnl(s, i)
        let titleLen = j == beforeTitle ? 0 : Scan.linkTitle(s, j)
        var title = ""
        if titleLen > 0 {
            title = TextUtil.cleanTitle(Array(s[j..<(j + titleLen)]))
            j += titleLen
        } else {
            j = beforeTitle
        }
        while isSpaceOrTab(s.at(j)) { j += 1 }
        if !(j >= s.count || isLineEnd(s[j])) {
            guard titleLen > 0 else { return nil }
            // The title is not followed by a line end: retry without it.
            title = ""
            j = beforeTitle
            while isSpaceOrTab(s.at(j)) { j += 1 }
            guard j >= s.count || isLineEnd(s[j]) else { return nil }
        }
        if s.at(j) == C.cr { j += 1 }
        if s.at(j) == C.nl { j += 1 }
        if let key = TextUtil.normalizeLabel(rawLabel), refmap[key] == nil {
            refmap[key] = LinkReference(url: TextUtil.cleanURL(Array(s[destRange])), title: title)
        }
        return j - pos
    }
}
