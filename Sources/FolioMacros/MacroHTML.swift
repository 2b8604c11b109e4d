import FolioHTML

/// Small helpers for writing macro output: escaping, MDN's slug conventions, links.
public enum MacroHTML {
    /// Escapes text for element content and (double-quoted) attribute values.
    public static func escape(_ text: some StringProtocol) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Display text given as a macro argument. Writers use entities in arguments
    /// (`"HTML Demo: &lt;li&gt;"`), so they are decoded first, then everything is escaped.
    public static func text(_ argument: String) -> String {
        escape(HTMLText.decodingCharacterReferences(argument))
    }

    /// Percent-encodes a slug for an href, keeping `/` and the characters MDN slugs use.
    public static func pathEncode(_ slug: String) -> String {
        var out = ""
        for byte in slug.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "/"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"), UInt8(ascii: ":"),
                 UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "@"), UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: ","),
                 UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ";"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                out += "%" + String(decoding: [hex[Int(byte >> 4)], hex[Int(byte & 15)]], as: UTF8.self)
            }
        }
        return out
    }

    /// Writers pass slugs in many shapes: `/en-US/docs/Web/CSS`, `Web/CSS`, `/docs/Web/CSS`,
    /// `Web CSS` (spaces for underscores, as in KumaScript's `wiki.preparePath`).
    public static func normalizeSlug(_ slug: String) -> String {
        var s = Substring(trimmed(slug))
        while s.hasPrefix("/") { s = s.dropFirst() }
        let parts = s.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        if parts.count >= 2, parts[1] == "docs", parts[0].count <= 5 || parts[0].contains("-") {
            s = parts.count == 3 ? parts[2] : ""
        } else if parts.first == "docs" {
            s = s.dropFirst(5)
        }
        while s.hasSuffix("/") { s = s.dropLast() }
        guard s.utf8.contains(0x20) else { return String(s) }
        return String(decoding: s.utf8.map { $0 == 0x20 ? 0x5F : $0 }, as: UTF8.self)
    }

    /// Without leading and trailing ASCII whitespace (macro output, like KumaScript's `trim()`).
    public static func trimmed(_ text: String) -> String {
        let bytes = text.utf8
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }
        guard let first = bytes.first, let last = bytes.last, isSpace(first) || isSpace(last) else { return text }
        guard let start = bytes.firstIndex(where: { !isSpace($0) }) else { return "" }
        let end = bytes.lastIndex(where: { !isSpace($0) })!
        return String(text[start...end])
    }

    /// `Web/API/Foo#bar` → (`Web/API/Foo`, `#bar`).
    public static func splitAnchor(_ slug: String) -> (String, String) {
        guard let hash = slug.firstIndex(of: "#") else { return (slug, "") }
        return (String(slug[..<hash]), String(slug[hash...]))
    }

    /// An anchor id from arbitrary text (spaces to underscores, as MDN's anchors).
    public static func anchor(_ text: String) -> String {
        let text = trimmed(text)
        guard text.utf8.contains(0x20) else { return text }
        return String(decoding: text.utf8.map { $0 == 0x20 ? 0x5F : $0 }, as: UTF8.self)
    }

    /// `<a href=… title=…>text</a>`, with the text in `<code>` when asked (xref macros).
    public static func link(_ target: LinkTarget, html: String, code: Bool = false) -> String {
        "<a href=\"" + escape(target.href) + "\"" + target.attributes + ">" + (code ? "<code>" + html + "</code>" : html) + "</a>"
    }
}

import Foundation
