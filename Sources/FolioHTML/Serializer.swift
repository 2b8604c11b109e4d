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
    public static func serialize(_ node: HTMLNode) -> String {
        var out = ""
        switch node.kind {
        case .text: return escapeText(node.text)
        case .comment: return serializeComment(node.text)
        case .fragment: serializeChildren(of: node, into: &out)
        case .element: serializeNodes([node], parent: node.parent, into: &out)
        }
        return out
    }

    /// Serializes only the children of `node` (its "inner HTML").
    public static func serializeChildren(of node: HTMLNode, into out: inout String) {
        serializeNodes(node.children, parent: node, into: &out)
    }

    public static func innerHTML(_ node: HTMLNode) -> String {
        var out = ""
        serializeChildren(of: node, into: &out)
        return out
    }

    private enum Step { case open(HTMLNode, HTMLNode?), close(HTMLNode) }

    private static func serializeNodes(_ nodes: [HTMLNode], parent: HTMLNode?, into out: inout String) {
        var stack: [Step] = []
        var k = nodes.count - 1
        while k >= 0 { stack.append(.open(nodes[k], parent)); k -= 1 }
        while let step = stack.popLast() {
            switch step {
            case .close(let el):
                out += "</"
                out += el.name
                out += ">"
            case .open(let n, let parent):
                switch n.kind {
                case .text:
                    if let p = parent, p.kind == .element, p.namespace == .html,
                       rawTextElements.contains(p.name) || p.name == "plaintext" {
                        if p.name == "plaintext" {
                            // Nothing can follow <plaintext>: no end tag exists, so stop here
                            // (a parsed tree never has content after it).
                            out += n.text
                            return
                        }
                        if !containsEndTag(n.text, p.name) {
                            out += n.text
                        } else {
                            out += escapeText(n.text)
                        }
                    } else {
                        out += escapeText(n.text)
                    }
                case .comment:
                    out += serializeComment(n.text)
                case .fragment:
                    var k = n.children.count - 1
                    while k >= 0 { stack.append(.open(n.children[k], n)); k -= 1 }
                case .element:
                    out += "<"
                    out += n.name
                    for a in n.attributes where isSerializableAttributeName(a.name) {
                        out += " "
                        out += a.name
                        out += "=\""
                        out += escapeAttribute(a.value)
                        out += "\""
                    }
                    out += ">"
                    let children = n.children
                    if n.namespace == .html {
                        if voidElements.contains(n.name) { continue }
                        if n.name == "plaintext" && children.isEmpty { return }
                        if n.name == "pre" || n.name == "listing" || n.name == "textarea",
                           let first = children.first, first.kind == .text, first.text.hasPrefix("\n") {
                            out += "\n"
                        }
                    }
                    stack.append(.close(n))
                    var k = children.count - 1
                    while k >= 0 { stack.append(.open(children[k], n)); k -= 1 }
                }
            }
        }
    }

    private static func containsEndTag(_ text: String, _ name: String) -> Bool {
        text.lowercased().contains("</" + name)
    }

    static func isSerializableAttributeName(_ name: String) -> Bool {
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

    public static func escapeText(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\u{A0}": out += "&nbsp;"
            case "\r": out += "&#13;"
            case "\u{0}": out += "\u{FFFD}"   // U+0000 has no HTML representation
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public static func escapeAttribute(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\u{A0}": out += "&nbsp;"
            case "\r": out += "&#13;"
            case "\u{0}": out += "\u{FFFD}"   // U+0000 has no HTML representation
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

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
