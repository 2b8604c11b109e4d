import Foundation
import SQLKit

/// The job queue in the database. A job is a row `(kind, payload)`, unique, so repeated causes
/// coalesce; it is enqueued in the transaction of the change that causes it. Workers claim due
/// jobs with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so concurrent workers never take
/// the same row), renew the lease while they run, and delete the row when done. Delivery is at
/// least once: a worker that dies leaves its lease to run out and the job runs again, so every
/// handler is idempotent. A job that fails is retried with exponential backoff; after
/// `maxAttempts` it stays in the table with `failed_at` and its last error, for `folio jobs`.
public enum JobStore {
    public struct Job: Sendable, Equatable {
        public let id: Int
        public let kind: String
        public let payload: String
        /// This attempt's number (1 for the first run).
        public let attempts: Int
    }

    /// A row as `folio jobs list` shows it.
    public struct Listing: Sendable, Codable {
        public var id: Int
        public var kind: String
        public var payload: String
        public var state: String
        public var attempts: Int
        public var runAt: Int
        public var lastError: String?
        public var lockedBy: String?
    }

    public static let maxAttempts = 5
    /// How long a claimed job is a worker's before another may take it (renewed while it runs).
    public static let leaseMilliseconds = 30_000

    /// Queues `kind(payload)` to run at `runAt` (now by default). A job already waiting keeps
    /// one row and the earlier of its time and `runAt` (a later enqueue never postpones it, so
    /// steady changes cannot hold a delayed job back forever); a job running right now is
    /// marked `dirty`, so it runs once more when it ends (its run may have read the old state);
    /// a failed job is given a fresh start at `runAt`.
    static func enqueue(_ sql: any SQLDatabase, kind: String, payload: String, runAt: Int? = nil) async throws {
        let now = Clock.nowMillis()
        try await sql.raw("""
            INSERT INTO jobs (kind, payload, run_at, created_at) VALUES (\(bind: kind), \(bind: payload), \(bind: runAt ?? now), \(bind: now))
            ON CONFLICT (kind, payload) DO UPDATE SET
              dirty = CASE WHEN jobs.locked_until IS NULL THEN jobs.dirty ELSE 1 END,
              attempts = CASE WHEN jobs.failed_at IS NULL THEN jobs.attempts ELSE 0 END,
              last_error = CASE WHEN jobs.failed_at IS NULL THEN jobs.last_error ELSE NULL END,
              run_at = CASE WHEN jobs.locked_until IS NOT NULL THEN jobs.run_at
                            WHEN jobs.failed_at IS NULL AND jobs.run_at < excluded.run_at THEN jobs.run_at
                            ELSE excluded.run_at END,
              failed_at = NULL
            """).run()
    }

