// Emphasis (`*`, `_`) and GFM strikethrough (`~`) delimiter runs:
// flanking rules, the delimiter stack and process_emphasis with the
// "rule of 3" and per-kind openers_bottom (linear time).

extension InlineParser {
    /// Unicode whitespace per the spec (Zs plus tab, LF, FF, CR).
    static func isUnicodeSpace(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 9, 10, 12, 13, 32, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Unicode punctuation: ASCII punctuation or general category P* / S*.
    static func isUnicodePunctOrSymbol(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return isASCIIPunct(UInt8(c.value)) }
        switch c.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation,
             .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }

    /// Decodes the scalar starting at byte `i` (newline at the end of input).
    func scalar(at i: Int) -> Unicode.Scalar {
        guard i < s.count else { return "\n" }
        let b = s[i]
        if b < 0x80 { return Unicode.Scalar(b) }
        var end = i + 1
        while end < s.count && end - i < 4 && (s[end] & 0xC0) == 0x80 { end += 1 }
        return String(decoding: s[i..<end], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    /// Decodes the scalar ending just before byte `i` (newline at the start).
    func scalar(before i: Int) -> Unicode.Scalar {
        guard i > 0 else { return "\n" }
        if s[i - 1] < 0x80 { return Unicode.Scalar(s[i - 1]) }
        var start = i - 1
        while start > 0 && (s[start] & 0xC0) == 0x80 && i - start < 4 { start -= 1 }
        return String(decoding: s[start..<i], as: UTF8.self).unicodeScalars.first ?? "\u{FFFD}"
    }

    func handleDelim(_ c: UInt8) -> Node {
        let start = pos
        let before = scalar(before: pos)
        while peek() == c { pos += 1 }
        let count = pos - start
        let after = scalar(at: pos)
        let afterSpace = Self.isUnicodeSpace(after), beforeSpace = Self.isUnicodeSpace(before)
        let afterPunct = Self.isUnicodePunctOrSymbol(after), beforePunct = Self.isUnicodePunctOrSymbol(before)
        let leftFlanking = !afterSpace && (!afterPunct || beforeSpace || beforePunct)
        let rightFlanking = !beforeSpace && (!beforePunct || afterSpace || afterPunct)
        let canOpen: Bool
        let canClose: Bool
        if c == C.underscore {
            canOpen = leftFlanking && (!rightFlanking || beforePunct)
            canClose = rightFlanking && (!leftFlanking || afterPunct)
        } else {
            canOpen = leftFlanking
            canClose = rightFlanking
        }
        let node = text(Array(s[start..<pos]))
        // Strikethrough runs longer than two tildes are plain text (cmark-gfm).
        let eligible = c != C.tilde || count <= 2
        if (canOpen || canClose) && eligible {
            let d = Delimiter(node: node, position: pos, length: count, char: c, canOpen: canOpen, canClose: canClose)
            d.previous = lastDelim
            lastDelim?.next = d
            lastDelim = d
        }
        return node
    }

    func removeDelimiter(_ d: Delimiter) {
        if let n = d.next { n.previous = d.previous } else { lastDelim = d.previous }
        if let p = d.previous { p.next = d.next }
        d.next = nil
        d.previous = nil
    }

    func processEmphasis(stackBottom: Int) {
        // No delimiter above the bottom (most paragraphs): nothing to match or remove, and no
        // table to allocate.
        guard let top = lastDelim, top.position >= stackBottom else { return }
        // Lower bounds for opener searches, per (char, canOpen, length % 3).
        var openersBottom = [Int](repeating: stackBottom, count: 18)
        var closer: Delimiter?
        var candidate = lastDelim
        while let c = candidate, c.position >= stackBottom {
            closer = c
            candidate = c.previous
        }
        while let cl = closer {
            guard cl.canClose else {
                closer = cl.next
                continue
            }
            let kindIndex = cl.char == C.star ? 0 : (cl.char == C.underscore ? 6 : 12)
            let index = kindIndex + (cl.canOpen ? 3 : 0) + cl.length % 3
            var opener = cl.previous
            var found = false
            while let op = opener, op.position >= stackBottom, op.position >= openersBottom[index] {
                if op.canOpen && op.char == cl.char {
                    if cl.char == C.tilde {
                        found = true
                        break
                    }
                    if !(cl.canOpen || op.canClose) || cl.length % 3 == 0 || (op.length + cl.length) % 3 != 0 {
                        found = true
                        break
                    }
                }
                opener = op.previous
            }
            let oldCloser = cl
            if found, let op = opener {
                if cl.char == C.tilde {
                    closer = insertStrikethrough(op, cl)
                } else {
                    closer = insertEmph(op, cl)
                }
            } else {
                closer = cl.next
                openersBottom[index] = oldCloser.position
                if !oldCloser.canOpen { removeDelimiter(oldCloser) }
            }
        }
        while let d = lastDelim, d.position >= stackBottom {
            removeDelimiter(d)
        }
    }

    /// Wraps the nodes between opener and closer in `<em>` / `<strong>`.
    func insertEmph(_ opener: Delimiter, _ closer: Delimiter) -> Delimiter? {
        let openerNode = opener.node, closerNode = closer.node
        let use = (closerNode.content.count >= 2 && openerNode.content.count >= 2) ? 2 : 1
        openerNode.content.removeLast(use)
        closerNode.content.removeLast(use)
        var d = closer.previous
        while let x = d, x !== opener {
            d = x.previous
            removeDelimiter(x)
        }
        let emph = Node(use == 1 ? .emph : .strong)
        wrapBetween(openerNode, closerNode, in: emph)
        if openerNode.content.isEmpty {
            openerNode.unlink()
            removeDelimiter(opener)
        }
        if closerNode.content.isEmpty {
            closerNode.unlink()
            let next = closer.next
            removeDelimiter(closer)
            return next
        }
        return closer
    }

    /// GFM strikethrough: opener and closer must have the same length.
    func insertStrikethrough(_ opener: Delimiter, _ closer: Delimiter) -> Delimiter? {
        let openerNode = opener.node, closerNode = closer.node
        if openerNode.content.count == closerNode.content.count {
            var d = closer.previous
            while let x = d, x !== opener {
                d = x.previous
                removeDelimiter(x)
            }
            let del = Node(.strikethrough)
            wrapBetween(openerNode, closerNode, in: del)
            openerNode.unlink()
            removeDelimiter(opener)
            closerNode.unlink()
        }
        let next = closer.next
        removeDelimiter(closer)
        return next
    }

    private func wrapBetween(_ openerNode: Node, _ closerNode: Node, in container: Node) {
        var tmp = openerNode.next
        while let t = tmp, t !== closerNode {
            tmp = t.next
            container.appendChild(t)
        }
        openerNode.insertAfter(container)
    }
}
