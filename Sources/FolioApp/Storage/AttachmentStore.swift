import Crypto
import Foundation
import SQLKit

/// A file attached to a page.
public struct Attachment: Sendable, Equatable {
    public let id: Int
    public let documentID: Int
    public let filename: String
    public let mimeType: String
    public let size: Int
    public let sha256: String
    public let createdAt: Int

    /// Its address on the untrusted origin (Kuma's `/files/<id>/<filename>`).
    public var path: String { "/files/\(id)/" + filename }

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int.self)
        documentID = try row.decode(column: "document_id", as: Int.self)
        filename = try row.decode(column: "filename", as: String.self)
        mimeType = try row.decode(column: "mime_type", as: String.self)
        size = try row.decode(column: "size", as: Int.self)
        sha256 = try row.decode(column: "sha256", as: String.self)
        createdAt = try row.decode(column: "created_at", as: Int.self)
    }
}

enum AttachmentStore {
    static let columns = "id, document_id, filename, mime_type, size, sha256, created_at"

    static func insert(_ sql: any SQLDatabase, documentID: Int, filename: String, mimeType: String, size: Int, sha256: String,
                       uploadedBy: Int?) async throws -> Attachment {
        guard let row = try await sql.raw("""
            INSERT INTO attachments (document_id, filename, mime_type, size, sha256, uploaded_by, created_at)
            VALUES (\(bind: documentID), \(bind: filename), \(bind: mimeType), \(bind: size), \(bind: sha256), \(bind: uploadedBy),
                    \(bind: Clock.nowMillis()))
            RETURNING \(unsafeRaw: columns)
            """).first() else { throw DatabaseError.closed }
        return try Attachment(row: row)
    }

    static func list(_ sql: any SQLDatabase, documentID: Int) async throws -> [Attachment] {
        try await sql.raw("SELECT \(unsafeRaw: columns) FROM attachments WHERE document_id = \(bind: documentID) ORDER BY id")
            .all().map(Attachment.init(row:))
    }

    /// The attachment `id`, unless its page was deleted (a deleted spam page takes its files).
    static func find(_ sql: any SQLDatabase, id: Int) async throws -> Attachment? {
        try await sql.raw("""
            SELECT a.id, a.document_id, a.filename, a.mime_type, a.size, a.sha256, a.created_at
            FROM attachments a JOIN documents d ON d.id = a.document_id
            WHERE a.id = \(bind: id) AND d.deleted_at IS NULL
            """).first().map(Attachment.init(row:))
    }
}

/// Attachment bytes in the data folder, named by their SHA-256: a user's file name never
/// reaches the file system, equal uploads share one file, and a file is written to a temporary
/// name and renamed into place, so a reader never sees half of one.
struct FileStore: Sendable {
    let folder: String

    init(dataDirectory: String) { folder = dataDirectory + "/attachments" }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    func path(of sha256: String) -> String { folder + "/" + sha256.prefix(2) + "/" + sha256 }

    /// Stores `bytes`; returns their SHA-256.
    func store(_ bytes: [UInt8]) throws -> String {
        let sha = Self.digest(bytes)
        let target = path(of: sha)
        let manager = FileManager.default
        if manager.fileExists(atPath: target) { return sha }
        try manager.createDirectory(atPath: folder + "/" + sha.prefix(2), withIntermediateDirectories: true)
        let temporary = folder + "/.upload-" + UUID().uuidString
        guard manager.createFile(atPath: temporary, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        if rename(temporary, target) != 0 {
            try? manager.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
        return sha
    }

    func read(_ sha256: String) -> Data? {
        guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit) else { return nil }
        return FileManager.default.contents(atPath: path(of: sha256))
    }
}
