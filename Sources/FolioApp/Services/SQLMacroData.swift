import FolioCompat
import FolioMacros
import FolioWiki
import Foundation
import SQLKit

/// Answers macros' data requests from the database, inside the render's transaction, in
/// batches (one query per kind of request and locale, not one per macro call).
struct SQLMacroData: MacroDataSource {
    let sql: any SQLDatabase
    let datasets: DatasetCache

    private static let columns = "d.id, d.locale, d.slug, d.title, d.summary, d.page_type, d.redirect_to_id"

    func fetch(_ requests: [DataRequest]) async throws -> [DataRequest: DataResult] {
        var results: [DataRequest: DataResult] = [:]
        var pageKeys: [String: Set<String>] = [:]
        var compatKeys: [String] = []
        for request in requests {
            switch request {
            case .page(let locale, let key): pageKeys[locale, default: []].insert(key)
            case .children(let locale, let key, let depth): results[request] = .children(try await children(locale, key, depth))
            case .translations(let key): results[request] = .translations(try await translations(key))
            case .cssData: results[request] = .cssData(try await datasets.css(sql))
            case .compatFeature(let key): compatKeys.append(key)
            case .compatBrowsers: results[request] = .compatBrowsers(try await compatBrowsers())
            }
        }
        if !compatKeys.isEmpty {
            let found = try await compatFeatures(compatKeys)
            for key in compatKeys { results[.compatFeature(key: key)] = .compatFeature(found[key]) }
        }
        for (locale, keys) in pageKeys {
            let found = try await pages(locale: locale, keys: Array(keys))
            for key in keys { results[.page(locale: locale, key: key)] = .page(found[key]) }
        }
        return results
    }

