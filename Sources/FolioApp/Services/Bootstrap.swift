import Foundation
import FolioWiki
import SQLKit

/// First start: an admin account with a one-time password, and the demo pages.
public enum Bootstrap {
    public struct Outcome: Sendable {
        public var adminPassword: String?
        public var demoPages: Int
        /// Features of the sample compat data imported (demo content only).
        public var demoCompatFeatures = 0
    }

    public static func run(_ services: FolioServices) async throws -> Outcome {
        var outcome = Outcome(adminPassword: nil, demoPages: 0)
        let users = try await services.database.read { try await AccountStore.userCount($0) }
        var admin: User? = nil
        if users == 0 {
            let password = Secrets.token(bytes: 12)
            do {
                admin = try await services.accounts.createUser(username: "admin", email: "admin@localhost.invalid",
                                                               password: password, role: .admin)
                outcome.adminPassword = password
            } catch WikiError.conflict {
                // Another process starting at the same moment created it.
            }
        }
        if services.config.demoContent {
            // A small compat data sample (written for Folio) so compat tables show before an
            // operator imports the real data with `folio bcd import`.
            let hasCompat = try await services.database.read { sql in
                try await sql.raw("SELECT version FROM datasets WHERE name = 'bcd'").first() != nil
            }
            if !hasCompat, let url = Bundle.module.url(forResource: "bcd-sample", withExtension: "json", subdirectory: "Resources/data") {
                outcome.demoCompatFeatures = try await CompatImporter(wiki: services.wiki).importFile(url.path).features
            }
            let documents = try await services.database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM documents").first()?.decode(column: "n", as: Int.self) ?? 0
            }
            if documents == 0 {
                do { outcome.demoPages = try await DemoContent.seed(services.wiki, author: admin) } catch WikiError.conflict {
                    // Another process is seeding the same pages.
                }
            }
        }
        return outcome
    }
}
