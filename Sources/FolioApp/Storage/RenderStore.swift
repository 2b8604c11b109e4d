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

    /// Queues background renders. A page already queued is not queued twice; one being rendered
    /// right now is marked to run once more (its rendering may have read the old state).
    static func enqueue(_ sql: any SQLDatabase, documentIDs: [Int]) async throws {
        let now = Clock.nowMillis()
        for id in Set(documentIDs) {
            try await sql.raw("""
                INSERT INTO jobs (kind, payload, run_at, created_at) VALUES (\(bind: renderJob), \(bind: String(id)), \(bind: now), \(bind: now))
                ON CONFLICT (kind, payload) DO UPDATE SET
                  dirty = CASE WHEN jobs.locked_until IS NULL THEN jobs.dirty ELSE 1 END,
                  run_at = CASE WHEN jobs.locked_until IS NULL THEN excluded.run_at ELSE jobs.run_at END
                """).run()
        }
    }

    struct Job: Sendable { let id: Int; let payload: String; let attempts: Int }

    /// Takes the next due job, locking it for `lease` milliseconds (a crashed worker's job
    /// becomes due again when the lease ends).
    static func claim(_ database: Database, kind: String, lease: Int = 300_000) async throws -> Job? {
        let skipLocked = database.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { sql in
            let now = Clock.nowMillis()
            guard let row = try await sql.raw("""
                SELECT id, payload, attempts FROM jobs
                WHERE kind = \(bind: kind) AND run_at <= \(bind: now) AND (locked_until IS NULL OR locked_until < \(bind: now))
                ORDER BY run_at, id LIMIT 1\(unsafeRaw: skipLocked)
                """).first() else { return nil }
            let job = Job(id: try row.decode(column: "id", as: Int.self), payload: try row.decode(column: "payload", as: String.self),
                          attempts: try row.decode(column: "attempts", as: Int.self) + 1)
            try await sql.raw("""
                UPDATE jobs SET locked_until = \(bind: now + lease), attempts = attempts + 1, dirty = 0 WHERE id = \(bind: job.id)
                """).run()
            return job
        }
    }

    /// Done: the job goes, unless it was re-queued while running (then it runs again).
    static func complete(_ database: Database, _ job: Job) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM jobs WHERE id = \(bind: job.id) AND dirty = 0").run()
            try await sql.raw("UPDATE jobs SET locked_until = NULL, attempts = 0, dirty = 0 WHERE id = \(bind: job.id)").run()
        }
    }

    static let maxAttempts = 5

    /// Failed: retried later with growing delays; dropped after `maxAttempts` (returns false then).
    static func fail(_ database: Database, _ job: Job, error: String) async throws -> Bool {
        try await database.transaction { sql in
            if job.attempts >= maxAttempts {
                try await sql.raw("DELETE FROM jobs WHERE id = \(bind: job.id)").run()
                return false
            }
            let delay = 1000 * (1 << min(job.attempts, 10))
            try await sql.raw("""
                UPDATE jobs SET locked_until = NULL, last_error = \(bind: String(error.prefix(1000))),
                  run_at = \(bind: Clock.nowMillis() + delay) WHERE id = \(bind: job.id)
                """).run()
            return true
        }
    }

    /// Jobs waiting or running, for `folio render` and health pages.
    static func pendingCount(_ sql: any SQLDatabase, kind: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: kind)").first()!.decode(column: "n", as: Int.self)
    }
}
