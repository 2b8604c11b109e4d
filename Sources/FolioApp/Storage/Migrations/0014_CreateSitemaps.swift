import SQLKit

extension Migration {
    /// Sitemaps, written by the daily `sitemaps` job and served as they are: one row per file
    /// (`en-US/sitemap.xml`, `en-US/sitemap-2.xml` past 50,000 pages), replaced in one transaction.
    static let m0014_createSitemaps = Migration(version: 14, name: "create sitemaps") { sql, _ in
        try await sql.create(table: "sitemaps")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("locale", type: .text, .notNull)
            .column("xml", type: .text, .notNull)
            .column("url_count", type: .int, .notNull)
            .column("generated_at", type: .bigint, .notNull)
            .run()
    }
}
