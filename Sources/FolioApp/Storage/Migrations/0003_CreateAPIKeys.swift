import SQLKit

extension Migration {
    /// API keys for the write API. Only a SHA-256 of the secret is kept; the secret is shown once.
    static let m0003_createAPIKeys = Migration(version: 3, name: "create api keys") { sql, _ in
        try await sql.create(table: "api_keys")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("user_id", type: .bigint, .notNull, .references("users", "id", onDelete: .cascade))
            .column("label", type: .text, .notNull)
            .column("secret_hash", type: .text, .notNull)
            .column("created_at", type: .bigint, .notNull)
            .column("last_used_at", type: .bigint)
            .column("revoked_at", type: .bigint)
            .run()
    }
}
