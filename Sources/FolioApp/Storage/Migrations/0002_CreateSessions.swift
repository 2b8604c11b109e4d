import SQLKit

extension Migration {
    /// Server-side sessions: the cookie carries a random token, the table only its SHA-256.
    static let m0002_createSessions = Migration(version: 2, name: "create sessions") { sql, _ in
        try await sql.create(table: "sessions")
            .column("token_hash", type: .text, .primaryKey(autoIncrement: false))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("csrf_token", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("expires_at", type: .bigint, .notNull)
            .run()
        try await sql.create(index: "sessions_user").on("sessions").column("user_id").run()
        try await sql.create(index: "sessions_expiry").on("sessions").column("expires_at").run()
    }
}
