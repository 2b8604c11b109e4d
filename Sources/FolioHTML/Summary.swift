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
        let isSEO: (HTMLNode) -> Bool = { $0.kind == .element && $0.hasClass("seoSummary") }
        if let firstSEO { return firstSEO }
        if searchSEO {
            for n in nodes {
                if isSEO(n) { return n }
                if let hit = n.descendants.first(where: isSEO) { return hit }
            }
        }
        for n in nodes where n.isHTML("p") {
            let t = n.textContent
            if FastText.contains(t, "Redirect") || FastText.contains(t, "«") { continue }
            if isBlank(t) { continue }
            return n
        }
        return nil
    }

    /// Text with `<`/`>` stripped, whitespace collapsed, spaces before `, ) .` removed,
    /// cut to 300 characters at a word boundary (with "…").
    static func plainText(_ el: HTMLNode) -> String {
        var t = el.textContent
        if FastText.isSimple(t) {
            t = simplePlainText(t)
        } else {
            if t.utf8.contains(0xA0) { t = t.replacingOccurrences(of: "\u{A0}", with: " ") }
            t.removeAll { $0 == "<" || $0 == ">" }
            t = t.collapsedWhitespace
            for p in [",", ")", "."] { t = t.replacingOccurrences(of: " " + p, with: p) }
        }
        guard t.count > maxLength else { return t }
        var cut = String(t.prefix(maxLength - 1))
        if let sp = cut.lastIndex(of: " "), cut.distance(from: cut.startIndex, to: sp) > maxLength / 2 {
            cut = String(cut[..<sp])
        }
        return cut + "…"
    }

    /// `collapsedWhitespace.isEmpty` without building the string: any ASCII byte that is not
    /// whitespace starts (or sits in) a non-whitespace Character.
    private static func isBlank(_ t: String) -> Bool {
        for b in t.utf8 where b < 0x80 && !FastText.isWhitespace(UInt32(b)) { return false }
        return t.collapsedWhitespace.isEmpty
    }

    /// The first steps of `plainText` for simple text (every scalar its own Character), in one
    /// pass over the scalars: U+00A0 → space, `<`/`>` dropped, whitespace collapsed and
    /// trimmed, then (in this order, as the sequential replacements did) a space before `,`,
    /// `)` and `.` dropped.
    /// Spaces are collapsed as they are met, so "a space before `,` `)` `.`" is decided when the
    /// punctuation arrives: the pending space is dropped. The three sequential replacements
    /// gave the same result, since removing a space before one mark never puts a space before
    /// another. Works on UTF-8 bytes, decoding only non-ASCII scalars.
    private static func simplePlainText(_ t: String) -> String {
        var t = t
        return t.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pending = false
            var i = 0
            while i < b.count {
                let (len, v) = FastText.scalar(b, i)
                defer { i += len }
                if v == 0x3C || v == 0x3E { continue }   // < >
                if v == 0xA0 || FastText.isWhitespace(v) {
                    if !out.isEmpty { pending = true }
                    continue
                }
                if pending {
                    if v != 0x2C && v != 0x29 && v != 0x2E { out.append(0x20) }   // , ) .
                    pending = false
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + len)]))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