    /// Takes the next due job of one of `kinds` for `worker`, leased for `leaseMilliseconds`.
    static func claim(_ database: Database, kinds: [String], worker: String) async throws -> Job? {
        guard !kinds.isEmpty else { return nil }
        let skipLocked = database.kind == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await database.transaction { sql in
            let now = Clock.nowMillis()
            var query: SQLQueryString = """
                SELECT id, kind, payload, attempts FROM jobs
                WHERE failed_at IS NULL AND run_at <= \(bind: now) AND (locked_until IS NULL OR locked_until < \(bind: now))
                  AND kind IN (
                """
            for (index, kind) in kinds.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: kind)
            }
            query.appendLiteral(") ORDER BY run_at, id LIMIT 1" + skipLocked)
            guard let row = try await sql.raw(query).first() else { return nil }
            let job = Job(id: try row.decode(column: "id", as: Int.self), kind: try row.decode(column: "kind", as: String.self),
                          payload: try row.decode(column: "payload", as: String.self),
                          attempts: try row.decode(column: "attempts", as: Int.self) + 1)
            try await sql.raw("""
                UPDATE jobs SET locked_until = \(bind: now + leaseMilliseconds), locked_by = \(bind: worker),
                  attempts = attempts + 1, dirty = 0 WHERE id = \(bind: job.id)
                """).run()
            return job
        }
    }

    /// Extends the lease of a job that is still running; false when the lease was lost (another
    /// worker took the job after this one stalled), so the caller knows its run may be repeated.
    static func renew(_ database: Database, _ job: Job, worker: String) async throws -> Bool {
        try await database.transaction { sql in
            let until = Clock.nowMillis() + leaseMilliseconds
            let row = try await sql.raw("""
                UPDATE jobs SET locked_until = \(bind: until) WHERE id = \(bind: job.id) AND locked_by = \(bind: worker)
                RETURNING id
                """).first()
            return row != nil
        }
    }

    /// Done: the row goes, unless the job was queued again while running (then it runs again).
    static func complete(_ database: Database, _ job: Job, worker: String) async throws {
        try await database.transaction { sql in
            try await sql.raw("DELETE FROM jobs WHERE id = \(bind: job.id) AND dirty = 0 AND locked_by = \(bind: worker)").run()
            try await sql.raw("""
                UPDATE jobs SET locked_until = NULL, locked_by = NULL, attempts = 0, last_error = NULL
                WHERE id = \(bind: job.id) AND locked_by = \(bind: worker)
                """).run()
        }
    }

    /// Failed: retried after 2, 4, 8… seconds (at most about 17 minutes); after `maxAttempts`
    /// it is kept as failed. Returns whether it will be retried.
    static func fail(_ database: Database, _ job: Job, worker: String, error: String) async throws -> Bool {
        try await database.transaction { sql in
            let now = Clock.nowMillis()
            let message = String(error.prefix(2000))
            if job.attempts >= maxAttempts {
                try await sql.raw("""
                    UPDATE jobs SET locked_until = NULL, locked_by = NULL, failed_at = \(bind: now), last_error = \(bind: message)
                    WHERE id = \(bind: job.id)
                    """).run()
                return false
            }
            try await sql.raw("""
                UPDATE jobs SET locked_until = NULL, locked_by = NULL, last_error = \(bind: message),
                  run_at = \(bind: now + backoffMilliseconds(attempt: job.attempts)) WHERE id = \(bind: job.id)
                """).run()
            return true
        }
    }

    static func backoffMilliseconds(attempt: Int) -> Int { 1000 * (1 << min(max(attempt, 1), 10)) }

    /// Releases the leases a worker holds (a single-process runner at start: nobody else can
    /// be running them, so there is no need to wait for the leases to run out).
    static func releaseLeases(_ database: Database, heldBy worker: String? = nil) async throws {
        try await database.transaction { sql in
            if let worker {
                try await sql.raw("UPDATE jobs SET locked_until = NULL, locked_by = NULL WHERE locked_by = \(bind: worker)").run()
            } else {
                try await sql.raw("UPDATE jobs SET locked_until = NULL, locked_by = NULL WHERE locked_until IS NOT NULL").run()
            }
        }
    }

    /// Waiting, running and failed counts by kind (metrics and `folio jobs`).
    public struct Depth: Sendable, Equatable {
        public var waiting = 0, running = 0, failed = 0
    }

    static func depth(_ sql: any SQLDatabase) async throws -> [String: Depth] {
        let now = Clock.nowMillis()
        let rows = try await sql.raw("""
            SELECT kind,
              SUM(CASE WHEN failed_at IS NULL AND (locked_until IS NULL OR locked_until < \(bind: now)) THEN 1 ELSE 0 END) AS waiting,
              SUM(CASE WHEN failed_at IS NULL AND locked_until >= \(bind: now) THEN 1 ELSE 0 END) AS running,
              SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END) AS failed
            FROM jobs GROUP BY kind
            """).all()
        var result: [String: Depth] = [:]
        for row in rows {
            result[try row.decode(column: "kind", as: String.self)] = Depth(
                waiting: try row.decode(column: "waiting", as: Int?.self) ?? 0,
                running: try row.decode(column: "running", as: Int?.self) ?? 0,
                failed: try row.decode(column: "failed", as: Int?.self) ?? 0)
        }
        return result
    }

    /// Jobs waiting or running of one kind (not failed ones).
    static func pendingCount(_ sql: any SQLDatabase, kind: String) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM jobs WHERE kind = \(bind: kind) AND failed_at IS NULL").first()!
            .decode(column: "n", as: Int.self)
    }

    public static func list(_ sql: any SQLDatabase, failedOnly: Bool, limit: Int = 200) async throws -> [Listing] {
        let now = Clock.nowMillis()
        var query: SQLQueryString = """
            SELECT id, kind, payload, attempts, run_at, last_error, locked_by, locked_until, failed_at FROM jobs
            """
        if failedOnly { query.appendLiteral(" WHERE failed_at IS NOT NULL") }
        query.appendLiteral(" ORDER BY id LIMIT ")
        query.appendInterpolation(bind: limit)
        let rows = try await sql.raw(query).all()
        return try rows.map { row in
            let failed = try row.decode(column: "failed_at", as: Int?.self) != nil
            let running = (try row.decode(column: "locked_until", as: Int?.self) ?? 0) >= now
            return Listing(id: try row.decode(column: "id", as: Int.self), kind: try row.decode(column: "kind", as: String.self),
                           payload: try row.decode(column: "payload", as: String.self),
                           state: failed ? "failed" : running ? "running" : "waiting",
                           attempts: try row.decode(column: "attempts", as: Int.self),
                           runAt: try row.decode(column: "run_at", as: Int.self),
                           lastError: try row.decode(column: "last_error", as: String?.self),
                           lockedBy: running ? try row.decode(column: "locked_by", as: String?.self) : nil)
        }
    }

    /// Gives failed jobs (all, or the one with `id`) a fresh start now; returns how many.
    public static func retry(_ database: Database, id: Int?) async throws -> Int {
        try await database.transaction { sql in
            let now = Clock.nowMillis()
            var query: SQLQueryString = """
                UPDATE jobs SET failed_at = NULL, attempts = 0, run_at = \(bind: now) WHERE failed_at IS NOT NULL
                """
            if let id { query.appendLiteral(" AND id = "); query.appendInterpolation(bind: id) }
            query.appendLiteral(" RETURNING id")
            return try await sql.raw(query).all().count
        }
    }

    /// Deletes failed jobs (all, or the one with `id`); returns how many.
    public static func purge(_ database: Database, id: Int?) async throws -> Int {
        try await database.transaction { sql in
            var query: SQLQueryString = "DELETE FROM jobs WHERE failed_at IS NOT NULL"
            if let id { query.appendLiteral(" AND id = "); query.appendInterpolation(bind: id) }
            query.appendLiteral(" RETURNING id")
            return try await sql.raw(query).all().count
        }
    }
}
