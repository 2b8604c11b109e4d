import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import FolioApp

/// Cached page views answered on the event loop send what the responder sends.
@Suite struct CachedPageHandlerTests {
    static func direct(_ site: Site) -> Int {
        let line = site.services.metrics.exposition().split(separator: "\n")
            .first { $0.hasPrefix("folio_page_cache_direct_hits_total ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// Headers that differ between any two answers: the request id.
    static func comparable(_ headers: HTTPFields) -> [String: String] {
        var result: [String: String] = [:]
        for field in headers where field.name != .requestID { result[field.name.canonicalName, default: ""] += field.value + ";" }
        return result
    }

    @Test(arguments: TestDatabase.kinds)
    func directAnswersMatchTheResponders(database: TestDatabase) async throws {
        try await Site.run(database, configure: PageCacheTests.pollByHand) { site in
            try await site.page("Web", html: "<p>Direct words</p>")
            try await site.services.invalidator.poll()
            for headers: HTTPFields in [[:], [.acceptEncoding: "gzip"]] {
                site.services.pageCache.evictAll()
                let before = Self.direct(site)
                let made = try await site.anonymous.get("/en-US/docs/Web", headers: headers)     // responder, stored
                let direct = try await site.anonymous.get("/en-US/docs/Web", headers: headers)   // event loop
                #expect(Self.direct(site) == before + 1, "the second view was not answered directly")
                #expect(made.status == .ok && direct.status == .ok)
                #expect(Self.comparable(made.headers) == Self.comparable(direct.headers))
                #expect(made.body == direct.body)
                #expect(direct.headers[.requestID] != nil && direct.headers[.requestID] != made.headers[.requestID])
                #expect(direct.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

                // Revalidation and HEAD come the same way.
                let etag = try #require(direct.headers[.eTag])
                var conditional = headers
                conditional[.ifNoneMatch] = etag
                let notModified = try await site.anonymous.get("/en-US/docs/Web", headers: conditional)
                #expect(notModified.status == .notModified && notModified.body.readableBytes == 0)
                #expect(notModified.headers[.eTag] == etag && notModified.headers[.contentType] == nil)
                let head = try await site.anonymous.request("/en-US/docs/Web", method: .head, headers: headers)
                #expect(head.status == .ok && head.body.readableBytes == 0)
                #expect(head.headers[.contentLength] == made.headers[.contentLength])
                #expect(Self.direct(site) == before + 3)
            }
            // A caller's request id is kept.
            let traced = try await site.anonymous.get("/en-US/docs/Web", headers: [.requestID: "lb-trace-42"])
            #expect(traced.headers[.requestID] == "lb-trace-42")
            // Not for signed-in readers, queries, page actions, or a connection asking to close.
            let before = Self.direct(site)
            #expect(try await site.contributor.get("/en-US/docs/Web").headers[.cacheControl] == "private, no-cache")
            _ = try await site.anonymous.get("/en-US/docs/Web?x=1")
            _ = try await site.anonymous.get("/en-US/docs/Web$history")
            _ = try await site.anonymous.get("/en-US/docs/Web", headers: [.authorization: "Bearer x"])
            #expect(Self.direct(site) == before)
            // A purge is seen at once.
            try await site.services.database.transaction { try await PurgeStore.record($0, keys: ["locale-en-US"], cdn: false) }
            try await site.services.invalidator.poll()
            _ = try await site.anonymous.get("/en-US/docs/Web")
            #expect(Self.direct(site) == before)
        }
    }
}
