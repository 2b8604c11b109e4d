import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct RoutingTests {
    @Test(arguments: TestDatabase.kinds)
    func localeNegotiationAndCanonicalURLs(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            let browser = site.anonymous
            var response = try await browser.get("/", headers: [.acceptLanguage: "fr-CH, de;q=0.5"])
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/fr/")
            #expect(response.headers[.vary] == "Accept-Language")

            response = try await browser.get("/", headers: [.acceptLanguage: "tlh"])
            #expect(response.headers[.location] == "/en-US/")

            response = try await browser.get("/docs/Web?x=1", headers: [.acceptLanguage: "ja"])
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/ja/docs/Web?x=1")

            response = try await browser.get("/EN-us/docs/Web")
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/en-US/docs/Web")

            response = try await browser.get("/zh/docs/Web")
            #expect(response.headers[.location] == "/zh-CN/docs/Web")

            response = try await browser.get("/en-US/docs/Web?lang=pt&a=b")
            #expect(response.status == .found)
            #expect(response.headers[.location] == "/pt-PT/docs/Web?a=b")

            response = try await browser.get("/en-US/docs/Web/")
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/en-US/docs/Web")

            response = try await browser.get("/xx-YY/docs/Web")
            #expect(response.status == .notFound)
            #expect(response.text.contains("is not a language this site serves"))

            response = try await browser.get("/en-US/docs/web")   // case-insensitive lookup
            #expect(response.status == .ok)

            response = try await browser.get("/%65n-us/docs/Web")  // a percent-encoded locale
            #expect(response.headers[.location] == "/en-US/docs/Web")
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func invalidAddressesGetClearErrors(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            var response = try await site.anonymous.get("/en-US/docs/Bad%20Slug")
            #expect(response.status == .notFound)
            #expect(response.text.contains("not a valid page address"))
            response = try await site.anonymous.get("/en-US/docs/Web%FF")
            #expect(response.status == .badRequest)
            response = try await site.anonymous.get("/en-US/docs/Missing")
            #expect(response.status == .notFound)
            #expect(!response.text.contains("Create this page"))
            response = try await site.contributor.get("/en-US/docs/Missing")
            #expect(response.status == .notFound)
            #expect(response.text.contains("/en-US/docs/new?slug=Missing"))
            response = try await site.anonymous.get("/en-US/docs/Missing$frobnicate")
            #expect(response.status == .notFound)
            #expect(try await site.anonymous.get("/healthz").text == "ok")
            // Huge page numbers are clamped, not overflowed.
            #expect(try await site.anonymous.get("/en-US/docs/all?page=9223372036854775807").status == .ok)
            try await site.page("Web")
            #expect(try await site.anonymous.get("/en-US/docs/Web$history?page=9223372036854775807").status == .notFound)
        }
    }
}
