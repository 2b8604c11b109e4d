import Crypto
import Foundation
import FolioWiki
import SQLKit

/// Users, sessions and API keys.
enum AccountStore {
    static let userColumns = "id, username, email, role, is_active, created_at"

    static func user(_ sql: any SQLDatabase, id: Int) async throws -> User? {
        try await sql.raw("SELECT \(unsafeRaw: userColumns) FROM users WHERE id = \(bind: id)").first().map(User.init(row:))
    }

    static func user(_ sql: any SQLDatabase, username: String) async throws -> User? {
        try await sql.raw("SELECT \(unsafeRaw: userColumns) FROM users WHERE username_key = \(bind: username.lowercased())")
            .first().map(User.init(row:))
    }

    static func passwordHash(_ sql: any SQLDatabase, username: String) async throws -> (User, String)? {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: userColumns), password_hash FROM users WHERE username_key = \(bind: username.lowercased())
            """).first() else { return nil }
        return (try User(row: row), try row.decode(column: "password_hash", as: String.self))
    }

    static func users(_ sql: any SQLDatabase) async throws -> [User] {
        try await sql.raw("SELECT \(unsafeRaw: userColumns) FROM users ORDER BY username_key").all().map(User.init(row:))
    }

    static func userCount(_ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM users").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    static func insertUser(_ sql: any SQLDatabase, username: String, email: String, passwordHash: String,
                           role: Role) async throws -> Int {
        try await sql.raw("""
            INSERT INTO users (username, username_key, email, password_hash, role, is_active, created_at)
            VALUES (\(bind: username), \(bind: username.lowercased()), \(bind: email), \(bind: passwordHash),
                    \(bind: role.rawValue), 1, \(bind: Clock.nowMillis()))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }

    static func updateUser(_ sql: any SQLDatabase, id: Int, role: Role, isActive: Bool) async throws {
        try await sql.raw("""
            UPDATE users SET role = \(bind: role.rawValue), is_active = \(bind: isActive ? 1 : 0) WHERE id = \(bind: id)
            """).run()
        if !isActive { try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: id)").run() }
    }

    static func setPassword(_ sql: any SQLDatabase, id: Int, passwordHash: String) async throws {
        try await sql.raw("UPDATE users SET password_hash = \(bind: passwordHash) WHERE id = \(bind: id)").run()
        // A new password signs the account out everywhere.
        try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: id)").run()
    }

    // MARK: Sessions

    struct SessionRow: Sendable {
        var user: User
        var csrfToken: String
        var expiresAt: Int
    }

    static func insertSession(_ sql: any SQLDatabase, tokenHash: String, userID: Int, csrfToken: String,
                              lifetimeMillis: Int) async throws {
        let now = Clock.nowMillis()
        try await sql.raw("""
            INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at)
            VALUES (\(bind: tokenHash), \(bind: userID), \(bind: csrfToken), \(bind: now), \(bind: now + lifetimeMillis))
            """).run()
        try await sql.raw("UPDATE users SET last_login_at = \(bind: now) WHERE id = \(bind: userID)").run()
    }

    /// The live session for a token hash, with its active user; nil if expired, unknown or the user is inactive.
    static func session(_ sql: any SQLDatabase, tokenHash: String) async throws -> SessionRow? {
        guard let row = try await sql.raw("""
            SELECT u.id, u.username, u.email, u.role, u.is_active, u.created_at, s.csrf_token, s.expires_at
            FROM sessions s JOIN users u ON u.id = s.user_id
            WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: Clock.nowMillis()) AND u.is_active = 1
            """).first() else { return nil }
        return SessionRow(user: try User(row: row), csrfToken: try row.decode(column: "csrf_token", as: String.self),
                          expiresAt: try row.decode(column: "expires_at", as: Int.self))
    }

    static func deleteSession(_ sql: any SQLDatabase, tokenHash: String) async throws {
        try await sql.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
    }

    static func deleteExpiredSessions(_ sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM sessions WHERE expires_at <= \(bind: Clock.nowMillis())").run()
    }

    // MARK: API keys

    struct APIKey: Sendable {
        var id: Int
        var userID: Int
        var username: String
        var label: String
        var createdAt: Int
        var lastUsedAt: Int?
        var revokedAt: Int?
    }

    static func insertAPIKey(_ sql: any SQLDatabase, userID: Int, label: String, secretHash: String) async throws -> Int {
        try await sql.raw("""
            INSERT INTO api_keys (user_id, label, secret_hash, created_at)
            VALUES (\(bind: userID), \(bind: label), \(bind: secretHash), \(bind: Clock.nowMillis()))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
    }

    static func apiKeys(_ sql: any SQLDatabase) async throws -> [APIKey] {
        try await sql.raw("""
            SELECT k.id, k.user_id, u.username, k.label, k.created_at, k.last_used_at, k.revoked_at
            FROM api_keys k JOIN users u ON u.id = k.user_id ORDER BY k.id DESC
            """).all().map { row in
            APIKey(id: try row.decode(column: "id", as: Int.self), userID: try row.decode(column: "user_id", as: Int.self),
                   username: try row.decode(column: "username", as: String.self),
                   label: try row.decode(column: "label", as: String.self),
                   createdAt: try row.decode(column: "created_at", as: Int.self),
                   lastUsedAt: try row.decode(column: "last_used_at", as: Int?.self),
                   revokedAt: try row.decode(column: "revoked_at", as: Int?.self))
        }
    }

    /// The owner of a live key whose secret hashes to `secretHash`.
    static func apiKeyOwner(_ sql: any SQLDatabase, id: Int, secretHash: String) async throws -> User? {
        guard let row = try await sql.raw("""
            SELECT k.secret_hash, u.id, u.username, u.email, u.role, u.is_active, u.created_at
            FROM api_keys k JOIN users u ON u.id = k.user_id
            WHERE k.id = \(bind: id) AND k.revoked_at IS NULL AND u.is_active = 1
            """).first() else { return nil }
        let stored = try row.decode(column: "secret_hash", as: String.self)
        guard Secrets.constantTimeEqual(stored, secretHash) else { return nil }
        return try User(row: row)
    }

    static func touchAPIKey(_ sql: any SQLDatabase, id: Int) async throws {
        try await sql.raw("UPDATE api_keys SET last_used_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id)").run()
    }

    static func revokeAPIKey(_ sql: any SQLDatabase, id: Int) async throws {
        try await sql.raw("""
            UPDATE api_keys SET revoked_at = \(bind: Clock.nowMillis()) WHERE id = \(bind: id) AND revoked_at IS NULL
            """).run()
    }
}

/// Random tokens and hashing for sessions, CSRF and API keys.
enum Secrets {
    /// 32 random bytes as URL-safe base64 without padding.
    static func token(bytes: Int = 32) -> String {
        var generator = SystemRandomNumberGenerator()
        let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