    private func compatFeatures(_ keys: [String]) async throws -> [String: Feature] {
        var found: [String: Feature] = [:]
        let decoder = JSONDecoder()
        for chunk in keys.chunked(200) {
            var query: SQLQueryString = "SELECT key, json FROM bcd_features WHERE key IN ("
            for (index, key) in chunk.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: key)
            }
            query.appendLiteral(")")
            for row in try await sql.raw(query).all() {
                let json = try row.decode(column: "json", as: String.self)
                found[try row.decode(column: "key", as: String.self)] = try decoder.decode(Feature.self, from: Data(json.utf8))
            }
        }
        return found
    }

    private func compatBrowsers() async throws -> [String: Browser] {
        let decoder = JSONDecoder()
        var browsers: [String: Browser] = [:]
        for row in try await sql.raw("SELECT id, json FROM bcd_browsers").all() {
            let json = try row.decode(column: "json", as: String.self)
            browsers[try row.decode(column: "id", as: String.self)] = try decoder.decode(Browser.self, from: Data(json.utf8))
        }
        return browsers
    }

    /// Live pages by slug key; a redirect answers with the page it points to.
    private func pages(locale: String, keys: [String]) async throws -> [String: PageInfo] {
        var found: [String: PageInfo] = [:]
        var redirects: [String: Int] = [:]   // slug key → target id
        for chunk in keys.chunked(200) {
            var query: SQLQueryString = "SELECT \(unsafeRaw: Self.columns), d.slug_key FROM documents d WHERE d.deleted_at IS NULL AND d.locale = "
            query.appendInterpolation(bind: locale)
            query.appendLiteral(" AND d.slug_key IN (")
            for (index, key) in chunk.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: key)
            }
            query.appendLiteral(")")
            var ids: [String: Int] = [:]
            var infos: [Int: PageInfo] = [:]
            for row in try await sql.raw(query).all() {
                let key = try row.decode(column: "slug_key", as: String.self)
                if let target = try row.decode(column: "redirect_to_id", as: Int?.self) { redirects[key] = target; continue }
                let (id, info) = try Self.info(row)
                infos[id] = info
                ids[key] = id
            }
            try await addTags(&infos)
            for (key, id) in ids { found[key] = infos[id] }
        }
        if !redirects.isEmpty {
            let targets = try await byIDs(Array(Set(redirects.values)))
            for (key, id) in redirects { if let info = targets[id] { found[key] = info } }
        }
        return found
    }

    private func byIDs(_ ids: [Int]) async throws -> [Int: PageInfo] {
        var infos: [Int: PageInfo] = [:]
        for chunk in ids.chunked(200) {
            let list = chunk.map(String.init).joined(separator: ", ")
            for row in try await sql.raw("""
                SELECT \(unsafeRaw: Self.columns) FROM documents d
                WHERE d.id IN (\(unsafeRaw: list)) AND d.deleted_at IS NULL AND d.redirect_to_id IS NULL
                """).all() {
                let (id, info) = try Self.info(row)
                infos[id] = info
            }
        }
        try await addTags(&infos)
        return infos
    }

    /// Subpages down to `depth` levels, each level sorted by title.
    private func children(_ locale: String, _ key: String, _ depth: Int) async throws -> [PageTree]? {
        guard let root = try await sql.raw("""
            SELECT id FROM documents WHERE locale = \(bind: locale) AND slug_key = \(bind: key)
              AND deleted_at IS NULL AND redirect_to_id IS NULL
            """).first() else { return nil }
        var levels: [[(id: Int, parent: Int, info: PageInfo)]] = []
        var parents = [try root.decode(column: "id", as: Int.self)]
        for _ in 0..<depth where !parents.isEmpty {
            var level: [(id: Int, parent: Int, info: PageInfo)] = []
            for chunk in parents.chunked(200) {
                let list = chunk.map(String.init).joined(separator: ", ")
                for row in try await sql.raw("""
                    SELECT \(unsafeRaw: Self.columns), d.parent_id FROM documents d
                    WHERE d.parent_id IN (\(unsafeRaw: list)) AND d.deleted_at IS NULL AND d.redirect_to_id IS NULL
                    """).all() {
                    let (id, info) = try Self.info(row)
                    level.append((id, try row.decode(column: "parent_id", as: Int.self), info))
                }
            }
            var infos = Dictionary(uniqueKeysWithValues: level.map { ($0.id, $0.info) })
            try await addTags(&infos)
            level = level.map { ($0.id, $0.parent, infos[$0.id]!) }
            levels.append(level)
            parents = level.map(\.id)
        }
        // Assemble bottom-up.
        var built: [Int: [PageTree]] = [:]   // parent id → its subtrees
        for level in levels.reversed() {
            var next: [Int: [PageTree]] = [:]
            for item in level {
                next[item.parent, default: []].append(PageTree(page: item.info, children: built[item.id] ?? []))
            }
            built = next.mapValues { $0.sorted { PageInfo.listingOrder($0.page, $1.page) } }
        }
        return built.values.first ?? []
    }

    private func translations(_ key: String) async throws -> [PageInfo] {
        var infos: [Int: PageInfo] = [:]
        for row in try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM documents d JOIN documents o ON o.id = d.translation_of_id
            WHERE o.locale = 'en-US' AND o.slug_key = \(bind: key) AND d.deleted_at IS NULL AND d.redirect_to_id IS NULL
            """).all() {
            let (id, info) = try Self.info(row)
            infos[id] = info
        }
        try await addTags(&infos)
        return infos.values.sorted { $0.locale < $1.locale }
    }

    private func addTags(_ infos: inout [Int: PageInfo]) async throws {
        guard !infos.isEmpty else { return }
        for chunk in Array(infos.keys).chunked(200) {
            let list = chunk.map(String.init).joined(separator: ", ")
            for row in try await sql.raw("""
                SELECT document_id, tag FROM document_tags WHERE document_id IN (\(unsafeRaw: list)) ORDER BY tag
                """).all() {
                infos[try row.decode(column: "document_id", as: Int.self)]?.tags.append(try row.decode(column: "tag", as: String.self))
            }
        }
    }

    private static func info(_ row: any SQLRow) throws -> (Int, PageInfo) {
        (try row.decode(column: "id", as: Int.self),
         PageInfo(locale: try row.decode(column: "locale", as: String.self), slug: try row.decode(column: "slug", as: String.self),
                  title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String.self),
                  tags: [], pageType: try row.decode(column: "page_type", as: String?.self)))
    }
}

/// Parsed data sets, kept per process and reloaded when an import changes their version.
final class DatasetCache: Sendable {
    private let state = Mutex<(version: String?, css: CSSData?)>((nil, nil))

    func css(_ sql: any SQLDatabase) async throws -> CSSData? {
        guard let row = try await sql.raw("SELECT version FROM datasets WHERE name = 'css'").first() else { return nil }
        let version = try row.decode(column: "version", as: String.self)
        if let cached = state.withLock({ $0.version == version ? $0.css : nil }) { return cached }
        var files: [String: [UInt8]] = [:]
        for file in try await sql.raw("SELECT path, content FROM data_files WHERE dataset = 'css'").all() {
            files[try file.decode(column: "path", as: String.self)] = Array(try file.decode(column: "content", as: String.self).utf8)
        }
        let data = try CSSData(files: files)
        state.withLock { $0 = (version, data) }
        return data
    }
}

import Synchronization
