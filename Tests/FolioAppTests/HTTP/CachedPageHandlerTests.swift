import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing
@testable import FolioApp

/// Cached page views answered on the event loop send what the responder sends.
@Suite struct CachedPageHandlerTests {
    static func direct(_ site: Site) -> Int {
        let line = site.services.metrics.exposition().split(separator: "\n")
            .first { $0.hasPrefix("folio_page_cache_direct_hits_total ") }
        return line.flatMap { Int($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// Headers but those that differ between any two answers: the request id and the date.
    static func comparable(_ headers: HTTPFields) -> [String: String] {
        var result: [String: String] = [:]
        for field in headers where field.name != .requestID && field.name != .date { result[field.name.canonicalName, default: ""] += field.value + ";" }
        return result
    }

    @Test func onlyPlainPageAddressesQualify() {
        #expect(FolioServices.isPlainPageView("/en-US/docs/Web/HTML"))
        #expect(FolioServices.isPlainPageView("/en-US/doc/docs/x"))
        #expect(!FolioServices.isPlainPageView("/en-US/docs/Web?raw"))
        #expect(!FolioServices.isPlainPageView("/en-US/docs/Web$history"))
        #expect(!FolioServices.isPlainPageView("/en-US/docsWeb"))
        #expect(!FolioServices.isPlainPageView("/static/folio.css"))
    }

    /// Runs blocking socket calls on a thread of their own: on the test pool's few threads they
    /// could starve the server tasks they wait for.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try body() }) }.start()
        }
    }

    /// Sends `text` on one connection in one write; returns everything read until the server
    /// closes it (or 5 s pass).
    static func exchange(port: Int, _ text: String) async throws -> String {
        try await onThread { try blockingExchange(port: port, text) }
    }

    /// What went wrong in blocking socket code (thrown, then recorded by the test that awaited it).
    struct SocketProblem: Error, CustomStringConvertible { let description: String }

    static func blockingExchange(port: Int, _ text: String) throws -> String {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SocketProblem(description: "no socket") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SocketProblem(description: "could not connect") }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let bytes = Array(text.utf8)
        guard bytes.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == bytes.count else {
            throw SocketProblem(description: "could not send")
        }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// One client connection, read answer by answer (Content-Length bodies).
    final class RawConnection: @unchecked Sendable {   // used by one test task at a time
        let fd: Int32
        var received: [UInt8] = []

        init(port: Int) throws {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
            try #require(fd >= 0 && connected == 0)
        }
        deinit { close(fd) }

        func send(_ text: String) {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, 0) } == bytes.count)
        }

        /// The next answer: status and body (none for HEAD and 304).
        func answer(toHead: Bool = false) async throws -> (status: Int, body: String) {
            try await CachedPageHandlerTests.onThread { try self.blockingAnswer(toHead: toHead) }
        }

        func blockingAnswer(toHead: Bool) throws -> (status: Int, body: String) {
            let end = Array("\r\n\r\n".utf8)
            func fill() throws {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                guard count > 0 else { throw SocketProblem(description: "the connection ended before the answer") }
                received += buffer[0..<count]
            }
            while received.firstRange(of: end) == nil { try fill() }
            let headEnd = received.firstRange(of: end)!.upperBound
            let head = String(decoding: received[0..<headEnd], as: UTF8.self)
            let status = Int(head.dropFirst("HTTP/1.1 ".count).prefix(3)) ?? 0
            let length = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
                .flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            let bodyLength = toHead || status == 304 ? 0 : length
            while received.count < headEnd + bodyLength { try fill() }
            let body = String(decoding: received[headEnd..<headEnd + bodyLength], as: UTF8.self)
            received.removeFirst(headEnd + bodyLength)
            return (status, body)
        }
    }

    /// A site whose page /en-US/docs/Web ("Direct words") is in the page cache, and its port.
    static func withCachedPage(_ database: TestDatabase, _ body: @Sendable (Site, Int) async throws -> Void) async throws {
        try await Site.run(database, signIn: false, configure: PageCacheTests.pollByHand) { site in
            try await site.page("Web", html: "<p>Direct words</p>")
            try await site.services.invalidator.poll()
            _ = try await site.anonymous.get("/en-US/docs/Web")
            try await body(site, try #require(site.anonymous.client.port))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func requestsInPiecesOrAfterABodyStillComeDirectly(database: TestDatabase) async throws {
        try await Self.withCachedPage(database) { site, port in
            let view = "GET /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\n\r\n"

            // A head that arrives in pieces is put together first (its end split too).
            var before = Self.direct(site)
            let split = try RawConnection(port: port)
            for piece in ["GET /en-US/docs/Web HTTP/1.1\r\nHo", "st: localhost\r\n\r", "\n"] {
                split.send(piece)
                try await Task.sleep(for: .milliseconds(30))
            }
            let pieces = try await split.answer()
            #expect(pieces.status == 200 && pieces.body.contains("Direct words"))
            #expect(Self.direct(site) == before + 1)

            // A form post with a body goes to the responder (body and all); a view sent right
            // behind it waits for its answer (responder), and the next one comes directly.
            before = Self.direct(site)
            let form = "q=Direct+words"
            let posted = try RawConnection(port: port)
            posted.send("POST /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: \(form.utf8.count)\r\n\r\n\(form)" + view)
            let postAnswer = try await posted.answer()
            #expect(postAnswer.status >= 300 && postAnswer.status < 500, "\(postAnswer.status)")
            #expect(try await posted.answer().body.contains("Direct words"))
            #expect(Self.direct(site) == before)
            posted.send(view)
            #expect(try await posted.answer().body.contains("Direct words"))
            #expect(Self.direct(site) == before + 1)

            // A chunked body is left to NIO's decoder, and the connection with it.
            before = Self.direct(site)
            let chunked = try RawConnection(port: port)
            chunked.send("POST /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nq=x\r\n0\r\n\r\n" + view)
            #expect(try await chunked.answer().status >= 300)
            #expect(try await chunked.answer().body.contains("Direct words"))
            chunked.send(view)
            #expect(try await chunked.answer().body.contains("Direct words"))
            #expect(Self.direct(site) == before)
        }
    }

    @Test func aHeldHeadIsReadAgainOnlyWhenItCanHaveEnded() {
        let check = { (held: String, more: String) in
            CachedPageHandler.mayEndHead(held: ByteBuffer(string: held), more: ByteBuffer(string: more))
        }
        #expect(check("GET / HTTP/1.1\r\nHost: a\r\n", "\r\n"))
        #expect(check("GET / HTTP/1.1\r\nHost: a\r\n\r", "\n"))
        #expect(check("", "GET / HTTP/1.1\r\n\r\n"))
        #expect(check("\r", "\n\r\n"))
        #expect(check("GET / HT", "TP/1.1\nHost: a\n\n"), "a bare LF: the decoder refuses it now")
        #expect(check("", "\n"), "a bare LF at the start")
        #expect(!check("GET / HTTP/1.1\r\n", "Host: a\r\n"), "one more line only")
        #expect(!check("GET / HTTP/1.1\r\nHo", "st"))
        #expect(!check("", ""))
    }

    @Test(arguments: TestDatabase.kinds)
    func aHeadWithBareLineFeedsInPiecesIsRefusedNotHeld(database: TestDatabase) async throws {
        try await Site.run(database, signIn: false, configure: { _ in }) { site in
            let port = try #require(site.anonymous.client.port)
            let connection = try RawConnection(port: port)
            connection.send("GET /en-US/docs/Web HT")
            try await Task.sleep(for: .milliseconds(30))
            connection.send("TP/1.1\nHost: localhost\n\n")
            // NIO's decoder decides (it refuses bare line feeds): an answer comes, at once.
            let started = ContinuousClock.now
            let answer = try await connection.answer()
            #expect(answer.status == 400, "\(answer.status)")
            #expect(ContinuousClock.now - started < .seconds(5))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func pipelinedRequestsAreAnsweredInOrder(database: TestDatabase) async throws {
        try await Self.withCachedPage(database) { site, port in
            // A slow request (the responder) first, then cached ones, in one write.
            let request = { (method: String, path: String, last: Bool) in
                "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n" + (last ? "Connection: close\r\n" : "") + "\r\n"
            }
            let text = try await Self.exchange(port: port, request("GET", "/en-US/docs/all", false) + request("GET", "/en-US/docs/Web", false)
                                         + request("HEAD", "/en-US/docs/Web", false) + request("GET", "/en-US/docs/Web", true))
            let starts = text.components(separatedBy: "HTTP/1.1 ").dropFirst().map { String($0.prefix(3)) }
            #expect(starts == ["200", "200", "200", "200"], "\(starts)")
            let list = try #require(text.range(of: "<title>"))
            let page = try #require(text.range(of: "Direct words"))
            #expect(list.lowerBound < page.lowerBound, "the cached page overtook the list")
            #expect(text.components(separatedBy: "Direct words").count == 3, "two GET bodies, none for HEAD")
            // A second Host header is refused, as RFC 9112 asks.
            let twoHosts = try await Self.exchange(port: port, "GET /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\nHost: evil.example\r\nConnection: close\r\n\r\n")
            #expect(twoHosts.hasPrefix("HTTP/1.1 400"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func directAnswersMatchTheResponders(database: TestDatabase) async throws {
        try await Site.run(database, configure: PageCacheTests.pollByHand) { site in
            try await site.page("Web", html: "<p>Direct words</p>")
            try await site.services.invalidator.poll()
            for headers: HTTPFields in [[:], [.acceptEncoding: "gzip"]] {
                site.services.pageCache.evictAll()
                let before = Self.direct(site)
                let made = try await site.anonymous.get("/en-US/docs/Web", headers: headers)     // responder, stored
                let direct = try await site.anonymous.get("/en-US/docs/Web", headers: headers)   // event loop
                #expect(Self.direct(site) == before + 1, "the second view was not answered directly")
                #expect(made.status == .ok && direct.status == .ok)
                #expect(Self.comparable(made.headers) == Self.comparable(direct.headers))
                #expect(made.body == direct.body)
                #expect(direct.headers[.date].flatMap(HTTPDate.parse) != nil)
                #expect(direct.headers[.requestID] != nil && direct.headers[.requestID] != made.headers[.requestID])
                #expect(direct.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)

                // Revalidation and HEAD come the same way.
                let etag = try #require(direct.headers[.eTag])
                var conditional = headers
                conditional[.ifNoneMatch] = etag
                let notModified = try await site.anonymous.get("/en-US/docs/Web", headers: conditional)
                #expect(notModified.status == .notModified && notModified.body.readableBytes == 0)
                #expect(notModified.headers[.eTag] == etag && notModified.headers[.contentType] == nil)
                // Only what updates a stored copy, as from the responder (a page action never comes directly).
                #expect(notModified.headers[.cacheControl] == direct.headers[.cacheControl])
                #expect(notModified.headers[.contentSecurityPolicy] == nil && notModified.headers[.requestID] != nil)
                let history = try await site.anonymous.get("/en-US/docs/Web$history")
                var historyCondition = headers
                historyCondition[.ifNoneMatch] = try #require(history.headers[.eTag])
                let historyNotModified = try await site.anonymous.get("/en-US/docs/Web$history", headers: historyCondition)
                #expect(historyNotModified.status == .notModified && historyNotModified.headers[.contentSecurityPolicy] == nil)
                #expect(historyNotModified.headers[.eTag] == history.headers[.eTag])
                let head = try await site.anonymous.request("/en-US/docs/Web", method: .head, headers: headers)
                #expect(head.status == .ok && head.body.readableBytes == 0)
                #expect(head.headers[.contentLength] == made.headers[.contentLength])
                #expect(Self.direct(site) == before + 3)
            }
            // A caller's request id is kept.
            let traced = try await site.anonymous.get("/en-US/docs/Web", headers: [.requestID: "lb-trace-42"])
            #expect(traced.headers[.requestID] == "lb-trace-42")
            // Not for signed-in readers, queries, page actions, or a connection asking to close.
            let before = Self.direct(site)
            #expect(try await site.contributor.get("/en-US/docs/Web").headers[.cacheControl] == "private, no-cache")
            _ = try await site.anonymous.get("/en-US/docs/Web?x=1")
            _ = try await site.anonymous.get("/en-US/docs/Web$history")
            _ = try await site.anonymous.get("/en-US/docs/Web", headers: [.authorization: "Bearer x"])
            #expect(Self.direct(site) == before)
            // A purge is seen at once.
            try await site.services.database.transaction { try await PurgeStore.record($0, keys: ["locale-en-US"], cdn: false) }
            try await site.services.invalidator.poll()
            _ = try await site.anonymous.get("/en-US/docs/Web")
            #expect(Self.direct(site) == before)
        }
    }
}
