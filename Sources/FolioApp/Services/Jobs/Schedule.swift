import Foundation
import SQLKit

/// A recurring job. Every runner checks the schedules; the one whose conditional update moves
/// `next_run_at` forward wins that run and enqueues the job in the same transaction, so a
/// schedule fires once per interval however many workers run (the row is the lease).
public struct Schedule: Sendable {
    public let name: String
    public let every: Duration
    public let kind: String
    public let payload: String

    public init(name: String, every: Duration, kind: String, payload: String = "") {
        self.name = name
        self.every = every
        self.kind = kind
        self.payload = payload
    }

    var everyMilliseconds: Int { Int(every.components.seconds) * 1000 + Int(every.components.attoseconds / 1_000_000_000_000_000) }

    /// Enqueues the job when due and won; returns whether it did.
    func fireIfDue(_ database: Database, owner: String, now: Int = Clock.nowMillis()) async throws -> Bool {
        try await database.transaction { sql in
            // First sight of a schedule: due at once (a fresh install sweeps and cleans up now).
            try await sql.raw("""
                INSERT INTO schedules (name, next_run_at) VALUES (\(bind: name), \(bind: now)) ON CONFLICT (name) DO NOTHING
                """).run()
            let won = try await sql.raw("""
                UPDATE schedules SET next_run_at = \(bind: now + everyMilliseconds), last_run_at = \(bind: now),
                  last_owner = \(bind: owner)
                WHERE name = \(bind: name) AND next_run_at <= \(bind: now)
                RETURNING name
                """).first() != nil
            if won { try await JobStore.enqueue(sql, kind: kind, payload: payload) }
            return won
        }
    }

    /// The schedules Folio runs: the stale-render sweep and the clean-up (expired sessions, old
    /// purge log rows) hourly, sitemaps daily.
    public static let standard: [Schedule] = [
        Schedule(name: "sitemaps", every: .seconds(86_400), kind: JobKind.sitemaps),
        Schedule(name: "stale-render-sweep", every: .seconds(3600), kind: JobKind.renderSweep),
        Schedule(name: "cleanup", every: .seconds(3600), kind: JobKind.cleanup),
    ]
}

/// Names of Folio's job kinds.
public enum JobKind {
    /// Render one document's current revision (payload: the document id).
    public static let render = RenderStore.renderJob
    /// Queue a render of every page whose stored output came from an older pipeline.
    public static let renderSweep = "render-sweep"
    /// Delete expired sessions and purge log rows every process has read.
    public static let cleanup = "cleanup"
    /// Rebuild every sitemap.
    public static let sitemaps = SitemapStore.job
    /// Send one purge log row's surrogate keys to the CDN (payload: the row id).
    public static let cdnPurge = PurgeStore.cdnPurgeJob
}
