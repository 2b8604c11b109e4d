// Phase 2 of parsing: inline content of paragraphs, headings and table
// cells, following the spec appendix "An algorithm for parsing nested
// emphasis and links" (a port of cmark's inlines.c). Emphasis is resolved in
// Delimiters.swift.

final class Delimiter {
    let node: Node
    let position: Int
    let length: Int
    let char: UInt8
    let canOpen: Bool
    let canClose: Bool
    @exclusivity(unchecked) var previous: Delimiter?
    @exclusivity(unchecked) unowned(unsafe) var next: Delimiter?

    init(node: Node, position: Int, length: Int, char: UInt8, canOpen: Bool, canClose: Bool) {
        self.node = node
        self.position = position
        self.length = length
        self.char = char
        self.canOpen = canOpen
        self.canClose = canClose
    }
}

struct Bracket {
    let node: Node
    let position: Int
    let image: Bool
    var bracketAfter = false
}

// Mutable state is `@exclusivity(unchecked)` (see Node): no dynamic access checks per byte.
final class InlineParser {
    let s: Bytes
    @exclusivity(unchecked) var pos = 0
    let refmap: [String: LinkReference]
    let options: MarkdownOptions
    @exclusivity(unchecked) var lastDelim: Delimiter?
    @exclusivity(unchecked) var brackets: [Bracket] = []
    /// Link openers below this stack index are inactive (a link was matched
    /// after them). Keeps "deactivate earlier link openers" O(1).
    @exclusivity(unchecked) var inactiveBelow = 0

    // Memoisation that keeps pathological inputs linear (as cmark does).
    @exclusivity(unchecked) var backtickPositions: [Int] = []
    @exclusivity(unchecked) var scannedForBackticks = false
    @exclusivity(unchecked) var noCommentEnd = false
    @exclusivity(unchecked) var noPIEnd = false
    @exclusivity(unchecked) var noCDATAEnd = false
    @exclusivity(unchecked) var noDeclEnd = false
    @exclusivity(unchecked) var noMacroEnd = false

    static let maxBackticks = 1000

    init(_ s: Bytes, refmap: [String: LinkReference], options: MarkdownOptions) {
        self.s = s
        self.refmap = refmap
        self.options = options
    }

    /// Parses the inline content of every paragraph, heading and table cell.
    static func parseAll(_ leaves: [Node], refmap: [String: LinkReference], options: MarkdownOptions) {
        for leaf in leaves {
            var content = leaf.content
            leaf.content = []
            while let last = content.last, isSpace(last) { content.removeLast() }
            if leaf.kind == .heading && !leaf.setext {
                content = BlockParser.trimATXClosingSequence(content)
            }
            let parser = InlineParser(content, refmap: refmap, options: options)
            parser.parse(into: leaf)
            if options.gfm && GFMAutolink.mayContainLinks(content) { GFMAutolink.process(leaf) }
        }
    }

    func parse(into parent: Node) {
        while pos < s.count {
            parseInline(parent)
        }
        processEmphasis(stackBottom: 0)
        brackets.removeAll()
    }

    @inline(__always) func peek() -> UInt8 { pos < s.count ? s[pos] : 0 }

    func text(_ bytes: Bytes) -> Node {
        let n = Node(.text)
        n.content = bytes
        return n
    }

    func text(_ str: String) -> Node { text(Array(str.utf8)) }

    static let special: [Bool] = {
        var t = [Bool](repeating: false, count: 256)
        for c in "\n\r`\\&<*_[]!~{".utf8 { t[Int(c)] = true }
        return t
    }()

    func parseInline(_ parent: Node) {
        let c = peek()
        var new: Node?
        switch c {
        case C.nl, C.cr: new = handleNewline()
        case C.backtick: new = handleBackticks()
        case C.backslash: new = handleBackslash()
        case C.amp: new = handleEntity()
        case C.lt: new = handlePointyBrace()
        case C.star, C.underscore: new = handleDelim(c)
        case C.tilde where options.gfm: new = handleDelim(c)
        case C.lbracket:
            pos += 1
            let node = text("[")
            pushBracket(node, image: false)
            new = node
        case C.rbracket: new = handleCloseBracket()
        case 0x7B where options.mdn && s.at(pos + 1) == 0x7B: new = handleMacro()
        case C.bang:
            pos += 1
            if peek() == C.lbracket {
                pos += 1
                let node = text("![")
                pushBracket(node, image: true)
                new = node
            } else {
                new = text("!")
            }
        default:
            let start = pos
            // Local copies keep this hot loop free of per-byte property
            // access overhead in debug builds.
            let special = Self.special
            let bytes = s
            var p = pos + 1
            let n = bytes.count
            while p < n && !special[Int(bytes[p])] { p += 1 }
            pos = p
            var end = pos
            if pos < s.count && isLineEnd(s[pos]) {
                while end > start && isSpace(s[end - 1]) { end -= 1 }
            }
            new = text(Array(s[start..<end]))
        }
        if let n = new { parent.appendChild(n) }
    }

