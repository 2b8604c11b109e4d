// Phase 1 of parsing: the block structure, a port of cmark's blocks.c.
// Each line is matched against the stack of open containers
// (check_open_blocks), new container starts are opened (open_new_blocks) and
// the rest of the line is added to a leaf block (add_text_to_container).
// Inline content is parsed afterwards by InlineParser.

import Foundation   // memchr

struct LinkReference {
    var url: String
    var title: String
}

// Mutable state is `@exclusivity(unchecked)` (see Node): no dynamic access checks per line.
final class BlockParser {
    let options: MarkdownOptions
    let root = Node(.document)
    @exclusivity(unchecked) var current: Node
    @exclusivity(unchecked) var refmap: [String: LinkReference] = [:]
    /// Paragraphs, headings and table cells, collected as they are
    /// finalized, so inline parsing needs no extra tree walk.
    @exclusivity(unchecked) var leaves: [Node] = []

    @exclusivity(unchecked) var line: Bytes = []
    @exclusivity(unchecked) var lineNumber = 0
    @exclusivity(unchecked) var offset = 0
    @exclusivity(unchecked) var column = 0
    @exclusivity(unchecked) var firstNonspace = 0
    @exclusivity(unchecked) var firstNonspaceColumn = 0
    @exclusivity(unchecked) var indent = 0
    @exclusivity(unchecked) var blank = false
    @exclusivity(unchecked) var partiallyConsumedTab = false
    /// Position where a thematic-break scan of this line failed; later scans
    /// starting before it would fail too (keeps `- - - … a` linear).
    @exclusivity(unchecked) var thematicBreakKillPos = 0

    static let codeIndent = 4
    static let tabStop = 4

    init(options: MarkdownOptions) {
        self.options = options
        self.current = root
    }

    /// Parses the whole document (blocks, then inlines) and returns the root.
    func parse(_ text: String) -> Node {
        // One memcpy of the native UTF-8 storage (`Array(text.utf8)` copied byte by byte).
        var bytes = text.utf8.withContiguousStorageIfAvailable { src in
            [UInt8](unsafeUninitializedCapacity: src.count) { dst, count in
                if let from = src.baseAddress, let to = dst.baseAddress { memcpy(to, from, src.count) }
                count = src.count
            }
        } ?? Array(text.utf8)
        if !bytes.isEmpty, bytes.withUnsafeBufferPointer({ memchr($0.baseAddress!, 0, $0.count) != nil }) {
            // Insecure NUL characters are replaced with U+FFFD (spec 2.3).
            var fixed = Bytes()
            fixed.reserveCapacity(bytes.count + 8)
            for b in bytes {
                if b == 0 { fixed.append(contentsOf: [0xEF, 0xBF, 0xBD]) } else { fixed.append(b) }
            }
            bytes = fixed
        }
        var start = 0
        var i = 0
        let n = bytes.count
        // Every line is copied into the one reused `line` buffer (a new array per line was an
        // allocation and a free per line). Nothing keeps `line` itself past its line, and if
        // something did, copy-on-write would give the next line a fresh buffer.
        func lineWithNewline(_ start: Int, _ end: Int) -> Bytes {
            var lineBytes = line
            line = []   // keep the buffer uniquely referenced while it is refilled
            lineBytes.removeAll(keepingCapacity: true)
            lineBytes.append(contentsOf: bytes[start..<end])
            lineBytes.append(C.nl)
            return lineBytes
        }
        // Line ends found with memchr (vectorized) when the text has no CR, the usual case;
        // byte-at-a-time scans were a visible part of Markdown time.
        if n > 0, !bytes.withUnsafeBufferPointer({ memchr($0.baseAddress!, Int32(C.cr), n) != nil }) {
            while start < n {
                let end = bytes.withUnsafeBufferPointer { buf -> Int in
                    guard let hit = memchr(buf.baseAddress! + start, Int32(C.nl), n - start) else { return n }
                    return buf.baseAddress!.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                }
                guard end < n else { break }
                processLine(lineWithNewline(start, end))
                start = end + 1
            }
            i = n
        }
        while i < n {
            let c = bytes[i]
            if c == C.nl || c == C.cr {
                let lineBytes = lineWithNewline(start, i)
                if c == C.cr && i + 1 < n && bytes[i + 1] == C.nl { i += 1 }
                processLine(lineBytes)
                start = i + 1
            }
            i += 1
        }
        if start < n {
            processLine(lineWithNewline(start, n))
        }
        while current !== root {
            current = finalize(current)
        }
        _ = finalize(root)
        if options.mdn { MDNBlocks.transform(root) }
        InlineParser.parseAll(leaves, refmap: refmap, options: options)
        if options.mdn { MDNHeadings.assignIDs(root) }
        return root
    }

