import Crypto
import FolioMacros
import Foundation
import SQLKit

/// Imports data sets macros read (MDN's CSS definitions), atomically: the files are validated
/// first, then replace the old ones in one transaction, and the pages that used the data are
/// queued for re-rendering.
public struct DataImporter: Sendable {
    let wiki: WikiService

    public init(wiki: WikiService) { self.wiki = wiki }

    public struct Summary: Sendable, Encodable {
        public var files: Int
        public var properties: Int
        public var syntaxes: Int
        public var version: String
        public var changed: Bool
        public var pagesQueued: Int
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public func importCSS(folder: String) async throws -> Summary {
        var files: [String: [UInt8]] = [:]
        for path in CSSData.requiredFiles + CSSData.optionalFiles {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                if CSSData.requiredFiles.contains(path) { throw Failure(description: "\(folder): \(path) is missing") }
                continue
            }
            guard String(data: data, encoding: .utf8) != nil else { throw Failure(description: "\(path): not UTF-8 text") }
            files[path] = Array(data)
        }
        let parsed: CSSData
        do { parsed = try CSSData(files: files) } catch { throw Failure(description: "\(error)") }
        var hasher = SHA256()
        for path in files.keys.sorted() {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: files[path]!)
        }
        let version = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let (changed, queued): (Bool, Int) = try await wiki.database.transaction { sql in
            let old = try await sql.raw("SELECT version FROM datasets WHERE name = 'css'").first()?.decode(column: "version", as: String.self)
            if old == version { return (false, 0) }
            try await sql.raw("DELETE FROM data_files WHERE dataset = 'css'").run()
            for (path, bytes) in files {
                try await sql.raw("""
                    INSERT INTO data_files (dataset, path, content) VALUES ('css', \(bind: path), \(bind: String(decoding: bytes, as: UTF8.self)))
                    """).run()
            }
            try await sql.raw("DELETE FROM datasets WHERE name = 'css'").run()
            try await sql.raw("""
                INSERT INTO datasets (name, version, imported_at) VALUES ('css', \(bind: version), \(bind: Clock.nowMillis()))
                """).run()
            return (true, try await RenderStore.enqueueDependents(sql, of: [Dependency(.data, "css")]))
        }
        wiki.jobs.nudge()
        return Summary(files: files.count, properties: parsed.properties.count, syntaxes: parsed.syntaxes.count, version: version,
                       changed: changed, pagesQueued: queued)
    }
}