    func handleNewline() -> Node {
        let nlpos = pos
        if peek() == C.cr { pos += 1 }
        if peek() == C.nl { pos += 1 }
        while isSpaceOrTab(peek()) { pos += 1 }
        if nlpos > 1 && s[nlpos - 1] == C.space && s[nlpos - 2] == C.space {
            return Node(.lineBreak)
        }
        return Node(.softBreak)
    }

    func handleBackslash() -> Node {
        pos += 1
        let next = peek()
        if options.mdn && next == 0x7B && s.at(pos + 1) == 0x7B {
            // MDN: `\{{` is kept verbatim so the macro engine sees the escape.
            return text("\\")
        }
        if isASCIIPunct(next) {
            pos += 1
            let node = text([next])
            node.isEscape = true
            return node
        }
        if pos < s.count && isLineEnd(next) {
            if next == C.cr { pos += 1 }
            if peek() == C.nl { pos += 1 }
            return Node(.lineBreak)
        }
        return text("\\")
    }

    /// MDN: `{{macro(...)}}` is kept as literal text for the later macro
    /// engine: no emphasis, links, entities or escapes are interpreted inside.
    func handleMacro() -> Node {
        let start = pos
        if !noMacroEnd, let end = s.find("}}", from: pos + 2) {
            pos = end + 2
            return text(Array(s[start..<pos]))
        }
        noMacroEnd = true
        pos += 2
        return text("{{")
    }

    func handleEntity() -> Node {
        pos += 1
        if let (rep, len) = TextUtil.entity(s, pos) {
            pos += len
            return text(rep)
        }
        return text("&")
    }

    // MARK: Code spans

    func scanToClosingBackticks(_ openLength: Int) -> Int? {
        if openLength > Self.maxBackticks { return nil }
        // The table grows only as far as the longest run seen (entries not yet recorded read
        // as 0): allocating and zeroing all 1,001 entries for every leaf with a backtick was
        // a visible share of Markdown time.
        let recorded = openLength < backtickPositions.count ? backtickPositions[openLength] : 0
        if scannedForBackticks && recorded <= pos { return nil }
        while true {
            while pos < s.count && s[pos] != C.backtick { pos += 1 }
            if pos >= s.count { break }
            var n = 0
            while peek() == C.backtick { pos += 1; n += 1 }
            if n <= Self.maxBackticks {
                if n >= backtickPositions.count {
                    backtickPositions.append(contentsOf: repeatElement(0, count: n + 1 - backtickPositions.count))
                }
                backtickPositions[n] = pos - n
            }
            if n == openLength { return pos }
        }
        scannedForBackticks = true
        return nil
    }

    func handleBackticks() -> Node {
        let start = pos
        while peek() == C.backtick { pos += 1 }
        let openLength = pos - start
        let afterOpen = pos
        guard let end = scanToClosingBackticks(openLength) else {
            pos = afterOpen
            return text(Array(s[start..<afterOpen]))
        }
        var code = Array(s[afterOpen..<(end - openLength)])
        for i in code.indices where isLineEnd(code[i]) { code[i] = C.space }
        // (\r\n was normalised to \n by the block parser.)
        if code.count >= 2 && code.first == C.space && code.last == C.space && code.contains(where: { $0 != C.space }) {
            code = Array(code[1..<(code.count - 1)])
        }
        let node = Node(.code)
        node.content = code
        return node
    }

    // MARK: `<`: autolinks and raw HTML

    func handlePointyBrace() -> Node {
        pos += 1
        if let n = Scan.autolinkURI(s, pos) {
            let raw = Array(s[pos..<(pos + n - 1)])
            pos += n
            return autolink(raw, email: false)
        }
        if let n = Scan.autolinkEmail(s, pos) {
            let raw = Array(s[pos..<(pos + n - 1)])
            pos += n
            return autolink(raw, email: true)
        }
        if let n = scanRawHTML(pos) {
            let node = Node(.htmlInline)
            node.content = Array(s[(pos - 1)..<(pos + n)])
            pos += n
            return node
        }
        return text("<")
    }

