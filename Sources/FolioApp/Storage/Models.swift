import Foundation
import FolioHTML
import FolioWiki
import SQLKit

public struct User: Sendable, Equatable {
    public var id: Int
    public var username: String
    public var email: String
    public var role: Role
    public var isActive: Bool
    public var createdAt: Int

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        username = try row.decode(column: "username", as: String.self)
        email = try row.decode(column: "email", as: String.self)
        role = Role(rawValue: try row.decode(column: "role", as: String.self)) ?? .contributor
        isActive = try row.decode(column: "is_active", as: Int.self) != 0
        createdAt = try row.decode(column: "created_at", as: Int.self)
    }
}

public struct Document: Sendable, Equatable {
    public var id: Int
    public var uuid: String
    public var locale: String
    public var slug: String
    public var title: String
    public var parentID: Int?
    public var translationOfID: Int?
    public var currentRevisionID: Int?
    public var redirectToID: Int?
    public var deletedAt: Int?
    public var deleteReason: String?
    public var renderedHTML: String
    public var sidebarHTML: String
    public var tocHTML: String
    public var sections: [Section]
    public var summary: String
    public var etag: String
    public var createdAt: Int
    public var modifiedAt: Int
    /// Macro errors in the last rendering (the errors themselves are loaded on demand).
    public var errorCount: Int = 0

    public var isRedirect: Bool { redirectToID != nil }
    public var isDeleted: Bool { deletedAt != nil }
    public var path: String { Document.path(locale: locale, slug: slug) }

    public static func path(locale: String, slug: String) -> String {
        "/\(locale)/docs/" + URLPath.encodeSlug(slug)
    }

    /// The columns `init(row:)` reads, for queries on `documents d`.
    static let columns = """
        d.id, d.uuid, d.locale, d.slug, d.title, d.parent_id, d.translation_of_id, d.current_revision_id,
        d.redirect_to_id, d.deleted_at, d.delete_reason, d.rendered_html, d.sidebar_html, d.toc_html, d.sections_json,
        d.summary, d.etag, d.created_at, d.modified_at, d.error_count
        """

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        uuid = try row.decode(column: "uuid", as: String.self)
        locale = try row.decode(column: "locale", as: String.self)
        slug = try row.decode(column: "slug", as: String.self)
        title = try row.decode(column: "title", as: String.self)
        parentID = try row.decode(column: "parent_id", as: Int?.self)
        translationOfID = try row.decode(column: "translation_of_id", as: Int?.self)
        currentRevisionID = try row.decode(column: "current_revision_id", as: Int?.self)
        redirectToID = try row.decode(column: "redirect_to_id", as: Int?.self)
        deletedAt = try row.decode(column: "deleted_at", as: Int?.self)
        deleteReason = try row.decode(column: "delete_reason", as: String?.self)
        renderedHTML = try row.decode(column: "rendered_html", as: String.self)
        sidebarHTML = try row.decode(column: "sidebar_html", as: String.self)
        tocHTML = try row.decode(column: "toc_html", as: String.self)
        let sectionsJSON = try row.decode(column: "sections_json", as: String.self)
        sections = (try? JSONDecoder().decode([Section].self, from: Data(sectionsJSON.utf8))) ?? []
        summary = try row.decode(column: "summary", as: String.self)
        etag = try row.decode(column: "etag", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Int.self)
        modifiedAt = try row.decode(column: "modified_at", as: Int.self)
        errorCount = try row.decode(column: "error_count", as: Int.self)
    }
}

public struct Revision: Sendable, Equatable {
    public var id: Int
    public var documentID: Int
    public var title: String
    public var slug: String
    public var source: String
    public var format: String
    public var metadata: PageMetadata
    public var tags: [String]
    public var reviewFlags: [ReviewFlag]
    public var comment: String
    public var authorID: Int?
    public var authorName: String?
    public var basedOnID: Int?
    public var createdAt: Int

    static let columns = """
        r.id, r.document_id, r.title, r.slug, r.source, r.format, r.metadata, r.tags, r.review_flags, r.comment,
        r.author_id, u.username AS author_name, r.based_on_id, r.created_at
        """
    static let from = "revisions r LEFT JOIN users u ON u.id = r.author_id"

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        documentID = try row.decode(column: "document_id", as: Int.self)
        title = try row.decode(column: "title", as: String.self)
        slug = try row.decode(column: "slug", as: String.self)
        source = try row.decode(column: "source", as: String.self)
        format = try row.decode(column: "format", as: String.self)
        metadata = PageMetadata(json: try row.decode(column: "metadata", as: String.self))
        tags = Revision.decodeTags(try row.decode(column: "tags", as: String.self))
        reviewFlags = ReviewFlag.parse(try row.decode(column: "review_flags", as: String.self))
        comment = try row.decode(column: "comment", as: String.self)
        authorID = try row.decode(column: "author_id", as: Int?.self)
        authorName = try row.decode(column: "author_name", as: String?.self)
        basedOnID = try row.decode(column: "based_on_id", as: Int?.self)
        createdAt = try row.decode(column: "created_at", as: Int.self)
    }

    static func encodeTags(_ tags: [String]) -> String {
        String(decoding: (try? JSONEncoder().encode(tags)) ?? Data("[]".utf8), as: UTF8.self)
    }

    static func decodeTags(_ text: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
    }
}

/// Page metadata from MDN front matter, kept with each revision for the macro engine and listings.
public struct PageMetadata: Sendable, Equatable, Codable {
    public var pageType: String?
    public var browserCompat: [String] = []
    public var specURLs: [String] = []
    public var sidebar: String?
    public var l10nSourceCommit: String?

    public init(pageType: String? = nil, browserCompat: [String] = [], specURLs: [String] = [], sidebar: String? = nil,
                l10nSourceCommit: String? = nil) {
        self.pageType = pageType; self.browserCompat = browserCompat; self.specURLs = specURLs
        self.sidebar = sidebar; self.l10nSourceCommit = l10nSourceCommit
    }

    init(json: String) {
        self = (try? JSONDecoder().decode(PageMetadata.self, from: Data(json.utf8))) ?? PageMetadata()
    }

    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data("{}".utf8), as: UTF8.self)
    }
}

/// Percent-encoding for slugs in URLs: `/` stays a separator, everything unsafe is encoded.
public enum URLPath {
    private static let allowed: Set<UInt8> = {
        var set = Set<UInt8>()
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") { set.insert(byte) }
        for byte in UInt8(ascii: "A")...UInt8(ascii: "Z") { set.insert(byte) }
        for byte in UInt8(ascii: "0")...UInt8(ascii: "9") { set.insert(byte) }
        for character in "-._~/:@!*()+,;=" { set.insert(character.asciiValue!) }
        return set
    }()

    public static func encodeSlug(_ slug: String) -> String {
        var out = ""
        for byte in slug.utf8 {
            if allowed.contains(byte) { out.append(Character(Unicode.Scalar(byte))) }
            else { out += String(format: "%%%02X", byte) }
        }
        return out
    }

    /// Encodes one query-string value.
    public static func encodeQueryValue(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            if allowed.contains(byte) && byte != UInt8(ascii: "+") && byte != UInt8(ascii: "/")
                && byte != UInt8(ascii: ";") && byte != UInt8(ascii: "=") && byte != UInt8(ascii: ",") {
                out.append(Character(Unicode.Scalar(byte)))
            } else { out += String(format: "%%%02X", byte) }
        }
        return out
    }
}
