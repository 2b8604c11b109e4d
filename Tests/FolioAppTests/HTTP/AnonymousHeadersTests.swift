import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// Every anonymous GET, on both origins, is made for a CDN: no cookie, no `Vary: Cookie`, and a
/// `Cache-Control` a shared cache can act on.
@Suite struct AnonymousHeadersTests {
    static func check(_ response: TestResponse, _ path: String) {
        if path == "/users/login" {
            // The one exception: the sign-in form's own CSRF cookie, scoped to it, never stored.
            #expect(response.headers[.setCookie]?.contains("Path=/users/login") == true)
            #expect(response.headers[.cacheControl] == "no-store")
            return
        }
        #expect(response.headers[.setCookie] == nil, "\(path) sets a cookie")
        let vary = response.headers[.vary] ?? ""
        #expect(!vary.lowercased().contains("cookie"), "\(path) varies on Cookie")
        #expect(vary.isEmpty || vary == "Accept-Encoding" || vary == "Accept-Language", "\(path): Vary \(vary)")
        let cacheControl = response.headers[.cacheControl] ?? ""
        let directives = cacheControl.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(!directives.isEmpty, "\(path) has no Cache-Control")
        let known = ["public", "private", "no-store", "no-cache", "must-revalidate", "immutable"]
        for directive in directives {
            let name = directive.split(separator: "=").first.map(String.init) ?? ""
            #expect(known.contains(directive) || (["max-age", "s-maxage"].contains(name) && Int(directive.dropFirst(name.count + 1)) != nil),
                    "\(path): Cache-Control directive \(directive)")
        }
        #expect(!directives.contains("private"), "\(path) is private for an anonymous reader")
    }

    @Test(arguments: TestDatabase.kinds)
    func everyAnonymousRouteIsCDNReady(database: TestDatabase) async throws {
        try await Site.run(database, demo: true, configure: { _ in }) { site in
            let page = try #require(try await site.document("Web/HTML"))
            let revision = try #require(page.currentRevisionID)
            #expect(try await Self.uploadedFile(site, page: "/en-US/docs/Web/HTML").status == .seeOther)
            try await site.services.database.transaction { try await SitemapStore.rebuild($0, siteURL: "http://x") }
            let css = try #require(try await site.anonymous.get("/en-US/docs/Web").text
                .components(separatedBy: "href=\"/static/").dropFirst().first?.components(separatedBy: "\"").first)
            let paths = [
                "/", "/en-US/", "/en-us/docs/Web", "/en-US/docs/Web", "/en-US/docs/Web/HTML?raw", "/en-US/docs/Web/HTML$history",
                "/en-US/docs/Web/HTML$json", "/en-US/docs/Web/HTML$children", "/en-US/docs/Web/HTML$toc",
                "/en-US/docs/Web/HTML$revision/\(revision)", "/en-US/docs/Web/HTML$compare?from=\(revision)&to=\(revision)",
                "/en-US/docs/Web/HTML$files", "/en-US/docs/all", "/en-US/docs/tags", "/en-US/docs/tag/HTML",
                "/en-US/docs/needs-review", "/en-US/docs/top-level", "/en-US/docs/with-errors", "/fr/docs/Web",
                "/en-US/docs/Nope", "/en-US/docs/Web$edit", "/users/login", "/robots.txt", "/sitemap.xml",
                "/sitemaps/en-US/sitemap.xml", "/static/\(css)", "/static/nope.css", "/files/1/x.png", "/healthz", "/readiness",
                "/humans.txt", "/favicon.ico",
            ]
            for path in paths {
                let response = try await site.anonymous.get(path)
                #expect(response.status.code < 500, "\(path): \(response.status)")
                Self.check(response, path)
            }
            // humans.txt names the people who wrote pages; the icon is the shipped SVG.
            try await site.page("Humans")   // by carol
            let humans = try await site.anonymous.get("/humans.txt")
            #expect(humans.text.contains("Contributor: carol") && humans.headers[.contentType] == "text/plain; charset=utf-8")
            let icon = try await site.anonymous.get("/favicon.ico")
            #expect(icon.status == .ok && icon.headers[.contentType] == "image/svg+xml" && icon.text.hasPrefix("<svg"))
            #expect(try await site.anonymous.get("/en-US/docs/Web").text.contains(#"<link rel="icon" type="image/svg+xml" href="/static/favicon."#))
            let untrusted = Application(responder: UntrustedResponder(services: site.services),
                                        configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await untrusted.test(.live) { client in
                let samplesOrigin = Browser(client)
                for path in ["/robots.txt", "/healthz", "/files/1/a.png", "/files/1/v1/a.png", "/files/1/other.png", "/files/9/x.png",
                             "/en-US/docs/Web/HTML/Reference/Elements/div$samples/a_simple_example?revision=1", "/en-US/docs/Web"] {
                    let response = try await samplesOrigin.get(path)
                    #expect(response.status.code < 500, "\(path): \(response.status)")
                    Self.check(response, "untrusted \(path)")
                }
            }
        }
    }

    static func uploadedFile(_ site: Site, page: String) async throws -> TestResponse {
        try await AttachmentTests.upload(site.contributor, page + "$files", filename: "a.png", data: AttachmentTests.png,
                                         csrf: site.contributor.csrf)
    }
}
