import ArgumentParser
import FolioApp
import Foundation
import Hummingbird

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the web server (migrates the database and seeds demo content first).")

    func run() async throws {
        try await reportingErrors {
            let services = try await Runtime.services()
            let outcome: Bootstrap.Outcome
            do { outcome = try await Bootstrap.run(services) } catch {
                await services.shutdown()
                throw CleanExit.message("error: first-start setup failed: \(error)")
            }
            let url = services.config.publicURL
            say("Folio is running at \(url)/en-US/docs/Web")
            if let password = outcome.adminPassword {
                say("Admin account created: username admin, password \(password) (shown once; change it after signing in)")
            }
            if outcome.demoPages > 0 { say("Seeded \(outcome.demoPages) demo pages.") }
            if outcome.demoCompatFeatures > 0 {
                say("Imported a small browser-compat sample (\(outcome.demoCompatFeatures) features); `folio bcd import data.json` loads the real data.")
            }
            // Pages rendered by an older pipeline are re-rendered in the background after an upgrade.
            let stale = try await services.wiki.documentsToRender(all: false)
            if !stale.isEmpty {
                say("Re-rendering \(stale.count) pages from an older version in the background.")
                Task {
                    let (done, failures) = await services.wiki.rerender(stale)
                    services.logger.info("re-render finished", metadata: ["rendered": "\(done)", "failed": "\(failures.count)"])
                }
            }
            let app = FolioApplication.make(services: services)
            do { try await app.runService() } catch {
                await services.shutdown()
                throw CleanExit.message("error: the server stopped: \(error)")
            }
            await services.shutdown()
        }
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
