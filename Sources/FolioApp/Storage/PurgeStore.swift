import Crypto
import FolioWiki
import Foundation
import SQLKit

/// Surrogate keys: names for what a cached page view shows, so a change can purge exactly the
/// views that show it, from this process's page cache, every other web process's, and the CDN.
///
/// A page view of P shows P itself, its children (titles), its ancestors (breadcrumb titles) and
/// the list of its translations. It carries `doc-P`, `tree-A` for each ancestor A, and
/// `translations-E` for its English original E (or P itself). A change to D purges `doc-D`, the
/// parent's `doc-` (its children list), `translations-E`, and — when D's title or place changed —
/// `tree-D`, which every page below D carries.
enum SurrogateKeys {
    static func document(_ id: Int) -> String { "doc-\(id)" }
    static func tree(_ id: Int) -> String { "tree-\(id)" }
    static func translations(_ englishID: Int) -> String { "translations-\(englishID)" }
    static func locale(_ locale: String) -> String { "locale-\(locale)" }
    /// An address, whatever page it shows: a fallback view (`/fr/docs/X` showing the English X)
    /// is purged when a page comes to live at that address. (Hashed: keys are space-separated
    /// tokens, slugs may hold any character.)
    static func address(locale: String, slug: String) -> String {
        let key = Locales.canonical(locale).map { $0 + "/" } ?? locale + "/"
        return "addr-" + String(SHA256.hash(data: Data((key + Slug.key(slug)).utf8)).prefix(8).map { String(format: "%02x", $0) }.joined())
    }

    /// The keys of a page view.
    static func view(of document: Document, ancestors: [Document], address: (locale: String, slug: String)) -> [String] {
        [Self.document(document.id), translations(document.translationOfID ?? document.id), locale(document.locale),
         Self.address(locale: address.locale, slug: address.slug)]
            + ancestors.map { tree($0.id) }
    }

    /// What a change to `document` purges. `structural`: its title, slug or existence changed.
    static func change(of document: Document, structural: Bool) -> [String] {
        var keys = [Self.document(document.id), translations(document.translationOfID ?? document.id),
                    address(locale: document.locale, slug: document.slug)]
        if let parentID = document.parentID { keys.append(Self.document(parentID)) }
        if structural { keys.append(tree(document.id)) }
        return keys
    }
}

/// The purge log (`cache_purges`): written in the transaction of each change, read by every web
/// process's cache invalidator and by the CDN purge job, cleaned up after a day.
enum PurgeStore {
    static let cdnPurgeJob = "cdn-purge"

    /// Records `keys` as changed; with a CDN configured, queues the job that purges them there.
    static func record(_ sql: any SQLDatabase, keys: [String], cdn: Bool) async throws {
        let keys = Array(Set(keys)).sorted()
        guard !keys.isEmpty else { return }
        let row = try await sql.raw("""
            INSERT INTO cache_purges (keys, created_at) VALUES (\(bind: keys.joined(separator: " ")), \(bind: Clock.nowMillis()))
            RETURNING id
            """).first()
        if cdn, let id = try row?.decode(column: "id", as: Int.self) {
            try await JobStore.enqueue(sql, kind: cdnPurgeJob, payload: String(id))
        }
        // A page changed (not only a file): the sitemaps follow within minutes.
        if keys.contains(where: { $0.hasPrefix("doc-") || $0.hasPrefix("addr-") }) {
            try await SitemapStore.scheduleRebuild(sql)
        }
    }

    struct Purge: Sendable { let id: Int; let keys: [String] }

    /// Purges recorded after `id` (at most `limit`), then those among the 1,000 ids up to `id`
    /// recorded less than `recentMillis` ago, oldest first. The second part matters on
    /// PostgreSQL: ids come from a sequence at insert time, so a transaction that took a lower id
    /// can commit after a higher one was already read. Two queries, so that a burst of recent
    /// rows never hides the new ones. (The id bounds keep both scans on the primary key.)
    static func since(_ sql: any SQLDatabase, id: Int, recentMillis: Int = 0, limit: Int = 1000) async throws -> [Purge] {
        let decode: (any SQLRow) throws -> Purge = {
            Purge(id: try $0.decode(column: "id", as: Int.self),
                  keys: try $0.decode(column: "keys", as: String.self).split(separator: " ").map(String.init))
        }
        let new = try await sql.raw("""
            SELECT id, keys FROM cache_purges WHERE id > \(bind: id) ORDER BY id LIMIT \(bind: limit)
            """).all().map(decode)
        guard recentMillis > 0 else { return new }
        let late = try await sql.raw("""
            SELECT id, keys FROM cache_purges
            WHERE id > \(bind: id - 1000) AND id <= \(bind: id) AND created_at >= \(bind: Clock.nowMillis() - recentMillis)
            ORDER BY id
            """).all().map(decode)
        return late + new
    }

    static func latestID(_ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw("SELECT MAX(id) AS id FROM cache_purges").first()?.decode(column: "id", as: Int?.self) ?? 0
    }

    static func keys(_ sql: any SQLDatabase, id: Int) async throws -> [String]? {
        try await sql.raw("SELECT keys FROM cache_purges WHERE id = \(bind: id)").first()?
            .decode(column: "keys", as: String.self).split(separator: " ").map(String.init)
    }

    /// Rows older than a day: every process has read them long ago.
    static func cleanUp(_ sql: any SQLDatabase) async throws {
        try await sql.raw("DELETE FROM cache_purges WHERE created_at < \(bind: Clock.nowMillis() - 86_400_000)").run()
    }
}
