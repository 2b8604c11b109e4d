import SQLKit

extension Migration {
    /// The bytes of deleted files are removed after a grace period (`FOLIO_DELETED_FILES_DAYS`):
    /// each revision records when its bytes went, and bytes are looked up by digest (the same
    /// bytes may belong to several files, and stay while any of them is kept).
    static let m0017_addAttachmentBlobRemoval = Migration(version: 17, name: "add attachment blob removal") { sql, _ in
        try await sql.raw("ALTER TABLE attachment_revisions ADD COLUMN blob_removed_at BIGINT").run()
        try await sql.create(index: "attachment_revisions_sha256").on("attachment_revisions").column("sha256").run()
        try await sql.create(index: "attachments_sha256").on("attachments").column("sha256").run()
    }
}