    func autolink(_ raw: Bytes, email: Bool) -> Node {
        let link = Node(.link)
        link.url = (email ? "mailto:" : "") + TextUtil.unescapeEntities(TextUtil.trim(raw)).string
        link.appendChild(text(TextUtil.unescapeEntities(raw)))
        return link
    }

    /// Raw inline HTML after `<`; returns the length after `<`.
    func scanRawHTML(_ p: Int) -> Int? {
        let c = s.at(p)
        if isAlpha(c) { return Scan.openTag(s, p) }
        if c == C.slash { return Scan.closingTag(s, p + 1).map { $0 + 1 } }
        if c == C.quest {
            if noPIEnd { return nil }
            if let e = s.find("?>", from: p + 1) { return e + 2 - p }
            noPIEnd = true
            return nil
        }
        guard c == C.bang else { return nil }
        if s.at(p + 1) == C.dash && s.at(p + 2) == C.dash {
            // Comment: `<!-->`, `<!--->` or `<!--` … `-->`.
            if s.at(p + 3) == C.gt { return 4 }
            if s.at(p + 3) == C.dash && s.at(p + 4) == C.gt { return 5 }
            if noCommentEnd { return nil }
            if let e = s.find("-->", from: p + 3) { return e + 3 - p }
            noCommentEnd = true
            return nil
        }
        if p + 8 <= s.count && Array(s[(p + 1)..<(p + 8)]) == Array("[CDATA[".utf8) {
            if noCDATAEnd { return nil }
            if let e = s.find("]]>", from: p + 8) { return e + 3 - p }
            noCDATAEnd = true
            return nil
        }
        if isAlpha(s.at(p + 1)) {
            if noDeclEnd { return nil }
            if let e = s.find(">", from: p + 2) { return e + 1 - p }
            noDeclEnd = true
            return nil
        }
        return nil
    }

    // MARK: Links and images

    func pushBracket(_ node: Node, image: Bool) {
        if !brackets.isEmpty { brackets[brackets.count - 1].bracketAfter = true }
        brackets.append(Bracket(node: node, position: pos, image: image))
    }

    func popBracket() {
        brackets.removeLast()
        inactiveBelow = min(inactiveBelow, brackets.count)
    }

    func handleCloseBracket() -> Node? {
        pos += 1
        let initialPos = pos
        guard let opener = brackets.last else { return text("]") }
        if !opener.image && brackets.count - 1 < inactiveBelow {
            popBracket()
            return text("]")
        }
        var url = ""
        var title = ""
        var matched = false

        // Inline link: `(destination "title")`.
        if peek() == C.lparen {
            let sps = Scan.spaceChars(s, pos + 1)
            if let (n, destRange) = Scan.linkDestination(s, pos + 1 + sps) {
                let endURL = pos + 1 + sps + n
                let startTitle = endURL + Scan.spaceChars(s, endURL)
                let endTitle = startTitle == endURL ? startTitle : startTitle + Scan.linkTitle(s, startTitle)
                let endAll = endTitle + Scan.spaceChars(s, endTitle)
                if s.at(endAll) == C.rparen {
                    pos = endAll + 1
                    url = TextUtil.cleanURL(Array(s[destRange]))
                    title = TextUtil.cleanTitle(Array(s[startTitle..<endTitle]))
                    matched = true
                }
            }
        }

        if !matched {
            // Reference link: full, collapsed or shortcut.
            var labelRange: Range<Int>?
            if let (range, after) = ReferenceParser.linkLabel(s, pos) {
                labelRange = range
                pos = after
            } else {
                pos = initialPos
            }
            if (labelRange == nil || labelRange!.isEmpty) && !opener.bracketAfter {
                labelRange = opener.position..<(initialPos - 1)
            }
            if let r = labelRange, !r.isEmpty, r.count <= ReferenceParser.maxLabelLength + 1, !refmap.isEmpty,
               let key = TextUtil.normalizeLabel(Array(s[r])), let ref = refmap[key] {
                url = ref.url
                title = ref.title
                matched = true
            }
        }

        guard matched else {
            popBracket()
            pos = initialPos
            return text("]")
        }

        let link = Node(opener.image ? .image : .link)
        link.url = url
        link.title = title
        opener.node.insertBefore(link)
        var tmp = opener.node.next
        while let t = tmp {
            tmp = t.next
            link.appendChild(t)
        }
        opener.node.unlink()
        processEmphasis(stackBottom: opener.position)
        popBracket()
        if !opener.image {
            // Links may not contain other links: earlier `[` openers die.
            inactiveBelow = brackets.count
        }
        return nil
    }
}