    // MARK: Line bookkeeping

    @inline(__always) func peek(_ i: Int) -> UInt8 { i < line.count ? line[i] : 0 }

    // findFirstNonspace and advanceOffset work on local copies of the line
    // state: they run for every container on every line, and class property
    // accesses are comparatively expensive (exclusivity checks) in debug builds.
    func findFirstNonspace() {
        let line = self.line
        let n = line.count
        var fns = firstNonspace
        var fnsColumn = firstNonspaceColumn
        let off = offset
        let col = column
        if fns <= off {
            var charsToTab = Self.tabStop - (col % Self.tabStop)
            fns = off
            fnsColumn = col
            while fns < n {
                let c = line[fns]
                if c == C.space {
                    fns += 1
                    fnsColumn += 1
                    charsToTab -= 1
                    if charsToTab == 0 { charsToTab = Self.tabStop }
                } else if c == C.tab {
                    fns += 1
                    fnsColumn += charsToTab
                    charsToTab = Self.tabStop
                } else {
                    break
                }
            }
            firstNonspace = fns
            firstNonspaceColumn = fnsColumn
        }
        indent = fnsColumn - col
        blank = fns >= n || isLineEnd(line[fns])
    }

    /// Advances by `count` bytes, or by `count` columns when `columns` is true
    /// (a tab may then be partially consumed).
    func advanceOffset(_ count: Int, columns: Bool) {
        let line = self.line
        let n = line.count
        var count = count
        var off = offset
        var col = column
        var partial = partiallyConsumedTab
        while count > 0 && off < n {
            let c = line[off]
            if c == C.tab {
                let charsToTab = Self.tabStop - (col % Self.tabStop)
                if columns {
                    partial = charsToTab > count
                    let adv = min(count, charsToTab)
                    col += adv
                    off += partial ? 0 : 1
                    count -= adv
                } else {
                    partial = false
                    col += charsToTab
                    off += 1
                    count -= 1
                }
            } else {
                partial = false
                off += 1
                col += 1
                count -= 1
            }
        }
        offset = off
        column = col
        partiallyConsumedTab = partial
    }

    func addLine(_ node: Node) {
        if partiallyConsumedTab {
            offset += 1
            let charsToTab = Self.tabStop - (column % Self.tabStop)
            node.content.append(contentsOf: repeatElement(C.space, count: charsToTab))
        }
        if offset < line.count {
            node.content.append(contentsOf: line[offset...])
        }
    }

    // MARK: Tree helpers

    static func canContain(_ parent: Node.Kind, _ child: Node.Kind) -> Bool {
        switch parent {
        case .document, .blockQuote, .item: return child != .item && child != .tableRow
        case .list: return child == .item
        case .table: return child == .tableRow
        default: return false
        }
    }

    static func acceptsLines(_ kind: Node.Kind) -> Bool {
        kind == .paragraph || kind == .heading || kind == .codeBlock
    }

    func addChild(_ parentIn: Node, _ kind: Node.Kind) -> Node {
        var parent = parentIn
        while !Self.canContain(parent.kind, kind) {
            parent = finalize(parent)
        }
        let child = Node(kind)
        child.startLine = lineNumber
        parent.appendChild(child)
        return child
    }

    // MARK: Line processing

