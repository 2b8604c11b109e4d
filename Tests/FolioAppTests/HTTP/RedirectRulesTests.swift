import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// Static redirect rules (Kuma's examples, reference §1.5) and the legacy-files folder.
@Suite struct RedirectRulesTests {
    static let kumaRules = #"""
        # Kuma's redirects.py, a few of its 131 rules
        - from: '^media/(?:redesign/)?css/(?P<doc>.*)-min.css$'
          to: '/static/build/styles/{doc}.css'
        - from: '^media/(?:redesign/)?img(?P<suffix>.*)$'
          to: '/static/img{suffix}'
        - from: '^media/uploads/demos/(?:.*)$'
          to: '/docs/Web/Demos_of_open_web_technologies/'
          status: 302
        - from: '^(?P<one>.*)//(?P<two>.*)$'
          to: '/{one}_{two}'
        - from: '^samples/canvas-tutorial/2_1_canvas_rect.html$'
          to: '/docs/Web/API/Canvas_API/Tutorial/Drawing_shapes#Rectangular_shape_example'
        - from: '^web/?$'
          to: '/docs/Web'
          locale: true
        - from: '^docs/?$'
          to: '/docs/Web'
          locale: true
        - from: '^contests'
          to: 'http://www.mozillalabs.com/'
          status: 302
        - from: '^old-guide$'
          to: '/older-guide'
        - from: '^older-guide$'
          to: '/en-US/docs/Learn'
        """#

    @Test func kumaExamplesRedirectAsKumaDid() throws {
        let rules = try RedirectRules(yaml: Self.kumaRules)
        #expect(rules.rules.count == 10)
        #expect(rules.target(for: "/media/redesign/css/wiki-min.css") == .init(location: "/static/build/styles/wiki.css", status: 301))
        #expect(rules.target(for: "/media/img/logo.png") == .init(location: "/static/img/logo.png", status: 301))
        #expect(rules.target(for: "/media/uploads/demos/x/y.zip")
                == .init(location: "/docs/Web/Demos_of_open_web_technologies/", status: 302))
        #expect(rules.target(for: "/en-US/docs//Web")?.location == "/en-US/docs_Web")
        #expect(rules.target(for: "/samples/canvas-tutorial/2_1_canvas_rect.html")?.location
                == "/docs/Web/API/Canvas_API/Tutorial/Drawing_shapes#Rectangular_shape_example")
        // Locale rules keep the reader's locale (and work without one).
        #expect(rules.target(for: "/fr/web/")?.location == "/fr/docs/Web")
        #expect(rules.target(for: "/de/docs") == .init(location: "/de/docs/Web", status: 301))
        #expect(rules.target(for: "/web")?.location == "/docs/Web")
        #expect(rules.target(for: "/contests/2010") == .init(location: "http://www.mozillalabs.com/", status: 302))
        // Groups never turn a path into another site's address.
        #expect(rules.target(for: "//evil.example///x")?.location == "/evil.example/_x")
        #expect(rules.target(for: "/\\evil.example//x")?.location == "/evil.example_x")
        // 307 and 308 are kept as written.
        let kept = try RedirectRules(yaml: "- from: '^a$'\n  to: '/b'\n  status: 308\n- from: '^c$'\n  to: '/d'\n  status: 307\n")
        #expect(kept.target(for: "/a")?.status == 308 && kept.target(for: "/c")?.status == 307)
        // Chains end in one hop.
        #expect(rules.target(for: "/old-guide")?.location == "/en-US/docs/Learn")
        // What no rule names is left to the routes.
        #expect(rules.target(for: "/en-US/docs/Web") == nil)
        #expect(rules.target(for: "/media") == nil)
    }

    @Test func theShippedExampleFileLoads() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../deploy/redirects.example.yaml").path
        let rules = try RedirectRules(file: file)
        #expect(rules.rules.count == 10)
        #expect(rules.target(for: "/en-US/learn/CSS")?.location == "/en-US/docs/Learn")
        #expect(rules.target(for: "/samples/canvas-tutorial/2_1_canvas_rect.html")?.location.hasSuffix("#Rectangular_shape_example") == true)
        #expect(rules.target(for: "/samples/canvas-tutorial/2_1_canvas_rectXhtml") == nil)
    }

    @Test func badRuleFilesAreRefusedWithTheirReason() {
        func problem(_ yaml: String) -> String {
            do { _ = try RedirectRules(yaml: yaml); return "" } catch { return "\(error)" }
        }
        #expect(problem("- from: '^a$'\n  to: '/b'\n- from: '^b$'\n  to: '/a'\n").contains("loops: /b → /a → /b"))
        #expect(problem("- from: '^web$'\n  to: '/web'\n  locale: true\n").contains("loops"))
        #expect(problem("- from: '^(a$'\n  to: '/b'\n").contains("not a valid regular expression"))
        #expect(problem("- from: '^a$'\n  to: 'b'\n").contains("must be a path"))
        #expect(problem("- from: '^a$'\n  to: '//evil.example/'\n").contains("must be a path"))
        #expect(problem("- from: '^a$'\n  to: '/b'\n  status: 200\n").contains("301, 302, 307 or 308"))
        #expect(problem("- from: '^(?P<x>a)$'\n  to: '/{y}'\n").contains("`{y}` is not a group"))
        #expect(problem("- to: '/b'\n").contains("needs `from` and `to`"))
        #expect(problem("[unclosed").contains("not valid YAML"))
        // A hole's number must exist; an ever-growing target is a loop too.
        #expect(problem("- from: '^(a)$'\n  to: '/{2}'\n").contains("`{2}` is not a group"))
        #expect(problem("- from: '^(a)$'\n  to: '/{-1}'\n").contains("`{-1}` is not a group"))
        let growing = try? RedirectRules(yaml: "- from: '^x(?P<r>.*)$'\n  to: '/xx{r}'\n")
        #expect(growing?.target(for: "/x1") == nil)
        // A loop only some paths reach is refused when met: no redirect.
        let rules = try? RedirectRules(yaml: "- from: '^x/(?P<rest>.*)$'\n  to: '/y/{rest}'\n- from: '^y/(?P<rest>.*)$'\n  to: '/x/{rest}'\n")
        #expect(rules?.target(for: "/x/1") == nil)
    }

    @Test func literalPrefixesOnlySkipWhatCannotMatch() {
        #expect(RedirectRules.literalPrefix("^samples/canvas-tutorial/2_1_canvas_rect.html$") == "samples/canvas-tutorial/2_1_canvas_rect")
        #expect(RedirectRules.literalPrefix("^webs?/x") == "web")
        #expect(RedirectRules.literalPrefix("^(?P<one>.*)//") == "")
        #expect(RedirectRules.literalPrefix("^ab|cd") == "")
        #expect(RedirectRules.literalPrefix("web") == "")
    }

    @Test(arguments: TestDatabase.kinds)
    func rulesAnswerBeforeAnyRoute(database: TestDatabase) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("redirects-\(UUID().uuidString).yaml").path
        try Self.kumaRules.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        try await Site.run(database, signIn: false, configure: { $0.redirectsFile = file }) { site in
            let css = try await site.anonymous.get("/media/css/wiki-min.css?v=2")
            #expect(css.status == .movedPermanently)
            #expect(css.headers[.location] == "/static/build/styles/wiki.css?v=2")
            #expect(css.headers[.cacheControl] == "public, max-age=86400")
            let web = try await site.anonymous.get("/it/web")
            #expect(web.status == .movedPermanently && web.headers[.location] == "/it/docs/Web")
            let sneaky = try await site.anonymous.get("/%2Fevil.example%2F%2F%2Fx")
            #expect(sneaky.status == .movedPermanently && sneaky.headers[.location] == "/evil.example/_x")
            let demos = try await site.anonymous.get("/media/uploads/demos/a")
            #expect(demos.status == .found && demos.headers[.cacheControl] == "public, max-age=0, s-maxage=300")
            // Writes are never redirected.
            #expect(try await site.anonymous.request("/media/img/x", method: .post).status != .movedPermanently)
        }
    }

    @Test func configPointsAtAMissingFile() async throws {
        var config = FolioConfig()
        config.redirectsFile = "/nonexistent/redirects.yaml"
        #expect(throws: RedirectRules.Problem.self) { try RedirectRules(file: config.redirectsFile!) }
    }

    @Test(arguments: TestDatabase.kinds)
    func legacyFilesAreServedAsTheyAreOnTheUntrustedOriginOnly(database: TestDatabase) async throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("legacy-\(UUID().uuidString)").path
        let folder = base + "/www"
        try FileManager.default.createDirectory(atPath: folder + "/samples/demo", withIntermediateDirectories: true)
        try "<p>old demo</p>".write(toFile: folder + "/samples/demo/index.html", atomically: true, encoding: .utf8)
        try "body{}".write(toFile: folder + "/samples/demo/style.css", atomically: true, encoding: .utf8)
        try "secret".write(toFile: base + "/secret.txt", atomically: true, encoding: .utf8)
        try "hidden".write(toFile: folder + "/samples/.env", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder + "/samples/escape.txt", withDestinationPath: base + "/secret.txt")
        defer { try? FileManager.default.removeItem(atPath: base) }
        try await Site.run(database, signIn: false, configure: {
            $0.legacyDirectory = folder
            $0.untrustedURL = "http://127.0.0.1:9"
        }) { site in
            let moved = try await site.anonymous.get("/samples/demo/index.html")
            #expect(moved.status == .movedPermanently && moved.headers[.location] == "http://127.0.0.1:9/samples/demo/index.html")
            let untrusted = Application(responder: UntrustedResponder(services: site.services),
                                        configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await untrusted.test(.live) { client in
                let demo = try await client.execute(uri: "/samples/demo/", method: .get)
                #expect(demo.status == .ok && String(buffer: demo.body) == "<p>old demo</p>")
                #expect(demo.headers[.contentType] == "text/html; charset=utf-8")
                #expect(demo.headers[.contentSecurityPolicy]?.hasPrefix("frame-ancestors 'self' ") == true)
                let etag = try #require(demo.headers[.eTag])
                #expect(try await client.execute(uri: "/samples/demo/", method: .get, headers: [.ifNoneMatch: etag]).status == .notModified)
                #expect(try await client.execute(uri: "/samples/demo/style.css", method: .get).headers[.contentType]
                        == "text/css; charset=utf-8")
                let folderWithoutSlash = try await client.execute(uri: "/samples/demo", method: .get)
                #expect(folderWithoutSlash.status == .movedPermanently && folderWithoutSlash.headers[.location] == "/samples/demo/")
                for path in ["/samples/../../secret.txt", "/samples/%2e%2e/%2e%2e/secret.txt", "/samples/escape.txt",
                             "/samples/.env", "/samples/nope.html", "/secret.txt", "/samples/demo/index.html%00"] {
                    let response = try await client.execute(uri: path, method: .get)
                    #expect(response.status == .notFound, "\(path): \(response.status)")
                    #expect(!String(buffer: response.body).contains("secret") || path == "/secret.txt", "\(path)")
                }
            }
        }
    }
}
