import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing
@testable import FolioApp

/// `WireRequest` frames requests for the direct cache path in front of NIO's decoder, so on
/// everything it frames it must see the same requests the decoder sees.
@Suite struct WireRequestTests {
    static func frame(_ text: String) -> WireRequest.Frame {
        Array(text.utf8).withUnsafeBytes { WireRequest.frame($0) }
    }

    static func request(_ text: String) -> WireRequest? {
        if case .request(_, let request) = frame(text) { return request }
        return nil
    }

    static func isOpaque(_ text: String) -> Bool {
        if case .opaque = frame(text) { return true }
        return false
    }

    @Test func aPlainViewIsFramedAndMayBeAnsweredDirectly() throws {
        let text = "GET /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\nIf-None-Match: \"x\"\r\nX-Request-Id: abc\r\n\r\nGET /next"
        guard case .request(let length, let request) = Self.frame(text) else { Issue.record("not framed"); return }
        #expect(length == text.utf8.count - "GET /next".utf8.count)
        let bytes = Array(text.utf8)
        let slice = { (range: Range<Int>?) in range.map { String(decoding: bytes[$0], as: UTF8.self) } }
        #expect(request.isSimpleView && request.method == .get && request.contentLength == 0)
        #expect(slice(request.target) == "/en-US/docs/Web" && slice(request.host) == "localhost")
        #expect(slice(request.acceptEncoding) == "gzip" && slice(request.ifNoneMatch) == "\"x\"" && slice(request.requestID) == "abc")
        // Names in any case; whitespace around a value is not part of it (as the responder reads it).
        let head = Array("HEAD / HTTP/1.1\r\nhOsT:  a \t\r\n\r\n".utf8)
        let headRequest = head.withUnsafeBytes { bytes -> WireRequest? in
            if case .request(_, let request) = WireRequest.frame(bytes) { return request } else { return nil }
        }
        #expect(headRequest?.method == .head && headRequest?.isSimpleView == true)
        #expect(headRequest?.host.map { String(decoding: head[$0], as: UTF8.self) } == "a")
    }

    @Test func whatOnlyTheResponderMayAnswerIsMarked() {
        let view = "GET /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\n"
        for extra in ["Cookie: a=1; folio_session=x\r\n", "Authorization: Bearer x\r\n", "Expect: 100-continue\r\n",
                      "If-Modified-Since: Sun, 06 Dec 2026 18:11:32 GMT\r\n", "Content-Length: 3\r\n",
                      "Host: other\r\n", "Accept-Encoding: gzip\r\nAccept-Encoding: br\r\n", "Connection: close\r\n"] {
            #expect(Self.request(view + extra + "\r\n")?.isSimpleView == false, "\(extra)")
        }
        #expect(Self.request("GET / HTTP/1.1\r\n\r\n")?.isSimpleView == false, "no Host")
        #expect(Self.request("GET / HTTP/1.0\r\nHost: a\r\n\r\n")?.closes == true)
        #expect(Self.request("GET / HTTP/1.1\r\nHost: a\r\nProxy-Connection: close\r\n\r\n")?.closes == true, "llhttp reads it as Connection")
        #expect(Self.request("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 12\r\n\r\n")?.contentLength == 12)
        // Allowed: another cookie, If-Modified-Since beside If-None-Match, keep-alive.
        for extra in ["Cookie: theme=dark\r\n", "Cookie: folio_session_old=1\r\n", "If-None-Match: \"e\"\r\nIf-Modified-Since: x\r\n", "Connection: Keep-Alive\r\n",
                      "Content-Length: 0\r\n"] {
            #expect(Self.request(view + extra + "\r\n")?.isSimpleView == true, "\(extra)")
        }
    }

    @Test func whatCannotBeFramedHereIsLeftToTheDecoder() {
        for text in ["POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n",
                     "GET / HTTP/1.1\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nHost: a\n\r\n",
                     "GET / HTTP/1.1\r\nHost: a\r\n folded\r\n\r\n", "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
                     "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length: +1\r\n\r\n",
                     "CONNECT a:443 HTTP/1.1\r\nHost: a\r\n\r\n", "GET / HTTP/1.1\r\nUpgrade: h2c\r\n\r\n",
                     "GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\n\r\n", "GET / HTTP/2.0\r\n\r\n",
                     "GET /a\u{e9} HTTP/1.1\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "\r\nGET / HTTP/1.1\r\n\r\n",
                     "GET / HTTP/1.1\r\nX: a\u{0}b\r\n\r\n", "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",
                     "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 20_000)] {
            #expect(Self.isOpaque(text), "\(text.prefix(60).debugDescription)")
        }
    }

    @Test func everyPrefixOfAHeadIsIncomplete() {
        let text = "GET /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip\r\n\r\n"
        for end in 0..<text.utf8.count {
            let prefix = String(decoding: Array(text.utf8)[0..<end], as: UTF8.self)
            guard case .incomplete = Self.frame(prefix) else { Issue.record("prefix of \(end) bytes: \(Self.frame(prefix))"); continue }
        }
    }

