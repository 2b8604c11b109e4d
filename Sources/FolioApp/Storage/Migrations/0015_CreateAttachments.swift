import SQLKit

extension Migration {
    /// Attachments: files uploaded to a page, served only from the untrusted origin. The bytes
    /// live in the data folder under their SHA-256 (`FileStore`), never under a user's name.
    static let m0015_createAttachments = Migration(version: 15, name: "create attachments") { sql, _ in
        try await sql.create(table: "attachments")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("document_id", type: .bigint, .notNull, .references("documents", "id"))
            .column("filename", type: .text, .notNull)
            .column("mime_type", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("uploaded_by", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "attachments_document").on("attachments").column("document_id").run()
    }
}
