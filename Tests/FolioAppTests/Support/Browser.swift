import Foundation
import FolioWiki
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import FolioApp

/// Drives the real app over HTTP (a live server on a loopback port) as a person would:
/// keeps the session cookie and the page's CSRF token.
struct Browser: Sendable {
    let client: any TestClientProtocol
    var cookie: String? = nil
    var csrf: String? = nil

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await request(uri, method: .get, headers: headers)
    }

    func request(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], body: String? = nil) async throws -> TestResponse {
        try await request(uri, method: method, headers: headers, bytes: body.map { Array($0.utf8) })
    }

    func request(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields = [:], bytes: [UInt8]?) async throws -> TestResponse {
        var headers = headers
        if let cookie, headers[.cookie] == nil { headers[.cookie] = cookie }
        return try await client.execute(uri: uri, method: method, headers: headers,
                                        body: bytes.map { ByteBuffer(bytes: $0) })
    }

    /// Posts a form, adding this session's CSRF token unless `csrf: false`.
    @discardableResult
    func post(_ uri: String, _ fields: [(String, String)], csrf includeToken: Bool = true,
              headers: HTTPFields = [:]) async throws -> TestResponse {
        var fields = fields
        if includeToken, let csrf { fields.append(("csrf", csrf)) }
        var headers = headers
        headers[.contentType] = "application/x-www-form-urlencoded"
        return try await request(uri, method: .post, headers: headers, body: Self.encode(fields))
    }

    static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(URLPath.encodeQueryValue($0.0))=\(URLPath.encodeQueryValue($0.1))" }.joined(separator: "&")
    }

    /// Signs in through the login form; returns a browser carrying the session.
    func signIn(_ username: String, _ password: String) async throws -> Browser {
        let form = try await get("/users/login")
        let loginCookie = try #require(Self.cookie(named: "folio_login_csrf", in: form))
        let token = try #require(Self.hidden("login_token", in: form.text))
        let response = try await request("/users/login", method: .post,
                                         headers: [.cookie: "folio_login_csrf=\(loginCookie)",
                                                   .contentType: "application/x-www-form-urlencoded"],
                                         body: Self.encode([("login_token", token), ("username", username),
                                                            ("password", password)]))
        #expect(response.status == .seeOther, "sign-in of \(username) failed: \(response.status)")
        let session = try #require(Self.cookie(named: "folio_session", in: response))
        var signedIn = self
        signedIn.cookie = "folio_session=\(session)"
        let page = try await signedIn.get("/en-US/docs/all")
        signedIn.csrf = Self.hidden("csrf", in: page.text)
        return signedIn
    }

    static func cookie(named name: String, in response: TestResponse) -> String? {
        for field in response.headers where field.name == .setCookie {
            let first = field.value.split(separator: ";").first.map(String.init) ?? ""
            if first.hasPrefix(name + "=") { return String(first.dropFirst(name.count + 1)) }
        }
        return nil
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
}

/// A running app with users of every role.
struct Site: Sendable {
    let services: FolioServices
    let anonymous: Browser
    let contributor: Browser
    let reviewer: Browser
    let admin: Browser

    static let password = "correct horse battery"

    /// Starts Folio on `database`, creates one user per role, signs each in, then runs `body`.
    static func run(_ database: TestDatabase, demo: Bool = false, maxBodyBytes: Int = 64 * 1024,
                    _ body: @Sendable (Site) async throws -> Void) async throws {
        try await run(database, demo: demo, maxBodyBytes: maxBodyBytes, configure: { _ in }, body)
    }

    /// The same with settings changed; `signIn: false` for processes that take no sign-ins.
    static func run(_ database: TestDatabase, demo: Bool = false, maxBodyBytes: Int = 64 * 1024,
                    signIn: Bool = true, configure: (inout FolioConfig) -> Void,
                    _ body: @Sendable (Site) async throws -> Void) async throws {
        try await database.withServices(demo: demo, maxBodyBytes: maxBodyBytes, configure: configure) { services async throws in
            for (name, role) in [("carol", Role.contributor), ("rita", .reviewer), ("ada", .admin)] {
                _ = try await services.accounts.createUser(username: name, email: "\(name)@example.org",
                                                           password: password, role: role)
            }
            let app = FolioApplication.make(services: services, port: 0)
            try await app.test(.live) { client in
                let browser = Browser(client)
                guard signIn else {
                    try await body(Site(services: services, anonymous: browser, contributor: browser, reviewer: browser,
                                        admin: browser))
                    return
                }
                let site = Site(services: services, anonymous: browser,
                                contributor: try await browser.signIn("carol", password),
                                reviewer: try await browser.signIn("rita", password),
                                admin: try await browser.signIn("ada", password))
                try await body(site)
            }
        }
    }

    /// Creates a page directly through the service (fixtures, not under test).
    @discardableResult
    func page(_ slug: String, _ title: String? = nil, locale: String = "en-US", html: String = "<p>Text</p>",
              tags: [String] = [], flags: [ReviewFlag] = []) async throws -> Document {
        let author = try await services.accounts.user(named: "carol")
        return try await services.wiki.create(locale: locale, slug: slug,
                                              draft: RevisionDraft(title: title ?? slug, source: html, tags: tags,
                                                                   reviewFlags: flags),
                                              author: author)
    }

    func count(_ table: String) async throws -> Int {
        try await services.database.read { sql async throws in
            try await sql.raw("SELECT COUNT(*) AS n FROM \(ident: table)").first()!.decode(column: "n", as: Int.self)
        }
    }

    func document(_ slug: String, locale: String = "en-US") async throws -> Document? {
        try await services.database.read { try await DocumentStore.find($0, locale: locale, slug: slug) }
    }
}
