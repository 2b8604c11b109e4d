import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Keeps this process's page cache true to the database: reads the purge log written by every
/// process's changes and evicts the views they affect. It polls twice a second, and the responder
/// polls at once after each write request, so an editor's own process never serves the old page.
public final class CacheInvalidator: Service, Sendable {
    let database: Database
    let cache: PageCache
    let logger: Logger
    let interval: Duration
    /// The newest purge id read, and the ids read within `window` (their keys were evicted).
    private let seen = Mutex<(lastID: Int?, recent: [Int: ContinuousClock.Instant])>((nil, [:]))
    /// How long a purge may take between taking its id and committing (see `PurgeStore.since`).
    static let window = 30_000

    public init(database: Database, cache: PageCache, logger: Logger, interval: Duration = .milliseconds(500)) {
        self.database = database
        self.cache = cache
        self.logger = logger
        self.interval = interval
    }

    /// Reads purges not seen yet and evicts what they name; returns the entries evicted.
    @discardableResult
    public func poll() async throws -> Int {
        guard cache.isEnabled else { return 0 }
        guard let after = seen.withLock({ $0.lastID }) else {
            // First look: from here on every purge is read. Views stored before it (the server
            // may answer before this first poll) could miss a purge logged meanwhile: drop them.
            let latest = try await database.read { try await PurgeStore.latestID($0) }
            seen.withLock { $0.lastID = max($0.lastID ?? 0, latest) }
            return cache.evictAll()
        }
        let purges = try await database.read { try await PurgeStore.since($0, id: after, recentMillis: Self.window) }
        let now = ContinuousClock.now
        let fresh: [PurgeStore.Purge] = seen.withLock { seen in
            seen.recent = seen.recent.filter { now - $0.value < .milliseconds(Self.window * 2) }
            let fresh = purges.filter { seen.recent[$0.id] == nil }
            for purge in fresh { seen.recent[purge.id] = now }
            seen.lastID = max(seen.lastID ?? 0, purges.last?.id ?? 0)
            return fresh
        }
        guard !fresh.isEmpty else { return 0 }
        return cache.evict(keys: fresh.flatMap(\.keys))
    }

    public func run() async throws {
        try? await poll()
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: self.interval)
                do { try await self.poll() } catch {
                    // The database is away: serving from memory is all we can do, and entries
                    // still expire after the cache's maxAge. (At shutdown the poll is cancelled.)
                    guard !Task.isCancelled else { break }
                    self.logger.warning("cache invalidation poll failed", metadata: ["error": "\(DatabaseError.describe(error))"])
                }
            }
        }
    }
}
