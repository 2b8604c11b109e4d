// Block parser helpers: line-start scanners that need parser state, list
// markers, and block finalization (cmark's finalize: reference definitions,
// code block info strings, tight/loose lists).

extension BlockParser {
    /// Removes an ATX heading's optional closing `#` sequence (content is
    /// already trimmed on the right).
    static func trimATXClosingSequence(_ s: Bytes) -> Bytes {
        var n = s.count
        while n > 0 && s[n - 1] == C.hash { n -= 1 }
        if n == s.count { return s }
        if n == 0 { return [] }
        guard isSpaceOrTab(s[n - 1]) else { return s }
        while n > 0 && isSpaceOrTab(s[n - 1]) { n -= 1 }
        return Array(s[0..<n])
    }

    /// HTML block start condition 1–6, or 7 when allowed (type 7 cannot
    /// interrupt a paragraph).
    func htmlBlockStartType(canBeType7: Bool) -> Int {
        let t = Scan.htmlBlockStart(line, firstNonspace)
        if t > 0 || !canBeType7 { return t }
        return Scan.htmlBlockStart7(line, firstNonspace)
    }

    func scanThematicBreak() -> Bool {
        let (matched, failPos) = Scan.thematicBreak(line, firstNonspace)
        if matched == 0 { thematicBreakKillPos = failPos }
        return matched > 0
    }

    // MARK: Lists

    struct ListMarker {
        var length: Int
        var ordered: Bool
        var bullet: UInt8
        var start: Int
        var delimiter: UInt8
    }

    func parseListMarker(_ pos: Int, interruptsParagraph: Bool) -> ListMarker? {
        var p = pos
        let c = peek(p)
        if c == C.star || c == C.dash || c == C.plus {
            p += 1
            guard isSpace(peek(p)) else { return nil }
            if interruptsParagraph {
                var i = p
                while isSpaceOrTab(peek(i)) { i += 1 }
                if peek(i) == C.nl { return nil }
            }
            return ListMarker(length: p - pos, ordered: false, bullet: c, start: 1, delimiter: 0)
        } else if isDigit(c) {
            var start = 0
            var digits = 0
            repeat {
                start = start * 10 + Int(peek(p) - 0x30)
                p += 1
                digits += 1
            } while digits < 9 && isDigit(peek(p))
            if interruptsParagraph && start != 1 { return nil }
            let d = peek(p)
            guard d == C.dot || d == C.rparen else { return nil }
            p += 1
            guard isSpace(peek(p)) else { return nil }
            if interruptsParagraph {
                var i = p
                while isSpaceOrTab(peek(i)) { i += 1 }
                if isLineEnd(peek(i)) { return nil }
            }
            return ListMarker(length: p - pos, ordered: true, bullet: 0, start: start, delimiter: d)
        }
        return nil
    }

    func listsMatch(_ list: Node, _ m: ListMarker) -> Bool {
        list.ordered == m.ordered && list.delimiter == m.delimiter && list.bulletChar == m.bullet
    }

    func copyListData(to node: Node, _ m: ListMarker, padding: Int, markerOffset: Int) {
        node.ordered = m.ordered
        node.bulletChar = m.bullet
        node.listStart = m.start
        node.delimiter = m.delimiter
        node.padding = padding
        node.markerOffset = markerOffset
    }

    // MARK: Finalization

    /// Closes `b` and returns its parent (cmark's finalize).
    @discardableResult
    func finalize(_ b: Node) -> Node {
        let parent = b.parent ?? root
        b.open = false
        switch b.kind {
        case .paragraph:
            if resolveReferenceDefinitions(b) {
                leaves.append(b)
            } else {
                b.unlink()
            }
        case .heading:
            leaves.append(b)
        case .item:
            if options.gfm { GFMTaskList.apply(b) }
        case .codeBlock:
            if !b.fenced {
                removeTrailingBlankLines(&b.content)
                b.content.append(C.nl)
            } else {
                var pos = 0
                while pos < b.content.count && !isLineEnd(b.content[pos]) { pos += 1 }
                let infoRaw = Array(b.content[0..<pos])
                b.info = TextUtil.unescapeBackslashes(TextUtil.trim(TextUtil.unescapeEntities(infoRaw))).string
                if pos < b.content.count && b.content[pos] == C.cr { pos += 1 }
                if pos < b.content.count && b.content[pos] == C.nl { pos += 1 }
                b.content.removeFirst(pos)
            }
        case .list:
            b.tight = true
            var item = b.firstChild
            outer: while let it = item {
                if it.lastLineBlank && it.next != nil {
                    b.tight = false
                    break
                }
                var sub = it.firstChild
                while let s = sub {
                    if (it.next != nil || s.next != nil) && endsWithBlankLine(s) {
                        b.tight = false
                        break outer
                    }
                    sub = s.next
                }
                item = it.next
            }
        default:
            break
        }
        return parent
    }

    /// Iterative version of cmark's S_ends_with_blank_line (with its caching).
    func endsWithBlankLine(_ node: Node) -> Bool {
        var cur = node
        while true {
            if cur.lastLineChecked { return cur.lastLineBlank }
            cur.lastLineChecked = true
            if (cur.kind == .list || cur.kind == .item), let last = cur.lastChild {
                cur = last
            } else {
                return cur.lastLineBlank
            }
        }
    }

    func removeTrailingBlankLines(_ s: inout Bytes) {
        var i = s.count - 1
        while i >= 0 {
            let c = s[i]
            if c != C.space && c != C.tab && !isLineEnd(c) { break }
            i -= 1
        }
        if i < 0 { s.removeAll(); return }
        while i < s.count {
            if isLineEnd(s[i]) {
                s.removeSubrange(i...)
                return
            }
            i += 1
        }
    }

    /// Strips link reference definitions from the start of a paragraph.
    /// Returns whether any content remains.
    func resolveReferenceDefinitions(_ b: Node) -> Bool {
        var pos = 0
        while pos < b.content.count && b.content[pos] == C.lbracket {
            guard let consumed = ReferenceParser.parse(b.content, pos, into: &refmap) else { break }
            pos += consumed
        }
        if pos > 0 { b.content.removeFirst(pos) }
        return b.content.contains { !isSpace($0) }
    }
}
