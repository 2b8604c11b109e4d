import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOHTTPTypesHTTP1
import Synchronization

/// Anonymous views of pages in the page cache, answered on the connection's event loop from the
/// socket's bytes. The responder path decodes each request into NIO's and then Swift HTTP
/// types, runs it in a task on another thread and back, and encodes the answer field by field;
/// a cache hit here is a scan of the request's bytes, a dictionary lookup and one write of
/// stored bytes. Only plain cases come this way — a GET or HEAD of HTTP/1.1, no query, no
/// session cookie or credentials, the main site's Host, a keep-alive connection, not draining —
/// everything else, misses included, goes on to NIO's decoder and the responder unchanged. The
/// answer is the stored one with the headers the responder would add (built once, when the page
/// was stored), so both paths send the same bytes.
///
/// The handler sits in front of NIO's HTTP/1 decoder and frames requests itself (`WireRequest`:
/// a strict subset of HTTP/1.1 on which it and the decoder agree), passing each whole request
/// it does not answer to the decoder. From the first bytes it cannot frame (a chunked body, a
/// folded header, an upgrade…) it passes everything through for the rest of the connection.
///
/// HTTP/1.1 answers must leave in the order the requests came (a client may pipeline them), so
/// a request is answered here only while the responder owes nothing on this connection: every
/// request passed on has had its answer's end written (counted by `AnswerCounter`, behind the
/// decoder). A connection whose socket is full goes to the responder too, which waits for it
/// (no unbounded buffering), and Hummingbird's quiesce event (shutdown) is held back until
/// answers written here are out, so closing never cuts one off.
final class CachedPageHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = IOData
    typealias OutboundOut = IOData

    /// Hummingbird adds extra handlers after its HTTP-types codec; these belong before the
    /// HTTP/1 encoder and decoder (bytes) and behind them (response parts), and move there.
    final class Installer: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = Never
        let services: FolioServices
        init(services: FolioServices) { self.services = services }

        func handlerAdded(context: ChannelHandlerContext) {
            let pipeline = context.pipeline.syncOperations
            do {
                let encoder = try pipeline.context(handlerType: HTTPResponseEncoder.self)
                let codec = try pipeline.context(handlerType: HTTP1ToHTTPServerCodec.self)
                let counter = AnswerCounter()
                try pipeline.addHandler(counter, position: .before(codec.handler))
                try pipeline.addHandler(CachedPageHandler(services: services, answers: counter), position: .before(encoder.handler))
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

    /// Counts the answers the responder has finished on this connection (the ends of
    /// responses passing towards the encoder).
    final class AnswerCounter: ChannelOutboundHandler, RemovableChannelHandler {
        typealias OutboundIn = HTTPServerResponsePart
        typealias OutboundOut = HTTPServerResponsePart
        fileprivate(set) var ended = 0
        /// An answer said `Connection: close` (an error, draining): nothing more is answered
        /// here, even before the connection is closed.
        fileprivate(set) var closing = false

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            switch unwrapOutboundIn(data) {
            case .head(let head):
                if !closing, head.headers["connection"].contains(where: { $0.lowercased().contains("close") }) { closing = true }
            case .body: break
            case .end: ended += 1
            }
            context.write(data, promise: promise)
        }
    }

    let services: FolioServices
    let answers: AnswerCounter
    /// Requests passed to the decoder (whole heads); answered when `answers.ended` equals it.
    private var passedOn = 0
    /// Body bytes of a request passed on still to come (they follow it to the decoder).
    private var bodyLeft = 0
    /// The start of a request whose head has not all arrived.
    private var pending: ByteBuffer?
    /// Set at the first bytes not framed here: the rest of the connection goes to the decoder.
    private var passThrough = false
    /// The connection is gone (a failed write can close it while a read is being handled).
    private var closed = false
    /// Whether answers were written here (a quiesce event then waits until they are out).
    private var answeredHere = false
    private var quiescing = false
    private var loopbackPeer: Bool?
    /// The last Host seen on this connection and whether it is the main site's (a client
    /// sends the same one on every request).
    private var knownAuthority: (authority: [UInt8], isMain: Bool)?

    init(services: FolioServices, answers: AnswerCounter) {
        self.services = services
        self.answers = answers
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if passThrough { return context.fireChannelRead(data) }
        var bytes = unwrapInboundIn(data)
        if var start = pending {
            pending = nil   // so the bytes below are added in place, not to a copy
            // Read again only once the head can have ended, holds a bare LF (which the decoder
            // refuses at once), or has grown too long: a head sent a few bytes at a time must
            // not be parsed from its start on every read.
            let readAgain = Self.mayEndHead(held: start, more: bytes)
            start.writeBuffer(&bytes)
            guard readAgain || start.readableBytes > WireRequest.maxHeadLength else {
                pending = start
                return
            }
            bytes = start
        }
        while bytes.readableBytes > 0, !closed {
            if bodyLeft > 0 {
                let count = min(bodyLeft, bytes.readableBytes)
                bodyLeft -= count
                context.fireChannelRead(wrapInboundOut(bytes.readSlice(length: count)!))
                continue
            }
            switch bytes.withUnsafeReadableBytes({ WireRequest.frame($0) }) {
            case .incomplete:
                pending = bytes
                return
            case .opaque:
                passThrough = true
                return context.fireChannelRead(wrapInboundOut(bytes))
            case .request(let headLength, let request):
                if request.isSimpleView, answer(request, headLength: headLength, in: bytes, context: context) {
                    bytes.moveReaderIndex(forwardBy: headLength)
                    continue
                }
                passedOn += 1
                if request.closes {   // nothing after it is read as a request
                    passThrough = true
                    return context.fireChannelRead(wrapInboundOut(bytes))
                }
                bodyLeft = request.contentLength
                context.fireChannelRead(wrapInboundOut(bytes.readSlice(length: headLength)!))
            }
        }
    }

    /// Answers `request` from the page cache when it may (else false, and nothing is written).
    private func answer(_ request: WireRequest, headLength: Int, in bytes: ByteBuffer, context: ChannelHandlerContext) -> Bool {
        guard passedOn == answers.ended, !answers.closing, !quiescing, context.channel.isWritable else { return false }
        let started = ContinuousClock.now
        let found = bytes.withUnsafeReadableBytes { head -> (ByteBuffer, ByteBuffer?)? in
            guard isMainSite(head, request, context) else { return nil }
            return services.cachedAnswer(to: request, head: head, started: started, allocator: context.channel.allocator)
        }
        guard let (answerHead, body) = found else { return false }
        answeredHere = true
        if let body {
            context.write(wrapOutboundOut(.byteBuffer(answerHead)), promise: nil)
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(body)), promise: nil)
        } else {
            context.writeAndFlush(wrapOutboundOut(.byteBuffer(answerHead)), promise: nil)
        }
        return true
    }

    func channelInactive(context: ChannelHandlerContext) {
        closed = true
        forwardPending(context)
        context.fireChannelInactive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent {
            quiescing = true
            if answeredHere {
                // Writes complete in order: once an empty one is out, so are the answers
                // before it, and Hummingbird may close an idle connection.
                let written = context.eventLoop.makePromise(of: Void.self)
                written.futureResult.assumeIsolated().whenComplete { _ in context.fireUserInboundEventTriggered(event) }
                context.writeAndFlush(wrapOutboundOut(.byteBuffer(ByteBuffer())), promise: written)
                return
            }
        } else if case .inputClosed? = event as? ChannelEvent {
            forwardPending(context)   // the decoder decides what a cut-off request means
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// Whether `more`, read after `held`, ends a head ("\r\n\r\n", perhaps begun in the last
    /// bytes of `held`) or holds a bare LF. Looks only at `more` and three bytes before it.
    static func mayEndHead(held: ByteBuffer, more: ByteBuffer) -> Bool {
        held.withUnsafeReadableBytes { held in
            more.withUnsafeReadableBytes { more in
                // The byte `back` places before more[index], from `held` when before `more`.
                func byte(_ index: Int, back: Int) -> UInt8? {
                    let at = index - back
                    if at >= 0 { return more[at] }
                    return held.count + at >= 0 ? held[held.count + at] : nil
                }
                for index in more.indices where more[index] == 0x0A {
                    guard byte(index, back: 1) == 0x0D else { return true }   // a bare LF
                    if byte(index, back: 2) == 0x0A && byte(index, back: 3) == 0x0D { return true }
                }
                return false
            }
        }
    }

    private func forwardPending(_ context: ChannelHandlerContext) {
        guard let start = pending else { return }
        pending = nil
        passThrough = true
        context.fireChannelRead(wrapInboundOut(start))
    }

    private func isMainSite(_ head: UnsafeRawBufferPointer, _ request: WireRequest, _ context: ChannelHandlerContext) -> Bool {
        guard let range = request.host else { return false }
        let authority = UnsafeRawBufferPointer(rebasing: head[range])
        if let known = knownAuthority, authority.elementsEqual(known.authority) { return known.isMain }
        let loopback = loopbackPeer ?? FolioContext.isLoopback(context.channel.remoteAddress)
        loopbackPeer = loopback
        let isMain = services.hosts.origin(authority: String(decoding: authority, as: UTF8.self), listener: .main,
                                           loopbackPeer: loopback) == .main
        knownAuthority = (Array(authority), isMain)
        return isMain
    }
}

extension FolioServices {
    /// The cached answer to `request` (whose head's bytes are `head`), as bytes to write:
    /// status line and headers, and the body unless it is HEAD or a 304. Nil when the
    /// responder must handle it.
    func cachedAnswer(to request: WireRequest, head: UnsafeRawBufferPointer, started: ContinuousClock.Instant,
                      allocator: ByteBufferAllocator) -> (ByteBuffer, ByteBuffer?)? {
        let text = { (range: Range<Int>) in String(decoding: UnsafeRawBufferPointer(rebasing: head[range]), as: UTF8.self) }
        let path = text(request.target)
        guard Self.isPlainPageView(path), !state.isDraining, pageCache.isEnabled, config.role.serves(.web),
              let entry = pageCache.lookup(path) else { return nil }
        metrics.pageCache(hit: true, direct: true)
        let variant = entry.gzip.flatMap { Gzip.accepted(by: request.acceptEncoding.map(text)) ? $0 : nil } ?? entry.plain
        let notModified = request.ifNoneMatch.map { range in
            guard let etag = variant.etag else { return false }
            let condition = UnsafeRawBufferPointer(rebasing: head[range])
            return condition.elementsEqual(etag.utf8) || Conditional.etagMatches(text(range), etag)
        } ?? false
        // Two ids: neither, as the responder.
        let requestID = RequestID.of(given: request.requestIDCount == 1 ? request.requestID.map(text) : nil)
        let stored = notModified ? variant.wireNotModifiedHead : variant.wireHead
        // What the responder adds, then Hummingbird (stored headers never hold these three).
        var answer = allocator.buffer(capacity: stored.readableBytes + 200)
        answer.writeImmutableBuffer(stored)
        answer.writeStaticString("X-Request-Id: ")
        answer.writeString(requestID)
        answer.writeStaticString("\r\nDate: ")
        answer.writeString(HTTPDate.current())
        answer.writeStaticString("\r\nServer: Folio\r\n\r\n")
        let status: HTTPResponse.Status = notModified ? .notModified : entry.status
        record(method: request.method == .head ? .head : .get, path: path, route: "docs", status: status,
               requestID: requestID, started: started, onEventLoop: true)
        return (answer, notModified || request.method == .head ? nil : variant.body)
    }
}

extension FolioServices {
    static let sessionCookiePrefix = Array((FolioResponder.sessionCookie + "=").utf8)

    /// A page address the cache may hold: `/docs/` in it, no query, no `$` action (one pass
    /// over the bytes; this runs for every request).
    static func isPlainPageView(_ path: String) -> Bool {
        var sawDocs = false
        var matched = 0   // how much of "/docs/" the bytes just read end with
        let docs = docsBytes
        for byte in path.utf8 {
            if byte == UInt8(ascii: "?") || byte == UInt8(ascii: "$") { return false }
            if !sawDocs {
                matched = byte == docs[matched] ? matched + 1 : (byte == docs[0] ? 1 : 0)
                if matched == docs.count { sawDocs = true }
            }
        }
        return sawDocs
    }

    private static let docsBytes = Array("/docs/".utf8)
}
