import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct WriteAPITests {
    static func key(_ site: Site, user: String) async throws -> String {
        let owner = try #require(try await site.services.accounts.user(named: user))
        return try await site.services.accounts.createAPIKey(for: owner, label: "test").token
    }

    @Test(arguments: TestDatabase.kinds)
    func putCreatesUpdatesAndChecksETags(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            let token = try await Self.key(site, user: "carol")
            let api = site.anonymous
            let json: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]

            var response = try await api.request("/en-US/docs/Web/API", method: .put,
                                                 headers: [.contentType: "application/json"], body: #"{"content":"x"}"#)
            #expect(response.status == .unauthorized)
            #expect(response.headers[.wwwAuthenticate] != nil)

            response = try await api.request("/en-US/docs/Web/API", method: .put, headers: json,
                                             body: #"{"title":"Web APIs","content":"<p>APIs</p>","tags":["API"]}"#)
            #expect(response.status == .created)
            #expect(response.headers[.location] == "/en-US/docs/Web/API")
            #expect(try await site.document("Web/API")?.title == "Web APIs")

            let view = try await api.get("/en-US/docs/Web/API")
            let etag = try #require(view.headers[.eTag])
            response = try await api.request("/en-US/docs/Web/API", method: .put,
                                             headers: json.merging([.ifMatch: etag]), body: #"{"content":"<p>v2</p>"}"#)
            #expect(response.status == .resetContent)
            #expect(try await api.get("/en-US/docs/Web/API?raw").text.contains("v2"))
            #expect(try await site.document("Web/API")?.title == "Web APIs")   // title kept when omitted

            // The old ETag no longer matches: 412 and nothing written.
            let revisions = try await site.count("revisions")
            response = try await api.request("/en-US/docs/Web/API", method: .put,
                                             headers: json.merging([.ifMatch: etag]), body: #"{"content":"<p>v3</p>"}"#)
            #expect(response.status == .preconditionFailed)
            #expect(try await site.count("revisions") == revisions)

            // The ?raw ETag works too, and HTML bodies are accepted (title from <title>).
            let raw = try await api.get("/en-US/docs/Web/API?raw")
            response = try await api.request("/en-US/docs/Web/API", method: .put,
                                             headers: [.authorization: "Bearer \(token)", .contentType: "text/html",
                                                       .ifMatch: try #require(raw.headers[.eTag])],
                                             body: "<html><head><title>Web APIs &amp; more</title></head><body><p>v4</p></body></html>")
            #expect(response.status == .resetContent)
            #expect(try await site.document("Web/API")?.title == "Web APIs & more")

            // So does the $json ETag: read the JSON, write back with its validator.
            let summary = try await api.get("/en-US/docs/Web/API$json")
            let jsonTag = try #require(summary.headers[.eTag])
            response = try await api.request("/en-US/docs/Web/API", method: .put, headers: json.merging([.ifMatch: jsonTag]),
                                             body: #"{"content":"<p>v5</p>"}"#)
            #expect(response.status == .resetContent)
            #expect(try await api.get("/en-US/docs/Web/API$json", headers: [.ifNoneMatch: jsonTag]).status == .ok)   // changed
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func putRefusesBadInput(database: TestDatabase) async throws {
        try await Site.run(database, maxBodyBytes: 2048) { site in
            try await site.page("Web")
            let token = try await Self.key(site, user: "carol")
            let api = site.anonymous
            let json: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let before = try await site.count("revisions")

            var response = try await api.request("/en-US/docs/Missing/Child", method: .put, headers: json, body: #"{"content":"x"}"#)
            #expect(response.status == .badRequest)
            #expect(response.text.contains("does not exist"))
            response = try await api.request("/en-US/docs/Web/X", method: .put, headers: json, body: "{not json")
            #expect(response.status == .badRequest)
            response = try await api.request("/en-US/docs/Web/X", method: .put,
                                             headers: [.authorization: "Bearer \(token)", .contentType: "image/png"], body: "x")
            #expect(response.status == .unsupportedMediaType)
            response = try await api.request("/en-US/docs/Web/X", method: .put, headers: json,
                                             body: #"{"content":"\#(String(repeating: "a", count: 4000))"}"#)
            #expect(response.status == .contentTooLarge)
            response = try await api.request("/en-US/docs/Web/X", method: .put, headers: json,
                                             bytes: Array(#"{"content":""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8))
            #expect(response.status == .badRequest)
            response = try await api.request("/en-US/docs/Web/X", method: .put, headers: json.merging([.ifMatch: "\"abc\""]),
                                             body: #"{"content":"x"}"#)
            #expect(response.status == .preconditionFailed)
            response = try await api.request("/xx/docs/Web/X", method: .put, headers: json, body: #"{"content":"x"}"#)
            #expect(response.status == .notFound)
            #expect(try await site.count("revisions") == before)

            // A revoked key stops working at once.
            let owner = try #require(try await site.services.accounts.user(named: "carol"))
            let key = try await site.services.accounts.createAPIKey(for: owner, label: "temp")
            try await site.services.accounts.revokeAPIKey(id: key.id)
            response = try await api.request("/en-US/docs/Web/Y", method: .put,
                                             headers: [.authorization: "Bearer \(key.token)", .contentType: "application/json"],
                                             body: #"{"content":"x"}"#)
            #expect(response.status == .unauthorized)
        }
    }
}

extension HTTPFields {
    func merging(_ other: HTTPFields) -> HTTPFields {
        var copy = self
        for field in other { copy[field.name] = field.value }
        return copy
    }
}