    func processLine(_ bytes: Bytes) {
        line = bytes
        offset = 0
        column = 0
        firstNonspace = 0
        firstNonspaceColumn = 0
        indent = 0
        blank = false
        partiallyConsumedTab = false
        thematicBreakKillPos = 0
        lineNumber += 1

        var allMatched = false
        guard let lastMatched = checkOpenBlocks(&allMatched) else { return }
        var container = lastMatched
        openNewBlocks(&container, allMatched: allMatched)
        addTextToContainer(container, lastMatched: lastMatched)
    }

    /// Returns the deepest open container matched by this line, or nil when
    /// the line was fully consumed (closing code fence).
    func checkOpenBlocks(_ allMatched: inout Bool) -> Node? {
        allMatched = false
        var container = root
        var matchedAll = true
        while let last = container.lastChild, last.open {
            container = last
            findFirstNonspace()
            var ok = true
            switch container.kind {
            case .blockQuote:
                if indent <= 3 && peek(firstNonspace) == C.gt {
                    advanceOffset(indent + 1, columns: true)
                    if isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                } else {
                    ok = false
                }
            case .item:
                if indent >= container.markerOffset + container.padding {
                    advanceOffset(container.markerOffset + container.padding, columns: true)
                } else if blank && container.firstChild != nil {
                    advanceOffset(firstNonspace - offset, columns: false)
                } else {
                    ok = false
                }
            case .codeBlock:
                if !container.fenced {
                    if indent >= Self.codeIndent {
                        advanceOffset(Self.codeIndent, columns: true)
                    } else if blank {
                        advanceOffset(firstNonspace - offset, columns: false)
                    } else {
                        ok = false
                    }
                } else {
                    var matched = 0
                    if indent <= 3 && peek(firstNonspace) == container.fenceChar {
                        matched = Scan.closeCodeFence(line, firstNonspace)
                    }
                    if matched >= container.fenceLength {
                        // Closing fence: the rest of the line is consumed.
                        advanceOffset(matched, columns: false)
                        current = finalize(container)
                        return nil
                    }
                    var i = container.fenceOffset
                    while i > 0 && isSpaceOrTab(peek(offset)) {
                        advanceOffset(1, columns: true)
                        i -= 1
                    }
                }
            case .heading:
                ok = false
            case .htmlBlock:
                if container.htmlBlockType >= 6 { ok = !blank }
            case .paragraph:
                ok = !blank
            case .table:
                ok = !blank
            default:
                break
            }
            if !ok {
                matchedAll = false
                container = container.parent ?? root
                break
            }
        }
        allMatched = matchedAll
        return container
    }

