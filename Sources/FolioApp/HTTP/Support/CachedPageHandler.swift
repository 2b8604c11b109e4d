import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import Synchronization

/// Anonymous views of pages in the page cache, answered on the connection's event loop. The
/// responder path runs each request in a task on another thread and back, which cost more than
/// everything a cache hit does; here a hit is a dictionary lookup and three writes. Only plain
/// cases come this way — GET or HEAD, no query, no session cookie or credentials, the main
/// site's Host, a keep-alive connection, not draining — everything else, misses included, goes
/// on to the responder unchanged. The answer is the stored one with the headers the responder
/// would add (built once, when the page was stored), so both paths send the same bytes.
///
/// HTTP/1.1 answers must leave in the order the requests came (a client may pipeline them), so
/// a request is answered here only while the responder owes nothing on this connection: the
/// heads passed on and the ends the responder wrote back are counted. A connection whose
/// socket is full goes to the responder too, which waits for it (no unbounded buffering), and
/// Hummingbird's quiesce event (shutdown) is held back until answers written here are out, so
/// closing never cuts one off.
final class CachedPageHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    /// Hummingbird adds extra handlers after its HTTP-types codec; this one belongs before it
    /// (it reads and writes HTTP/1 parts, so neither side is converted), and moves itself there.
    final class Installer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = Never
        let services: FolioServices
        init(services: FolioServices) { self.services = services }

        func handlerAdded(context: ChannelHandlerContext) {
            let pipeline = context.pipeline.syncOperations
            do {
                let codec = try pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self)
                try pipeline.addHandler(CachedPageHandler(services: services), position: .before(codec.handler))
            } catch {
                // Still correct without it (the responder answers everything), only slower.
                if Self.warned.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
                    services.logger.warning("cached pages go through the responder: no HTTP/1 codec found", metadata: ["error": "\(error)"])
                }
            }
            pipeline.removeHandler(context: context, promise: nil)
        }

        static let warned = Atomic<Bool>(false)
    }

    let services: FolioServices
    /// The rest (body, end) of a request answered here is dropped.
    private var answered = false
    /// Requests passed to the responder whose answers have not ended yet.
    private var owed = 0
    /// Answers written here and not yet on the wire; a quiesce event waiting for them.
    private var unflushed = 0
    private var heldQuiesce: Any?
    private var quiescing = false
    private var loopbackPeer: Bool?
    /// The last Host seen on this connection and whether it is the main site's (a client
    /// sends the same one on every request).
    private var knownAuthority: (authority: String, isMain: Bool)?

    init(services: FolioServices) { self.services = services }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            if owed == 0, !quiescing, context.channel.isWritable, isMainSite(request, context),
               let answer = services.cachedAnswer(to: request) {
                answered = true
                unflushed += 1
                let written = context.eventLoop.makePromise(of: Void.self)
                written.futureResult.assumeIsolated().whenComplete { [self] _ in
                    unflushed -= 1
                    if unflushed == 0, let event = heldQuiesce {
                        heldQuiesce = nil
                        context.fireUserInboundEventTriggered(event)
                    }
                }
                context.write(wrapOutboundOut(.head(answer.head)), promise: nil)
                if let body = answer.body { context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil) }
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: written)
                return
            }
            owed += 1
            context.fireChannelRead(data)
        case .body:
            if !answered { context.fireChannelRead(data) }
        case .end:
            if answered { answered = false } else { context.fireChannelRead(data) }
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), owed > 0 { owed -= 1 }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            quiescing = true
            if unflushed > 0 {
                heldQuiesce = event
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    private func isMainSite(_ request: HTTPRequestHead, _ context: ChannelHandlerContext) -> Bool {
        let hosts = request.headers["host"]
        // None, or two (which the responder refuses): not for this path.
        guard hosts.count == 1, let authority = hosts.first else { return false }
        if let known = knownAuthority, known.authority == authority { return known.isMain }
        let loopback = loopbackPeer ?? FolioContext.isLoopback(context.channel.remoteAddress)
        loopbackPeer = loopback
        let isMain = services.hosts.origin(authority: authority, listener: .main, loopbackPeer: loopback) == .main
        knownAuthority = (authority, isMain)
        return isMain
    }
}

