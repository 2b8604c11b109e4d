import FolioCompat
import FolioMacros
import Foundation
import SQLKit

/// `folio bcd import`: replaces the browser compatibility data atomically and queues the pages
/// whose rendering read a feature that was added, removed or changed.
public struct CompatImporter: Sendable {
    let wiki: WikiService

    public init(wiki: WikiService) { self.wiki = wiki }

    public struct Summary: Sendable, Encodable {
        public var version: String
        public var features: Int
        public var browsers: Int
        public var added: Int
        public var removed: Int
        public var changed: Int
        public var pagesQueued: Int
        public var seconds: Double
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads and validates the whole file first: a bad file changes nothing.
    public func importFile(_ path: String, progress: @Sendable (String) -> Void = { _ in }) async throws -> Summary {
        let start = ContinuousClock.now
        guard let data = FileManager.default.contents(atPath: path) else { throw Failure(description: "\(path): cannot read the file") }
        progress("Reading \(data.count / 1_000_000) MB")
        let compat: CompatData
        do { compat = try CompatData.load(Array(data)) } catch { throw Failure(description: "\(path): \(error)") }
        progress("Comparing \(compat.features.count) features with the stored data")
        var encoded: [String: String] = [:]
        encoded.reserveCapacity(compat.features.count)
        for (key, feature) in compat.features { encoded[key] = CompatJSONWriter.json(feature) }
        let browsers = compat.browsers.mapValues { CompatJSONWriter.json($0) }
        let database = wiki.database
        let result: (added: Int, removed: Int, changed: Int, queued: Int) = try await database.transaction { sql in
            var stored: [String: String] = [:]
            for row in try await sql.raw("SELECT key, json FROM bcd_features").all() {
                stored[try row.decode(column: "key", as: String.self)] = try row.decode(column: "json", as: String.self)
            }
            let added = encoded.keys.filter { stored[$0] == nil }.sorted()
            let removed = stored.keys.filter { encoded[$0] == nil }.sorted()
            let changed = encoded.filter { key, json in stored[key].map { $0 != json } ?? false }.keys.sorted()
            progress("Storing: \(added.count) added, \(removed.count) removed, \(changed.count) changed")
            for chunk in removed.chunked(500) { try await Self.delete(sql, keys: chunk) }
            for chunk in changed.chunked(500) { try await Self.delete(sql, keys: chunk) }
            for chunk in (added + changed).chunked(200) {
                var query: SQLQueryString = "INSERT INTO bcd_features (key, json) VALUES "
                for (index, key) in chunk.enumerated() {
                    if index > 0 { query.appendLiteral(", ") }
                    query.appendLiteral("(")
                    query.appendInterpolation(bind: key)
                    query.appendLiteral(", ")
                    query.appendInterpolation(bind: encoded[key]!)
                    query.appendLiteral(")")
                }
                try await sql.raw(query).run()
            }
            var storedBrowsers: [String: String] = [:]
            for row in try await sql.raw("SELECT id, json FROM bcd_browsers").all() {
                storedBrowsers[try row.decode(column: "id", as: String.self)] = try row.decode(column: "json", as: String.self)
            }
            let browsersChanged = storedBrowsers != browsers
            if browsersChanged {
                try await sql.raw("DELETE FROM bcd_browsers").run()
                for (id, json) in browsers {
                    try await sql.raw("INSERT INTO bcd_browsers (id, json) VALUES (\(bind: id), \(bind: json))").run()
                }
            }
            try await sql.raw("DELETE FROM datasets WHERE name = 'bcd'").run()
            try await sql.raw("""
                INSERT INTO datasets (name, version, imported_at) VALUES ('bcd', \(bind: compat.version), \(bind: Clock.nowMillis()))
                """).run()
            let touched = (added + removed + changed).map { Dependency(.data, "bcd:" + $0) }
                + (browsersChanged ? [Dependency(.data, "bcd-browsers")] : [])
            let queued = try await RenderStore.enqueueDependents(sql, of: touched)
            return (added.count, removed.count, changed.count, queued)
        }
        wiki.jobs.nudge()
        let elapsed = ContinuousClock.now - start
        return Summary(version: compat.version, features: compat.features.count, browsers: compat.browsers.count,
                       added: result.added, removed: result.removed, changed: result.changed, pagesQueued: result.queued,
                       seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    private static func delete(_ sql: any SQLDatabase, keys: [String]) async throws {
        var query: SQLQueryString = "DELETE FROM bcd_features WHERE key IN ("
        for (index, key) in keys.enumerated() {
            if index > 0 { query.appendLiteral(", ") }
            query.appendInterpolation(bind: key)
        }
        query.appendLiteral(")")
        try await sql.raw(query).run()
    }
}
