import SQLKit

extension Migration {
    static let m0001_createUsers = Migration(version: 1, name: "create users") { sql, _ in
        try await sql.create(table: "users")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("username", type: .text, .notNull)
            .column("username_key", type: .text, .notNull, .unique)
            .column("email", type: .text, .notNull)
            .column("password_hash", type: .text, .notNull)
            .column("role", type: .text, .notNull)
            .column("is_active", type: .int, .notNull, .default(1))
            .column("created_at", type: .bigint, .notNull)
            .column("last_login_at", type: .bigint)
            .run()
    }
}
