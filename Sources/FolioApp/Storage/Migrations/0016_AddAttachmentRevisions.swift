import SQLKit

extension Migration {
    /// Attachments get revisions (a replacement keeps the file's address, older bytes stay
    /// reachable at a pinned address) and a soft delete. `attachments` holds the current state;
    /// `attachment_revisions` every upload, the first one included.
    static let m0016_addAttachmentRevisions = Migration(version: 16, name: "add attachment revisions") { sql, _ in
        try await sql.create(table: "attachment_revisions")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("attachment_id", type: .bigint, .notNull, .references("attachments", "id"))
            .column("revision", type: .bigint, .notNull)
            .column("mime_type", type: .text, .notNull)
            .column("size", type: .bigint, .notNull)
            .column("sha256", type: .text, .notNull)
            .column("comment", type: .text, .notNull, .default(""))
            .column("uploaded_by", type: .bigint)
            .column("created_at", type: .bigint, .notNull)
            .unique("attachment_id", "revision")
            .run()
        // Quotas count a person's uploads of the last day.
        try await sql.create(index: "attachment_revisions_uploader").on("attachment_revisions")
            .column("uploaded_by").column("created_at").run()
        try await sql.raw("ALTER TABLE attachments ADD COLUMN revision BIGINT NOT NULL DEFAULT 1").run()
        try await sql.raw("ALTER TABLE attachments ADD COLUMN deleted_at BIGINT").run()
        try await sql.raw("ALTER TABLE attachments ADD COLUMN deleted_by BIGINT").run()
        try await sql.raw("""
            INSERT INTO attachment_revisions (attachment_id, revision, mime_type, size, sha256, comment, uploaded_by, created_at)
            SELECT id, 1, mime_type, size, sha256, '', uploaded_by, created_at FROM attachments
            """).run()
    }
}
