import Foundation
import Logging
import SQLKit

/// One numbered schema change. Each lives in its own file (`NNNN_Name.swift`).
struct Migration: Sendable {
    let version: Int
    let name: String
    let apply: @Sendable (any SQLDatabase, Database.Kind) async throws -> Void
}

/// Applies pending migrations in order, each in its own transaction together with its record
/// in `schema_migrations`, so a failed migration leaves the schema as it was.
public struct Migrator: Sendable {
    static let all: [Migration] = [
        .m0001_createUsers, .m0002_createSessions, .m0003_createAPIKeys,
        .m0004_createDocuments, .m0005_createRevisions, .m0006_createDocumentTags,
        .m0007_createDeletionLog, .m0008_addPageMetadata, .m0009_addRenderVersion,
        .m0010_addMacroRendering, .m0011_createCompatData, .m0012_addJobQueue, .m0013_createCachePurges, .m0014_createSitemaps,
        .m0015_createAttachments,
        .m0016_addAttachmentRevisions,
        .m0017_addAttachmentBlobRemoval,
    ]

    let database: Database
    let logger: Logger

    public init(database: Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    public var latestVersion: Int { Self.all.map(\.version).max() ?? 0 }

    /// Versions already applied.
    public func appliedVersions() async throws -> Set<Int> {
        try await ensureTable()
        return try await database.read { sql in
            let rows = try await sql.raw("SELECT version FROM schema_migrations").all()
            return Set(try rows.map { try $0.decode(column: "version", as: Int.self) })
        }
    }

    /// Pending migrations by reading `schema_migrations` only (readiness probes: no DDL, so it
    /// works on a read-only replica in maintenance mode).
    public func pendingWithoutWriting() async throws -> [String] {
        let applied = try await database.read { sql in
            Set(try await sql.raw("SELECT version FROM schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) })
        }
        return Self.all.filter { !applied.contains($0.version) }.map { "\($0.version) \($0.name)" }
    }

    public func pending() async throws -> [String] {
        let applied = try await appliedVersions()
        return Self.all.filter { !applied.contains($0.version) }.map { "\($0.version) \($0.name)" }
    }

    /// Applies every pending migration; returns the names applied.
    @discardableResult
    public func migrate() async throws -> [String] {
        try await ensureTable()
        var done: [String] = []
        for migration in Self.all.sorted(by: { $0.version < $1.version }) {
            let kind = database.kind
            let applied: Bool = try await database.transaction { sql in
                if kind == .postgres {
                    // Several processes may start at once (rolling deploys): one migrates.
                    try await sql.raw("SELECT pg_advisory_xact_lock(72616)").run()
                }
                let exists = try await sql.raw(
                    "SELECT version FROM schema_migrations WHERE version = \(bind: migration.version)"
                ).first()
                if exists != nil { return false }
                try await migration.apply(sql, kind)
                try await sql.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: Clock.nowMillis()))
                    """).run()
                return true
            }
            if applied {
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                done.append("\(migration.version) \(migration.name)")
            }
        }
        return done
    }

    private func ensureTable() async throws {
        try await database.transaction { sql in
            try await sql.create(table: "schema_migrations").ifNotExists()
                .column("version", type: .bigint, .primaryKey(autoIncrement: false))
                .column("name", type: .text, .notNull)
                .column("applied_at", type: .bigint, .notNull)
                .run()
        }
    }
}

/// Times are stored as milliseconds since 1970 in BIGINT columns: the same on both databases.
enum Clock {
    static func nowMillis() -> Int { Int(Date().timeIntervalSince1970 * 1000) }
    static func date(_ millis: Int) -> Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
}
