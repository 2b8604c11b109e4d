import Foundation

/// Kuma's SectionFilter as public API (backs `?section=`, section edits and mid-air section
/// merges). A section is either an element with the id (its content), or a heading with the
/// id plus its implicit section: the following siblings up to the next heading of equal or
/// higher rank.
public enum HTMLSections {
    /// The HTML of section `id`, or nil if no element has that id. For a heading section the
    /// heading itself is included when `includeHeading` is true (what a section editor shows).
    public static func extract(id: String, from html: String, includeHeading: Bool = true) -> String? {
        let root = HTMLParser.parseFragment(html)
        guard let el = DocumentIndex(root).elements.first(where: { $0.attribute("id") == id }) else { return nil }
        if SectionExtraction.headingLevel(el) != nil {
            var out = includeHeading ? HTMLSerializer.serialize(el) : ""
            for n in SectionExtraction.implicitSection(of: el) { out += HTMLSerializer.serialize(n) }
            return out
        }
        return HTMLSerializer.innerHTML(el)
    }

    /// Replaces section `id` with `replacement` (parsed as a fragment). For a heading section
    /// the heading and its implicit section are replaced (the replacement normally starts with
    /// the edited heading); for a container element, its content is. Returns nil if no
    /// element has that id.
    public static func replace(id: String, in html: String, with replacement: String) -> String? {
        let root = HTMLParser.parseFragment(html)
        guard let el = DocumentIndex(root).elements.first(where: { $0.attribute("id") == id }),
              let parent = el.parent else { return nil }
        let fragment = HTMLParser.parseFragment(replacement)
        let newNodes = fragment.children
        fragment.removeAllChildren()
        if SectionExtraction.headingLevel(el) != nil {
            let old = Set(([el] + SectionExtraction.implicitSection(of: el)).map { ObjectIdentifier($0) })
            var children: [HTMLNode] = []
            var inserted = false
            for c in parent.children {
                if old.contains(ObjectIdentifier(c)) {
                    if !inserted { children += newNodes; inserted = true }
                } else {
                    children.append(c)
                }
            }
            parent.setChildren(children)
        } else {
            el.setChildren(newNodes)
        }
        return HTMLSerializer.serialize(root)
    }
}
