import Foundation

/// Table of contents (Kuma's H2/H3/SectionTOCFilter): nested `<ol>`s of links to heading
/// ids. Heading markup is flattened to text except `<code>`, which is kept.
enum TOC {
    static func maxLevel(forDepth depth: Int) -> Int? {
        switch depth {
        case ..<1: return nil
        case 1: return 4
        default: return min(depth, 6)
        }
    }

    /// `headings`: h1–h6 elements in document order.
    static func build(_ headings: [HTMLNode], depth: Int) -> (html: String, sections: [Section]) {
        guard let maxL = maxLevel(forDepth: depth) else { return ("", []) }
        var html = ""
        var sections: [Section] = []
        var levels: [Int] = []
        for n in headings {
            guard let level = SectionExtraction.headingLevel(n), level >= 2, level <= maxL,
                  let id = n.attribute("id"), !id.isEmpty else { continue }
            let link = "<a href=\"#" + HTMLSerializer.escapeAttribute(id) + "\">" + headingHTML(n) + "</a>"
            sections.append(Section(id: id, title: n.textContent.collapsedWhitespace, level: level))
            if levels.isEmpty {
                html += "<ol><li>" + link
                levels = [level]
                continue
            }
            // Close nested lists whose parent level is at or below this heading's rank.
            while levels.count > 1, levels[levels.count - 2] >= level {
                html += "</li></ol>"
                levels.removeLast()
            }
            if let top = levels.last, level > top {
                html += "<ol><li>" + link
                levels.append(level)
            } else {
                html += "</li><li>" + link
                levels[levels.count - 1] = level
            }
        }
        for _ in levels { html += "</li></ol>" }
        return (html, sections)
    }

    /// Heading content with only <code> elements kept.
    static func headingHTML(_ h: HTMLNode) -> String {
        var out = ""
        var stack: [HTMLNode] = h.children.reversed()
        while let n = stack.popLast() {
            switch n.kind {
            case .text: out += HTMLSerializer.escapeText(n.text)
            case .element:
                if n.name == "code" {
                    out += "<code>" + HTMLSerializer.escapeText(n.textContent) + "</code>"
                } else {
                    stack.append(contentsOf: n.children.reversed())
                }
            default: continue
            }
        }
        return out
    }
}
