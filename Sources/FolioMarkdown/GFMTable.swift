// GFM tables (cmark-gfm's table extension). A paragraph whose last line is
// followed by a delimiter row with the same number of cells becomes a table;
// later non-blank lines become rows until a blank line or another block start.

enum GFMTable {
    /// Splits a table row into trimmed cells. `\|` becomes a literal `|`
    /// before inline parsing (even inside code spans), as in cmark-gfm.
    static func splitRow(_ s: Bytes, from start: Int) -> [Bytes]? {
        var i = start
        var end = s.count
        while end > i && isSpace(s[end - 1]) { end -= 1 }
        while i < end && isSpaceOrTab(s[i]) { i += 1 }
        guard i < end else { return nil }
        if s[i] == C.pipe {
            i += 1
            // A lone `|` has no cells (cmark-gfm).
            if i == end { return nil }
        }
        var cells: [Bytes] = []
        var cur = Bytes()
        var endedWithPipe = false
        while i < end {
            let c = s[i]
            if c == C.backslash && i + 1 < end && s[i + 1] == C.pipe {
                cur.append(C.pipe)
                i += 2
            } else if c == C.backslash && i + 1 < end {
                cur.append(c)
                cur.append(s[i + 1])
                i += 2
            } else if c == C.pipe {
                cells.append(TextUtil.trim(cur))
                cur = []
                i += 1
                endedWithPipe = true
                continue
            } else {
                cur.append(c)
                i += 1
            }
            endedWithPipe = false
        }
        if !endedWithPipe || cells.isEmpty {
            cells.append(TextUtil.trim(cur))
        }
        return cells
    }

    /// Parses a delimiter row into alignments (0, 'l', 'c', 'r').
    static func delimiterRow(_ s: Bytes, from start: Int) -> [UInt8]? {
        // Cheap pre-check: only `|`, `:`, `-` and blanks, with at least one `-`.
        var sawDash = false
        var i = start
        while i < s.count {
            let c = s[i]
            if c == C.dash { sawDash = true } else if !(c == C.pipe || c == C.colon || isSpace(c)) { return nil }
            i += 1
        }
        guard sawDash, let cells = splitRow(s, from: start) else { return nil }
        var hasPipe = false
        for c in s[start...] where c == C.pipe { hasPipe = true; break }
        var result: [UInt8] = []
        for cell in cells {
            guard !cell.isEmpty else { return nil }
            var a = 0, b = cell.count
            let left = cell[a] == C.colon
            if left { a += 1 }
            let right = b > a && cell[b - 1] == C.colon
            if right { b -= 1 }
            guard b > a, cell[a..<b].allSatisfy({ $0 == C.dash }) else { return nil }
            result.append(left && right ? 0x63 : left ? 0x6C : right ? 0x72 : 0)
        }
        // A single column without any pipe is too ambiguous to be a table.
        if !hasPipe && cells.count == 1 { return nil }
        return result
    }

    /// Called from open_new_blocks' extension slot. Returns true when the
    /// line was consumed as a table header/delimiter row or a body row.
    static func tryOpen(_ p: BlockParser, _ container: inout Node) -> Bool {
        if container.kind == .paragraph {
            guard let aligns = delimiterRow(p.line, from: p.firstNonspace) else { return false }
            var content = container.content
            while let last = content.last, isLineEnd(last) { content.removeLast() }
            var lastStart = content.count
            while lastStart > 0 && content[lastStart - 1] != C.nl { lastStart -= 1 }
            guard let header = splitRow(content, from: lastStart), header.count == aligns.count else { return false }
            let prefix = Array(content[0..<lastStart])
            if prefix.contains(where: { !isSpace($0) }) {
                // Earlier lines of the paragraph stay a paragraph.
                let para = Node(.paragraph)
                para.content = prefix
                para.startLine = container.startLine
                container.insertBefore(para)
                p.finalize(para)
            }
            container.kind = .table
            container.content = []
            container.alignments = aligns
            let row = makeRow(header, aligns)
            row.isHeaderRow = true
            container.appendChild(row)
            addCells(row, to: p)
            p.advanceOffset(p.line.count - 1 - p.offset, columns: false)
            p.current = container
            return true
        }
        if container.kind == .table {
            guard let cells = splitRow(p.line, from: p.firstNonspace) else { return false }
            let row = makeRow(cells, container.alignments)
            container.appendChild(row)
            addCells(row, to: p)
            p.advanceOffset(p.line.count - 1 - p.offset, columns: false)
            return true
        }
        return false
    }

    static func addCells(_ row: Node, to p: BlockParser) {
        var cell = row.firstChild
        while let c = cell {
            p.leaves.append(c)
            cell = c.next
        }
    }

    static func makeRow(_ cells: [Bytes], _ aligns: [UInt8]) -> Node {
        let row = Node(.tableRow)
        row.open = false
        for (i, a) in aligns.enumerated() {
            let cell = Node(.tableCell)
            cell.open = false
            cell.cellAlignment = a
            cell.content = i < cells.count ? cells[i] : []
            row.appendChild(cell)
        }
        return row
    }

    static func render(_ node: Node, entering: Bool, into r: inout HTMLRenderer) {
        switch node.kind {
        case .table:
            if entering {
                r.cr()
                r.put("<table>\n")
            } else {
                if let last = node.lastChild, !last.isHeaderRow { r.put("</tbody>\n") }
                r.put("</table>\n")
            }
        case .tableRow:
            if entering {
                r.cr()
                if node.isHeaderRow {
                    r.put("<thead>\n")
                } else if node.prev?.isHeaderRow == true {
                    r.put("<tbody>\n")
                }
                r.put("<tr>\n")
            } else {
                r.put("</tr>\n")
                if node.isHeaderRow { r.put("</thead>\n") }
            }
        case .tableCell:
            let tag = node.parent?.isHeaderRow == true ? "th" : "td"
            if entering {
                r.cr()
                r.putString("<\(tag)")
                switch node.cellAlignment {
                case 0x6C: r.put(" align=\"left\"")
                case 0x63: r.put(" align=\"center\"")
                case 0x72: r.put(" align=\"right\"")
                default: break
                }
                r.put(">")
            } else {
                r.putString("</\(tag)>\n")
            }
        default:
            break
        }
    }
}
