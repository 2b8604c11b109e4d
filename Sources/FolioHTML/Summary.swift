import Foundation

/// Kuma's get_seo_description: inside the "Summary" section if there is one, prefer the
/// `.seoSummary` element, else the first top-level <p> whose text does not contain
/// "Redirect" or "«" (redirect stubs and breadcrumb paragraphs).
enum Summary {
    static let maxLength = 300

    static func extract(_ root: HTMLNode, _ index: DocumentIndex) -> (text: String, html: String) {
        if let h = index.headings.first(where: { $0.attribute("id") == "Summary" }),
           let el = find(in: SectionExtraction.implicitSection(of: h), firstSEO: nil, searchSEO: true) {
            return (plainText(el), HTMLSerializer.innerHTML(el))
        }
        if let el = find(in: root.children, firstSEO: index.firstSEOSummary, searchSEO: false) {
            return (plainText(el), HTMLSerializer.innerHTML(el))
        }
        return ("", "")
    }

    /// `firstSEO`: the document's first `.seoSummary`, when the caller already knows it;
    /// `searchSEO`: look for one under `nodes` instead.
    private static func find(in nodes: [HTMLNode], firstSEO: HTMLNode?, searchSEO: Bool) -> HTMLNode? {
        let isSEO: (HTMLNode) -> Bool = { $0.kind == .element && $0.attribute("class") != nil && $0.classList.contains("seoSummary") }
        if let firstSEO { return firstSEO }
        if searchSEO {
            for n in nodes {
                if isSEO(n) { return n }
                if let hit = n.descendants.first(where: isSEO) { return hit }
            }
        }
        for n in nodes where n.isHTML("p") {
            let t = n.textContent
            if t.contains("Redirect") || t.contains("«") { continue }
            if t.collapsedWhitespace.isEmpty { continue }
            return n
        }
        return nil
    }

    /// Text with `<`/`>` stripped, whitespace collapsed, spaces before `, ) .` removed,
    /// cut to 300 characters at a word boundary (with "…").
    static func plainText(_ el: HTMLNode) -> String {
        var t = el.textContent
        if t.utf8.contains(0xA0) { t = t.replacingOccurrences(of: "\u{A0}", with: " ") }
        t.removeAll { $0 == "<" || $0 == ">" }
        t = t.collapsedWhitespace
        for p in [",", ")", "."] { t = t.replacingOccurrences(of: " " + p, with: p) }
        guard t.count > maxLength else { return t }
        var cut = String(t.prefix(maxLength - 1))
        if let sp = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: sp) > maxLength / 2 {
            cut = String(cut[..<sp])
        }
        return cut + "…"
    }
}
