import Foundation

/// Namespace of an element. The tree builder tracks foreign content (SVG, MathML) because
/// tokenization (CDATA, self-closing tags) and the sanitizer's decisions depend on it.
public enum HTMLNamespace: String, Sendable {
    case html, svg, mathml
}

public struct HTMLAttribute: Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) { self.name = name; self.value = value }
}

/// A DOM-like tree node. Reference type so that the tree builder and post-processors can
/// mutate in place and keep parent pointers.
///
/// Deep trees: nothing in this library recurses over the tree. Traversals use explicit
/// stacks, and `deinit` dismantles the subtree iteratively, because ARC's default release
/// of a 100,000-deep chain of children would recurse once per level and overflow the stack.
public final class HTMLNode {
    public enum Kind: Sendable, Equatable { case fragment, element, text, comment }

    // kind, name and namespace never change after creation; as `let`s they need no dynamic
    // exclusivity checks, which were ~10% of render time on every property read.
    public let kind: Kind
    /// Lower-cased tag name for elements; "" otherwise.
    public let name: String
    /// `KnownTags` id of `name` (0: not a known name).
    let tagID: UInt16
    public let namespace: HTMLNamespace
    // The mutable stored properties are `@exclusivity(unchecked)`: release builds check every
    // class-property access at run time (swift_beginAccess was ~5% of render instructions), and
    // no code here holds an inout access to a node property across a call that touches it.
    /// Attributes in source order; duplicates are dropped by the tokenizer (first wins).
    @exclusivity(unchecked) public var attributes: [HTMLAttribute]
    /// Character data of text and comment nodes.
    @exclusivity(unchecked) public var text: String
    @exclusivity(unchecked) public internal(set) var children: [HTMLNode]
    /// Per-pass scratch numbers (pre-order index, subtree end, index in parent), so passes
    /// need no [ObjectIdentifier: Int] side tables. Only meaningful inside the pass that set them.
    @exclusivity(unchecked) var scratchOrder = -1, scratchEnd = -1, scratchPosition = -1
    /// Not `weak`: weak references move every node's refcount to a side table and make
    /// all retain/release traffic several times slower. Instead the invariant "a child's
    /// parent pointer is cleared before the parent dies or lets go of it" is maintained
    /// by every mutation below and by `deinit`, so the pointer is never dangling.
    public var parent: HTMLNode? { _parent }
    @exclusivity(unchecked) unowned(unsafe) var _parent: HTMLNode?

    public init(kind: Kind, name: String = "", namespace: HTMLNamespace = .html,
                attributes: [HTMLAttribute] = [], text: String = "") {
        self.kind = kind
        self.name = name
        self.tagID = KnownTags.id(name)
        self.namespace = namespace
        self.attributes = attributes
        self.text = text
        self.children = []
    }

    /// An element whose name's `KnownTags` id the caller already knows (`names[tagID]` if
    /// nonzero), saving the lookup.
    init(element name: String, tagID: UInt16, namespace: HTMLNamespace, attributes: [HTMLAttribute]) {
        self.kind = .element
        self.name = name
        self.tagID = tagID
        self.namespace = namespace
        self.attributes = attributes
        self.text = ""
        self.children = []
    }

    public static func fragment() -> HTMLNode { HTMLNode(kind: .fragment) }
    public static func element(_ name: String, _ attributes: [HTMLAttribute] = [],
                               namespace: HTMLNamespace = .html) -> HTMLNode {
        HTMLNode(kind: .element, name: name, namespace: namespace, attributes: attributes)
    }
    public static func textNode(_ text: String) -> HTMLNode { HTMLNode(kind: .text, text: text) }
    public static func comment(_ text: String) -> HTMLNode { HTMLNode(kind: .comment, text: text) }

    deinit {
        guard !children.isEmpty else { return }
        // Child lists still to dismantle. Whole arrays are moved, swapped straight out of their
        // nodes (no second reference may exist, or `isKnownUniquelyReferenced` on an element
        // would copy the array); pushing nodes one by one on a node stack retained and released
        // each node and was a quarter of the time spent freeing a tree.
        var pending: [[HTMLNode]] = [[]]
        swap(&pending[0], &children)
        HTMLNode.detachSurvivors(&pending[0], from: self)
        while var list = pending.popLast() {
            for k in list.indices where isKnownUniquelyReferenced(&list[k]) {
                // Only dismantle nodes nobody else holds; a retained subtree must stay intact.
                let node = list[k]
                if node.children.isEmpty { continue }
                pending.append([])
                swap(&pending[pending.count - 1], &node.children)
                HTMLNode.detachSurvivors(&pending[pending.count - 1], from: node)
            }
            // `list` is released here: its nodes have no children left, so freeing them recurses
            // no deeper than one level.
        }
    }

