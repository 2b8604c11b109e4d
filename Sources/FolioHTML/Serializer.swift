import Foundation

/// HTML serializer. Output is always well-formed and re-parses (with `HTMLParser`) to the
/// same tree for any tree the parser produced:
/// - text escapes `& < >`, U+00A0 as `&nbsp;`, and CR as `&#13;` (a literal CR would be
///   normalized to LF on re-parse);
/// - attribute values are always double-quoted and escape `& " < >` (escaping `<`/`>` too
///   means no parser, even a buggy one, can see a tag inside an attribute);
/// - void HTML elements get no end tag; every other element does (also in SVG/MathML);
/// - raw-text element content (script, style, …) is emitted verbatim only if it cannot
///   terminate the element early; otherwise it is escaped (safe, if not byte-identical);
/// - a leading newline in pre/listing/textarea is doubled, since the parser drops one;
/// - attribute names that could not survive a re-parse are skipped;
/// - output stops after a <plaintext> element's content (it has no end tag).
public enum HTMLSerializer {
    // Output is built as UTF-8 bytes: appending Strings scalar by scalar was most of the
    // render time (see folio-bench).

    public static func serialize(_ node: HTMLNode) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)   // skips the first several doublings of a page-sized output
        switch node.kind {
        case .text: return escapeText(node.text)
        case .comment: return serializeComment(node.text)
        case .fragment: serializeNodes(node.children, parent: node, into: &out)
        case .element: serializeNodes([node], parent: node.parent, into: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Serializes only the children of `node` (its "inner HTML").
    public static func serializeChildren(of node: HTMLNode, into out: inout String) {
        out += innerHTML(node)
    }

    public static func innerHTML(_ node: HTMLNode) -> String {
        var out: [UInt8] = []
        serializeNodes(node.children, parent: node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `rawParent`: the parent when it is an HTML raw-text or plaintext element (the only
    /// parents whose kind matters to a child), else nil. Nodes are held unretained: the tree
    /// is alive and unchanged for the whole walk, and retaining and releasing every node (and
    /// copying an enum payload per step) was a third of the serializer's instructions.
    private struct Step {
        var node: Unmanaged<HTMLNode>
        var rawParent: Unmanaged<HTMLNode>?
        var close: Bool
    }

    @inline(__always) private static func rawParent(_ p: HTMLNode?) -> HTMLNode? {
        guard let p, p.kind == .element, p.namespace == .html,
              KnownTags.flags[Int(p.tagID)] & (KnownTags.rawText | KnownTags.plaintextFlag) != 0 else { return nil }
        return p
    }

    /// Appends a String's UTF-8 (`append(contentsOf: s.utf8)` goes through the generic
    /// sequence path, slow for the short names and values serialized here).
    @inline(__always) static func appendUTF8(_ s: String, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { out.append(contentsOf: $0) }
    }

    private static func pushChildren(of children: [HTMLNode], rawParent: HTMLNode?, onto stack: inout [Step]) {
        let raw = rawParent.map { Unmanaged.passUnretained($0) }
        var k = children.count - 1
        while k >= 0 { stack.append(Step(node: Unmanaged.passUnretained(children[k]), rawParent: raw, close: false)); k -= 1 }
    }

    private static func serializeNodes(_ nodes: [HTMLNode], parent: HTMLNode?, into out: inout [UInt8]) {
        var stack: [Step] = []
        stack.reserveCapacity(64)
        pushChildren(of: nodes, rawParent: rawParent(parent), onto: &stack)
        while let step = stack.popLast() {
            let stop = step.node._withUnsafeGuaranteedRef { n -> Bool in
                if step.close {
                    out.append(0x3C); out.append(0x2F)   // "</"
                    appendUTF8(n.name, to: &out)
                    out.append(0x3E)
                    return false
                }
                switch n.kind {
                case .text:
                    if let raw = step.rawParent {
                        return raw._withUnsafeGuaranteedRef { p -> Bool in
                            if p.tagID == KnownTags.plaintext {
                                // Nothing can follow <plaintext>: no end tag exists, so stop here
                                // (a parsed tree never has content after it).
                                appendUTF8(n.text, to: &out)
                                return true
                            }
                            if !containsEndTag(n.text, p.name) {
                                appendUTF8(n.text, to: &out)
                            } else {
                                appendEscaped(n.text, attribute: false, to: &out)
                            }
                            return false
                        }
                    }
                    appendEscaped(n.text, attribute: false, to: &out)
                case .comment:
                    appendUTF8(serializeComment(n.text), to: &out)
                case .fragment:
                    pushChildren(of: n.children, rawParent: nil, onto: &stack)
                case .element:
                    out.append(0x3C)
                    appendUTF8(n.name, to: &out)
                    for a in n.attributes where isSerializableAttributeName(a.name) {
                        out.append(0x20)
                        appendUTF8(a.name, to: &out)
                        out.append(0x3D); out.append(0x22)   // ="
                        appendEscaped(a.value, attribute: true, to: &out)
                        out.append(0x22)
                    }
                    out.append(0x3E)
                    let isHTML = n.namespace == .html
                    if isHTML {
                        let flags = KnownTags.flags[Int(n.tagID)]
                        if flags & KnownTags.void != 0 { return false }
                        if n.tagID == KnownTags.plaintext && n.children.isEmpty { return true }
                        if flags & KnownTags.skipsLeadingNewline != 0,
                           let first = n.children.first, first.kind == .text, first.text.utf8.first == 0x0A {
                            out.append(0x0A)
                        }
                    }
                    stack.append(Step(node: step.node, rawParent: nil, close: true))
                    pushChildren(of: n.children, rawParent: isHTML ? HTMLSerializer.rawParent(n) : nil, onto: &stack)
                }
                return false
            }
            if stop { return }
        }
    }

    private static func containsEndTag(_ text: String, _ name: String) -> Bool {
        text.lowercased().contains("</" + name)
    }

    static func isSerializableAttributeName(_ name: String) -> Bool {
        // ASCII names (all real ones) on bytes: scalars and Characters are bytes there.
        var n = name
        let ascii: Bool? = n.withUTF8 { b in
            guard let first = b.first else { return false }
            if first == UInt8(ascii: "/") { return false }
            var equalsAfterFirst = false, nonASCII = false
            for (i, c) in b.enumerated() {
                switch c {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0C, UInt8(ascii: "/"), UInt8(ascii: ">"), 0x00: return false
                case UInt8(ascii: "=") where i > 0: equalsAfterFirst = true
                case 0x80...: nonASCII = true
                default: continue
                }
            }
            return nonASCII ? nil : !equalsAfterFirst
        }
        if let ascii { return ascii }
        guard let first = name.unicodeScalars.first else { return false }
        if first == "/" { return false }
        for s in name.unicodeScalars {
            switch s {
            case " ", "\t", "\n", "\r", "\u{0C}", "/", ">", "\u{0}": return false
            default: continue
            }
        }
        // '=' may only lead the name (the tokenizer starts a name with it); elsewhere it would
        // end the name.
        return !name.dropFirst().contains("=")
    }

    public static func escapeText(_ s: String) -> String { escaped(s, attribute: false) }

    public static func escapeAttribute(_ s: String) -> String { escaped(s, attribute: true) }

    private static func escaped(_ s: String, attribute: Bool) -> String {
        if !needsEscaping(s, attribute: attribute) { return s }
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 16)
        appendEscaped(s, attribute: attribute, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private static func needsEscaping(_ s: String, attribute: Bool) -> Bool {
        var s = s
        return s.withUTF8 { buffer in
            for b in buffer where b == 0x26 || b == 0x3C || b == 0x3E || b == 0x0D || b == 0x00 || b == 0xC2
                || (attribute && b == 0x22) { return true }
            return false
        }
    }

    /// Text escapes `& < >`, attributes also `"`; U+00A0 becomes `&nbsp;`, CR `&#13;` (a literal
    /// CR would turn into LF on re-parse) and U+0000, which HTML cannot carry, U+FFFD.
    /// One pass over the UTF-8 bytes, copying unescaped runs whole.
    private static func appendEscaped(_ s: String, attribute: Bool, to out: inout [UInt8]) {
        var s = s
        s.withUTF8 { buffer in
            var runStart = 0, i = 0
            let count = buffer.count
            // A 256-entry table rejects ordinary bytes with one load (the byte switch below was
            // most of the serializer's own time); only candidate bytes reach the switch.
            let mask: UInt8 = attribute ? 2 : 1
            escapeCandidates.withUnsafeBufferPointer { table in
            while i < count {
                let b = buffer[i]
                if table[Int(b)] & mask == 0 { i += 1; continue }
                let replacement: [UInt8]
                var width = 1
                switch b {
                case 0x26: replacement = amp
                case 0x3C: replacement = lt
                case 0x3E: replacement = gt
                case 0x22 where attribute: replacement = quot
                case 0x0D: replacement = cr
                case 0x00: replacement = fffd
                case 0xC2 where i + 1 < count && buffer[i + 1] == 0xA0: replacement = nbsp; width = 2
                default: i += 1; continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<i]))
                out.append(contentsOf: replacement)
                i += width
                runStart = i
            }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[runStart..<count]))
        }
    }

    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8), cr = Array("&#13;".utf8), nbsp = Array("&nbsp;".utf8)
    private static let fffd: [UInt8] = [0xEF, 0xBF, 0xBD]
    /// Bit 1: may need escaping in text; bit 2: in an attribute value (adds `"`).
    private static let escapeCandidates: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for b in [0x26, 0x3C, 0x3E, 0x0D, 0x00, 0xC2] { t[b] = 3 }
        t[0x22] = 2
        return t
    }()

    /// Comment data that could end the comment early is defused by spacing out the dashes.
    static func serializeComment(_ data: String) -> String {
        var d = data
        while d.contains("--!>") || d.contains("-->") {
            d = d.replacingOccurrences(of: "--", with: "- -")
        }
        if d.hasPrefix(">") || d.hasPrefix("->") { d = " " + d }
        return "<!--" + d + "-->"
    }
}
