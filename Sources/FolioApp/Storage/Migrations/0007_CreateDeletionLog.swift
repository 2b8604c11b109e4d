import SQLKit

extension Migration {
    /// Who deleted or restored what and why. No foreign key to documents, so it outlives a purge.
    static let m0007_createDeletionLog = Migration(version: 7, name: "create deletion log") { sql, _ in
        try await sql.create(table: "deletion_log")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("locale", type: .text, .notNull)
            .column("slug", type: .text, .notNull)
            .column("action", type: .text, .notNull)
            .column("user_id", type: .bigint)
            .column("reason", type: .text, .notNull, .default(""))
            .column("created_at", type: .bigint, .notNull)
            .run()
    }
}
