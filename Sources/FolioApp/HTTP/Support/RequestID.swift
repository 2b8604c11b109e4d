import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// Request ids: the caller's `X-Request-Id` when it is a sane token (a load balancer's), else a
/// new one — this process's random prefix and a counter, unique across processes without the
/// cost of a UUID on every request.
enum RequestID {
    static let prefix: String = {
        var generator = SystemRandomNumberGenerator()
        return String(generator.next() as UInt64, radix: 36)
    }()
    static let counter = Atomic<UInt64>(0)

    static func of(_ headers: HTTPFields) -> String { of(given: headers[.requestID]) }

    static func of(given: String?) -> String {
        if let given, (1...64).contains(given.utf8.count),
           given.utf8.allSatisfy({ $0 == 45 || $0 == 95 || $0 == 46 || (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) }) {
            return given
        }
        return next()
    }

    static func next() -> String {
        prefix + "-" + String(counter.add(1, ordering: .relaxed).newValue, radix: 36)
    }
}

extension FolioServices {
    /// A request's metrics and its log line (both paths: the responder and the direct one; an
    /// answer made on an event loop hands its line to `RequestLogQueue`).
    func record(method: HTTPRequest.Method, path: String, route: String? = nil, status: HTTPResponse.Status, requestID: String,
                started: ContinuousClock.Instant, onEventLoop: Bool = false) {
        let elapsed = ContinuousClock.now - started
        let route = route ?? RouteName.of(path: path)
        metrics.request(route: route, method: method.rawValue, status: Int(status.code), duration: elapsed)
        guard logger.logLevel <= .info else { return }
        let line = RequestLogQueue.Line(requestID: requestID, method: method.rawValue, path: path, route: route,
                                        status: Int(status.code), milliseconds: RouteName.milliseconds(elapsed))
        if onEventLoop { requestLog.add(line) } else { RequestLogQueue.write(line, to: logger) }
    }
}

/// Log lines of requests answered on an event loop, written by a task: writing to stderr may
/// block (a full pipe, a slow log driver), and an event loop must never wait. If the writer
/// falls 65,536 lines behind, the oldest waiting lines are dropped rather than memory grown.
final class RequestLogQueue: Sendable {
    struct Line: Sendable {
        let requestID: String, method: String, path: String, route: String, status: Int, milliseconds: Double
    }

    private let continuation: AsyncStream<Line>.Continuation

    init(logger: Logger) {
        let (stream, continuation) = AsyncStream.makeStream(of: Line.self, bufferingPolicy: .bufferingNewest(65_536))
        self.continuation = continuation
        Task.detached {
            for await line in stream { Self.write(line, to: logger) }
        }
    }

    func add(_ line: Line) { continuation.yield(line) }

    /// Ends the writer once the lines already queued are written.
    func finish() { continuation.finish() }

    static func write(_ line: Line, to logger: Logger) {
        logger.info("request", metadata: [
            "request_id": "\(line.requestID)", "method": "\(line.method)", "path": "\(line.path)",
            "route": "\(line.route)", "status": "\(line.status)", "duration_ms": "\(line.milliseconds)",
        ])
    }
}
