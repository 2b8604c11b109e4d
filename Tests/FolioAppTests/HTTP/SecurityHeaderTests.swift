import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct SecurityHeaderTests {
    @Test(arguments: TestDatabase.kinds)
    func everyAnswerCarriesTheSecurityHeaders(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            try await site.page("Web")
            for path in ["/en-US/docs/Web", "/en-US/docs/Web$history", "/en-US/docs/Nope", "/robots.txt"] {
                let response = try await site.anonymous.get(path)
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff", "\(path)")
                #expect(response.headers[HTTPField.Name("Cross-Origin-Opener-Policy")!] == "same-origin", "\(path)")
                #expect(response.headers[HTTPField.Name("Permissions-Policy")!]?.contains("camera=()") == true, "\(path)")
                #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true, "\(path)")
                #expect(response.headers[.strictTransportSecurity] == nil, "plain-HTTP sites send no HSTS")
            }
            #expect(try await site.anonymous.get("/en-US/docs/Web$history").headers[.xRobotsTag] == "noindex")
            #expect(try await site.anonymous.get("/en-US/docs/Web$json").headers[.xRobotsTag] == "noindex")
            #expect(try await site.anonymous.get("/en-US/docs/Web").headers[.xRobotsTag] == nil)
            let robots = try await site.anonymous.get("/robots.txt")
            #expect(robots.status == .ok)
            #expect(robots.text.contains("Disallow: /admin/"))
            #expect(!robots.text.contains("Disallow: /en-US/docs/\n"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func httpsSitesSendHSTS(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { $0.siteURL = "https://docs.example.org" }) { site in
            let response = try await site.anonymous.get("/healthz")
            #expect(response.headers[.strictTransportSecurity] == "max-age=63072000; includeSubDomains")
        }
    }
}
