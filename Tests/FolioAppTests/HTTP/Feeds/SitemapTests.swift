import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// Sitemaps: built by a job (five minutes after page changes, and daily) from readable pages only, one file per locale, URLs on the
/// configured site URL whatever Host a request names.
@Suite struct SitemapTests {
    @Test(arguments: TestDatabase.kinds)
    func pageChangesQueueOneRebuildThatEditingCannotPostpone(database: TestDatabase) async throws {
        try await database.withServices { services in
            func waiting() async throws -> [JobStore.Listing] {
                try await services.database.read { try await JobStore.list($0, failedOnly: false) }.filter { $0.kind == JobKind.sitemaps }
            }
            let before = Clock.nowMillis()
            let page = try await services.wiki.create(locale: "en-US", slug: "Web", draft: RevisionDraft(title: "Web", source: "<p>a</p>"),
                                                      author: nil)
            let first = try #require(try await waiting().first)
            #expect(try await waiting().count == 1)
            #expect(first.runAt >= before + SitemapStore.rebuildDelayMilliseconds - 1000)
            #expect(first.runAt <= Clock.nowMillis() + SitemapStore.rebuildDelayMilliseconds)
            try await Task.sleep(for: .milliseconds(20))
            _ = try await services.wiki.edit(documentID: page.id, draft: RevisionDraft(title: "Web", source: "<p>b</p>"), basedOn: nil,
                                         author: nil)
            #expect(try await waiting().map(\.runAt) == [first.runAt], "a later change must not push the rebuild back")
            // Due: the worker rebuilds, with the page in it.
            try await services.database.transaction { try await $0.raw("UPDATE jobs SET run_at = 0").run() }
            _ = try await services.jobRunner(schedules: []).drain()
            #expect(try await waiting().isEmpty)
            let file = try await services.database.read { try await SitemapStore.file($0, name: SitemapStore.fileName(locale: "en-US", part: 1)) }
            #expect(file?.xml.contains("/en-US/docs/Web</loc>") == true)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theJobListsReadablePagesPerLocale(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { $0.siteURL = "https://docs.example.org" }) { site in
            // Before the first run: an empty index, and 404 for a locale's file.
            let empty = try await site.anonymous.get("/sitemap.xml")
            #expect(empty.status == .ok && !empty.text.contains("<sitemap>"))
            #expect(try await site.anonymous.get("/sitemaps/en-US/sitemap.xml").status == .notFound)

            try await site.page("Web")
            try await site.page("Web/R&D", "R and D")
            let old = try await site.page("Old")
            _ = try await site.services.wiki.move(documentID: old.id, to: "Renamed", author: nil)   // leaves a redirect at Old
            let gone = try await site.page("Gone")
            _ = try await site.services.wiki.delete(documentID: gone.id, reason: "spam", by: nil)
            try await site.page("Web", locale: "it")

            let runner = site.services.jobRunner(schedules: [])
            try await site.services.database.transaction { try await JobStore.enqueue($0, kind: JobKind.sitemaps, payload: "") }
            // This runner or the site's own (role `all` runs jobs) does it; wait until it is done.
            _ = try await runner.drain()
            for _ in 0..<100 where try await site.services.database.read({ try await JobStore.pendingCount($0, kind: JobKind.sitemaps) }) > 0 {
                try await Task.sleep(for: .milliseconds(100))
            }

            let index = try await site.anonymous.get("/sitemap.xml")
            #expect(index.headers[.contentType] == "application/xml; charset=utf-8")
            #expect(index.headers[.cacheControl] == "public, max-age=3600")
            #expect(index.text.contains("<loc>https://docs.example.org/sitemaps/en-US/sitemap.xml</loc>"))
            #expect(index.text.contains("<loc>https://docs.example.org/sitemaps/it/sitemap.xml</loc>"))

            let english = try await site.anonymous.get("/sitemaps/en-US/sitemap.xml")
            #expect(english.status == .ok)
            let locs = english.text.components(separatedBy: "<loc>").dropFirst().map { $0.components(separatedBy: "</loc>")[0] }
            #expect(locs == ["https://docs.example.org/en-US/docs/Renamed", "https://docs.example.org/en-US/docs/Web",
                             "https://docs.example.org/en-US/docs/Web/R%26D"])
            #expect(english.text.contains("<lastmod>20"))
            let italian = try await site.anonymous.get("/sitemaps/it/sitemap.xml")
            #expect(italian.text.contains("<loc>https://docs.example.org/it/docs/Web</loc>"))
            #expect(!italian.text.contains("en-US"))

            // Names the job never writes are not looked up.
            for path in ["/sitemaps/en-US/other.xml", "/sitemaps/xx/sitemap.xml", "/sitemaps/en-US/../it/sitemap.xml"] {
                #expect(try await site.anonymous.get(path).status == .notFound, "\(path)")
            }
            #expect(try await site.anonymous.get("/robots.txt").text.contains("Sitemap: https://docs.example.org/sitemap.xml"))
        }
    }

    @Test func largeLocalesAreSplitAtTheProtocolsLimit() async throws {
        try await TestDatabase.sqlite.withServices(configure: { _ in }) { services in
            // Rows straight into the table: 50,001 pages through the wiki would take minutes.
            try await services.database.transaction { sql in
                try await sql.raw("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50001)
                    INSERT INTO documents (uuid, locale, slug, slug_key, title, current_revision_id, rendered_html, etag,
                                           created_at, modified_at)
                    SELECT 'u' || i, 'fr', 'P' || i, 'p' || i, 'P', 1, '', '', 0, 0 FROM n
                    """).run()
            }
            let summary = try await services.database.transaction {
                try await SitemapStore.rebuild($0, siteURL: "http://x", now: 0)
            }
            #expect(summary == SitemapStore.Summary(files: 2, urls: 50_001))
            let files = try await services.database.read { try await SitemapStore.list($0) }
            #expect(files.map(\.name) == ["fr/sitemap.xml", "fr/sitemap-2.xml"])
            let second = try #require(try await services.database.read { try await SitemapStore.file($0, name: "fr/sitemap-2.xml") })
            #expect(second.xml.components(separatedBy: "<url>").count == 2)
        }
    }
}
