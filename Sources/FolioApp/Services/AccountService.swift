import Foundation
import FolioWiki
import HummingbirdBcrypt
import NIOPosix
import SQLKit

/// Accounts: users with bcrypt passwords, server-side sessions, and API keys.
public struct AccountService: Sendable {
    public let database: Database
    let bcryptCost: UInt8
    let sessionLifetimeMillis: Int
    /// A hash at the configured cost, checked for unknown usernames so timing does not tell them apart.
    private let dummyHash: String

    /// bcrypt has its own threads: on the shared pool it would queue SQLite's queries behind it.
    private static let bcryptPool: NIOThreadPool = {
        let pool = NIOThreadPool(numberOfThreads: 2)
        pool.start()
        return pool
    }()

    public init(database: Database, bcryptCost: Int = 12, sessionLifetimeDays: Int = 14) {
        self.database = database
        self.bcryptCost = UInt8(clamping: bcryptCost)
        self.sessionLifetimeMillis = sessionLifetimeDays * 86_400_000
        self.dummyHash = Bcrypt.hash("folio-dummy-password", cost: UInt8(clamping: bcryptCost))
    }

    // MARK: Users

    public static func validateUsername(_ username: String) throws {
        guard (3...30).contains(username.count) else {
            throw WikiError.invalid("A username has 3 to 30 characters.")
        }
        guard username.allSatisfy({ ($0.isLetter || $0.isNumber || "_.+-".contains($0)) && !$0.isWhitespace }) else {
            throw WikiError.invalid("A username may contain only letters, digits and . + - _")
        }
    }

    public static func validatePassword(_ password: String) throws {
        guard password.count >= 8 else { throw WikiError.invalid("A password has at least 8 characters.") }
        guard password.utf8.count <= 72 else { throw WikiError.invalid("A password has at most 72 bytes (a bcrypt limit).") }
    }

    public func createUser(username: String, email: String, password: String, role: Role) async throws -> User {
        try Self.validateUsername(username)
        try Self.validatePassword(password)
        let email = email.trimmingCharacters(in: .whitespaces)
        guard email.count <= 254, email.split(separator: "@").count == 2, !email.contains(where: \.isWhitespace) else {
            throw WikiError.invalid("“\(email)” is not an e-mail address.")
        }
        let hash = try await hashPassword(password)
        let taken = WikiError.conflict("The username “\(username)” is taken.")
        return try await DatabaseError.mappingUniqueViolation(to: taken) {
            try await database.transaction { sql in
                if try await AccountStore.user(sql, username: username) != nil { throw taken }
                let id = try await AccountStore.insertUser(sql, username: username, email: email, passwordHash: hash, role: role)
                return try await AccountStore.user(sql, id: id)!
            }
        }
    }

    public func setPassword(userID: Int, password: String) async throws {
        try Self.validatePassword(password)
        let hash = try await hashPassword(password)
        try await database.transaction { try await AccountStore.setPassword($0, id: userID, passwordHash: hash) }
    }

    public func updateUser(id: Int, role: Role, isActive: Bool) async throws {
        try await database.transaction { try await AccountStore.updateUser($0, id: id, role: role, isActive: isActive) }
    }

    public func users() async throws -> [User] { try await database.read { try await AccountStore.users($0) } }

    public func user(named username: String) async throws -> User? {
        try await database.read { try await AccountStore.user($0, username: username) }
    }

    /// The active user with this password, or nil. bcrypt runs off the event loops.
    public func authenticate(username: String, password: String) async throws -> User? {
        guard let (user, hash) = try await database.read({ try await AccountStore.passwordHash($0, username: username) }) else {
            // Spend the same time as a real check so usernames cannot be probed by timing.
            let dummy = dummyHash
            _ = try await Self.bcryptPool.runIfActive { Bcrypt.verify(password, hash: dummy) }
            return nil
        }
        let ok = try await Self.bcryptPool.runIfActive { Bcrypt.verify(password, hash: hash) }
        return ok && user.isActive ? user : nil
    }

    func hashPassword(_ password: String) async throws -> String {
        let cost = bcryptCost
        return try await Self.bcryptPool.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    // MARK: Sessions

    public struct Session: Sendable {
        public var user: User
        public var csrfToken: String
    }

    /// Starts a session; returns the cookie token (only its hash is stored).
    public func startSession(for user: User) async throws -> String {
        let token = Secrets.token()
        let lifetime = sessionLifetimeMillis
        try await database.transaction { sql in
            try await AccountStore.deleteExpiredSessions(sql)
            try await AccountStore.insertSession(sql, tokenHash: Secrets.sha256(token), userID: user.id,
                                                 csrfToken: Secrets.token(), lifetimeMillis: lifetime)
        }
        return token
    }

    public func session(token: String) async throws -> Session? {
        guard token.count <= 128 else { return nil }
        return try await database.read { sql in
            try await AccountStore.session(sql, tokenHash: Secrets.sha256(token))
                .map { Session(user: $0.user, csrfToken: $0.csrfToken) }
        }
    }

    public func endSession(token: String) async throws {
        try await database.transaction { try await AccountStore.deleteSession($0, tokenHash: Secrets.sha256(token)) }
    }

    // MARK: API keys

    /// Creates a key for `user`; returns its id and the token, which is shown only now.
    public func createAPIKey(for user: User, label: String) async throws -> (id: Int, token: String) {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 100 else { throw WikiError.invalid("Give the key a label of 1 to 100 characters.") }
        let secret = Secrets.token()
        let id = try await database.transaction { sql in
            try await AccountStore.insertAPIKey(sql, userID: user.id, label: label, secretHash: Secrets.sha256(secret))
        }
        return (id, "folio_\(id)_\(secret)")
    }

    public func revokeAPIKey(id: Int) async throws {
        try await database.transaction { try await AccountStore.revokeAPIKey($0, id: id) }
    }

    /// The user behind a `folio_<id>_<secret>` token, if the key is live.
    public func userForAPIToken(_ token: String) async throws -> User? {
        let parts = token.split(separator: "_", maxSplits: 2)
        guard parts.count == 3, parts[0] == "folio", let id = Int(parts[1]), parts[2].count <= 128 else { return nil }
        let hash = Secrets.sha256(String(parts[2]))
        guard let user = try await database.read({ try await AccountStore.apiKeyOwner($0, id: id, secretHash: hash) }) else {
            return nil
        }
        try await database.transaction { try await AccountStore.touchAPIKey($0, id: id) }
        return user
    }
}
