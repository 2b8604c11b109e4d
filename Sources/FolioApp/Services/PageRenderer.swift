import Crypto
import Foundation
import FolioWiki

/// What a revision renders to; stored on the document so page views never render.
public struct RenderedPage: Sendable, Equatable {
    public var html: String
    public var tocHTML: String
    public var sections: [Section]
    public var summary: String
    public var etag: String
}

/// Turns a revision's source into the HTML readers see.
///
/// Until the sanitizer exists, stored markup is never passed through: the source is shown
/// escaped, inside a `<pre>`. The sections, table of contents and summary are still derived
/// from the markup so the JSON endpoints and the page outline work now and keep their shape
/// when real rendering arrives.
public struct PageRenderer: Sendable {
    public init() {}

    public func render(title: String, source: String, format: String) -> RenderedPage {
        let html = "<pre class=\"source-escaped\">" + HTMLEscape.escape(source) + "</pre>"
        let sections = Self.sections(in: source)
        let toc = sections.isEmpty ? "" : sections.map {
            "<li class=\"toc-h\($0.level)\"><a href=\"#\(HTMLEscape.escape($0.id))\">\(HTMLEscape.escape($0.title))</a></li>"
        }.joined()
        let summary = Self.summary(of: source)
        let digest = SHA256.hash(data: Data((title + "\u{0}" + html).utf8))
        let etag = digest.prefix(16).map { String(format: "%02x", $0) }.joined()
        return RenderedPage(html: html, tocHTML: toc, sections: sections, summary: summary, etag: etag)
    }

    /// `<h2>` and `<h3>` headings: their `id` attribute or one made from their text.
    static func sections(in source: String) -> [Section] {
        var sections: [Section] = []
        var usedIDs = Set<String>()
        var rest = Substring(source)
        while let open = rest.range(of: "<h", options: .caseInsensitive) {
            let after = rest[open.upperBound...]
            guard let levelChar = after.first, levelChar == "2" || levelChar == "3",
                  let tagEnd = after.firstIndex(of: ">") else { rest = after; continue }
            let attributes = after[after.index(after: after.startIndex)..<tagEnd]
            guard attributes.isEmpty || attributes.first!.isWhitespace else { rest = after; continue }
            let body = after[after.index(after: tagEnd)...]
            guard let close = body.range(of: "</h\(levelChar)", options: .caseInsensitive) else { break }
            let text = Self.decodeBasicEntities(Self.stripTags(String(body[..<close.lowerBound])))
                .trimmingCharacters(in: .whitespacesAndNewlines)
            var id = Self.attribute("id", in: String(attributes)) ?? Self.anchor(from: text)
            if id.isEmpty { id = "section" }
            var unique = id, n = 2
            while usedIDs.contains(unique) { unique = "\(id)_\(n)"; n += 1 }
            usedIDs.insert(unique)
            if !text.isEmpty { sections.append(Section(id: unique, title: text, level: levelChar == "2" ? 2 : 3)) }
            rest = body[close.upperBound...]
        }
        return sections
    }

    /// The first paragraph's text (else the document's), at most 300 characters.
    static func summary(of source: String) -> String {
        var text = source
        if let open = source.range(of: "<p", options: .caseInsensitive),
           let close = source.range(of: "</p>", options: .caseInsensitive, range: open.upperBound..<source.endIndex) {
            text = String(source[open.lowerBound..<close.upperBound])
        }
        let plain = decodeBasicEntities(stripTags(text))
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard plain.count > 300 else { return plain }
        return String(plain.prefix(299)) + "…"
    }

    static func stripTags(_ html: String) -> String {
        var out = "", inTag = false
        for character in html {
            if character == "<" { inTag = true } else if character == ">" && inTag { inTag = false; out.append(" ") }
            else if !inTag { out.append(character) }
        }
        return out
    }

    static func decodeBasicEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
    }

    static func attribute(_ name: String, in attributes: String) -> String? {
        guard let range = attributes.range(of: name + "=", options: .caseInsensitive) else { return nil }
        var value = attributes[range.upperBound...]
        guard let quote = value.first else { return nil }
        if quote == "\"" || quote == "'" {
            value = value.dropFirst()
            return value.firstIndex(of: quote).map { String(value[..<$0]) }
        }
        return String(value.prefix { !$0.isWhitespace && $0 != ">" })
    }

    /// Kuma's section ids: spaces become underscores, other unsafe characters are dropped.
    static func anchor(from text: String) -> String {
        var out = ""
        for character in text {
            if character.isWhitespace { if !out.hasSuffix("_") { out.append("_") } }
            else if character.isLetter || character.isNumber || "-_.:".contains(character) { out.append(character) }
        }
        return out
    }
}
