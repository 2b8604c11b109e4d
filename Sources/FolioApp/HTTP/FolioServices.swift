import Foundation
import FolioRender
import FolioHTML
import FolioMacros
import Logging

/// Everything a running Folio needs, built once at start.
public struct FolioServices: Sendable {
    public let config: FolioConfig
    public let database: Database
    public let wiki: WikiService
    public let accounts: AccountService
    let views: Views
    let statics: StaticFiles
    public let logger: Logger
    /// Draining state for readiness.
    public let state = OperationalState()
    public let metrics: FolioMetrics
    /// Anonymous page views in memory, and what keeps them current.
    public let pageCache: PageCache
    public let invalidator: CacheInvalidator
    /// Which Host names are served, and the main site's Content-Security-Policy.
    let hosts: HostPolicy
    let contentSecurityPolicy: String
    /// Static redirect rules (`FOLIO_REDIRECTS_FILE`) and old files (`FOLIO_LEGACY_DIR`).
    let redirects: RedirectRules
    let legacy: LegacyFiles?
    /// Attachment bytes.
    let blobs: any BlobStore
    /// Log lines of answers made on event loops, written off them.
    let requestLog: RequestLogQueue
    /// The PostgreSQL schema (tests run each suite in its own), so a sibling process can join.
    var searchPath: String? = nil

