// HTML output matching cmark / cmark-gfm's html renderer. The tree is walked
// iteratively (NodeWalker) so deep nesting cannot overflow the stack.

struct HTMLRenderer {
    let options: MarkdownOptions
    var out = Bytes()
    /// While non-nil we are inside an image and only emit alt text.
    var plainUntil: Node?

    init(options: MarkdownOptions) { self.options = options }

    /// Literal markup; StaticString avoids String/UTF8View overhead.
    mutating func put(_ s: StaticString) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }
    mutating func putString(_ s: String) { out.append(contentsOf: s.utf8) }
    mutating func escaped(_ b: Bytes) { TextUtil.escapeHTML(b, into: &out) }
    mutating func escaped(_ s: String) {
        var s = s
        s.withUTF8 { TextUtil.escapeHTML($0, into: &out) }
    }
    mutating func cr() { if let last = out.last, last != C.nl { out.append(C.nl) } }

    /// Raw HTML, passed through the GFM tagfilter when enabled.
    mutating func raw(_ b: Bytes) {
        if options.gfm { GFMTagFilter.filter(b, into: &out) } else { out.append(contentsOf: b) }
    }

    static func inTightList(_ node: Node) -> Bool {
        guard let parent = node.parent, let grand = parent.parent else { return false }
        if parent.kind == .item && grand.kind == .list { return grand.tight }
        if parent.kind == .definitionDescription || parent.kind == .definitionTerm { return parent.tight }
        return false
    }

    mutating func render(_ root: Node) -> String {
        String(decoding: renderBytes(root), as: UTF8.self)
    }

    mutating func renderBytes(_ root: Node) -> Bytes {
        var walker = NodeWalker(root)
        while let (node, entering) = walker.next() {
            if let plain = plainUntil {
                if node === plain && !entering {
                    plainUntil = nil
                    put("\"")
                    if !node.title.isEmpty {
                        put(" title=\"")
                        escaped(node.title)
                        put("\"")
                    }
                    put(" />")
                } else if entering {
                    switch node.kind {
                    case .text, .code, .htmlInline: escaped(node.content)
                    case .softBreak, .lineBreak: put(" ")
                    default: break
                    }
                }
                continue
            }
            renderNode(node, entering: entering)
        }
        return out
    }

    mutating func renderNode(_ node: Node, entering: Bool) {
        switch node.kind {
        case .document:
            break
        case .blockQuote:
            cr()
            put(entering ? "<blockquote>\n" : "</blockquote>\n")
        case .notecard:
            cr()
            if entering {
                putString("<div class=\"\(node.cssClass)\">\n")
            } else {
                put("</div>\n")
            }
        case .list:
            cr()
            if entering {
                if node.ordered {
                    if node.listStart == 1 { put("<ol>\n") } else { putString("<ol start=\"\(node.listStart)\">\n") }
                } else {
                    put("<ul>\n")
                }
            } else {
                put(node.ordered ? "</ol>\n" : "</ul>\n")
            }
        case .item:
            if entering {
                cr()
                put("<li>")
                if let checked = node.taskChecked {
                    put(checked ? "<input type=\"checkbox\" checked=\"\" disabled=\"\" /> "
                                : "<input type=\"checkbox\" disabled=\"\" /> ")
                }
            } else {
                put("</li>\n")
            }
        case .definitionList:
            cr()
            put(entering ? "<dl>\n" : "</dl>\n")
        case .definitionTerm:
            if entering { cr(); put("<dt>") } else { put("</dt>\n") }
        case .definitionDescription:
            if entering { cr(); put("<dd>") } else { put("</dd>\n") }
        case .heading:
            if entering {
                cr()
                putString("<h\(node.headingLevel)")
                if let id = node.headingID {
                    put(" id=\"")
                    escaped(id)
                    put("\"")
                }
                put(">")
            } else {
                putString("</h\(node.headingLevel)>\n")
            }
        case .codeBlock:
            cr()
            if options.mdn {
                put("<pre class=\"")
                escaped(MDNCodeBlock.classes(forInfo: node.info))
                put("\">")
                escaped(node.content)
                put("</pre>\n")
                return
            }
            let lang = node.info.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init) ?? ""
            if lang.isEmpty {
                put("<pre><code>")
            } else {
                put("<pre><code class=\"language-")
                escaped(lang)
                put("\">")
            }
            escaped(node.content)
            put("</code></pre>\n")
        case .htmlBlock:
            cr()
            raw(node.content)
            cr()
        case .thematicBreak:
            cr()
            put("<hr />\n")
        case .paragraph:
            if Self.inTightList(node) { return }
            if entering {
                cr()
                put("<p>")
            } else {
                put("</p>\n")
            }
        case .table:
            GFMTable.render(node, entering: entering, into: &self)
        case .tableRow, .tableCell:
            GFMTable.render(node, entering: entering, into: &self)
        case .text:
            escaped(node.content)
        case .softBreak:
            put("\n")
        case .lineBreak:
            put("<br />\n")
        case .code:
            put("<code>")
            escaped(node.content)
            put("</code>")
        case .htmlInline:
            raw(node.content)
        case .emph:
            put(entering ? "<em>" : "</em>")
        case .strong:
            put(entering ? "<strong>" : "</strong>")
        case .strikethrough:
            put(entering ? "<del>" : "</del>")
        case .link:
            if entering {
                put("<a href=\"")
                TextUtil.escapeHref(Array(node.url.utf8), into: &out)
                put("\"")
                if !node.title.isEmpty {
                    put(" title=\"")
                    escaped(node.title)
                    put("\"")
                }
                put(">")
            } else {
                put("</a>")
            }
        case .image:
            if entering {
                put("<img src=\"")
                TextUtil.escapeHref(Array(node.url.utf8), into: &out)
                put("\" alt=\"")
                if node.firstChild == nil {
                    put("\"")
                    if !node.title.isEmpty {
                        put(" title=\"")
                        escaped(node.title)
                        put("\"")
                    }
                    put(" />")
                } else {
                    plainUntil = node
                }
            }
        }
    }
}