    func openNewBlocks(_ container: inout Node, allMatched: Bool) {
        var maybeLazy = current.kind == .paragraph
        var contKind = container.kind
        while contKind != .codeBlock && contKind != .htmlBlock {
            findFirstNonspace()
            let indented = indent >= Self.codeIndent
            let c = peek(firstNonspace)
            var matched = 0

            if !indented && c == C.gt {
                advanceOffset(firstNonspace + 1 - offset, columns: false)
                if isSpaceOrTab(peek(offset)) { advanceOffset(1, columns: true) }
                container = addChild(container, .blockQuote)
            } else if !indented && c == C.hash, case let m = Scan.atxHeadingStart(line, firstNonspace), m > 0 {
                matched = m
                var level = 0
                var p = firstNonspace
                while peek(p) == C.hash { level += 1; p += 1 }
                advanceOffset(firstNonspace + matched - offset, columns: false)
                container = addChild(container, .heading)
                container.headingLevel = level
                container.setext = false
            } else if !indented && (c == C.backtick || c == C.tilde),
                      case let m = Scan.openCodeFence(line, firstNonspace), m > 0 {
                matched = m
                let fenceOffset = firstNonspace - offset
                let fenceChar = c
                container = addChild(container, .codeBlock)
                container.fenced = true
                container.fenceChar = fenceChar
                container.fenceLength = matched
                container.fenceOffset = fenceOffset
                advanceOffset(firstNonspace + matched - offset, columns: false)
            } else if !indented && c == C.lt, case let m = htmlBlockStartType(canBeType7: contKind != .paragraph), m > 0 {
                matched = m
                container = addChild(container, .htmlBlock)
                container.htmlBlockType = matched
                // The tag is part of the text: offset is not advanced.
            } else if !indented && contKind == .paragraph && (c == C.equals || c == C.dash),
                      case let m = Scan.setextHeadingLine(line, firstNonspace), m > 0 {
                matched = m
                // Like cmark: if only reference definitions remain, the
                // underline simply becomes paragraph text.
                if resolveReferenceDefinitions(container) {
                    container.kind = .heading
                    container.headingLevel = matched
                    container.setext = true
                    advanceOffset(line.count - 1 - offset, columns: false)
                }
            } else if !indented && !(contKind == .paragraph && !allMatched)
                        && thematicBreakKillPos <= firstNonspace && scanThematicBreak() {
                container = addChild(container, .thematicBreak)
                advanceOffset(line.count - 1 - offset, columns: false)
            } else if (!indented || contKind == .list) && indent < 4,
                      let marker = parseListMarker(firstNonspace, interruptsParagraph: container.kind == .paragraph) {
                matched = marker.length
                advanceOffset(firstNonspace + matched - offset, columns: false)
                let saveTab = partiallyConsumedTab
                let saveOffset = offset
                let saveColumn = column
                while column - saveColumn <= 5 && isSpaceOrTab(peek(offset)) {
                    advanceOffset(1, columns: true)
                }
                let i = column - saveColumn
                var padding: Int
                if i >= 5 || i < 1 || isLineEnd(peek(offset)) {
                    padding = matched + 1
                    offset = saveOffset
                    column = saveColumn
                    partiallyConsumedTab = saveTab
                    if i > 0 { advanceOffset(1, columns: true) }
                } else {
                    padding = matched + i
                }
                let markerOffset = indent
                if container.kind != .list || !listsMatch(container, marker) {
                    container = addChild(container, .list)
                    copyListData(to: container, marker, padding: padding, markerOffset: markerOffset)
                }
                container = addChild(container, .item)
                copyListData(to: container, marker, padding: padding, markerOffset: markerOffset)
            } else if indented && !maybeLazy && !blank {
                advanceOffset(Self.codeIndent, columns: true)
                container = addChild(container, .codeBlock)
                container.fenced = false
            } else if options.gfm && !indented && GFMTable.tryOpen(self, &container) {
                // A table header or row consumed the line.
            } else {
                break
            }
            if Self.acceptsLines(container.kind) { break }
            contKind = container.kind
            maybeLazy = false
        }
    }

    func addTextToContainer(_ containerIn: Node, lastMatched: Node) {
        var container = containerIn
        findFirstNonspace()
        if blank, let last = container.lastChild { last.lastLineBlank = true }
        let k = container.kind
        let lastLineBlank = blank && k != .blockQuote && k != .heading && k != .thematicBreak
            && !(k == .codeBlock && container.fenced)
            && !(k == .item && container.firstChild == nil && container.startLine == lineNumber)
        container.lastLineBlank = lastLineBlank
        var tmp = container
        while let p = tmp.parent {
            p.lastLineBlank = false
            tmp = p
        }

        if current !== lastMatched && container === lastMatched && !blank && current.kind == .paragraph {
            // Lazy continuation line.
            addLine(current)
            return
        }
        while current !== lastMatched {
            current = finalize(current)
        }
        if container.kind == .codeBlock {
            addLine(container)
        } else if container.kind == .htmlBlock {
            addLine(container)
            if Scan.htmlBlockEnd(container.htmlBlockType, line, firstNonspace) {
                container = finalize(container)
            }
        } else if blank || container.kind == .table {
            // Nothing to add (table rows are stored when they are opened).
        } else if Self.acceptsLines(container.kind) {
            advanceOffset(firstNonspace - offset, columns: false)
            addLine(container)
        } else {
            container = addChild(container, .paragraph)
            advanceOffset(firstNonspace - offset, columns: false)
            addLine(container)
        }
        current = container
    }
}
