import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// Roles of one binary: each answers its own routes and 404 for the rest; maintenance mode;
/// readiness while draining; request ids.
@Suite struct RolesTests {
    @Test(arguments: TestDatabase.kinds)
    func apiRoleServesOnlyTheJSONAPI(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { $0.role = .api }) { site in
            try await site.page("Web", html: "<h2>Intro</h2><p>Text</p>")
            let api = site.anonymous
            #expect(try await api.get("/en-US/docs/Web$json").status == .ok)
            #expect(try await api.get("/en-US/docs/Web$children").status == .ok)
            #expect(try await api.get("/en-US/docs/Web$toc").status == .ok)
            for path in ["/en-US/docs/Web", "/en-US/docs/Web$edit", "/en-US/docs/Web$history", "/users/login",
                         "/admin/users", "/en-US/", "/static/app.css", "/en-US/docs/all"] {
                let response = try await api.get(path)
                #expect(response.status == .notFound, "\(path)")
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true, "\(path) answers JSON")
                #expect(response.headers[.setCookie] == nil)
            }
            // The write API works with a key; sessions are not read at all.
            let owner = try #require(try await site.services.accounts.user(named: "carol"))
            let token = try await site.services.accounts.createAPIKey(for: owner, label: "test").token
            let created = try await api.request("/en-US/docs/Web/API", method: .put,
                                                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                body: #"{"title":"Web APIs","content":"<p>APIs</p>"}"#)
            #expect(created.status == .created)
            #expect(try await site.document("Web/API")?.title == "Web APIs")
            let document = try await api.get("/api/openapi.json")
            #expect(document.status == .ok)
            #expect(document.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func workerAndRendererRolesServeNoPages(database: TestDatabase) async throws {
        for role in [FolioRole.worker, .renderer] {
            try await Site.run(database, signIn: false, configure: {
                $0.role = role
                $0.rendererSecret = "a-shared-secret-of-some-length"
            }) { site in
                try await site.page("Web")
                for path in ["/en-US/docs/Web", "/en-US/docs/Web$json", "/users/login", "/api/openapi.json", "/"] {
                    #expect(try await site.anonymous.get(path).status == .notFound, "\(role) \(path)")
                }
                #expect(try await site.anonymous.get("/healthz").status == .ok)
                #expect(try await site.anonymous.get("/readiness").status == .ok)
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func webRoleServesPagesButNotTheAPIDocumentOrRenderer(database: TestDatabase) async throws {
        try await Site.run(database, configure: { $0.role = .web }) { site in
            try await site.page("Web")
            #expect(try await site.anonymous.get("/en-US/docs/Web").status == .ok)
            #expect(try await site.anonymous.get("/en-US/docs/Web$json").status == .ok)
            #expect(try await site.anonymous.get("/api/openapi.json").status == .notFound)
            #expect(try await site.anonymous.request("/internal/render", method: .post, body: "{}").status == .notFound)
            #expect(try await site.contributor.get("/en-US/docs/Web$edit").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func readOnlyModeRefusesEveryWriteAndKeepsReading(database: TestDatabase) async throws {
        try await database.withServices { services in
            // Users and a page exist before maintenance begins.
            let user = try await services.accounts.createUser(username: "carol", email: "c@example.org",
                                                              password: Site.password, role: .admin)
            _ = try await services.wiki.create(locale: "en-US", slug: "Web", draft: RevisionDraft(title: "Web", source: "<p>Before</p>"),
                                               author: user)
            let token = try await services.accounts.createAPIKey(for: user, label: "k").token
            let sessionToken = try await services.accounts.startSession(for: user)
            let session = try #require(try await services.accounts.session(token: sessionToken))
            try await TestDatabase.withSibling(of: services, configure: { $0.readOnly = true }) { readOnly in
                let app = FolioApplication.make(services: readOnly, port: 0)
                try await app.test(.live) { client in
                    var browser = Browser(client)
                    #expect(try await browser.get("/en-US/docs/Web").status == .ok)
                    #expect(try await browser.get("/en-US/docs/Web$json").status == .ok)
                    #expect(try await browser.get("/en-US/docs/Web$history").status == .ok)
                    let login = try await browser.get("/users/login")
                    #expect(login.status == .serviceUnavailable)
                    #expect(login.text.contains("read-only"))
                    let put = try await browser.request("/en-US/docs/Web", method: .put,
                                                        headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                        body: #"{"content":"<p>After</p>"}"#)
                    #expect(put.status == .serviceUnavailable)
                    #expect(put.headers[.retryAfter] == "300")
                    browser.cookie = "folio_session=\(sessionToken)"
                    browser.csrf = session.csrfToken
                    #expect(try await browser.get("/en-US/docs/Web$edit").status == .serviceUnavailable)
                    let post = try await browser.post("/en-US/docs/Web$edit", [("title", "Web"), ("content", "<p>After</p>")])
                    #expect(post.status == .serviceUnavailable)
                    #expect(try await browser.post("/en-US/docs/Web$delete", []).status == .serviceUnavailable)
                    #expect(try await browser.get("/admin/users").status == .serviceUnavailable)
                }
            }
            let page = try #require(try await services.database.read { try await DocumentStore.find($0, locale: "en-US", slug: "Web") })
            #expect(page.renderedHTML.contains("Before"))
            #expect(try await services.database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM revisions").first()!.decode(column: "n", as: Int.self)
            } == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func readinessTurnsFalseWhenDraining(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            let ready = try await site.anonymous.get("/readiness")
            #expect(ready.status == .ok)
            #expect(ready.text.contains(#""status":"ready""#))
            #expect(ready.headers[.cacheControl] == "no-store")
            site.services.state.beginDraining()
            // Draining answers say `Connection: close`, so each request below takes a new
            // connection (a real client's pool does the same).
            let port = try #require(site.anonymous.client.port)
            func fresh(_ path: String) async throws -> (status: UInt, text: String, connection: String?) {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)"),
                                                                   timeout: .seconds(30))
                let body = try await response.body.collect(upTo: 1 << 20)
                return (response.status.code, String(buffer: body), response.headers.first(name: "connection"))
            }
            let draining = try await fresh("/readiness")
            #expect(draining.status == 503)
            #expect(draining.text.contains(#""draining":true"#))
            #expect(draining.connection == "close")
            // Liveness and pages go on while draining: in-flight and late requests still succeed.
            #expect(try await fresh("/healthz").status == 200)
            try await site.page("Web")
            #expect(try await fresh("/en-US/docs/Web").status == 200)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func readinessIsFalseWhileMigrationsArePending(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            try await site.services.database.transaction { sql in
                try await sql.raw("DELETE FROM schema_migrations WHERE version = \(bind: Migrator.all.last!.version)").run()
            }
            let response = try await site.anonymous.get("/readiness")
            #expect(response.status == .serviceUnavailable)
            #expect(response.text.contains(#""migrations":"1 pending""#))
            #expect(response.headers[.eTag] == nil)   // never a 304 for a probe
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func requestIDsAreKeptWhenSaneAndMadeOtherwise(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            let given = try await site.anonymous.get("/healthz", headers: [.requestID: "lb-1234.abc_DEF"])
            #expect(given.headers[.requestID] == "lb-1234.abc_DEF")
            let hostile = try await site.anonymous.get("/healthz", headers: [.requestID: "a\"b<script>"])
            let made = try #require(hostile.headers[.requestID])
            // A made one: this process's prefix and a counter, in [0-9a-z-].
            #expect(made != "a\"b<script>" && made.hasPrefix(RequestID.prefix + "-"))
            #expect(made.utf8.allSatisfy { (48...57).contains($0) || (97...122).contains($0) || $0 == 45 })
            let fresh = try await site.anonymous.get("/healthz")
            #expect(fresh.headers[.requestID] != made)
        }
    }

    @Test func rolesAndRendererSettingsAreChecked() throws {
        var config = FolioConfig()
        config.role = .renderer
        #expect(throws: FolioConfig.Problem.self) { try config.checkRoles() }
        config.rendererSecret = "0123456789abcdef"
        try config.checkRoles()
        config.rendererURL = "http://127.0.0.1:9000"
        #expect(throws: FolioConfig.Problem.self) { try config.checkRoles() }
        config.role = .web
        try config.checkRoles()
        config.rendererSecret = nil
        #expect(throws: FolioConfig.Problem.self) { try config.checkRoles() }
        #expect(FolioRole.allCases.map(\.rawValue) == ["all", "web", "api", "renderer", "worker"])
    }

    @Test func routeNamesAreABoundedSet() {
        #expect(RouteName.of(path: "/en-US/docs/Web/HTML") == "docs")
        #expect(RouteName.of(path: "/en-US/docs/Web/HTML$edit") == "docs$edit")
        #expect(RouteName.of(path: "/en-US/docs/Web/HTML$revision/12") == "docs$revision")
        #expect(RouteName.of(path: "/en-US/docs/Web/HTML$<script>") == "docs$other")
        #expect(RouteName.of(path: "/static/app.css") == "static")
        #expect(RouteName.of(path: "/") == "root")
        #expect(RouteName.of(path: "/xx-nope/whatever") == "other")
        #expect(RouteName.of(path: "/fr/") == "home")
    }
}
