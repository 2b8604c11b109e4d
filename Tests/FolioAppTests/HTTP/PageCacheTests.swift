import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
@testable import FolioApp

/// The page cache and CDN headers: anonymous views come from memory, in gzip when accepted,
/// and every change to what a view shows evicts it here, in other processes and at the CDN.
@Suite struct PageCacheTests {
    /// The background poll would race the tests' own `poll()` calls and their counts.
    static func pollByHand(_ config: inout FolioConfig) { config.pageCachePollInterval = .seconds(3600) }

    @Test(arguments: TestDatabase.kinds)
    func anonymousViewsAreServedFromMemoryUntilAPurgeSaysOtherwise(database: TestDatabase) async throws {
        try await Site.run(database, configure: Self.pollByHand) { site in
            let page = try await site.page("Web", html: "<p>First words</p>")
            try await site.services.invalidator.poll()   // the creation's own purge
            let first = try await site.anonymous.get("/en-US/docs/Web")
            #expect(first.status == .ok)
            #expect(first.headers[.cacheControl] == "public, max-age=0, s-maxage=300, must-revalidate")
            let keys = try #require(first.headers[.surrogateKey]).split(separator: " ").map(String.init)
            #expect(keys.contains("doc-\(page.id)") && keys.contains("locale-en-US"))
            #expect(first.headers[.setCookie] == nil && first.headers[.vary] == "Accept-Encoding")

            // Changed behind the cache's back (no purge): the view comes from memory.
            try await site.services.database.transaction { sql in
                try await sql.raw("UPDATE documents SET rendered_html = '<p>Changed in SQL</p>' WHERE id = \(bind: page.id)").run()
            }
            let hit = try await site.anonymous.get("/en-US/docs/Web")
            #expect(hit.text.contains("First words"))
            #expect(hit.headers[.eTag] == first.headers[.eTag])
            #expect(site.services.metrics.exposition().contains(#"folio_page_cache_lookups_total{result="hit"} 1"#))
            // Signed-in people never see cached bytes, nor does a query string.
            #expect(try await site.contributor.get("/en-US/docs/Web").text.contains("Changed in SQL"))
            #expect(try await site.contributor.get("/en-US/docs/Web").headers[.surrogateKey] == nil)
            #expect(try await site.anonymous.get("/en-US/docs/Web?x=1").text.contains("Changed in SQL"))

            // A purge recorded by another process is picked up by the invalidator's poll.
            try await site.services.database.transaction { sql in
                try await PurgeStore.record(sql, keys: ["doc-\(page.id)"], cdn: false)
            }
            #expect(try await site.services.invalidator.poll() == 1)
            #expect(try await site.anonymous.get("/en-US/docs/Web").text.contains("Changed in SQL"))

            // A purge that took its id before the newest one read, but committed after that read
            // (PostgreSQL sequences allow it), is still applied — once.
            let newest = try await site.services.database.transaction { sql in
                let newest = try #require(try await sql.raw("SELECT MAX(id) AS id FROM cache_purges").first()?.decode(column: "id", as: Int.self))
                try await sql.raw("""
                    INSERT INTO cache_purges (id, keys, created_at) VALUES (\(bind: newest + 10), 'doc-0', \(bind: Clock.nowMillis()))
                    """).run()
                return newest
            }
            #expect(try await site.services.invalidator.poll() == 0)   // read up to newest + 10
            try await site.services.database.transaction { sql in
                try await sql.raw("UPDATE documents SET rendered_html = '<p>Changed again</p>' WHERE id = \(bind: page.id)").run()
                try await sql.raw("""
                    INSERT INTO cache_purges (id, keys, created_at) VALUES (\(bind: newest + 5), \(bind: "doc-\(page.id)"), \(bind: Clock.nowMillis()))
                    """).run()
            }
            #expect(try await site.services.invalidator.poll() == 1)
            #expect(try await site.anonymous.get("/en-US/docs/Web").text.contains("Changed again"))
            #expect(try await site.services.invalidator.poll() == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func editsChildrenAndTitlesEvictTheViewsThatShowThem(database: TestDatabase) async throws {
        try await Site.run(database, configure: Self.pollByHand) { site in
            try await site.page("Web", html: "<p>Web text</p>")
            try await site.page("Web/HTML", "HTML", html: "<p>HTML text</p>")
            #expect(try await site.anonymous.get("/en-US/docs/Web").status == .ok)
            #expect(try await site.anonymous.get("/en-US/docs/Web/HTML").text.contains("HTML text"))

            // An edit through the web: this process evicts at once.
            let form = try await site.contributor.get("/en-US/docs/Web/HTML$edit")
            let basedOn = try #require(Browser.hidden("based_on", in: form.text))
            #expect(try await site.contributor.post("/en-US/docs/Web/HTML$edit", [
                ("title", "HTML"), ("content", "<p>New HTML text</p>"), ("based_on", basedOn),
            ]).status == .seeOther)
            #expect(try await site.anonymous.get("/en-US/docs/Web/HTML").text.contains("New HTML text"))

