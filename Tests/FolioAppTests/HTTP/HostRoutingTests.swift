import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOHTTP1
import Testing
@testable import FolioApp

/// Requests are answered by the origin their Host names, and only configured names are served.
@Suite struct HostRoutingTests {
    /// A GET to the loopback port with any Host header (the test client always says `localhost`).
    static func get(port: Int, _ path: String, host: String) async throws -> (status: Int, body: String, headers: HTTPHeaders) {
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
        request.headers.replaceOrAdd(name: "Host", value: host)
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body), response.headers)
    }

    @Test func hostNamesAreNormalized() {
        #expect(HostPolicy.hostname("Docs.Example.ORG.:8443") == "docs.example.org")
        #expect(HostPolicy.hostname("[::1]:8000") == "[::1]")
        #expect(HostPolicy.hostname("localhost") == "localhost")
        #expect(HostPolicy.hostname("evil.example/../x") == nil)
        #expect(HostPolicy.hostname("a b") == nil)
        #expect(HostPolicy.hostname("example.org:80x") == nil)
        #expect(HostPolicy.hostname("") == nil)
    }

    @Test func originsFollowTheConfiguration() {
        var config = FolioConfig()
        config.siteURL = "https://docs.example.org"
        config.untrustedURL = "https://samples.example.net"
        config.allowedHosts = ["api.docs.example.org", ".svc.cluster.local"]
        let policy = HostPolicy(config: config)
        #expect(policy.origin(authority: "api.folio.svc.cluster.local:8000", listener: .main, loopbackPeer: false) == .main)
        #expect(policy.origin(authority: "svc.cluster.local", listener: .main, loopbackPeer: false) == .main)
        #expect(policy.origin(authority: "evilsvc.cluster.local", listener: .main, loopbackPeer: false) == .unknown)
        #expect(policy.origin(authority: "docs.example.org", listener: .main, loopbackPeer: false) == .main)
        #expect(policy.origin(authority: "api.docs.example.org:443", listener: .main, loopbackPeer: false) == .main)
        #expect(policy.origin(authority: "samples.example.net", listener: .main, loopbackPeer: false) == .untrusted)
        #expect(policy.origin(authority: "evil.example", listener: .main, loopbackPeer: false) == .unknown)
        #expect(policy.origin(authority: nil, listener: .main, loopbackPeer: true) == .unknown)
        // Loopback names only from this machine.
        #expect(policy.origin(authority: "localhost:8000", listener: .main, loopbackPeer: true) == .main)
        #expect(policy.origin(authority: "localhost:8000", listener: .main, loopbackPeer: false) == .unknown)
        // The samples port never serves the main site.
        #expect(policy.origin(authority: "docs.example.org", listener: .untrusted, loopbackPeer: false) == .unknown)
        #expect(policy.origin(authority: "127.0.0.1:8001", listener: .untrusted, loopbackPeer: true) == .untrusted)
    }

    @Test(arguments: TestDatabase.kinds)
    func unknownHostsNeverGetTheSite(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: {
            $0.siteURL = "https://docs.example.org"
            $0.untrustedURL = "https://samples.example.net"
            $0.allowedHosts = ["api.docs.example.org"]
        }) { site in
            try await site.page("Web", html: "<p>The secret of the web</p>")
            let port = try #require(site.anonymous.client.port)
            let page = try await Self.get(port: port, "/en-US/docs/Web", host: "docs.example.org")
            #expect(page.status == 200 && page.body.contains("The secret of the web"))
            #expect(try await Self.get(port: port, "/en-US/docs/Web", host: "api.docs.example.org").status == 200)
            // Someone else's domain pointed at this server: refused, and nothing of the page shown.
            let refused = try await Self.get(port: port, "/en-US/docs/Web", host: "evil.example")
            #expect(refused.status == 421)
            #expect(!refused.body.contains("secret") && !refused.body.contains("evil"))
            #expect(refused.headers["Cache-Control"].first == "no-store")
            // The cached copy is not a way around it either.
            #expect(try await Self.get(port: port, "/en-US/docs/Web", host: "evil.example:8000").status == 421)
            // Probes come with the pod's address as Host.
            #expect(try await Self.get(port: port, "/healthz", host: "10.1.2.3:8000").status == 200)
            #expect(try await Self.get(port: port, "/readiness", host: "10.1.2.3:8000").status == 200)
            // The untrusted name on the main port gets the untrusted origin, never a page.
            let robots = try await Self.get(port: port, "/robots.txt", host: "samples.example.net")
            #expect(robots.status == 200 && robots.body == "User-agent: *\nDisallow: /\n")
            let noPage = try await Self.get(port: port, "/en-US/docs/Web", host: "samples.example.net")
            #expect(noPage.status == 404 && !noPage.body.contains("secret"))

            // The untrusted port refuses the main site's name.
            let untrusted = Application(responder: UntrustedResponder(services: site.services),
                                        configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await untrusted.test(.live) { client in
                let samplesPort = try #require(client.port)
                #expect(try await Self.get(port: samplesPort, "/robots.txt", host: "samples.example.net").status == 200)
                #expect(try await Self.get(port: samplesPort, "/robots.txt", host: "docs.example.org").status == 421)
                #expect(try await Self.get(port: samplesPort, "/robots.txt", host: "evil.example").status == 421)
                #expect(try await Self.get(port: samplesPort, "/healthz", host: "10.1.2.3").status == 200)
            }
        }
    }

    @Test func configRejectsHostNamesWithSchemes() async throws {
        await #expect(throws: FolioConfig.Problem.self) {
            _ = try await FolioConfig.load(environment: ["FOLIO_ALLOWED_HOSTS": "https://api.example.org"])
        }
        let config = try await FolioConfig.load(environment: ["FOLIO_ALLOWED_HOSTS": "API.example.org, internal"])
        #expect(config.allowedHosts == ["api.example.org", "internal"])
    }
}
