import Crypto
import Foundation
import SQLKit

/// A file attached to a page, as of its current revision.
public struct Attachment: Sendable, Equatable {
    public let id: Int
    public let documentID: Int
    public let filename: String
    public let mimeType: String
    public let size: Int
    public let sha256: String
    public let createdAt: Int
    public let revision: Int
    public let uploadedBy: Int?

    /// Its address on the untrusted origin (Kuma's `/files/<id>/<filename>`): always the
    /// current revision.
    public var path: String { "/files/\(id)/" + filename }

    /// The address of one revision, whose bytes never change.
    public func path(revision: Int) -> String { "/files/\(id)/v\(revision)/" + filename }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        documentID = try row.decode(column: "document_id", as: Int.self)
        filename = try row.decode(column: "filename", as: String.self)
        mimeType = try row.decode(column: "mime_type", as: String.self)
        size = try row.decode(column: "size", as: Int.self)
        sha256 = try row.decode(column: "sha256", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Int.self)
        revision = try row.decode(column: "revision", as: Int.self)
        uploadedBy = try row.decode(column: "uploaded_by", as: Int?.self)
    }
}

/// One upload of an attachment.
public struct AttachmentRevision: Sendable, Equatable {
    public let revision: Int
    public let mimeType: String
    public let size: Int
    public let sha256: String
    public let comment: String
    public let uploader: String?
    public let createdAt: Int
}

enum AttachmentStore {
    static let columns = "a.id, a.document_id, a.filename, a.mime_type, a.size, a.sha256, a.created_at, a.revision, a.uploaded_by"

    /// A new attachment and its first revision.
    static func insert(_ sql: any SQLDatabase, documentID: Int, filename: String, mimeType: String, size: Int, sha256: String,
                       uploadedBy: Int?, comment: String = "") async throws -> Attachment {
        let now = Clock.nowMillis()
        guard let row = try await sql.raw("""
            INSERT INTO attachments (document_id, filename, mime_type, size, sha256, uploaded_by, created_at, revision)
            VALUES (\(bind: documentID), \(bind: filename), \(bind: mimeType), \(bind: size), \(bind: sha256), \(bind: uploadedBy),
                    \(bind: now), 1)
            RETURNING id
            """).first() else { throw DatabaseError.closed }
        let id = try row.decode(column: "id", as: Int.self)
        try await insertRevision(sql, attachmentID: id, revision: 1, mimeType: mimeType, size: size, sha256: sha256,
                                 comment: comment, uploadedBy: uploadedBy, at: now)
        guard let attachment = try await find(sql, id: id) else { throw DatabaseError.closed }
        return attachment
    }

    /// A new revision: the address stays, the bytes change. The counter is bumped first, so
    /// two replacements at once get two numbers (the row is locked until commit).
    static func replace(_ sql: any SQLDatabase, attachmentID: Int, mimeType: String, size: Int, sha256: String, comment: String,
                        uploadedBy: Int?) async throws -> Int {
        let now = Clock.nowMillis()
        guard let row = try await sql.raw("""
            UPDATE attachments SET revision = revision + 1, mime_type = \(bind: mimeType), size = \(bind: size),
                sha256 = \(bind: sha256), created_at = \(bind: now)
            WHERE id = \(bind: attachmentID) AND deleted_at IS NULL
            RETURNING revision
            """).first() else { throw WikiError.notFound("That file was deleted meanwhile.") }
        let revision = try row.decode(column: "revision", as: Int.self)
        try await insertRevision(sql, attachmentID: attachmentID, revision: revision, mimeType: mimeType, size: size,
                                 sha256: sha256, comment: comment, uploadedBy: uploadedBy, at: now)
        return revision
    }

    private static func insertRevision(_ sql: any SQLDatabase, attachmentID: Int, revision: Int, mimeType: String, size: Int,
                                       sha256: String, comment: String, uploadedBy: Int?, at now: Int) async throws {
        try await sql.raw("""
            INSERT INTO attachment_revisions (attachment_id, revision, mime_type, size, sha256, comment, uploaded_by, created_at)
            VALUES (\(bind: attachmentID), \(bind: revision), \(bind: mimeType), \(bind: size), \(bind: sha256), \(bind: comment),
                    \(bind: uploadedBy), \(bind: now))
            """).run()
    }

    /// Deleted files answer 404; their rows stay, and their bytes for `FOLIO_DELETED_FILES_DAYS`
    /// (a mistaken delete can be undone in the database meanwhile; `removeDeletedBytes`).
    static func delete(_ sql: any SQLDatabase, attachmentID: Int, by userID: Int?) async throws -> Bool {
        let rows = try await sql.raw("""
            UPDATE attachments SET deleted_at = \(bind: Clock.nowMillis()), deleted_by = \(bind: userID)
            WHERE id = \(bind: attachmentID) AND deleted_at IS NULL RETURNING id
            """).all()
        return !rows.isEmpty
    }

