import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct PageTests {
    @Test(arguments: TestDatabase.kinds)
    func anonymousViewIsCacheableAndCookieFree(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web", "Web docs", html: "<h2 id=\"Intro\">Intro</h2><p>Hello <script>alert(1)</script></p>")
            let response = try await site.anonymous.get("/en-US/docs/Web")
            #expect(response.status == .ok)
            #expect(response.headers[.setCookie] == nil)
            #expect(response.headers[.vary] == "Accept-Encoding")
            #expect(response.headers[.cacheControl]?.hasPrefix("public") == true)
            #expect(response.headers[.lastModified] != nil)
            // Stored markup is sanitized: the script is gone, the heading kept with its id.
            #expect(!response.text.contains("alert(1)"))
            #expect(response.text.contains("<h2 id=\"Intro\">Intro</h2>"))
            #expect(response.text.contains("href=\"#Intro\""))
            let etag = try #require(response.headers[.eTag])
            let notModified = try await site.anonymous.get("/en-US/docs/Web", headers: [.ifNoneMatch: etag])
            #expect(notModified.status == .notModified)
            #expect(notModified.body.readableBytes == 0)
            // A page view shows more than its own date (children, breadcrumbs, translations):
            // only its ETag validates it, never If-Modified-Since.
            let modified = try #require(response.headers[.lastModified])
            #expect(try await site.anonymous.get("/en-US/docs/Web", headers: [.ifModifiedSince: modified]).status == .ok)
            let head = try await site.anonymous.request("/en-US/docs/Web", method: .head)
            #expect(head.status == .ok)
            #expect(head.body.readableBytes == 0)
            let raw = try await site.anonymous.get("/en-US/docs/Web?raw")
            #expect(raw.text.hasPrefix("<h2 id=\"Intro\">"))
            #expect(!raw.text.contains("<script"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func signedInViewIsPrivateAndShowsActions(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            let contributor = try await site.contributor.get("/en-US/docs/Web")
            #expect(contributor.headers[.cacheControl] == "private, no-cache")
            #expect(contributor.text.contains("$edit\">Edit</a>"))
            #expect(!contributor.text.contains("$move\">Move</a>"))
            let admin = try await site.admin.get("/en-US/docs/Web")
            #expect(admin.text.contains("$move\">Move</a>"))
            #expect(admin.text.contains("$delete\">Delete</a>"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func translationsAndLocaleFallback(database: TestDatabase) async throws {
        try await Site.run(database, demo: true) { site in
            // Italian has its own page, linked to the English original.
            var response = try await site.anonymous.get("/it/docs/Web")
            #expect(response.status == .ok)
            #expect(response.text.contains("Tecnologie web"))
            #expect(response.text.contains("hreflang=\"en-US\""))
            // Missing in Italian, present in English: the original is shown with a notice.
            response = try await site.anonymous.get("/it/docs/Web/CSS")
            #expect(response.status == .ok)
            #expect(response.text.contains("not yet translated"))
            // A translation that exists under the English slug is found through the link.
            response = try await site.anonymous.get("/en-US/docs/Web/HTML")
            #expect(response.text.contains("href=\"/it/docs/Web/HTML\""))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func translateAnEnglishPage(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let original = try await site.page("Web", "Web docs", html: "<p>English</p>", tags: ["Landing"])
            let browser = site.contributor
            let page = try await browser.get("/en-US/docs/Web")
            #expect(page.text.contains("<option value=\"de\">de</option>"))
            let start = try await browser.get("/en-US/docs/Web$translate?tolocale=DE")
            #expect(start.status == .found)
            #expect(start.headers[.location] == "/de/docs/new?translation_of=\(original.id)")
            let form = try await browser.get("/de/docs/new?translation_of=\(original.id)")
            #expect(form.text.contains("&lt;p&gt;English&lt;/p&gt;"))
            #expect(Browser.hidden("translation_of", in: form.text) == "\(original.id)")
            let saved = try await browser.post("/de/docs/new", [("title", "Web-Doku"), ("slug", "Web"), ("content", "<p>Deutsch</p>"),
                                                                ("translation_of", "\(original.id)")])
            #expect(saved.status == .seeOther)
            let translation = try #require(try await site.document("Web", locale: "de"))
            #expect(translation.translationOfID == original.id)
            let json = try await site.anonymous.get("/en-US/docs/Web$json")
            #expect(json.text.contains("\"url\":\"/de/docs/Web\""))
            // Only English pages are translated.
            #expect(try await browser.get("/de/docs/Web$translate?tolocale=fr").status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func listingsTagsAndStatics(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web", tags: ["Landing"])
            try await site.page("Web/CSS", "CSS", tags: ["CSS", "landing"], flags: [.technical])
            var response = try await site.anonymous.get("/en-US/docs/tag/landing")
            #expect(response.text.contains("/en-US/docs/Web/CSS") && response.text.contains("/en-US/docs/Web\""))
            response = try await site.anonymous.get("/en-US/docs/tags")
            #expect(response.text.contains("/en-US/docs/tag/Landing"))
            response = try await site.anonymous.get("/en-US/docs/needs-review/technical")
            #expect(response.text.contains("/en-US/docs/Web/CSS"))
            response = try await site.anonymous.get("/en-US/docs/needs-review/editorial")
            #expect(!response.text.contains("/en-US/docs/Web/CSS\""))
            response = try await site.anonymous.get("/en-US/docs/all")
            #expect(response.text.contains("/en-US/docs/Web/CSS"))
            response = try await site.anonymous.get("/en-US/")
            #expect(response.status == .ok && response.text.contains("/en-US/docs/Web"))
            response = try await site.anonymous.get("/static/folio.css")
            #expect(response.status == .ok && response.headers[.contentType] == "text/css; charset=utf-8")
            response = try await site.anonymous.get("/static/..%2FPackage.swift")
            #expect(response.status == .notFound)
        }
    }
}
