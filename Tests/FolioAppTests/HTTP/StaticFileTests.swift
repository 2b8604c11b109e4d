import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct StaticFileTests {
    @Test(arguments: TestDatabase.kinds)
    func pagesUseFingerprintedImmutableAssetsServedGzipped(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            try await site.page("Web")
            let page = try await site.anonymous.get("/en-US/docs/Web").text
            let css = try #require(page.firstMatch(of: /href="(\/static\/folio\.[0-9a-f]{10}\.css)"/)?.1)
            #expect(page.contains(#"<script src="/static/folio."#))

            let plain = try await site.anonymous.get(String(css))
            #expect(plain.status == .ok)
            #expect(plain.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(plain.headers[.contentEncoding] == nil)
            #expect(plain.headers[.vary] == "Accept-Encoding")

            let gzipped = try await site.anonymous.get(String(css), headers: [.acceptEncoding: "br, gzip;q=0.8"])
            #expect(gzipped.headers[.contentEncoding] == "gzip")
            #expect(Array(gzipped.body.readableBytesView.prefix(2)) == [0x1F, 0x8B])
            #expect(gzipped.body.readableBytes < plain.body.readableBytes)
            #expect(gzipped.headers[.eTag] != plain.headers[.eTag])
            let etag = try #require(gzipped.headers[.eTag])
            let revalidated = try await site.anonymous.get(String(css), headers: [.acceptEncoding: "gzip", .ifNoneMatch: etag])
            #expect(revalidated.status == .notModified)

            let refused = try await site.anonymous.get(String(css), headers: [.acceptEncoding: "gzip;q=0, identity"])
            #expect(refused.headers[.contentEncoding] == nil)

            // The plain name still works (old links), briefly cached.
            let old = try await site.anonymous.get("/static/folio.css")
            #expect(old.status == .ok && old.headers[.cacheControl] == "public, max-age=300, s-maxage=300")
            #expect(try await site.anonymous.get("/static/folio.0000000000.css").status == .notFound)
        }
    }

    @Test func acceptEncodingIsParsed() {
        #expect(Gzip.accepted(by: "gzip, deflate, br"))
        #expect(Gzip.accepted(by: "GZIP"))
        #expect(Gzip.accepted(by: "*"))
        #expect(!Gzip.accepted(by: "gzip;q=0"))
        #expect(!Gzip.accepted(by: "br"))
        #expect(!Gzip.accepted(by: nil))
        #expect(!Gzip.accepted(by: "*;q=0, br"))
    }
}