            // A new child shows in the parent's list; a new parent title in the child's breadcrumbs.
            #expect(!(try await site.anonymous.get("/en-US/docs/Web").text.contains("/en-US/docs/Web/CSS")))
            try await site.page("Web/CSS", "CSS")
            try await site.services.invalidator.poll()
            #expect(try await site.anonymous.get("/en-US/docs/Web").text.contains("/en-US/docs/Web/CSS"))
            let web = try #require(try await site.document("Web"))
            _ = try await site.services.wiki.edit(documentID: web.id, draft: RevisionDraft(title: "The Web", source: "<p>Web text</p>"),
                                                  basedOn: nil, author: nil)
            try await site.services.invalidator.poll()
            #expect(try await site.anonymous.get("/en-US/docs/Web/HTML").text.contains("The Web"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func gzipIsComputedOnceAndRevalidatesWithItsOwnETag(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            try await site.page("Web", html: String(repeating: "<p>Compressible words for the reader.</p>", count: 200))
            let gzipped = try await site.anonymous.get("/en-US/docs/Web", headers: [.acceptEncoding: "gzip"])
            #expect(gzipped.headers[.contentEncoding] == "gzip")
            #expect(Array(gzipped.body.readableBytesView.prefix(2)) == [0x1F, 0x8B])
            #expect(gzipped.headers[.contentLength] == String(gzipped.body.readableBytes))
            let etag = try #require(gzipped.headers[.eTag])
            #expect(etag.hasSuffix("-gz\""))
            let again = try await site.anonymous.get("/en-US/docs/Web", headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
            #expect(again.status == .notModified)
            let plain = try await site.anonymous.get("/en-US/docs/Web")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.body.readableBytes > gzipped.body.readableBytes * 3)
            #expect(try await site.anonymous.get("/en-US/docs/Web", headers: [.ifNoneMatch: etag]).status == .ok)
            // HEAD through a real client (the test client would wait for a body that never comes).
            var head = HTTPClientRequest(url: "http://127.0.0.1:\(try #require(site.anonymous.client.port))/en-US/docs/Web")
            head.method = .HEAD
            head.headers.add(name: "Accept-Encoding", value: "gzip")
            // (Decompression off: with it, the client expects a gzip stream after a HEAD too.)
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(decompression: .disabled))
            do {
                let headResponse = try await client.execute(head, timeout: .seconds(30))
                #expect(headResponse.status == .ok && headResponse.headers.first(name: "etag") == etag)
                #expect(try await headResponse.body.collect(upTo: 1 << 20).readableBytes == 0)
            } catch {
                try await client.shutdown()
                throw error
            }
            try await client.shutdown()
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func changesArePurgedAtTheCDNThroughTheJobQueue(database: TestDatabase) async throws {
        // A stand-in CDN that records purge requests (and fails the first one).
        let received = Mutex<[(String, String)]>([])
        let router = Hummingbird.Router()
        router.on("/", method: HTTPRequest.Method("PURGE")!) { request, _ -> HTTPResponse.Status in
            let count = received.withLock { list in
                list.append((request.method.rawValue, request.headers[HTTPField.Name("Surrogate-Key")!] ?? ""))
                return list.count
            }
            return count == 1 ? .serviceUnavailable : .ok
        }
        let cdn = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await cdn.test(.live) { client in
            let port = try #require(client.port)
            try await database.withServices(configure: { $0.cdnPurgeURLs = ["http://127.0.0.1:\(port)/"] }) { services in
                let page = try await services.wiki.create(locale: "en-US", slug: "Web", draft: RevisionDraft(title: "Web", source: "<p>x</p>"),
                                                          author: nil)
                let runner = services.jobRunner(schedules: [])
                #expect(try await runner.runOne())   // the CDN answers 503: retried later
                let waiting = try await services.database.read { try await JobStore.list($0, failedOnly: false) }
                #expect(waiting.first?.kind == JobKind.cdnPurge)
                #expect(waiting.first?.lastError?.contains("503") == true)
                // (The sitemaps rebuild the creation queued waits its five minutes.)
                try await services.database.transaction { try await $0.raw("UPDATE jobs SET run_at = 0 WHERE kind = 'cdn-purge'").run() }
                #expect(try await runner.drain() == 1)
                let requests = received.withLock { $0 }
                #expect(requests.count == 2)
                #expect(requests.last?.0 == "PURGE")
                #expect(requests.last?.1.split(separator: " ").contains("doc-\(page.id)") == true)
                #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: JobKind.cdnPurge) } == 0)
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func onlyCanonicalViewsAreKeptAndEveryAddressIsPurgeable(database: TestDatabase) async throws {
        try await Site.run(database, configure: Self.pollByHand) { site in
            let web = try await site.page("Web", html: "<p>English</p>")
            try await site.services.invalidator.poll()
            _ = try await site.anonymous.get("/en-US/docs/Web")
            #expect(site.services.pageCache.count == 1)
            // Other spellings of the address render each time rather than fill the cache.
            #expect(try await site.anonymous.get("/en-US/docs/wEB").status == .ok)
            #expect(site.services.pageCache.count == 1)

            // A fallback view (French address, English page) names its own address, and the
            // translation that comes to live there purges it.
            let fallback = try await site.anonymous.get("/fr/docs/Web")
            #expect(fallback.status == .ok && fallback.text.contains("English"))
            #expect(site.services.pageCache.count == 1)
            let keys = Set(try #require(fallback.headers[.surrogateKey]).split(separator: " ").map(String.init))
            _ = try await site.services.wiki.create(locale: "fr", slug: "Web", draft: RevisionDraft(title: "Web", source: "<p>Français</p>"),
                                                    author: nil, translationOfID: web.id)
            let purged = try await site.services.database.read { sql in
                try await PurgeStore.since(sql, id: 0).flatMap(\.keys)
            }
            #expect(keys.contains(SurrogateKeys.address(locale: "fr", slug: "Web")))
            #expect(!keys.isDisjoint(with: purged))

            // A stale session cookie is cleared, and that answer is nobody else's.
            let stale = try await site.anonymous.get("/en-US/docs/Web", headers: [.cookie: "folio_session=not-a-session"])
            #expect(stale.headers[.setCookie] != nil)
            #expect(stale.headers[.cacheControl] == "private, no-store" && stale.headers[.surrogateKey] == nil)

            // A background re-render that changes nothing purges nothing.
            let before = try await site.count("cache_purges")
            _ = try await site.services.wiki.rerender(documentID: web.id)
            #expect(try await site.count("cache_purges") == before)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aBurstOfPurgesDoesNotHideTheNextOnes(database: TestDatabase) async throws {
        try await Site.run(database, configure: Self.pollByHand) { site in
            let page = try await site.page("Web", html: "<p>First</p>")
            try await site.services.invalidator.poll()
            // 1,500 purges at once (a subtree move), all recent: more than one poll's worth.
            try await site.services.database.transaction { sql in
                for _ in 0..<15 {
                    try await sql.raw("""
                        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
                        INSERT INTO cache_purges (keys, created_at) SELECT 'doc-0', \(bind: Clock.nowMillis()) FROM n
                        """).run()
                }
            }
            try await site.services.invalidator.poll()
            try await site.services.invalidator.poll()
            _ = try await site.anonymous.get("/en-US/docs/Web")
            #expect(site.services.pageCache.count == 1)
            try await site.services.database.transaction { sql in
                try await sql.raw("UPDATE documents SET rendered_html = '<p>Second</p>' WHERE id = \(bind: page.id)").run()
                try await PurgeStore.record(sql, keys: [SurrogateKeys.document(page.id)], cdn: false)
            }
            #expect(try await site.services.invalidator.poll() == 1)
            #expect(try await site.anonymous.get("/en-US/docs/Web").text.contains("Second"))
        }
    }

    @Test func theCacheStaysWithinItsBudgetDroppingTheLeastRecentlyUsed() {
        let cache = PageCache(budgetBytes: 40_000)
        let body = [UInt8](repeating: 0x41, count: 4_000)
        for index in 0..<20 {
            cache.store("/p\(index)", status: .ok, headers: [:], body: body, keys: ["doc-\(index)", "all"])
            _ = cache.lookup("/p0")   // kept hot
        }
        #expect(cache.bytes <= 40_000)
        #expect(cache.lookup("/p0") != nil)
        #expect(cache.lookup("/p1") == nil)
        #expect(cache.lookup("/p19") != nil)
        #expect(cache.evict(keys: ["doc-19"]) == 1)
        #expect(cache.lookup("/p19") == nil)
        cache.evict(keys: ["all"])
        #expect(cache.count == 0 && cache.bytes == 0)
        // A view rendered while a purge came in is served but not kept: it may predate the change.
        let before = cache.epoch
        cache.evict(keys: ["doc-7"])
        #expect(cache.store("/late", status: .ok, headers: [:], body: body, keys: ["doc-7"], epoch: before) != nil)
        #expect(cache.lookup("/late") == nil)
        cache.store("/late", status: .ok, headers: [:], body: body, keys: ["doc-7"], epoch: cache.epoch)
        #expect(cache.lookup("/late") != nil)
        let expiring = PageCache(budgetBytes: 40_000, maxAge: .zero)
        expiring.store("/x", status: .ok, headers: [:], body: body, keys: [])
        #expect(expiring.lookup("/x") == nil)
    }
}
