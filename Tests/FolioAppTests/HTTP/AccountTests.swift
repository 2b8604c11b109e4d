import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct AccountTests {
    @Test(arguments: TestDatabase.kinds)
    func loginSessionAndLogout(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let browser = site.anonymous
            let form = try await browser.get("/users/login")
            let token = try #require(Browser.hidden("login_token", in: form.text))
            let cookie = try #require(Browser.cookie(named: "folio_login_csrf", in: form))
            let headers: HTTPFields = [.cookie: "folio_login_csrf=\(cookie)", .contentType: "application/x-www-form-urlencoded"]

            var response = try await browser.request("/users/login", method: .post, headers: headers,
                                                     body: Browser.encode([("login_token", token), ("username", "carol"),
                                                                           ("password", "wrong password")]))
            #expect(response.status == .unauthorized)
            #expect(Browser.cookie(named: "folio_session", in: response) == nil)

            response = try await browser.request("/users/login", method: .post,
                                                 headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 body: Browser.encode([("login_token", token), ("username", "carol"),
                                                                       ("password", Site.password)]))
            #expect(response.status == .forbidden)   // no login cookie: a cross-site post

            response = try await browser.request("/users/login", method: .post, headers: headers,
                                                 body: Browser.encode([("login_token", token), ("username", "carol"),
                                                                       ("password", Site.password), ("next", "//evil.example")]))
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/")
            for next in ["/\t/evil.example", "/\\evil.example", "https://evil.example", "/ok\n"] {
                let fresh = try await browser.get("/users/login")
                let freshToken = try #require(Browser.hidden("login_token", in: fresh.text))
                let freshCookie = try #require(Browser.cookie(named: "folio_login_csrf", in: fresh))
                let attempt = try await browser.request("/users/login", method: .post,
                                                        headers: [.cookie: "folio_login_csrf=\(freshCookie)",
                                                                  .contentType: "application/x-www-form-urlencoded"],
                                                        body: Browser.encode([("login_token", freshToken), ("username", "carol"),
                                                                              ("password", Site.password), ("next", next)]))
                #expect(attempt.headers[.location] == "/", "next=\(next.debugDescription)")
            }
            let setCookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix("folio_session=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))   // plain http in tests

            let signedIn = try await browser.signIn("carol", Site.password)
            #expect(try await signedIn.get("/en-US/docs/new").status == .ok)
            let logout = try await signedIn.post("/users/logout", [])
            #expect(logout.status == .seeOther)
            let after = try await signedIn.get("/en-US/docs/new")
            #expect(after.status == .seeOther)
            #expect(after.headers[.location]?.hasPrefix("/users/login?next=") == true)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func adminManagesUsersAndKeys(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let admin = site.admin
            var response = try await admin.post("/admin/users", [("username", "newbie"), ("email", "n@example.org"),
                                                                 ("password", "long password"), ("role", "reviewer")])
            #expect(response.status == .ok)
            #expect(response.text.contains("Created newbie (reviewer)."))
            response = try await admin.post("/admin/users", [("username", "x"), ("email", "n@example.org"),
                                                             ("password", "long password"), ("role", "reviewer")])
            #expect(response.status == .badRequest)
            let newbie = try #require(try await site.services.accounts.user(named: "newbie"))
            #expect(newbie.role == .reviewer)

            response = try await admin.post("/admin/users/\(newbie.id)", [("role", "contributor")])   // unchecked: deactivate
            #expect(response.status == .seeOther)
            #expect(try await site.services.accounts.user(named: "newbie")?.isActive == false)

            response = try await admin.post("/admin/keys", [("username", "carol"), ("label", "CI bot")])
            #expect(response.status == .ok)
            let html = response.text
            let start = try #require(html.range(of: "<pre class=\"token\">"))
            let token = String(html[start.upperBound...].prefix { $0 != "<" })
            #expect(token.hasPrefix("folio_"))
            #expect(try await site.services.accounts.userForAPIToken(token)?.username == "carol")
            let listing = try await admin.get("/admin/keys")
            #expect(!listing.text.contains(token))   // shown once only
            let stored = try await site.services.database.read { sql in
                try await sql.raw("SELECT secret_hash FROM api_keys").first()!.decode(column: "secret_hash", as: String.self)
            }
            #expect(!token.contains(stored))
            let id = try #require(token.split(separator: "_")[1...].first)
            response = try await admin.post("/admin/keys/\(id)/revoke", [])
            #expect(response.status == .seeOther)
            #expect(try await site.services.accounts.userForAPIToken(token) == nil)
        }
    }
}
