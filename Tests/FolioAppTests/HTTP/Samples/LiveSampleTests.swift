import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// Live samples: a page's code blocks run as a page of their own, only on the untrusted origin.
@Suite struct LiveSampleTests {
    static let html = """
        <h2 id="Example">Example</h2>
        <pre class="brush: html">&lt;p class="x"&gt;Hi &amp; welcome&lt;/p&gt;</pre>
        <pre class="brush: css">.x { color: red }</pre>
        <pre class="brush: js">document.querySelector(".x").textContent += "!";</pre>
        <p>{{EmbedLiveSample("Example", 300, 120)}}</p>
        """

    /// Runs `body` with the main site and the untrusted origin of the same services.
    static func withOrigins(_ database: TestDatabase, _ body: @Sendable (Site, Browser) async throws -> Void) async throws {
        try await Site.run(database, signIn: false, configure: { $0.pageCachePollInterval = .seconds(3600) }) { site in
            let untrusted = Application(responder: UntrustedResponder(services: site.services),
                                        configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await untrusted.test(.live) { client in
                try await body(site, Browser(client))
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func samplesRunOnTheUntrustedOriginOnly(database: TestDatabase) async throws {
        try await Self.withOrigins(database) { site, samples in
            let page = try await site.page("Demo", "Demo", html: Self.html)
            let view = try await site.anonymous.get("/en-US/docs/Demo")
            let origin = site.services.config.publicUntrustedURL
            #expect(view.text.contains(#"src="\#(origin)/en-US/docs/Demo$samples/example?revision=\#(page.currentRevisionID!)""#))

            let sample = try await samples.get("/en-US/docs/Demo$samples/Example?revision=\(page.currentRevisionID!)")
            #expect(sample.status == .ok)
            #expect(sample.headers[.contentType] == "text/html; charset=utf-8")
            #expect(sample.text.contains(#"<p class="x">Hi & welcome</p>"#))   // the code, as written
            #expect(sample.text.contains(".x { color: red }"))
            #expect(sample.text.contains("<script>\ndocument.querySelector(\".x\").textContent += \"!\";\n</script>"))
            #expect(sample.headers[.cacheControl] == "public, max-age=86400")
            #expect(sample.headers[.accessControlAllowOrigin] == "*")
            #expect(sample.headers[.setCookie] == nil && sample.headers[.vary] == "Accept-Encoding")
            #expect(sample.headers[.contentSecurityPolicy]?.hasPrefix("frame-ancestors 'self' ") == true)
            #expect(sample.headers[.surrogateKey]?.split(separator: " ").contains("doc-\(page.id)") == true)
            let etag = try #require(sample.headers[.eTag])
            #expect(try await samples.get("/en-US/docs/Demo$samples/Example", headers: [.ifNoneMatch: etag]).status == .notModified)

            // What is not a sample is not here; and the main site never runs sample code.
            #expect(try await samples.get("/en-US/docs/Demo$samples/Nope").status == .notFound)
            #expect(try await samples.get("/en-US/docs/Demo").status == .notFound)
            #expect(try await samples.get("/en-US/docs/Missing$samples/Example").status == .notFound)
            #expect(try await samples.get("/users/login").status == .notFound)
            #expect(try await samples.get("/robots.txt").text.contains("Disallow: /\n"))
            #expect(try await site.anonymous.get("/en-US/docs/Demo$samples/Example").status == .notFound)

            // An edit shows in the sample once the purge is read.
            _ = try await site.services.wiki.edit(documentID: page.id, draft: RevisionDraft(
                title: "Demo", source: Self.html.replacingOccurrences(of: "color: red", with: "color: blue")), basedOn: nil, author: nil)
            try await site.services.invalidator.poll()
            #expect(try await samples.get("/en-US/docs/Demo$samples/Example").text.contains("color: blue"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func markdownFencesNameTheirSample(database: TestDatabase) async throws {
        try await Self.withOrigins(database) { site, samples in
            let markdown = """
                ## Try it

                ```html live-sample___try
                <button>Press</button>
                ```

                ```css live-sample___try
                button { font-size: 2em; }
                ```

                {{EmbedLiveSample("try")}}
                """
            _ = try await site.services.wiki.create(locale: "en-US", slug: "MD", draft: RevisionDraft(title: "MD", source: markdown, format: "markdown"),
                                                    author: nil)
            let sample = try await samples.get("/en-US/docs/MD$samples/try")
            #expect(sample.status == .ok)
            #expect(sample.text.contains("<button>Press</button>"))
            #expect(sample.text.contains("button { font-size: 2em; }"))
        }
    }
}
