import Foundation

/// Document slugs: validation, hierarchy and the normalized lookup key.
///
/// Rules follow Kuma's `DocumentForm.clean_slug`: at most 255 characters, no whitespace or
/// `' " % ? $` (we also refuse `#`, `<`, `>`, `\` and control characters, which only ever
/// produced broken URLs), no empty segments, and none of the reserved names that would shadow
/// wiki-level URLs such as `/docs/new` or `/docs/tag/…`.
public enum Slug {
    public static let maxLength = 255

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case tooLong(Int)
        case invalidCharacter(Character)
        case emptySegment
        case dotSegment
        case reserved(String)

        public var description: String {
            switch self {
            case .empty: return "The slug is empty."
            case .tooLong(let n): return "The slug is \(n) characters long; the limit is \(Slug.maxLength)."
            case .invalidCharacter(let c):
                let shown = c.isWhitespace ? "whitespace" : "“\(c)”"
                return "The slug may not contain \(shown)."
            case .emptySegment: return "The slug may not start or end with “/” or contain “//”."
            case .dotSegment: return "The slug may not contain “.” or “..” as a path segment."
            case .reserved(let name): return "“\(name)” is reserved for a wiki page of its own; choose another slug."
            }
        }
    }

    private static let forbidden: Set<Character> = ["'", "\"", "%", "?", "$", "#", "<", ">", "\\"]

    /// Reserved full-slug patterns, matched case-insensitively from the start of the slug
    /// (Kuma's `RESERVED_SLUGS`). Each is a sequence of segment matchers.
    private static let reserved: [(name: String, matches: @Sendable ([Substring]) -> Bool)] = [
        ("new", { $0.count == 1 && $0[0] == "new" }),
        ("all", { $0.count == 1 && $0[0] == "all" }),
        ("tags", { $0.count == 1 && $0[0] == "tags" }),
        ("tag", { $0.count >= 2 && $0[0] == "tag" }),
        ("templates", { $0.count == 1 && $0[0] == "templates" }),
        ("with-errors", { $0.count == 1 && $0[0] == "with-errors" }),
        ("without-parent", { $0.count == 1 && $0[0] == "without-parent" }),
        ("top-level", { $0.count == 1 && $0[0] == "top-level" }),
        ("needs-review", { $0.count <= 2 && $0[0] == "needs-review" }),
        ("localization-tag", { $0.count <= 2 && $0[0] == "localization-tag" }),
        ("feeds", { $0.count >= 2 && $0[0] == "feeds" }),
        ("category", { $0.count == 2 && $0[0] == "category" && $0[1].allSatisfy(\.isNumber) }),
        ("preview-wiki-content", { $0.count == 1 && $0[0] == "preview-wiki-content" }),
        ("get-documents", { $0.count == 1 && $0[0] == "get-documents" }),
        ("ckeditor_config.js", { $0.count == 1 && $0[0] == "ckeditor_config.js" }),
        ("load", { $0.count == 1 && $0[0] == "load" }),
        (".json", { $0.count == 1 && $0[0].hasSuffix(".json") }),
    ]

    /// Checks a full slug (`Web/HTML/Element/div`); returns the first problem, or nil.
    public static func problem(in slug: String) -> Problem? {
        if slug.isEmpty { return .empty }
        let length = slug.count
        if length > maxLength { return .tooLong(length) }
        for character in slug {
            if character.isWhitespace || forbidden.contains(character)
                || character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                return .invalidCharacter(character)
            }
        }
        let segments = slug.split(separator: "/", omittingEmptySubsequences: false)
        if segments.contains(where: \.isEmpty) { return .emptySegment }
        if segments.contains(where: { $0 == "." || $0 == ".." }) { return .dotSegment }
        let lowered = slug.lowercased().split(separator: "/")
        if let hit = reserved.first(where: { $0.matches(lowered) }) { return .reserved(hit.name) }
        return nil
    }

    public static func isValid(_ slug: String) -> Bool { problem(in: slug) == nil }

    /// The slug of the parent page (`Web/HTML` for `Web/HTML/Element`), or nil at the top.
    public static func parent(of slug: String) -> String? {
        guard let slash = slug.lastIndex(of: "/") else { return nil }
        return String(slug[..<slash])
    }

    /// The last segment (`div` for `Web/HTML/Element/div`).
    public static func lastSegment(of slug: String) -> String {
        guard let slash = slug.lastIndex(of: "/") else { return slug }
        return String(slug[slug.index(after: slash)...])
    }

    public static func join(_ parent: String?, _ segment: String) -> String {
        guard let parent, !parent.isEmpty else { return segment }
        return parent + "/" + segment
    }

    /// The lookup key: case- and accent-insensitive, as MDN got from MySQL's
    /// `utf8_general_ci` (`Glossaire/Récursion` and `glossaire/recursion` are one page).
    public static func key(_ slug: String) -> String {
        // Most slugs are ASCII: lower-casing bytes is the whole job (and renders ask often).
        if slug.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: slug.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in slug.decomposedStringWithCanonicalMapping.unicodeScalars where scalar.properties.generalCategory != .nonspacingMark {
            scalars.append(scalar)
        }
        return String(scalars).lowercased()
    }

    /// A slug segment suggested from a title: spaces become underscores, refused characters go.
    public static func segment(fromTitle title: String) -> String {
        var out = ""
        for character in title.trimmingSpaces() {
            if character.isWhitespace { if !out.hasSuffix("_") { out.append("_") } }
            else if forbidden.contains(character) || character == "/" { continue }
            else { out.append(character) }
        }
        return String(out.prefix(maxLength))
    }
}
