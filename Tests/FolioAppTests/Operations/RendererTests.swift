import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// The renderer role and its callers; `/metrics`; the OpenAPI document.
@Suite struct RendererTests {
    static let secret = "renderer-secret-for-tests-0123"

    @Test(arguments: TestDatabase.kinds)
    func webRendersThroughTheRendererRole(database: TestDatabase) async throws {
        try await database.withServices(configure: { $0.role = .renderer; $0.rendererSecret = Self.secret }) { renderer in
            let app = FolioApplication.make(services: renderer, port: 0)
            try await app.test(.live) { client in
                let port = try #require(client.port)
                // The endpoint wants the secret.
                let anonymous = Browser(client)
                #expect(try await anonymous.request("/internal/render", method: .post, body: "{}").status == .unauthorized)
                #expect(try await anonymous.request("/internal/render", method: .post,
                                                    headers: [.authorization: "Bearer wrong-secret-of-enough-length"],
                                                    body: "{}").status == .unauthorized)
                #expect(try await anonymous.request("/internal/render", method: .post,
                                                    headers: [.authorization: "Bearer \(Self.secret)"],
                                                    body: "not json").status == .badRequest)

                try await TestDatabase.withSibling(of: renderer, configure: {
                    $0.role = .web
                    $0.rendererURL = "http://127.0.0.1:\(port)"
                }) { web in
                    let user = try await web.accounts.createUser(username: "carol", email: "c@example.org",
                                                                 password: Site.password, role: .contributor)
                    _ = try await web.wiki.create(locale: "en-US", slug: "Web", draft: RevisionDraft(title: "Web", source: "<p>Web</p>"),
                                                  author: user)
                    let page = try await web.wiki.create(
                        locale: "en-US", slug: "Web/Div",
                        draft: RevisionDraft(title: "Div", source: "<p>{{HTMLElement(\"div\")}} and <a href=\"/en-US/docs/Web/Nope\">x</a></p>"),
                        author: user)
                    // Rendered by the renderer: macros expanded, missing links marked, dependencies kept.
                    #expect(page.renderedHTML.contains("<code>&lt;div&gt;</code>"))
                    #expect(page.renderedHTML.contains(#"class="new""#))
                    let dependencies = try await web.database.read { sql in
                        try await sql.raw("SELECT COUNT(*) AS n FROM render_dependencies WHERE document_id = \(bind: page.id)")
                            .first()!.decode(column: "n", as: Int.self)
                    }
                    #expect(dependencies > 0)
                    let rendererMetrics = renderer.metrics.exposition()
                    #expect(rendererMetrics.contains(#"folio_renders_total{mode="request",where="renderer",outcome="ok"} 2"#))
                    let webMetrics = web.metrics.exposition()
                    #expect(webMetrics.contains(#"folio_renders_total{mode="save",where="remote",outcome="ok"} 2"#))
                }
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aSaveWhileTheRendererIsDownIsKeptAndQueued(database: TestDatabase) async throws {
        try await database.withServices { services in
            // Nothing listens on port 1.
            try await TestDatabase.withSibling(of: services, configure: {
                $0.role = .web
                $0.rendererURL = "http://127.0.0.1:1"
                $0.rendererSecret = Self.secret
            }) { web in
                let page = try await web.wiki.create(locale: "en-US", slug: "Web", draft: RevisionDraft(title: "Web", source: "<p>Kept</p>"),
                                                     author: nil)
                #expect(page.currentRevisionID != nil)
                #expect(page.renderedHTML.isEmpty)
                #expect(try await web.database.read { try await JobStore.pendingCount($0, kind: JobKind.render) } == 1)
                // The queue's attempt fails too and is retried later, with the reason kept.
                #expect(try await web.jobRunner(schedules: []).runOne())
                let listed = try await web.database.read { try await JobStore.list($0, failedOnly: false) }
                #expect(listed.first?.state == "waiting")
                #expect(listed.first?.lastError?.contains("renderer") == true)
                // A process rendering locally (the renderer back, in effect) completes it.
                try await services.database.transaction { try await $0.raw("UPDATE jobs SET run_at = 0 WHERE kind = 'render'").run() }
                #expect(try await services.jobRunner(schedules: []).drain() == 1)
                let rendered = try #require(try await services.database.read { try await DocumentStore.find($0, id: page.id) })
                #expect(rendered.renderedHTML.contains("Kept"))
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func metricsAreServedToLoopbackCallers(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            try await site.page("Web")
            _ = try await site.anonymous.get("/en-US/docs/Web")
            _ = try await site.anonymous.get("/en-US/docs/Nope")
            let metrics = try await site.anonymous.get("/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.headers[.contentType]?.hasPrefix("text/plain; version=0.0.4") == true)
            let text = metrics.text
            #expect(text.contains(#"folio_http_requests_total{route="docs",method="GET",status="200"} 1"#))
            #expect(text.contains(#"folio_http_requests_total{route="docs",method="GET",status="404"} 1"#))
            #expect(text.contains("folio_http_request_duration_seconds_bucket"))
            #expect(text.contains(#"folio_db_pool_connections{state="max"}"#))
            #expect(text.contains(#"folio_jobs{kind="render",state="waiting"}"#))
            #expect(text.contains(#"folio_renders_total{mode="save",where="local",outcome="ok"} 1"#))
            #expect(metrics.headers[.setCookie] == nil)
        }
    }

    @Test func everyAPIRouteIsInTheOpenAPIDocument() throws {
        let data = try #require(OpenAPIRoutes.document)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(data)) as? [String: Any])
        #expect(json["openapi"] as? String == "3.1.0")
        let paths = try #require(json["paths"] as? [String: [String: Any]])
        for route in APIRoutes.all {
            #expect(paths[route.path]?[route.method] != nil, "\(route.method.uppercased()) \(route.path) is not documented")
        }
        // And nothing documented that the API does not serve.
        let served = Set(APIRoutes.all.map { "\($0.method) \($0.path)" })
        for (path, operations) in paths {
            for method in operations.keys where ["get", "put", "post", "delete", "patch"].contains(method) {
                #expect(served.contains("\(method) \(path)"), "\(method.uppercased()) \(path) is documented but not served")
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func everyDocumentedRouteAnswersOnTheAPIRole(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { $0.role = .api }) { site in
            try await site.page("Web")
            let owner = try #require(try await site.services.accounts.user(named: "carol"))
            let token = try await site.services.accounts.createAPIKey(for: owner, label: "t").token
            for route in APIRoutes.all {
                let path = route.path.replacingOccurrences(of: "{locale}", with: "en-US")
                    .replacingOccurrences(of: "{slug}", with: "Web")
                let response = route.method == "put"
                    ? try await site.anonymous.request(path, method: .put,
                                                       headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                       body: #"{"content":"<p>v2</p>"}"#)
                    : try await site.anonymous.get(path)
                #expect((200..<300).contains(Int(response.status.code)), "\(route.method) \(path): \(response.status)")
            }
        }
    }
}
