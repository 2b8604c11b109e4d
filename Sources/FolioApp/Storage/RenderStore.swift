import FolioMacros
import FolioRender
import FolioWiki
import Foundation
import SQLKit

/// Dependencies of rendered pages and the render job queue. A rendering stores what it read;
/// a change to any of those things queues exactly the pages that read it.
enum RenderStore {
    static let renderJob = "render"

    /// Replaces a document's dependency set (call inside the transaction that stores the render).
    static func storeDependencies(_ sql: any SQLDatabase, documentID: Int, _ dependencies: [Dependency]) async throws {
        try await sql.raw("DELETE FROM render_dependencies WHERE document_id = \(bind: documentID)").run()
        for chunk in dependencies.chunked(100) {
            var query: SQLQueryString = "INSERT INTO render_dependencies (document_id, kind, key) VALUES "
            for (index, dependency) in chunk.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendLiteral("(")
                query.appendInterpolation(bind: documentID)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: dependency.kind.rawValue)
                query.appendLiteral(", ")
                query.appendInterpolation(bind: dependency.key)
                query.appendLiteral(")")
            }
            try await sql.raw(query).run()
        }
    }

    /// What a change to the page at `locale`/`slug` can affect: the page's own metadata, the
    /// subpage lists of every ancestor, and (for translations) the original's translation list.
    static func pageChange(locale: String, slug: String, translationOf englishSlug: String? = nil) -> [Dependency] {
        var keys: [Dependency] = [.page(locale: locale, slug: slug)]
        var parent = Slug.parent(of: slug)
        while let ancestor = parent {
            keys.append(.children(locale: locale, slug: ancestor))
            parent = Slug.parent(of: ancestor)
        }
        if let englishSlug { keys.append(Dependency(.translations, Slug.key(englishSlug))) }
        if locale == Locales.defaultLocale { keys.append(Dependency(.translations, Slug.key(slug))) }
        return keys
    }

    /// Queues a background render of every page whose last rendering read one of `changed`.
    @discardableResult
    static func enqueueDependents(_ sql: any SQLDatabase, of changed: [Dependency], excluding: Int? = nil) async throws -> Int {
        var queued = 0
        for chunk in changed.chunked(50) where !chunk.isEmpty {
            var query: SQLQueryString = "SELECT DISTINCT document_id FROM render_dependencies WHERE ("
            for (index, dependency) in chunk.enumerated() {
                if index > 0 { query.appendLiteral(" OR ") }
                query.appendLiteral("(kind = ")
                query.appendInterpolation(bind: dependency.kind.rawValue)
                query.appendLiteral(" AND key = ")
                query.appendInterpolation(bind: dependency.key)
                query.appendLiteral(")")
            }
            query.appendLiteral(")")
            let ids = try await sql.raw(query).all().map { try $0.decode(column: "document_id", as: Int.self) }
                .filter { $0 != excluding }
            try await enqueue(sql, documentIDs: ids)
            queued += ids.count
        }
        return queued
    }

    /// Queues background renders (coalesced: a page already queued is not queued twice).
    static func enqueue(_ sql: any SQLDatabase, documentIDs: [Int]) async throws {
        for id in Set(documentIDs).sorted() {
            try await JobStore.enqueue(sql, kind: renderJob, payload: String(id))
        }
    }
}
