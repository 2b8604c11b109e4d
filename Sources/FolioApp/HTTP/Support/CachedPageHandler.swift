import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Anonymous views of pages in the page cache, answered on the connection's event loop. The
/// responder path runs each request in a task on another thread and back, which cost more than
/// everything a cache hit does; here a hit is a dictionary lookup and three writes. Only plain
/// cases come this way — GET or HEAD, no query, no session cookie or credentials, a known Host,
/// a keep-alive connection, not draining — everything else, misses included, goes on to the
/// responder unchanged. The answer is the stored one with the headers the responder would add
/// (built once, when the page was stored), so both paths send the same bytes.
///
/// NIO's pipelining handler sits before this one and hands over one request at a time, so an
/// answer written here can never overtake one still being made by the responder.
final class CachedPageHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundOut = HTTPResponsePart

    let services: FolioServices
    /// The rest (body, end) of a request answered here is dropped.
    private var answered = false
    private var loopbackPeer: Bool?

    init(services: FolioServices) { self.services = services }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            let loopback = loopbackPeer ?? FolioContext.isLoopback(context.channel.remoteAddress)
            loopbackPeer = loopback
            guard let answer = services.cachedAnswer(to: request, loopbackPeer: loopback) else {
                context.fireChannelRead(data)
                return
            }
            answered = true
            context.write(wrapOutboundOut(.head(answer.head)), promise: nil)
            if let body = answer.body { context.write(wrapOutboundOut(.body(body)), promise: nil) }
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        case .body:
            if !answered { context.fireChannelRead(data) }
        case .end:
            if answered { answered = false } else { context.fireChannelRead(data) }
        }
    }
}

extension FolioServices {
    /// The cached answer to `request`, or nil when the responder must handle it.
    func cachedAnswer(to request: HTTPRequest, loopbackPeer: Bool) -> (head: HTTPResponse, body: ByteBuffer?)? {
        let started = ContinuousClock.now
        guard request.method == .get || request.method == .head, let path = request.path,
              !path.contains("?"), path.contains("/docs/"), !path.contains("$"),
              !state.isDraining, pageCache.isEnabled, config.role.serves(.web),
              request.headerFields[.authorization] == nil,
              !request.headerFields[values: .cookie].contains(where: { $0.contains(FolioResponder.sessionCookie + "=") }),
              !(request.headerFields[.connection]?.lowercased().contains("close") ?? false),
              hosts.origin(authority: request.authority, listener: .main, loopbackPeer: loopbackPeer) == .main,
              let entry = pageCache.lookup(path) else { return nil }
        metrics.pageCache(hit: true, direct: true)
        let variant = entry.gzip.flatMap { Gzip.accepted(by: request.headerFields[.acceptEncoding]) ? $0 : nil } ?? entry.plain
        let notModified = request.headerFields[.ifNoneMatch].map { condition in
            variant.ready[.eTag].map { Conditional.etagMatches(condition, $0) } ?? false
        } ?? false
        var headers = notModified ? variant.readyNotModified : variant.ready
        let requestID = RequestID.of(request.headerFields)
        headers[.requestID] = requestID
        // What Hummingbird adds to the responder's answers.
        headers[.date] = HTTPDate.current()
        headers[.server] = "Folio"
        let status: HTTPResponse.Status = notModified ? .notModified : entry.status
        record(method: request.method, path: path, status: status, requestID: requestID, started: started)
        return (HTTPResponse(status: status, headerFields: headers),
                notModified || request.method == .head ? nil : variant.body)
    }
}
