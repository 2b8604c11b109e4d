import SQLKit

extension Migration {
    /// Documents: identity (locale + slug, unique by the normalized `slug_key`), hierarchy,
    /// translation link, redirect target, soft-delete state, and the rendered output kept apart
    /// from the revisions' source.
    static let m0004_createDocuments = Migration(version: 4, name: "create documents") { sql, _ in
        try await sql.create(table: "documents")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("uuid", type: .text, .notNull, .unique)
            .column("locale", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("slug_key", type: .text, .notNull)
            .column("title", type: .text, .notNull)
            .column("parent_id", type: .bigint, .references("documents", "id"))
            .column("translation_of_id", type: .bigint, .references("documents", "id"))
            .column("current_revision_id", type: .bigint)
            .column("redirect_to_id", type: .bigint, .references("documents", "id"))
            .column("deleted_at", type: .bigint)
            .column("deleted_by", type: .bigint)
            .column("delete_reason", type: .text)
            .column("rendered_html", type: .text, .notNull, .default(""))
            .column("toc_html", type: .text, .notNull, .default(""))
            .column("sections_json", type: .text, .notNull, .default("[]"))
            .column("summary", type: .text, .notNull, .default(""))
            .column("etag", type: .text, .notNull, .default(""))
            .column("rendered_at", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .column("modified_at", type: .bigint, .notNull)
            .unique("locale", "slug_key")
            .run()
        try await sql.create(index: "documents_parent").on("documents").column("parent_id").run()
        try await sql.create(index: "documents_translation_of").on("documents").column("translation_of_id").run()
        try await sql.create(index: "documents_redirect_to").on("documents").column("redirect_to_id").run()
    }
}
