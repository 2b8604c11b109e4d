import ArgumentParser
import FolioApp
import Foundation
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (migrates the database and seeds demo content first).")

    @Option(help: "The part of Folio to run: all, web, api, renderer or worker (default FOLIO_ROLE, else all).")
    var role: String?

    func run() async throws {
        try await reportingErrors {
            var chosen: FolioRole? = nil
            if let role {
                guard let value = FolioRole(rawValue: role.lowercased()) else {
                    throw CleanExit.message("error: --role must be all, web, api, renderer or worker, got “\(role)”")
                }
                chosen = value
            }
            try await Self.serve(role: chosen)
        }
    }

    static func serve(role: FolioRole?) async throws {
        do {
            let services = try await Runtime.services(role: role)
            let role = services.config.role
            var outcome: Bootstrap.Outcome? = nil
            // First-start setup (admin account, demo content) belongs to the processes people use.
            if role == .all || role == .web {
                do { outcome = try await Bootstrap.run(services) } catch {
                    await services.shutdown()
                    throw CleanExit.message("error: first-start setup failed: \(error)")
                }
            }
            let url = services.config.publicURL
            let address = "\(services.config.host):\(services.config.port)"
            switch role {
            case .all, .web: say("Folio is running at \(url)/en-US/docs/Web" + (role == .web ? " (role web)" : ""))
            case .api: say("Folio API (role api) is listening on \(address); its description is at /api/openapi.json")
            case .renderer: say("Folio renderer (role renderer) is listening on \(address) for POST /internal/render")
            case .worker: say("Folio worker is running jobs; health on \(address)/readiness")
            }
            if role == .all || role == .web, let port = services.config.listenUntrustedPort {
                say("Live samples (the untrusted origin) on \(services.config.host):\(port), public URL \(services.config.publicUntrustedURL)")
            }
            if let port = services.config.metricsPort { say("Metrics on \(services.config.host):\(port)/metrics") }
            if services.config.readOnly { say("Read-only maintenance mode: writes answer 503.") }
            if let password = outcome?.adminPassword {
                say("Admin account created: username admin, password \(password) (shown once; change it after signing in)")
            }
            if let outcome, outcome.demoPages > 0 { say("Seeded \(outcome.demoPages) demo pages.") }
            if let outcome, outcome.demoCompatFeatures > 0 {
                say("Imported a small browser-compat sample (\(outcome.demoCompatFeatures) features); `folio bcd import data.json` loads the real data.")
            }
            // Pages rendered by an older pipeline are re-rendered in the background after an upgrade.
            // Queued, so whichever worker is free renders them; the hourly sweep catches the rest.
            let stale = role.runsJobs && !services.config.readOnly ? try await services.wiki.documentsToRender(all: false) : []
            if !stale.isEmpty {
                try await services.wiki.queueRenders(stale)
                say("Re-rendering \(stale.count) pages from an older version in the background.")
            }
            let app = FolioApplication.make(services: services)
            do { try await FolioApplication.run(app, services: services) } catch {
                await services.shutdown()
                throw CleanExit.message("error: the server stopped: \(error)")
            }
            await services.shutdown()
        }
    }
}

struct Worker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run background jobs (the worker role); its port answers /healthz and /readiness only.")

    func run() async throws {
        try await reportingErrors { try await Serve.serve(role: .worker) }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations and exit.")

    func run() async throws {
        try await reportingErrors {
            let services = try await Runtime.services()
            print("Database is at schema version \(Migrator(database: services.database, logger: services.logger).latestVersion).")
            await services.shutdown()
        }
    }
}

/// Writes a line to stdout unbuffered, so it shows at once even when stdout is a file or pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
