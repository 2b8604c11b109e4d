// The document tree shared by the block parser, the inline parser and the
// HTML renderer. Nodes are reference types linked like cmark's (parent,
// first/last child, next/prev sibling) so that inline parsing can splice
// sibling runs into emphasis and link nodes in O(1).

// Stored properties are `@exclusivity(unchecked)`: the dynamic exclusivity checks release
// builds make on every class-property access were a visible share of parse time, and the
// parser never holds an inout access to a node property across a call that touches it.
final class Node {
    enum Kind: Equatable {
        // Blocks
        case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
        case table, tableRow, tableCell
        /// MDN definition list pieces (produced by a tree rewrite, never by the parser).
        case definitionList, definitionTerm, definitionDescription
        /// MDN notecard `<div class="notecard …">` (rewritten block quote).
        case notecard
        // Inlines
        case text, softBreak, lineBreak, code, htmlInline, emph, strong, strikethrough, link, image
    }

    @exclusivity(unchecked) var kind: Kind
    // `parent` and `prev` are non-owning back pointers. They are
    // unowned(unsafe) rather than weak because weak references give every
    // node a side table and make all retain/release calls take the slow path;
    // a node is only ever reachable while its parent/previous sibling (which
    // own it through firstChild/next) are alive, and unlink() clears them.
    @exclusivity(unchecked) unowned(unsafe) var parent: Node?
    @exclusivity(unchecked) var firstChild: Node?
    @exclusivity(unchecked) var lastChild: Node?
    @exclusivity(unchecked) var next: Node?
    @exclusivity(unchecked) unowned(unsafe) var prev: Node?

    /// Open while the block parser may still add lines or children.
    @exclusivity(unchecked) var open = true
    /// Raw line content of leaf blocks; literal text of inlines.
    @exclusivity(unchecked) var content: [UInt8] = []
    @exclusivity(unchecked) var startLine = 0

    // List / item data (cmark's `cmark_list`).
    @exclusivity(unchecked) var ordered = false
    @exclusivity(unchecked) var bulletChar: UInt8 = 0
    @exclusivity(unchecked) var listStart = 1
    @exclusivity(unchecked) var delimiter: UInt8 = 0          // '.' or ')'
    @exclusivity(unchecked) var markerOffset = 0
    @exclusivity(unchecked) var padding = 0
    @exclusivity(unchecked) var tight = false
    /// GFM task list item state: nil = not a task item.
    @exclusivity(unchecked) var taskChecked: Bool?

    // Code blocks.
    @exclusivity(unchecked) var fenced = false
    @exclusivity(unchecked) var fenceChar: UInt8 = 0
    @exclusivity(unchecked) var fenceLength = 0
    @exclusivity(unchecked) var fenceOffset = 0
    @exclusivity(unchecked) var info = ""

    @exclusivity(unchecked) var htmlBlockType = 0
    @exclusivity(unchecked) var headingLevel = 0
    @exclusivity(unchecked) var setext = false
    /// Explicit `id` attribute (MDN heading ids).
    @exclusivity(unchecked) var headingID: String?

    // Links and images.
    @exclusivity(unchecked) var url = ""
    @exclusivity(unchecked) var title = ""

    // Tight/loose list bookkeeping.
    @exclusivity(unchecked) var lastLineBlank = false
    @exclusivity(unchecked) var lastLineChecked = false

    // Tables: column alignments on the table, header flag on rows.
    @exclusivity(unchecked) var alignments: [UInt8] = []      // 0 none, 'l', 'c', 'r'
    @exclusivity(unchecked) var isHeaderRow = false
    @exclusivity(unchecked) var cellAlignment: UInt8 = 0

    /// CSS class for notecards / extra classes for MDN code blocks.
    @exclusivity(unchecked) var cssClass = ""
    /// Text produced by a backslash escape; GFM autolinking does not merge it
    /// with neighbouring text (cmark-gfm keeps it a separate node).
    @exclusivity(unchecked) var isEscape = false

    init(_ kind: Kind) { self.kind = kind }

    func appendChild(_ child: Node) {
        child.unlink()
        child.parent = self
        if let last = lastChild {
            last.next = child
            child.prev = last
        } else {
            firstChild = child
        }
        lastChild = child
    }

    func insertAfter(_ sibling: Node) {
        sibling.unlink()
        sibling.parent = parent
        sibling.prev = self
        sibling.next = next
        if let n = next { n.prev = sibling } else { parent?.lastChild = sibling }
        next = sibling
    }

    func insertBefore(_ sibling: Node) {
        sibling.unlink()
        sibling.parent = parent
        sibling.next = self
        sibling.prev = prev
        if let p = prev { p.next = sibling } else { parent?.firstChild = sibling }
        prev = sibling
    }

    func unlink() {
        if let p = prev { p.next = next } else if let par = parent, par.firstChild === self { par.firstChild = next }
        if let n = next { n.prev = prev } else if let par = parent, par.lastChild === self { par.lastChild = prev }
        parent = nil
        next = nil
        prev = nil
    }
}

/// Pre-order walk with enter/exit events, iterative so that 100,000-deep
/// trees cannot overflow the stack.
struct NodeWalker {
    private var current: Node?
    private var entering = true
    private let root: Node
    private var started = false

    init(_ root: Node) {
        self.root = root
        self.current = root
    }

    mutating func next() -> (node: Node, entering: Bool)? {
        if !started {
            started = true
            return (root, true)
        }
        guard let cur = current else { return nil }
        if entering, cur.isContainerForWalk, let child = cur.firstChild {
            current = child
            entering = true
        } else if entering, cur.isContainerForWalk {
            entering = false
        } else if cur === root {
            current = nil
            return nil
        } else if let sib = cur.next {
            current = sib
            entering = true
        } else {
            current = cur.parent
            entering = false
        }
        guard let node = current else { return nil }
        return (node, entering)
    }
}

extension Node {
    /// Leaf nodes produce a single "enter" event; everything else enter + exit.
    var isContainerForWalk: Bool {
        switch kind {
        case .text, .softBreak, .lineBreak, .code, .htmlInline, .codeBlock, .htmlBlock, .thematicBreak:
            return false
        default:
            return true
        }
    }

    /// Breaks every link of the subtree iteratively. Without this, releasing a
    /// 100,000-deep chain of `firstChild` references would recurse in ARC and
    /// overflow the stack.
    func teardown() {
        var stack: [Node] = [self]
        while let node = stack.popLast() {
            var child = node.firstChild
            node.firstChild = nil
            node.lastChild = nil
            while let c = child {
                child = c.next
                c.next = nil
                stack.append(c)
            }
        }
    }
}
