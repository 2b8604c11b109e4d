import Foundation
import Logging
import Testing
@testable import FolioApp

/// The databases every store and HTTP test runs against. PostgreSQL joins when
/// `FOLIO_TEST_DATABASE_URL` is set; in CI (`CI=true`) it is mandatory.
enum TestDatabase: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static let postgresURL = ProcessInfo.processInfo.environment["FOLIO_TEST_DATABASE_URL"]
    static let isCI = ProcessInfo.processInfo.environment["CI"] == "true"

    static let kinds: [TestDatabase] = {
        if postgresURL != nil || isCI { return [.sqlite, .postgres] }
        FileHandle.standardError.write(Data("""
            ⚠️  PostgreSQL tests SKIPPED: set FOLIO_TEST_DATABASE_URL=postgres://user@127.0.0.1:5432/db to run them \
            (`.ci/run` starts a throwaway server and does).\n
            """.utf8))
        return [.sqlite]
    }()

    static let logger: Logger = {
        var logger = Logger(label: "folio-test")
        logger.logLevel = .warning
        return logger
    }()

    /// Runs `body` with services on a fresh, empty database of this kind, then removes it.
    func withServices<T: Sendable>(demo: Bool = false, maxBodyBytes: Int = 64 * 1024,
                                   configure: (inout FolioConfig) -> Void = { _ in },
                                   _ body: (FolioServices) async throws -> T) async throws -> T {
        try await withEmptyServices(demo: demo, maxBodyBytes: maxBodyBytes, configure: configure) { services async throws in
            if demo { _ = try await Bootstrap.run(services) }
            return try await body(services)
        }
    }

    private func withEmptyServices<T: Sendable>(demo: Bool, maxBodyBytes: Int, configure: (inout FolioConfig) -> Void,
                                                _ body: (FolioServices) async throws -> T) async throws -> T {
        var config = FolioConfig()
        config.bcryptCost = 4
        config.demoContent = demo
        config.maxBodyBytes = maxBodyBytes
        config.databasePoolSize = 4
        configure(&config)
        let name = "t" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        // Files (the SQLite database, attachments) go to a folder of this test's own.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("folio-test-\(name)").path
        config.dataDirectory = directory
        defer { try? FileManager.default.removeItem(atPath: directory) }
        switch self {
        case .sqlite:
            let services = try await FolioServices.start(config: config, logger: Self.logger)
            do {
                let result = try await body(services)
                await services.shutdown()
                return result
            } catch {
                await services.shutdown()
                throw error
            }
        case .postgres:
            guard let url = Self.postgresURL else {
                throw TestSetupError("PostgreSQL is mandatory in CI but FOLIO_TEST_DATABASE_URL is not set")
            }
            config.databaseURL = url
            let admin = try await Database.postgres(url: url, poolSize: 1, logger: Self.logger)
            try await admin.transaction { try await $0.raw("CREATE SCHEMA \(ident: name)").run() }
            do {
                let services = try await FolioServices.start(config: config, logger: Self.logger, searchPath: name)
                let result: T
                do { result = try await body(services) } catch {
                    await services.shutdown()
                    throw error
                }
                await services.shutdown()
                try await admin.transaction { try await $0.raw("DROP SCHEMA \(ident: name) CASCADE").run() }
                await admin.shutdown()
                return result
            } catch {
                try? await admin.transaction { try await $0.raw("DROP SCHEMA \(ident: name) CASCADE").run() }
                await admin.shutdown()
                throw error
            }
        }
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension TestDatabase {
    /// Another process's services on the same database (same SQLite file or PostgreSQL schema),
    /// with settings changed: a second worker, a `web` process using a renderer… Shut it down.
    static func sibling(of services: FolioServices, configure: (inout FolioConfig) -> Void) async throws -> FolioServices {
        var config = services.config
        configure(&config)
        return try await FolioServices.start(config: config, logger: logger, searchPath: services.searchPath)
    }

    /// Runs `body` with a sibling, shutting it down afterwards whatever happens.
    static func withSibling<T: Sendable>(of services: FolioServices, configure: (inout FolioConfig) -> Void,
                                         _ body: (FolioServices) async throws -> T) async throws -> T {
        let sibling = try await Self.sibling(of: services, configure: configure)
        do {
            let result = try await body(sibling)
            await sibling.shutdown()
            return result
        } catch {
            await sibling.shutdown()
            throw error
        }
    }
}