    /// Opens the database named by the configuration (creating the data folder for SQLite) and
    /// applies pending migrations.
    public static func start(config: FolioConfig, logger: Logger, searchPath: String? = nil) async throws -> FolioServices {
        let database: Database
        if let url = config.databaseURL {
            database = try await Database.postgres(url: url, searchPath: searchPath, poolSize: config.databasePoolSize,
                                                   logger: logger)
        } else {
            try FileManager.default.createDirectory(atPath: config.dataDirectory, withIntermediateDirectories: true)
            database = try await Database.sqlite(path: config.sqlitePath, poolSize: min(config.databasePoolSize, 8),
                                                 logger: logger)
        }
        do {
            try await Migrator(database: database, logger: logger).migrate()
            let settings = MacroSettings(samplesOrigin: config.publicUntrustedURL)
            // Macro embeds (live samples, interactive and GitHub examples) are allowed iframe sources.
            let iframeHosts = config.iframeHosts + [settings.samplesOrigin + "/", settings.interactiveExamplesURL + "/",
                                                    settings.githubSamplesURL + "/"]
            let renderer = PageRenderer(policy: SanitizerPolicy.kuma.with(iframeHosts: iframeHosts),
                                        siteURL: config.siteURL, settings: settings)
            let metrics = FolioMetrics()
            let statics = try StaticFiles()
            let remote = config.rendererURL.map { RemoteRenderer(baseURL: $0, secret: config.rendererSecret ?? "") }
            let wiki = WikiService(database: database, renderer: renderer,
                                   renderBudget: .milliseconds(config.renderBudgetMilliseconds),
                                   remote: remote, metrics: metrics, logger: logger, purgesCDN: !config.cdnPurgeURLs.isEmpty)
            let redirects = try config.redirectsFile.map { try RedirectRules(file: $0) } ?? RedirectRules(rules: [])
            let legacy = try config.legacyDirectory.map { try LegacyFiles(folder: $0, siteURL: config.publicURL) }
            let pageCache = PageCache(budgetBytes: config.role.serves(.web) ? config.pageCacheMegabytes << 20 : 0)
            return FolioServices(config: config, database: database,
                                 wiki: wiki,
                                 accounts: AccountService(database: database, bcryptCost: config.bcryptCost),
                                 views: try await Views(assets: ["css": statics.url("folio.css"), "js": statics.url("folio.js"),
                                                                 "icon": statics.url("favicon.svg")]),
                                 statics: statics, logger: logger, metrics: metrics, pageCache: pageCache,
                                 invalidator: CacheInvalidator(database: database, cache: pageCache, logger: logger,
                                                                 interval: config.pageCachePollInterval),
                                 hosts: HostPolicy(config: config),
                                 contentSecurityPolicy: ContentSecurityPolicy.main(config: config, frameSources: iframeHosts),
                                 redirects: redirects, legacy: legacy,
                                 blobs: FileStore(dataDirectory: config.dataDirectory),
                                 requestLog: RequestLogQueue(logger: logger),
                                 searchPath: searchPath)
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// The background job runner (`folio serve` runs it beside the web server, `folio worker`
    /// alone). The CLI and tests call `drain()` on it.
    public func jobRunner(schedules: [Schedule] = Schedule.standard, worker: String? = nil) -> JobRunner {
        JobRunner(database: database, handlers: jobHandlers, schedules: schedules, signal: wiki.jobs, metrics: metrics,
                  logger: logger, worker: worker)
    }

    /// What each kind of job does. Every handler is idempotent: a job may run more than once
    /// (a worker killed mid-job leaves it to run again).
    public var jobHandlers: [String: JobRunner.Handler] {
        let wiki = self.wiki, database = self.database
        return [
            JobKind.render: { job in
                guard let id = Int(job.payload) else { throw JobError("bad render job payload “\(job.payload)”") }
                try await wiki.rerender(documentID: id)
            },
            JobKind.renderSweep: { _ in
                let ids = try await wiki.documentsToRender(all: false)
                if !ids.isEmpty {
                    try await database.transaction { try await RenderStore.enqueue($0, documentIDs: ids) }
                    wiki.jobs.nudge()
                }
            },
            JobKind.cleanup: { [blobs, logger] _ in
                try await database.transaction { sql in
                    try await sql.raw("DELETE FROM sessions WHERE expires_at < \(bind: Clock.nowMillis())").run()
                    try await PurgeStore.cleanUp(sql)
                }
                // Uploads cut off by a crash; an hour is longer than any upload takes.
                let removed = try await blobs.removeStaleUploads(olderThan: 3600)
                if removed > 0 { logger.info("removed unfinished uploads", metadata: ["count": "\(removed)"]) }
                let gone = try await self.removeDeletedFilesBytes()
                if gone > 0 { logger.info("removed the bytes of deleted files", metadata: ["count": "\(gone)"]) }
                let orphans = try await self.removeUnneededBytes()
                if orphans > 0 { logger.info("removed bytes no file has", metadata: ["count": "\(orphans)"]) }
            },
            JobKind.sitemaps: { [config, logger] _ in
                let summary = try await database.transaction { try await SitemapStore.rebuild($0, siteURL: config.publicURL) }
                logger.info("sitemaps rebuilt", metadata: ["files": "\(summary.files)", "urls": "\(summary.urls)"])
            },
            JobKind.cdnPurge: { [config] job in
                try await CDNPurger(urls: config.cdnPurgeURLs, method: config.cdnPurgeMethod).purge(database, job: job)
            },
        ]
    }

    /// Updates the gauges that describe shared state, just before a scrape.
    func refreshGauges() async {
        metrics.databasePool(await database.poolStatistics())
        metrics.info(role: config.role.rawValue, readOnly: config.readOnly, draining: state.isDraining)
        metrics.pageCacheSize(entries: pageCache.count, bytes: pageCache.bytes)
        if let depth = try? await database.read({ try await JobStore.depth($0) }) {
            metrics.jobQueue(depth, kinds: Array(jobHandlers.keys))
        }
    }

    /// Removes the bytes only files deleted more than `FOLIO_DELETED_FILES_DAYS` ago used, in
    /// transactions of a hundred (uploads wait for the lock only that long); returns how many
    /// went. Bytes that cannot be removed are logged and tried again at the next clean-up.
    func removeDeletedFilesBytes() async throws -> Int {
        let cutoff = Clock.nowMillis() - config.deletedFilesDays * 86_400_000
        let batch = 100
        var removed = 0
        while true {
            let (found, marked, gone) = try await database.transaction { [blobs, logger, kind = database.kind] sql in
                try await AttachmentStore.lockBlobs(sql, kind: kind, exclusive: true)
                let found = try await AttachmentStore.bytesToRemove(sql, deletedBefore: cutoff, limit: batch)
                var marked = 0, gone = 0
                for sha in found {
                    do {
                        if try await blobs.remove(sha) { gone += 1 }
                    } catch {
                        logger.error("could not remove the bytes of a deleted file", metadata: ["sha256": "\(sha)", "error": "\(error)"])
                        continue
                    }
                    try await AttachmentStore.markBytesRemoved(sql, sha256: sha)
                    marked += 1
                }
                return (found.count, marked, gone)
            }
            removed += gone
            if found < batch || marked == 0 { return removed }
        }
    }

    /// Removes bytes stored more than a day ago that no row needs: what an upload refused
    /// after storing its bytes (over the allowance, the file deleted meanwhile) left. Found
    /// without the lock (they are rare), then checked again under it (`removeUnneeded`).
    /// When more than 1% of the stored bytes (and over 100) look unneeded, nothing is removed
    /// and an error is logged: that is a wrong or half-restored database, not leftovers.
    /// Returns how many went.
    func removeUnneededBytes() async throws -> Int {
        let stored = try await blobs.digests(storedBefore: 86_400)
        var unneeded: [String] = []
        for start in stride(from: 0, to: stored.count, by: 400) {
            let chunk = Array(stored[start..<min(start + 400, stored.count)])
            let needed = try await database.read { try await AttachmentStore.neededBytes($0, among: chunk) }
            unneeded += chunk.filter { !needed.contains($0) }
        }
        guard unneeded.count <= max(100, stored.count / 100) else {
            logger.error("not removing stored bytes that no file has: too many for leftovers of refused uploads; is this the right database?",
                         metadata: ["unneeded": "\(unneeded.count)", "stored": "\(stored.count)"])
            return 0
        }
        return try await removeUnneeded(unneeded)
    }

    /// Removes those of `digests` no row needs, checked under the blob lock: an upload may have
    /// added a row for them since they were found.
    func removeUnneeded(_ digests: [String]) async throws -> Int {
        var removed = 0
        for start in stride(from: 0, to: digests.count, by: 100) {
            let chunk = Array(digests[start..<min(start + 100, digests.count)])
            removed += try await database.transaction { [blobs, logger, kind = database.kind] sql in
                try await AttachmentStore.lockBlobs(sql, kind: kind, exclusive: true)
                let needed = try await AttachmentStore.neededBytes(sql, among: chunk)
                var gone = 0
                for sha in chunk where !needed.contains(sha) {
                    do {
                        if try await blobs.remove(sha) { gone += 1 }
                    } catch {
                        logger.error("could not remove bytes no file has", metadata: ["sha256": "\(sha)", "error": "\(error)"])
                    }
                }
                return gone
            }
        }
        return removed
    }

    public func shutdown() async {
        await requestLog.finish()
        await database.shutdown()
    }
}
