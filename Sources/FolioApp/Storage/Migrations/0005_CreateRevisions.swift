import SQLKit

extension Migration {
    /// Revisions hold the source as written (and its format), never rendered output.
    static let m0005_createRevisions = Migration(version: 5, name: "create revisions") { sql, _ in
        try await sql.create(table: "revisions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("document_id", type: .bigint, .notNull, .references("documents", "id"))
            .column("title", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("source", type: .text, .notNull)
            .column("format", type: .text, .notNull)
            .column("tags", type: .text, .notNull, .default(""))
            .column("review_flags", type: .text, .notNull, .default(""))
            .column("comment", type: .text, .notNull, .default(""))
            .column("author_id", type: .bigint, .references("users", "id"))
            .column("based_on_id", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "revisions_document").on("revisions").column("document_id").column("id").run()
        try await sql.create(index: "revisions_author").on("revisions").column("author_id").run()
    }
}
