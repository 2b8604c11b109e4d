import Foundation

/// Kuma's SectionIDFilter. Deterministic: ids depend only on the document. Existing ids
/// (on any element) are collected first, so they are never renamed and generated ids never
/// collide with them, even with one that appears later in the document.
enum SectionIDs {
    /// Characters Kuma strips from heading text before using it as an id.
    static let unsafe: Set<Character> = ["\"", "#", "$", "%", "&", "+", ",", "/", ":", ";", "=", "?",
                                         "@", "[", "\\", "]", "^", "`", "{", "|", "}", "~"]

    static func slugify(_ text: String) -> String {
        let cleaned = text.filter { !unsafe.contains($0) }
        return cleaned.split(whereSeparator: { $0.isWhitespace }).joined(separator: "_")
    }

    /// `candidates`: headings and section/hgroup elements without an id, in document order;
    /// `used`: every id already present in the document.
    static func inject(_ candidates: [HTMLNode], used existing: Set<String>) {
        var used = existing
        var sectCounter = 0
        // Next suffix to try per base, so 10,000 headings with the same text stay linear.
        var nextSuffix: [String: Int] = [:]
        func nextSect() -> String {
            repeat { sectCounter += 1 } while used.contains("sect\(sectCounter)")
            let id = "sect\(sectCounter)"
            used.insert(id)
            return id
        }
        for n in candidates {
            if SectionExtraction.headingLevel(n) != nil {
                // An explicit name="" overrides the text (Kuma).
                var base = n.attribute("name").map(slugify) ?? ""
                if base.isEmpty { base = slugify(n.textContent) }
                if base.isEmpty {
                    n.setAttribute("id", nextSect())
                    continue
                }
                var candidate = base
                var k = nextSuffix[base] ?? 1
                while used.contains(candidate) {
                    k += 1
                    candidate = "\(base)_\(k)"
                }
                nextSuffix[base] = k
                used.insert(candidate)
                n.setAttribute("id", candidate)
            } else if n.name == "section" || n.name == "hgroup" {
                n.setAttribute("id", nextSect())
            }
        }
    }
}
