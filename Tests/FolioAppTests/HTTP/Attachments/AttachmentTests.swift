import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// Attachments: uploaded by contributors through a CSRF-checked form, typed by extension and
/// checked by content, stored by hash, served only from the untrusted origin.
@Suite struct AttachmentTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 7, count: 64)

    static func multipart(_ fields: [(name: String, filename: String?, data: [UInt8])]) -> (String, [UInt8]) {
        let boundary = "----FolioBoundary7MA4YWxk"
        var body: [UInt8] = []
        for field in fields {
            var head = "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(field.name)\""
            if let filename = field.filename { head += "; filename=\"\(filename)\"\r\nContent-Type: application/octet-stream" }
            head += "\r\n\r\n"
            body += Array(head.utf8) + field.data + Array("\r\n".utf8)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return ("multipart/form-data; boundary=\(boundary)", body)
    }

    static func upload(_ browser: Browser, _ path: String, filename: String, data: [UInt8], csrf: String?) async throws -> TestResponse {
        var fields: [(name: String, filename: String?, data: [UInt8])] = [("file", filename, data)]
        if let csrf { fields.insert(("csrf", nil, Array(csrf.utf8)), at: 0) }
        let (type, body) = multipart(fields)
        return try await browser.request(path, method: .post, headers: [.contentType: type], bytes: body)
    }

    @Test(arguments: TestDatabase.kinds)
    func contributorsUploadAndTheUntrustedOriginServes(database: TestDatabase) async throws {
        try await Site.run(database, maxBodyBytes: 4096, configure: { _ in }) { site in
            try await site.page("Web")
            let contributor = site.contributor
            let form = try await contributor.get("/en-US/docs/Web$files")
            #expect(form.text.contains(#"enctype="multipart/form-data""#))
            let uploaded = try await Self.upload(contributor, "/en-US/docs/Web$files", filename: "../../etc/My Diagram.png",
                                                 data: Self.png, csrf: contributor.csrf)
            #expect(uploaded.status == .seeOther)
            let list = try await site.anonymous.get("/en-US/docs/Web$files")
            let origin = site.services.config.publicUntrustedURL
            #expect(list.text.contains("\(origin)/files/1/My_Diagram.png"))
            #expect(!list.text.contains("multipart"))   // readers see no upload form

            // Refused, and nothing saved: no session, no token, a disallowed type, a PNG that
            // is not one, a file over the limit.
            #expect(try await Self.upload(site.anonymous, "/en-US/docs/Web$files", filename: "a.png", data: Self.png, csrf: nil).status == .forbidden)
            #expect(try await Self.upload(contributor, "/en-US/docs/Web$files", filename: "a.png", data: Self.png, csrf: "wrong").status == .forbidden)
            let html = try await Self.upload(contributor, "/en-US/docs/Web$files", filename: "x.html", data: Array("<script>".utf8), csrf: contributor.csrf)
            #expect(html.status == .unsupportedMediaType && html.text.contains("not a file type pages may attach"))
            #expect(try await Self.upload(contributor, "/en-US/docs/Web$files", filename: "fake.png", data: Array("<html>".utf8),
                                          csrf: contributor.csrf).status == .unsupportedMediaType)
            #expect(try await Self.upload(contributor, "/en-US/docs/Web$files", filename: "big.png", data: Self.png + Array(repeating: 1, count: 5000),
                                          csrf: contributor.csrf).status == .contentTooLarge)
            #expect(try await site.count("attachments") == 1)

            // The main site only redirects to the untrusted origin.
            let redirect = try await site.anonymous.get("/files/1/My_Diagram.png")
            #expect(redirect.status == .movedPermanently && redirect.headers[.location] == "\(origin)/files/1/My_Diagram.png")

            let untrusted = Application(responder: UntrustedResponder(services: site.services),
                                        configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await untrusted.test(.live) { client in
                let file = try await client.execute(uri: "/files/1/My_Diagram.png", method: .get)
                #expect(file.status == .ok)
                #expect(Array(file.body.readableBytesView) == Self.png)
                #expect(file.headers[.contentType] == "image/png")
                #expect(file.headers[.cacheControl] == "public, max-age=3600, s-maxage=86400")
                #expect(file.headers[.contentSecurityPolicy]?.contains("sandbox") == true)
                #expect(file.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff" && file.headers[.setCookie] == nil)
                // Its date is exact (the bytes never change): If-Modified-Since works here, and
                // If-None-Match wins when both are sent.
                let modified = try #require(file.headers[.lastModified])
                #expect(try await client.execute(uri: "/files/1/My_Diagram.png", method: .get, headers: [.ifModifiedSince: modified]).status == .notModified)
                #expect(try await client.execute(uri: "/files/1/My_Diagram.png", method: .get,
                                                 headers: [.ifModifiedSince: modified, .ifNoneMatch: "\"x\""]).status == .ok)
                #expect(try await client.execute(uri: "/files/1/My_Diagram.png", method: .get,
                                                 headers: [.ifModifiedSince: "Sat, 01 Jan 2000 00:00:00 GMT"]).status == .ok)
                let other = try await client.execute(uri: "/files/1/other.png", method: .get)
                #expect(other.status == .movedPermanently && other.headers[.location] == "/files/1/My_Diagram.png")
                #expect(try await client.execute(uri: "/files/2/x.png", method: .get).status == .notFound)
                #expect(try await client.execute(uri: "/files/1/My_Diagram.png", method: .post).status == .methodNotAllowed)
                // Liveness for the samples port's probes; nothing else of the main site.
                #expect(try await client.execute(uri: "/healthz", method: .get).status == .ok)
                #expect(try await client.execute(uri: "/en-US/docs/Web", method: .get).status == .notFound)
                // A deleted page takes its files with it.
                let web = try #require(try await site.document("Web"))
                _ = try await site.services.wiki.delete(documentID: web.id, reason: "spam", by: nil)
                #expect(try await client.execute(uri: "/files/1/My_Diagram.png", method: .get).status == .notFound)
            }
        }
    }

    @Test func multipartBodiesAreParsedOrRefusedWhole() {
        let (type, body) = Self.multipart([("csrf", nil, Array("t0k".utf8)), ("file", "a \\\"b\\\".txt", Array("line\r\n--not".utf8))])
        let boundary = try? #require(Multipart.boundary(contentType: type))
        let form = Multipart(body: body, boundary: boundary ?? "")
        #expect(form?["csrf"]?.text == "t0k")
        #expect(form?["file"]?.filename == "a \"b\".txt")
        #expect(form?["file"]?.text == "line\r\n--not")
        #expect(Multipart(body: Array(body.dropLast(30)), boundary: boundary ?? "") == nil)
        #expect(Multipart.boundary(contentType: "text/plain") == nil)
        #expect(FileTypes.safeName("..\\..\\x/ü ber.PNG") == "ber.PNG")
        // Linear in the name, however long (only its end is kept).
        #expect(FileTypes.safeName(String(repeating: ".", count: 4_000_000) + "a.png") == "a.png")
    }
}