extension FolioServices {
    /// The cached answer to `request` (for the main site's Host), or nil when the responder
    /// must handle it.
    func cachedAnswer(to request: HTTPRequestHead) -> (head: HTTPResponseHead, body: ByteBuffer?)? {
        let started = ContinuousClock.now
        let path = request.uri
        // HTTP/1.1 only: the responder answers HTTP/1.0 (with its own keep-alive rules).
        guard request.method == .GET || request.method == .HEAD, request.version == .http1_1, request.isKeepAlive,
              Self.isPlainPageView(path), !state.isDraining, pageCache.isEnabled, config.role.serves(.web) else { return nil }
        var acceptEncoding: String?, ifNoneMatch: String?, givenID: String?, idCount = 0
        for (name, value) in request.headers {
            // Only names as long as one of these five are lowercased (most headers are not).
            switch name.utf8.count {
            case 6, 12, 13, 15: break
            default: continue
            }
            switch name.lowercased() {
            case "authorization": return nil
            case "cookie": if Self.contains(value.utf8, Self.sessionCookiePrefix) { return nil }
            case "accept-encoding": acceptEncoding = acceptEncoding.map { $0 + ", " + value } ?? value
            case "if-none-match": ifNoneMatch = ifNoneMatch.map { $0 + ", " + value } ?? value
            case "x-request-id": givenID = value; idCount += 1
            default: break
            }
        }
        guard let entry = pageCache.lookup(path) else { return nil }
        metrics.pageCache(hit: true, direct: true)
        let variant = entry.gzip.flatMap { Gzip.accepted(by: acceptEncoding) ? $0 : nil } ?? entry.plain
        let notModified = ifNoneMatch.map { condition in
            variant.etag.map { condition == $0 || Conditional.etagMatches(condition, $0) } ?? false
        } ?? false
        var headers = notModified ? variant.readyNotModifiedHTTP1 : variant.readyHTTP1
        let requestID = RequestID.of(given: idCount == 1 ? givenID : nil)   // two ids: neither, as the responder
        // What the responder adds, then Hummingbird (stored headers never hold these three).
        headers.add(name: "X-Request-Id", value: requestID)
        headers.add(name: "Date", value: HTTPDate.current())
        headers.add(name: "Server", value: "Folio")
        let status: HTTPResponseStatus = notModified ? .notModified : .init(statusCode: Int(entry.status.code))
        let method: HTTPRequest.Method = request.method == .HEAD ? .head : .get
        record(method: method, path: path, route: "docs", status: .init(code: Int(status.code)), requestID: requestID,
               started: started, onEventLoop: true)
        return (HTTPResponseHead(version: request.version, status: status, headers: headers),
                notModified || request.method == .HEAD ? nil : variant.body)
    }
}

extension FolioServices {
    static let sessionCookiePrefix = Array((FolioResponder.sessionCookie + "=").utf8)

    /// A page address the cache may hold: `/docs/` in it, no query, no `$` action (one pass
    /// over the bytes; this runs for every request).
    static func isPlainPageView(_ path: String) -> Bool {
        var sawDocs = false
        var matched = 0   // how much of "/docs/" the bytes just read end with
        let docs: [UInt8] = Array("/docs/".utf8)
        for byte in path.utf8 {
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "$") { return false }
            if !sawDocs {
                matched = byte == docs[matched] ? matched + 1 : (byte == docs[0] ? 1 : 0)
                if matched == docs.count { sawDocs = true }
            }
        }
        return sawDocs
    }

    static func contains(_ haystack: String.UTF8View, _ needle: [UInt8]) -> Bool {
        let bytes = Array(haystack)
        guard bytes.count >= needle.count else { return false }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }
}