    /// Frames `bytes` as the handler does (request after request, bodies skipped, stopping at the
    /// first thing it leaves to the decoder or after a closing request): method, target and body
    /// length of each, and how many bytes they cover.
    static func frameAll(_ bytes: [UInt8]) -> (requests: [(String, String, Int)], simpleHosts: [String?], covered: Int) {
        var offset = 0, result: [(String, String, Int)] = [], hosts: [String?] = []
        while offset < bytes.count {
            let frame = bytes[offset...].withUnsafeBytes { WireRequest.frame($0) }
            guard case .request(let length, let request) = frame, offset + length + request.contentLength <= bytes.count else { break }
            let line = String(decoding: bytes[offset..<offset + length], as: UTF8.self)
            let method = String(line.prefix { $0 != " " })
            let target = String(decoding: bytes[(offset + request.target.lowerBound)..<(offset + request.target.upperBound)], as: UTF8.self)
            result.append((method, target, request.contentLength))
            hosts.append(request.isSimpleView ? request.host.map { String(decoding: bytes[(offset + $0.lowerBound)..<(offset + $0.upperBound)], as: UTF8.self) } : nil)
            offset += length + request.contentLength
            if request.closes { break }
        }
        return (result, hosts, offset)
    }

    /// What NIO's decoder reads from `bytes`: method, target and body length of each request,
    /// and the Host of those a cached page may answer (GET or HEAD, HTTP/1.1, keep-alive, one
    /// Host); nil when it refuses them.
    static func decode(_ bytes: [UInt8]) -> (requests: [(String, String, Int)], simpleHosts: [String?])? {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .forwardBytes)))
        defer { _ = try? channel.finish() }
        do { try channel.writeInbound(ByteBuffer(bytes: bytes)) } catch { return nil }
        var result: [(String, String, Int)] = [], hosts: [String?] = []
        while let part = try? channel.readInbound(as: HTTPServerRequestPart.self) {
            switch part {
            case .head(let head):
                result.append((head.method.rawValue, head.uri, 0))
                let simple = (head.method == .GET || head.method == .HEAD) && head.version == .http1_1 && head.isKeepAlive
                    && head.headers["host"].count == 1 && head.headers["content-length"].allSatisfy { Int($0) == 0 }
                // NIO keeps trailing whitespace; the HTTP types the responder reads drop it.
                let host = head.headers["host"].first.map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
                hosts.append(simple ? host : nil)
            case .body(let body): result[result.count - 1].2 += body.readableBytes
            case .end: break
            }
        }
        return (result, hosts)
    }

    /// Random damage to pipelined requests: whatever `WireRequest` frames, NIO's decoder reads
    /// as the same requests with the same bodies, and accepts.
    @Test func framesWhatNIOsDecoderReads() {
        let seeds = [
            "GET /en-US/docs/Web HTTP/1.1\r\nHost: localhost\r\nAccept-Encoding: gzip, br\r\n\r\n",
            "POST /x HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nContent-Type: text/plain\r\n\r\nhello",
            "HEAD /en-US/docs/A HTTP/1.1\r\nHost: a\r\nIf-None-Match: \"e-gz\"\r\nCookie: a=b\r\n\r\n",
            "GET /b HTTP/1.0\r\nHost: a\r\nConnection: keep-alive\r\n\r\n",
            "PUT /y HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        ]
        let headerLines = ["Proxy-Connection: close\r\n", "Connection: close\r\n", "Connection: upgrade\r\n", "Upgrade: websocket\r\n",
                           "Transfer-Encoding: chunked\r\n", "Content-Length: 3\r\n", "Content-Length: 0\r\n", "Host: b\r\n",
                           "Expect: 100-continue\r\n", "Host:  c \t\r\n", " folded\r\n", "X: y\n"]
        let alphabet: [UInt8] = Array("\r\n \t:,0123456789aZ-/\"".utf8) + [0, 0x7F, 0x80, 0xE9]
        var generator = SeededGenerator(seed: 42)
        var framedAtAll = 0
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 1...4, using: &generator) { bytes += Array(seeds.randomElement(using: &generator)!.utf8) }
            for _ in 0..<(round % 4) {   // a quarter of the rounds stay undamaged
                let at = Int.random(in: 0..<bytes.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes.insert(alphabet.randomElement(using: &generator)!, at: at)
                case 1: bytes.remove(at: at)
                case 2: bytes[at] = alphabet.randomElement(using: &generator)!
                default:   // a whole header line after some line's end
                    let lineStarts = bytes.indices.filter { $0 > 0 && bytes[$0 - 1] == 0x0A }
                    if let start = lineStarts.randomElement(using: &generator) {
                        bytes.insert(contentsOf: Array(headerLines.randomElement(using: &generator)!.utf8), at: start)
                    }
                }
            }
            let (framed, simpleHosts, covered) = Self.frameAll(bytes)
            guard !framed.isEmpty else { continue }
            framedAtAll += 1
            guard let decoded = Self.decode(Array(bytes[0..<covered])) else {
                Issue.record("framed, but the decoder refused: \(String(decoding: bytes[0..<covered], as: UTF8.self).debugDescription)")
                continue
            }
            let text = String(decoding: bytes[0..<covered], as: UTF8.self).debugDescription
            #expect(decoded.requests.map { "\($0.0) \($0.1) \($0.2)" } == framed.map { "\($0.0) \($0.1) \($0.2)" }, "\(text)")
            // What may be answered directly is a plain keep-alive view to the decoder too, for the same Host.
            for (ours, theirs) in zip(simpleHosts, decoded.simpleHosts) where ours != nil {
                #expect(ours == theirs, "\(text)")
            }
        }
        #expect(framedAtAll > 1000)
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be found again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
