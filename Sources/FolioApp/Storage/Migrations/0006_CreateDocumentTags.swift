import SQLKit

extension Migration {
    /// The current revision's tags, one row each, for tag listings (case-insensitive by `tag_key`).
    static let m0006_createDocumentTags = Migration(version: 6, name: "create document tags") { sql, _ in
        try await sql.create(table: "document_tags")
            .column("document_id", type: .bigint, .notNull, .references("documents", "id", onDelete: .cascade))
            .column("tag", type: .text, .notNull)
            .column("tag_key", type: .text, .notNull)
            .primaryKey("document_id", "tag_key")
            .run()
        try await sql.create(index: "document_tags_key").on("document_tags").column("tag_key").run()
    }
}
