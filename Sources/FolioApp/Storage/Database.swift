import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import PostgresKit
import SQLiteKit
import SQLKit

/// The app's database: SQLite (embedded) or PostgreSQL, behind one SQLKit code base.
///
/// All writes go through `transaction`, which holds one connection for its whole body; reads use
/// `read`, which borrows any connection.
public final class Database: Sendable {
    public enum Kind: String, Sendable { case sqlite, postgres }

    public let kind: Kind
    let logger: Logger
    private let pool: ConnectionPool
    private let writeLock: AsyncMutex?
    /// SQLite's calls block a thread (a busy wait for the file lock too): each database has
    /// threads of its own, one per connection, so that a connection waiting for the lock never
    /// holds the thread the lock's owner needs to commit.
    private let threadPool: NIOThreadPool?

    private init(kind: Kind, pool: ConnectionPool, logger: Logger, threadPool: NIOThreadPool? = nil) {
        self.kind = kind
        self.pool = pool
        self.logger = logger
        self.writeLock = kind == .sqlite ? AsyncMutex() : nil
        self.threadPool = threadPool
    }

    /// The connection pool's use right now.
    func poolStatistics() async -> ConnectionPool.Statistics { await pool.statistics }

    /// Opens (creating if needed) an SQLite database file.
    public static func sqlite(path: String, poolSize: Int = 4, logger: Logger) async throws -> Database {
        let threadPool = NIOThreadPool(numberOfThreads: max(poolSize, 2))
        threadPool.start()
        let pool = ConnectionPool(maxSize: poolSize) {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threadPool, logger: logger,
                                                             on: MultiThreadedEventLoopGroup.singleton.any())
            let pooled = SQLitePooled(connection: connection)
            // busy_timeout first: switching to WAL takes a lock, and without a timeout set a
            // connection opened while another process writes gets "database is locked" at once.
            for pragma in ["PRAGMA busy_timeout=5000", "PRAGMA journal_mode=WAL",
                           "PRAGMA foreign_keys=ON", "PRAGMA synchronous=NORMAL"] {
                _ = try await connection.query(pragma)
            }
            return pooled
        }
        let database = Database(kind: .sqlite, pool: pool, logger: logger, threadPool: threadPool)
        do { try await database.read { _ in } } catch {  // fail now, not on the first request
            await database.shutdown()
            throw error
        }
        return database
    }

    /// Connects to PostgreSQL. `searchPath` selects a schema (the tests use one per suite).
    public static func postgres(url: String, searchPath: String? = nil, poolSize: Int = 8,
                                logger: Logger) async throws -> Database {
        let configuration: SQLPostgresConfiguration
        do { configuration = try SQLPostgresConfiguration(url: url) } catch {
            throw DatabaseError.invalidURL("could not parse it as postgres://user:password@host:port/database")
        }
        let core = configuration.coreConfiguration
        let counter = ConnectionCounter()
        let pool = ConnectionPool(maxSize: poolSize) {
            let connection = try await PostgresConnection.connect(
                configuration: core, id: counter.next(), logger: logger)
            if let searchPath {
                _ = try await connection.sql().raw("SET search_path TO \(ident: searchPath)").run()
            }
            return PostgresPooled(connection: connection)
        }
        let database = Database(kind: .postgres, pool: pool, logger: logger)
        try await database.read { _ in }
        return database
    }

    /// Runs `body` with a borrowed connection, outside any transaction.
    public func read<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await pool.acquire()
        do {
            let result = try await body(connection.sql)
            await pool.release(connection)
            return result
        } catch {
            await pool.release(connection)
            throw error
        }
    }

    /// Runs `body` in one transaction: everything it wrote is committed together, or nothing is.
    public func transaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        guard let writeLock else { return try await runTransaction(body) }
        await writeLock.lock()
        do {
            let result = try await runTransaction(body)
            await writeLock.unlock()
            return result
        } catch {
            await writeLock.unlock()
            throw error
        }
    }

    private func runTransaction<T: Sendable>(_ body: (any SQLDatabase) async throws -> T) async throws -> T {
        let connection = try await pool.acquire()
        let sql = connection.sql
        do {
            // READ COMMITTED stated, not left to the server's default: statements after a lock
            // wait (FOR UPDATE, the blob lock) must see what committed while they waited.
            try await sql.raw(kind == .sqlite ? "BEGIN IMMEDIATE" : "BEGIN ISOLATION LEVEL READ COMMITTED").run()
        } catch {
            await pool.release(connection)
            throw error
        }
        do {
            let result = try await body(sql)
            try await sql.raw("COMMIT").run()
            await pool.release(connection)
            return result
        } catch {
            do { try await sql.raw("ROLLBACK").run() } catch {
                logger.warning("rollback failed", metadata: ["error": "\(error)"])
                await connection.close()
            }
            await pool.release(connection)
            throw error
        }
    }

    /// `FOR UPDATE` where the database supports row locks (SQLite's writer lock covers it).
    var forUpdate: String { kind == .postgres ? " FOR UPDATE" : "" }
    var forShare: String { kind == .postgres ? " FOR SHARE" : "" }

    public func shutdown() async {
        await pool.shutdown()
        if let threadPool {
            // Connections still borrowed close on their return, on these threads.
            await pool.waitUntilClosed(timeout: .seconds(10))
            try? await threadPool.shutdownGracefully()
        }
    }

}

private struct SQLitePooled: PooledConnection {
    let connection: SQLiteConnection
    var sql: any SQLDatabase { connection.sql() }
    var isClosed: Bool { connection.isClosed }
    func close() async { try? await connection.close() }
}

private struct PostgresPooled: PooledConnection {
    let connection: PostgresConnection
    var sql: any SQLDatabase { connection.sql() }
    var isClosed: Bool { connection.isClosed }
    func close() async { try? await connection.close() }
}

private final class ConnectionCounter: @unchecked Sendable {
    private let lock = NIOLock()
    private var value = 0
    func next() -> Int { lock.withLock { value += 1; return value } }
}
