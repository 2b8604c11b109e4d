import Logging
import NIOCore
import NIOPosix
import SQLKit

/// One open database connection, whichever the driver.
protocol PooledConnection: Sendable {
    var sql: any SQLDatabase { get }
    var isClosed: Bool { get }
    func close() async
}

/// A small bounded pool of connections, shared by SQLite and PostgreSQL.
///
/// We keep our own rather than async-kit's so both drivers behave alike and a transaction can
/// hold one connection across `await`s without event-loop plumbing.
actor ConnectionPool {
    private let factory: @Sendable () async throws -> any PooledConnection
    private let maxSize: Int
    private var idle: [any PooledConnection] = []
    private var open = 0
    private var waiters: [CheckedContinuation<any PooledConnection, any Error>] = []
    private var closed = false

    init(maxSize: Int, factory: @escaping @Sendable () async throws -> any PooledConnection) {
        self.maxSize = max(1, maxSize)
        self.factory = factory
    }

    /// Connections open, idle, and callers waiting (the metrics' database pool gauges).
    struct Statistics: Sendable { var open: Int; var idle: Int; var waiting: Int; var max: Int }
    var statistics: Statistics { Statistics(open: open, idle: idle.count, waiting: waiters.count, max: maxSize) }

    func acquire() async throws -> any PooledConnection {
        if closed { throw DatabaseError.closed }
        while let connection = idle.popLast() {
            if !connection.isClosed { return connection }
            open -= 1
        }
        if open < maxSize {
            open += 1
            do { return try await factory() } catch {
                open -= 1
                // Requests queued behind this attempt would otherwise wait for a release that never comes.
                if !waiters.isEmpty {
                    open += 1
                    let waiter = waiters.removeFirst()
                    Task { await self.replace(for: waiter) }
                }
                throw error
            }
        }
        return try await withCheckedThrowingContinuation { waiters.append($0) }
    }

    func release(_ connection: any PooledConnection) {
        if connection.isClosed || closed {
            open -= 1
            if !closed, !waiters.isEmpty {
                let waiter = waiters.removeFirst()
                open += 1
                Task { await self.replace(for: waiter) }
            }
            if closed {
                closing += 1
                Task { await connection.close(); self.closedOne() }
            }
            return
        }
        if !waiters.isEmpty {
            waiters.removeFirst().resume(returning: connection)
        } else {
            idle.append(connection)
        }
    }

    private func replace(for waiter: CheckedContinuation<any PooledConnection, any Error>) async {
        do { waiter.resume(returning: try await factory()) } catch { open -= 1; waiter.resume(throwing: error) }
    }

    /// Connections being closed after a shutdown (returned by their borrowers late).
    private var closing = 0
    private func closedOne() { closing -= 1 }

    /// After `shutdown`: waits until every borrowed connection came back and was closed (so
    /// what they need, such as SQLite's threads, may go), at most `timeout`.
    func waitUntilClosed(timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        while open > 0 || closing > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    func shutdown() async {
        closed = true
        for waiter in waiters { waiter.resume(throwing: DatabaseError.closed) }
        waiters = []
        let connections = idle
        idle = []
        open -= connections.count
        for connection in connections { await connection.close() }
    }

}

/// Serializes SQLite writers in-process: SQLite allows one writer at a time, and letting
/// transactions queue inside SQLite's busy handler would block the shared thread pool.
actor AsyncMutex {
    private var locked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func lock() async {
        if !locked { locked = true; return }
        await withCheckedContinuation { waiters.append($0) }
    }

    func unlock() {
        if waiters.isEmpty { locked = false } else { waiters.removeFirst().resume() }
    }
}

public enum DatabaseError: Error, CustomStringConvertible {
    case closed
    case invalidURL(String)
    case unsupported(String)

    public var description: String {
        switch self {
        case .closed: return "The database is shut down."
        case .invalidURL(let reason): return "Invalid database URL: \(reason)"
        case .unsupported(let what): return what
        }
    }
}

import PostgresNIO

extension DatabaseError {
    /// One readable line for an error from either driver (PostgresNIO hides details by default).
    public static func describe(_ error: any Error) -> String {
        if let psql = error as? PSQLError {
            if let message = psql.serverInfo?[.message] { return "PostgreSQL: \(message)" }
            if let underlying = psql.underlying { return "PostgreSQL \(psql.code): \(underlying)" }
            return "PostgreSQL: \(psql.code)"
        }
        return "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
    }

    /// True when the database could not be reached or dropped the connection (a restart, a
    /// fail-over): worth a 503 and a retry, not a 500.
    static func isUnavailable(_ error: any Error) -> Bool {
        if case DatabaseError.closed? = error as? DatabaseError { return true }   // shutting down
        if let psql = error as? PSQLError {
            if [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed]
                .contains(psql.code) { return true }
            let state = psql.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("08") || state.hasPrefix("57P")   // connection exceptions, shutdowns
        }
        return error is IOError || error is ChannelError || error is NIOConnectionError
    }

    /// True for a unique-constraint violation on either database.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let psql = error as? PSQLError { return psql.serverInfo?[.sqlState] == "23505" }
        return "\(error)".contains("UNIQUE constraint failed")
    }

    /// Runs `body`, turning a unique violation (two writers racing past a check) into `conflict`.
    static func mappingUniqueViolation<T>(to conflict: WikiError, _ body: () async throws -> T) async throws -> T {
        do { return try await body() } catch where isUniqueViolation(error) { throw conflict }
    }
}