    static func list(_ sql: any SQLDatabase, documentID: Int) async throws -> [Attachment] {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns) FROM attachments a
            WHERE a.document_id = \(bind: documentID) AND a.deleted_at IS NULL ORDER BY a.id
            """).all().map(Attachment.init(row:))
    }

    /// The attachment `id`, unless it or its page was deleted (a deleted spam page takes its files).
    static func find(_ sql: any SQLDatabase, id: Int) async throws -> Attachment? {
        try await sql.raw("""
            SELECT \(unsafeRaw: columns)
            FROM attachments a JOIN documents d ON d.id = a.document_id
            WHERE a.id = \(bind: id) AND a.deleted_at IS NULL AND d.deleted_at IS NULL
            """).first().map(Attachment.init(row:))
    }

    /// Every revision of an attachment, newest first (or only revision `only`).
    static func revisions(_ sql: any SQLDatabase, attachmentID: Int, only: Int? = nil) async throws -> [AttachmentRevision] {
        var query: SQLQueryString = """
            SELECT r.revision, r.mime_type, r.size, r.sha256, r.comment, r.created_at, u.username
            FROM attachment_revisions r LEFT JOIN users u ON u.id = r.uploaded_by
            WHERE r.attachment_id = \(bind: attachmentID)
            """
        if let only { query = query + " AND r.revision = \(bind: only)" }
        return try await sql.raw(query + " ORDER BY r.revision DESC").all().map { row in
            AttachmentRevision(revision: try row.decode(column: "revision", as: Int.self),
                               mimeType: try row.decode(column: "mime_type", as: String.self),
                               size: try row.decode(column: "size", as: Int.self),
                               sha256: try row.decode(column: "sha256", as: String.self),
                               comment: try row.decode(column: "comment", as: String.self),
                               uploader: try row.decode(column: "username", as: String?.self),
                               createdAt: try row.decode(column: "created_at", as: Int.self))
        }
    }

    /// Keeps the removal of deleted files' bytes and uploads apart: an upload of bytes a
    /// removal is about to delete must find them gone (and store them again) or be seen by it.
    /// SQLite's writes are serial anyway; PostgreSQL takes a transaction-long advisory lock,
    /// shared by uploads (they do not wait for each other), exclusive for the removal.
    static func lockBlobs(_ sql: any SQLDatabase, kind: Database.Kind, exclusive: Bool) async throws {
        guard kind == .postgres else { return }
        let function = exclusive ? "pg_advisory_xact_lock" : "pg_advisory_xact_lock_shared"
        try await sql.raw("SELECT \(unsafeRaw: function)(\(unsafeRaw: String(blobLockKey)))").run()
    }

    /// "folioblb" as a number: this lock's key among advisory locks.
    static let blobLockKey: Int64 = 0x666F_6C69_6F62_6C62

    /// Digests of bytes that only files deleted at or before `cutoff` (milliseconds) used and
    /// that are still on disk: no kept file (live, or deleted later, still within its grace
    /// period) has them, in any revision or as its current bytes. At most `limit` of them.
    static func bytesToRemove(_ sql: any SQLDatabase, deletedBefore cutoff: Int, limit: Int) async throws -> [String] {
        try await sql.raw("""
            SELECT DISTINCT r.sha256 FROM attachment_revisions r JOIN attachments a ON a.id = r.attachment_id
            WHERE a.deleted_at IS NOT NULL AND a.deleted_at <= \(bind: cutoff) AND r.blob_removed_at IS NULL
              AND NOT EXISTS (
                SELECT 1 FROM attachment_revisions k JOIN attachments ka ON ka.id = k.attachment_id
                WHERE k.sha256 = r.sha256 AND (ka.deleted_at IS NULL OR ka.deleted_at > \(bind: cutoff)))
              AND NOT EXISTS (
                SELECT 1 FROM attachments c
                WHERE c.sha256 = r.sha256 AND (c.deleted_at IS NULL OR c.deleted_at > \(bind: cutoff)))
            ORDER BY r.sha256 LIMIT \(bind: limit)
            """).all().map { try $0.decode(column: "sha256", as: String.self) }
    }

    /// Which of `digests` a row still needs: a revision whose bytes were not removed, or a
    /// kept file's current bytes.
    static func neededBytes(_ sql: any SQLDatabase, among digests: [String]) async throws -> Set<String> {
        guard !digests.isEmpty else { return [] }
        let revisions = try await sql.select().distinct().column("sha256").from("attachment_revisions")
            .where("sha256", .in, digests).where(SQLColumn("blob_removed_at"), .is, SQLLiteral.null).all()
        let current = try await sql.select().distinct().column("sha256").from("attachments")
            .where("sha256", .in, digests).where(SQLColumn("deleted_at"), .is, SQLLiteral.null).all()
        return Set(try (revisions + current).map { try $0.decode(column: "sha256", as: String.self) })
    }

    static func markBytesRemoved(_ sql: any SQLDatabase, sha256: String) async throws {
        try await sql.raw("""
            UPDATE attachment_revisions SET blob_removed_at = \(bind: Clock.nowMillis())
            WHERE sha256 = \(bind: sha256) AND blob_removed_at IS NULL
            """).run()
    }

    /// Bytes `userID` uploaded since `since` (milliseconds), for the daily quota.
    static func uploadedBytes(_ sql: any SQLDatabase, userID: Int, since: Int) async throws -> Int {
        let row = try await sql.raw("""
            SELECT CAST(COALESCE(SUM(size), 0) AS BIGINT) AS total FROM attachment_revisions
            WHERE uploaded_by = \(bind: userID) AND created_at >= \(bind: since)
            """).first()
        return try row?.decode(column: "total", as: Int.self) ?? 0
    }
}
