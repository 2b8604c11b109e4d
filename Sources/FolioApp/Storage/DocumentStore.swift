import Foundation
import FolioMacros
import FolioRender
import FolioWiki
import SQLKit

/// Queries on documents, revisions and tags. Every function takes the `SQLDatabase` to run on,
/// so the same code serves plain reads and the inside of a transaction.
enum DocumentStore {
    /// `lock` is `Database.forUpdate` or `forShare` inside a transaction that acts on what it read.
    static func find(_ sql: any SQLDatabase, locale: String, slug: String, lock: String = "") async throws -> Document? {
        try await sql.raw("""
            SELECT \(unsafeRaw: Document.columns) FROM documents d
            WHERE locale = \(bind: locale) AND slug_key = \(bind: Slug.key(slug))\(unsafeRaw: lock)
            """).first().map(Document.init(row:))
    }

    static func find(_ sql: any SQLDatabase, id: Int, lock: String = "") async throws -> Document? {
        try await sql.raw("SELECT \(unsafeRaw: Document.columns) FROM documents d WHERE id = \(bind: id)\(unsafeRaw: lock)")
            .first().map(Document.init(row:))
    }

    /// Live (not deleted, not redirect) direct children, by title.
    static func children(_ sql: any SQLDatabase, of id: Int) async throws -> [Document] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Document.columns) FROM documents d
            WHERE parent_id = \(bind: id) AND deleted_at IS NULL AND redirect_to_id IS NULL
            ORDER BY title, id
            """).all().map(Document.init(row:))
    }

    /// The document at `slug` and everything below it in that locale, shortest slug first.
    static func subtree(_ sql: any SQLDatabase, locale: String, slug: String, lock: String = "") async throws -> [Document] {
        let key = Slug.key(slug)
        let prefix = key + "/"
        return try await sql.raw("""
            SELECT \(unsafeRaw: Document.columns) FROM documents d
            WHERE locale = \(bind: locale)
              AND (slug_key = \(bind: key) OR substr(slug_key, 1, \(unsafeRaw: String(prefix.unicodeScalars.count))) = \(bind: prefix))
            ORDER BY length(slug_key), id\(unsafeRaw: lock)
            """).all().map(Document.init(row:))
    }

    /// Translations of an en-US document (and the document itself when `includeSelf`).
    static func translations(_ sql: any SQLDatabase, of id: Int) async throws -> [Document] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Document.columns) FROM documents d
            WHERE translation_of_id = \(bind: id) AND deleted_at IS NULL AND redirect_to_id IS NULL
            ORDER BY locale
            """).all().map(Document.init(row:))
    }

    static func revision(_ sql: any SQLDatabase, id: Int) async throws -> Revision? {
        try await sql.raw("SELECT \(unsafeRaw: Revision.columns) FROM \(unsafeRaw: Revision.from) WHERE r.id = \(bind: id)")
            .first().map(Revision.init(row:))
    }

    static func revisions(_ sql: any SQLDatabase, documentID: Int, limit: Int, offset: Int) async throws -> [Revision] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Revision.columns) FROM \(unsafeRaw: Revision.from)
            WHERE r.document_id = \(bind: documentID) ORDER BY r.id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all().map(Revision.init(row:))
    }

    static func revisionCount(_ sql: any SQLDatabase, documentID: Int) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM revisions WHERE document_id = \(bind: documentID)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func tags(_ sql: any SQLDatabase, documentID: Int) async throws -> [String] {
        try await sql.raw("SELECT tag FROM document_tags WHERE document_id = \(bind: documentID) ORDER BY tag_key")
            .all().map { try $0.decode(column: "tag", as: String.self) }
    }

    /// One page of a listing plus whether there is a next page.
    struct Listing: Sendable {
        var documents: [Document]
        var hasMore: Bool
    }

    enum Filter: Sendable {
        case all
        case topLevel
        case tag(String)
        case needsReview(ReviewFlag?)
        /// Pages whose last rendering had macro errors.
        case withErrors
    }

    static func list(_ sql: any SQLDatabase, locale: String, filter: Filter, limit: Int, offset: Int) async throws -> Listing {
        var query = SQLQueryString("SELECT \(unsafeRaw: Document.columns) FROM documents d ")
        switch filter {
        case .all, .topLevel, .withErrors: break
        case .tag(let tag):
            query.appendInterpolation(unsafeRaw: "JOIN document_tags t ON t.document_id = d.id AND t.tag_key = ")
            query.appendInterpolation(bind: tag.lowercased())
            query.appendLiteral(" ")
        case .needsReview:
            query.appendInterpolation(unsafeRaw: "JOIN revisions r ON r.id = d.current_revision_id ")
        }
        query.appendLiteral("WHERE d.locale = ")
        query.appendInterpolation(bind: locale)
        query.appendLiteral(" AND d.deleted_at IS NULL AND d.redirect_to_id IS NULL")
        switch filter {
        case .topLevel: query.appendLiteral(" AND d.parent_id IS NULL")
        case .withErrors: query.appendLiteral(" AND d.error_count > 0")
        case .needsReview(let flag):
            if let flag {
                // review_flags is a comma list of known words: match whole words.
                query.appendLiteral(" AND (',' || r.review_flags || ',') LIKE ")
                query.appendInterpolation(bind: "%,\(flag.rawValue),%")
            } else {
                query.appendLiteral(" AND r.review_flags <> ''")
            }
        default: break
        }
        query.appendLiteral(" ORDER BY d.slug_key LIMIT ")
        query.appendInterpolation(bind: limit + 1)
        query.appendLiteral(" OFFSET ")
        query.appendInterpolation(bind: offset)
        let documents = try await sql.raw(query).all().map(Document.init(row:))
        return Listing(documents: Array(documents.prefix(limit)), hasMore: documents.count > limit)
    }

    /// All distinct tags in a locale with their page counts.
    static func tagCounts(_ sql: any SQLDatabase, locale: String) async throws -> [(tag: String, count: Int)] {
        try await sql.raw("""
            SELECT MIN(t.tag) AS tag, COUNT(*) AS n FROM document_tags t
            JOIN documents d ON d.id = t.document_id
            WHERE d.locale = \(bind: locale) AND d.deleted_at IS NULL AND d.redirect_to_id IS NULL
            GROUP BY t.tag_key ORDER BY t.tag_key
            """).all().map { (try $0.decode(column: "tag", as: String.self), try $0.decode(column: "n", as: Int.self)) }
    }

    // MARK: Writes (call inside a transaction)

    static func insertDocument(_ sql: any SQLDatabase, locale: String, slug: String, title: String,
                               parentID: Int?, translationOfID: Int?, redirectToID: Int? = nil) async throws -> Int {
        let now = Clock.nowMillis()
        return try await sql.raw("""
            INSERT INTO documents (uuid, locale, slug, slug_key, title, parent_id, translation_of_id, redirect_to_id,
                                   created_at, modified_at)
            VALUES (\(bind: UUID().uuidString.lowercased()), \(bind: locale), \(bind: slug), \(bind: Slug.key(slug)),
                    \(bind: title), \(bind: parentID), \(bind: translationOfID), \(bind: redirectToID), \(bind: now), \(bind: now))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }

    static func insertRevision(_ sql: any SQLDatabase, documentID: Int, draft: RevisionDraft, slug: String,
                               authorID: Int?, basedOnID: Int?) async throws -> Int {
        try await sql.raw("""
            INSERT INTO revisions (document_id, title, slug, source, format, metadata, tags, review_flags, comment,
                                   author_id, based_on_id, created_at)
            VALUES (\(bind: documentID), \(bind: draft.title), \(bind: slug), \(bind: draft.source), \(bind: draft.format),
                    \(bind: (draft.metadata ?? PageMetadata()).json),
                    \(bind: Revision.encodeTags(draft.tags)), \(bind: ReviewFlag.serialize(draft.reviewFlags)),
                    \(bind: draft.comment), \(bind: authorID), \(bind: basedOnID), \(bind: Clock.nowMillis()))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }

    /// Points the document at a revision, with its title and tags (rendering is stored apart).
    static func setCurrent(_ sql: any SQLDatabase, documentID: Int, revisionID: Int, title: String,
                           tags: [String], pageType: String?) async throws {
        try await sql.raw("""
            UPDATE documents SET current_revision_id = \(bind: revisionID), title = \(bind: title),
              page_type = \(bind: pageType), modified_at = \(bind: Clock.nowMillis())
            WHERE id = \(bind: documentID)
            """).run()
        try await sql.raw("DELETE FROM document_tags WHERE document_id = \(bind: documentID)").run()
        for tag in tags {
            try await sql.raw("""
                INSERT INTO document_tags (document_id, tag, tag_key)
                VALUES (\(bind: documentID), \(bind: tag), \(bind: tag.lowercased()))
                """).run()
        }
    }

    /// Stores a rendering of the document's current revision, with its macro errors and
    /// dependencies.
    static func storeRendering(_ sql: any SQLDatabase, documentID: Int, rendered: RenderedPage) async throws {
        let sectionsJSON = String(decoding: try JSONEncoder().encode(rendered.sections), as: UTF8.self)
        let errorsJSON = String(decoding: try JSONEncoder().encode(rendered.errors), as: UTF8.self)
        try await sql.raw("""
            UPDATE documents SET rendered_html = \(bind: rendered.html), sidebar_html = \(bind: rendered.sidebarHTML),
              toc_html = \(bind: rendered.tocHTML), sections_json = \(bind: sectionsJSON), summary = \(bind: rendered.summary),
              etag = \(bind: rendered.etag), rendered_at = \(bind: Clock.nowMillis()),
              render_version = \(bind: PageRenderer.version), render_errors = \(bind: errorsJSON),
              error_count = \(bind: rendered.errors.count)
            WHERE id = \(bind: documentID)
            """).run()
        try await RenderStore.storeDependencies(sql, documentID: documentID, rendered.dependencies)
    }

    static func logDeletion(_ sql: any SQLDatabase, document: Document, action: String, userID: Int?, reason: String) async throws {
        try await sql.raw("""
            INSERT INTO deletion_log (locale, slug, action, user_id, reason, created_at)
            VALUES (\(bind: document.locale), \(bind: document.slug), \(bind: action), \(bind: userID), \(bind: reason),
                    \(bind: Clock.nowMillis()))
            """).run()
    }
}