    /// Clears the parent pointer of the nodes in `list` (children of the dying `parent`) that
    /// will outlive it. A node only `list` holds dies with it and can never be asked for its
    /// parent, so it is skipped (the common case: no property access at all). A child may have
    /// been re-parented (setChildren does not unlink from the old parent's list), so only
    /// pointers that still point to `parent` are cleared.
    private static func detachSurvivors(_ list: inout [HTMLNode], from parent: HTMLNode) {
        for k in list.indices where !isKnownUniquelyReferenced(&list[k]) {
            if list[k]._parent === parent { list[k]._parent = nil }
        }
    }

    // MARK: Mutation

    public func appendChild(_ child: HTMLNode) {
        if child._parent != nil { child.removeFromParent() }
        child._parent = self
        children.append(child)
    }

    /// Appends text, merging with a trailing text node so the tree matches what a re-parse gives.
    public func appendText(_ s: String) {
        if s.isEmpty { return }
        if let last = children.last, last.kind == .text {
            last.text += s
        } else {
            let t = HTMLNode.textNode(s)
            t._parent = self
            children.append(t)
        }
    }

    public func insertChild(_ child: HTMLNode, at index: Int) {
        child.removeFromParent()
        child._parent = self
        children.insert(child, at: max(0, min(index, children.count)))
    }

    public func removeFromParent() {
        guard let p = parent else { return }
        if let i = p.children.firstIndex(where: { $0 === self }) { p.children.remove(at: i) }
        _parent = nil
    }

    public func removeAllChildren() {
        for c in children where c._parent === self { c._parent = nil }
        children = []
    }

    /// Replaces `children` wholesale (used by filters that rebuild a child list in one pass,
    /// avoiding quadratic `remove(at:)` loops). New children should not be listed by another
    /// parent; detach them first (`removeAllChildren` on their old parent).
    public func setChildren(_ newChildren: [HTMLNode]) {
        for c in children where c._parent === self { c._parent = nil }
        for c in newChildren { c._parent = self }
        children = newChildren
    }

    // MARK: Attributes

    public func attribute(_ name: String) -> String? {
        attributes.first(where: { $0.name == name })?.value
    }

    public func setAttribute(_ name: String, _ value: String) {
        if let i = attributes.firstIndex(where: { $0.name == name }) {
            attributes[i].value = value
        } else {
            attributes.append(HTMLAttribute(name: name, value: value))
        }
    }

    public func removeAttribute(_ name: String) {
        attributes.removeAll { $0.name == name }
    }

    /// Whitespace-separated tokens of the class attribute.
    public var classList: [String] {
        guard let c = attribute("class") else { return [] }
        return c.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\u{0C}" }).map(String.init)
    }

    /// `classList.contains(cls)` without building the list. Byte matching is exact for an
    /// ASCII attribute without CR (CR LF is one Character, which is not a separator); other
    /// values take the Character-based path.
    func hasClass(_ cls: String) -> Bool {
        guard kind == .element, let c = attribute("class") else { return false }
        guard FastText.isASCII(c), !FastText.containsByte(c, 0x0D) else { return classList.contains(cls) }
        var c2 = c, name = cls
        return c2.withUTF8 { v in
            name.withUTF8 { n in
                var start = 0
                while start <= v.count {
                    var end = start
                    while end < v.count, !isClassSeparator(v[end]) { end += 1 }
                    if end - start == n.count {
                        var k = 0
                        while k < n.count, v[start + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    start = end + 1
                }
                return false
            }
        }
    }

    public func addClass(_ cls: String) {
        var list = classList
        if list.contains(cls) { return }
        list.append(cls)
        setAttribute("class", list.joined(separator: " "))
    }

    // MARK: Traversal (iterative)

    /// All descendants in document (pre-)order, excluding self.
    public var descendants: [HTMLNode] {
        var out: [HTMLNode] = []
        var stack: [HTMLNode] = children.reversed()
        while let n = stack.popLast() {
            out.append(n)
            if !n.children.isEmpty { stack.append(contentsOf: n.children.reversed()) }
        }
        return out
    }

    /// Concatenated text of all descendant text nodes.
    public var textContent: String {
        if kind == .text { return text }
        var out = ""
        var stack: [HTMLNode] = children.reversed()
        while let n = stack.popLast() {
            if n.kind == .text { out += n.text }
            else if n.kind == .element || n.kind == .fragment {
                stack.append(contentsOf: n.children.reversed())
            }
        }
        return out
    }

    public var isElement: Bool { kind == .element }

    func isHTML(_ n: String) -> Bool { kind == .element && namespace == .html && name == n }
}

@inline(__always) private func isClassSeparator(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C }

extension HTMLNode: CustomStringConvertible {
    public var description: String { HTMLSerializer.serialize(self) }
}
