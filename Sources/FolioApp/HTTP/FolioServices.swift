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
            let wiki = WikiService(database: database, renderer: renderer,
                                   renderBudget: .milliseconds(config.renderBudgetMilliseconds))
            return FolioServices(config: config, database: database,
                                 wiki: wiki,
                                 accounts: AccountService(database: database, bcryptCost: config.bcryptCost),
                                 views: try await Views(), statics: try StaticFiles(), logger: logger)
        } catch {
            await database.shutdown()
            throw error
        }
    }

    /// The in-process background renderer (`folio serve` runs it beside the web server).
    public var renderQueue: RenderQueue { RenderQueue(wiki: wiki, logger: logger) }

    public func shutdown() async { await database.shutdown() }
}
