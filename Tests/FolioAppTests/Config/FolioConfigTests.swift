import Foundation
import Testing
@testable import FolioApp

@Suite struct FolioConfigTests {
    @Test func defaultsNeedNoConfiguration() async throws {
        let config = try await FolioConfig.load(environment: [:])
        #expect(config.port == 8000)
        #expect(config.dataDirectory == "./folio-data")
        #expect(config.databaseURL == nil)
        #expect(config.publicURL == "http://localhost:8000")
        #expect(!config.secureCookies)
        #expect(config.demoContent)
    }

    @Test func environmentVariablesAreRead() async throws {
        let config = try await FolioConfig.load(environment: [
            "FOLIO_PORT": "9090", "FOLIO_DATA_DIR": "/srv/folio", "FOLIO_SITE_URL": "https://docs.example.org/",
            "FOLIO_DATABASE_URL": "postgresql://u:p@db:5432/folio", "FOLIO_DEMO_CONTENT": "no", "FOLIO_LOG_LEVEL": "DEBUG",
            "FOLIO_MAX_BODY_BYTES": "2048",
        ])
        #expect(config.port == 9090)
        #expect(config.dataDirectory == "/srv/folio")
        #expect(config.publicURL == "https://docs.example.org")
        #expect(config.secureCookies)
        #expect(config.databaseURL == "postgres://u:p@db:5432/folio")
        #expect(!config.demoContent)
        #expect(config.logLevel == .debug)
        #expect(config.maxBodyBytes == 2048)
    }

    @Test(arguments: [
        ("FOLIO_PORT", "eighty"), ("FOLIO_PORT", "70000"), ("FOLIO_DATABASE_URL", "mysql://x"),
        ("FOLIO_SITE_URL", "docs.example.org"), ("FOLIO_DEMO_CONTENT", "maybe"), ("FOLIO_LOG_LEVEL", "loud"),
        ("FOLIO_BCRYPT_COST", "3"), ("FOLIO_MAX_BODY_BYTES", "-1"),
    ])
    func invalidValuesNameTheirKey(key: String, value: String) async throws {
        do {
            _ = try await FolioConfig.load(environment: [key: value])
            Issue.record("\(key)=\(value) was accepted")
        } catch let problem as FolioConfig.Problem {
            #expect(problem.key == key)
            #expect(problem.description.hasPrefix("\(key): "))
            #expect(!problem.description.contains("\n"))
        }
    }

    @Test func theUntrustedOriginMustBeAnotherSite() async throws {
        for untrusted in ["https://docs.example.org", "https://samples.docs.example.org", "https://example.org:8443"] {
            await #expect(throws: FolioConfig.Problem.self, "\(untrusted)") {
                _ = try await FolioConfig.load(environment: ["FOLIO_SITE_URL": "https://docs.example.org", "FOLIO_UNTRUSTED_URL": untrusted])
            }
        }
        let config = try await FolioConfig.load(environment: ["FOLIO_SITE_URL": "https://docs.example.org",
                                                              "FOLIO_UNTRUSTED_URL": "https://samples.example-usercontent.org/"])
        #expect(config.publicUntrustedURL == "https://samples.example-usercontent.org")
    }

    @Test func secretFilesAndConfigFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-config-\(UUID().uuidString)")
        let secrets = directory.appendingPathComponent("secrets")
        try FileManager.default.createDirectory(at: secrets, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "postgres://secret@db/folio\n".write(to: secrets.appendingPathComponent("database-url"), atomically: true, encoding: .utf8)
        let file = directory.appendingPathComponent("folio.json")
        try #"{"port": 7000, "data": {"dir": "/from/file"}, "database": {"url": "postgres://file@db/folio"}}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let config = try await FolioConfig.load(environment: [
            "FOLIO_SECRETS_DIR": secrets.path, "FOLIO_CONFIG_FILE": file.path, "FOLIO_DATA_DIR": "/from/env",
        ])
        #expect(config.databaseURL == "postgres://secret@db/folio")   // secret files win over the file
        #expect(config.dataDirectory == "/from/env")                    // the environment wins over both
        #expect(config.port == 7000)

        await #expect(throws: FolioConfig.Problem.self) {
            _ = try await FolioConfig.load(environment: ["FOLIO_CONFIG_FILE": directory.appendingPathComponent("missing.json").path])
        }
    }
}
