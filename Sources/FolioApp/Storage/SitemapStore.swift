import FolioWiki
import Foundation
import SQLKit

/// Sitemaps (sitemaps.org 0.9): one file per locale listing its readable pages, split every
/// 50,000 URLs as the protocol requires, and an index (`/sitemap.xml`) built from the rows at
/// request time. The `sitemaps` job rebuilds every file in one transaction, so readers never
/// see half a set.
enum SitemapStore {
    static let job = "sitemaps"
    /// The protocol's limit of URLs per file.
    static let urlsPerFile = 50_000

    /// How long after a page change the sitemaps are rebuilt: changes in the meantime share
    /// that one rebuild (the daily run is the backstop).
    static let rebuildDelayMilliseconds = 300_000

    /// Queues a rebuild for five minutes from now, unless one is already waiting (`enqueue`
    /// never pushes a waiting job back); one running now runs again.
    static func scheduleRebuild(_ sql: any SQLDatabase) async throws {
        try await JobStore.enqueue(sql, kind: job, payload: "", runAt: Clock.nowMillis() + rebuildDelayMilliseconds)
    }

    struct Summary: Sendable, Equatable {
        var files = 0
        var urls = 0
    }

    struct File: Sendable {
        let name: String
        let xml: String
        let generatedAt: Int
    }

    /// Rebuilds every sitemap. `siteURL` is the configured public URL (never a Host header).
    @discardableResult
    static func rebuild(_ sql: any SQLDatabase, siteURL: String, now: Int = Clock.nowMillis()) async throws -> Summary {
        // Readable pages only: no redirects, no deleted pages, none without a revision.
        let rows = try await sql.raw("""
            SELECT locale, slug, modified_at FROM documents
            WHERE redirect_to_id IS NULL AND deleted_at IS NULL AND current_revision_id IS NOT NULL
            ORDER BY locale, slug_key
            """).all()
        var byLocale: [(locale: String, pages: [(slug: String, modified: Int)])] = []
        for row in rows {
            let locale = try row.decode(column: "locale", as: String.self)
            let page = (try row.decode(column: "slug", as: String.self), try row.decode(column: "modified_at", as: Int.self))
            if byLocale.last?.locale == locale { byLocale[byLocale.count - 1].pages.append(page) } else { byLocale.append((locale, [page])) }
        }
        var summary = Summary()
        try await sql.raw("DELETE FROM sitemaps").run()
        for (locale, pages) in byLocale {
            for (part, start) in stride(from: 0, to: pages.count, by: urlsPerFile).enumerated() {
                let chunk = pages[start..<min(start + urlsPerFile, pages.count)]
                var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
                xml += #"<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"# + "\n"
                for page in chunk {
                    let loc = siteURL + Document.path(locale: locale, slug: page.slug)
                    xml += "<url><loc>\(HTMLEscape.escape(loc))</loc><lastmod>\(w3cDate(page.modified))</lastmod></url>\n"
                }
                xml += "</urlset>\n"
                try await sql.raw("""
                    INSERT INTO sitemaps (name, locale, xml, url_count, generated_at)
                    VALUES (\(bind: fileName(locale: locale, part: part + 1)), \(bind: locale), \(bind: xml), \(bind: chunk.count), \(bind: now))
                    """).run()
                summary.files += 1
                summary.urls += chunk.count
            }
        }
        return summary
    }

    /// `en-US/sitemap.xml`, then `en-US/sitemap-2.xml`…
    static func fileName(locale: String, part: Int) -> String {
        part == 1 ? "\(locale)/sitemap.xml" : "\(locale)/sitemap-\(part).xml"
    }

    static func file(_ sql: any SQLDatabase, name: String) async throws -> File? {
        guard let row = try await sql.raw("SELECT name, xml, generated_at FROM sitemaps WHERE name = \(bind: name)").first() else {
            return nil
        }
        return File(name: name, xml: try row.decode(column: "xml", as: String.self),
                    generatedAt: try row.decode(column: "generated_at", as: Int.self))
    }

    /// The files (without their XML), in locale order.
    static func list(_ sql: any SQLDatabase) async throws -> [(name: String, generatedAt: Int)] {
        try await sql.raw("SELECT name, generated_at FROM sitemaps ORDER BY locale, length(name), name").all().map {
            (try $0.decode(column: "name", as: String.self), try $0.decode(column: "generated_at", as: Int.self))
        }
    }

    /// The index: where each file is, and when it was made.
    static func index(files: [(name: String, generatedAt: Int)], siteURL: String) -> String {
        var xml = #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
        xml += #"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">"# + "\n"
        for file in files {
            xml += "<sitemap><loc>\(HTMLEscape.escape(siteURL + "/sitemaps/" + file.name))</loc><lastmod>\(w3cDate(file.generatedAt))</lastmod></sitemap>\n"
        }
        return xml + "</sitemapindex>\n"
    }

    /// `2026-12-06T18:11:32Z`, the W3C date-time sitemaps use.
    static func w3cDate(_ millis: Int) -> String {
        Date(timeIntervalSince1970: Double(millis / 1000)).formatted(.iso8601)
    }
}
