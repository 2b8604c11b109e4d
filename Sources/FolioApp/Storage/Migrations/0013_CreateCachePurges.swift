import SQLKit

extension Migration {
    /// Cache invalidation: each change to what page views show writes the surrogate keys it
    /// affects, in the change's own transaction. Every web process reads new rows to evict its
    /// in-memory page cache; the CDN purge job sends them to the CDN. Old rows are cleaned up.
    static let m0013_createCachePurges = Migration(version: 13, name: "create cache purges") { sql, _ in
        try await sql.create(table: "cache_purges")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("keys", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .run()
    }
}