/// What an author submits for a new revision.
public struct RevisionDraft: Sendable {
    public var title: String
    public var source: String
    public var format: String = "html"
    /// Front-matter metadata; nil on an edit keeps the current revision's.
    public var metadata: PageMetadata? = nil
    public var tags: [String] = []
    public var reviewFlags: [ReviewFlag] = []
    public var comment: String = ""

    public init(title: String, source: String, format: String = "html", metadata: PageMetadata? = nil, tags: [String] = [],
                reviewFlags: [ReviewFlag] = [], comment: String = "") {
        self.title = title; self.source = source; self.format = format; self.metadata = metadata
        self.tags = tags; self.reviewFlags = reviewFlags; self.comment = comment
    }
}

extension Array {
    func chunked(_ size: Int) -> [[Element]] {
        stride(from: 0, to: count, by: size).map { Array(self[$0..<Swift.min($0 + size, count)]) }
    }
}

extension DocumentStore {
    /// The macro errors of a document's last rendering.
    static func renderErrors(_ sql: any SQLDatabase, documentID: Int) async throws -> [MacroError] {
        guard let row = try await sql.raw("SELECT render_errors FROM documents WHERE id = \(bind: documentID)").first() else { return [] }
        return (try? JSONDecoder().decode([MacroError].self, from: Data(try row.decode(column: "render_errors", as: String.self).utf8))) ?? []
    }
}
