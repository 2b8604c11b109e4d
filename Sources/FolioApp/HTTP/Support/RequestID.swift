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
    /// A request's metrics and its log line (both paths: the responder and the direct one).
    func record(method: HTTPRequest.Method, path: String, route: String? = nil, status: HTTPResponse.Status, requestID: String,
                started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let route = route ?? RouteName.of(path: path)
        metrics.request(route: route, method: method.rawValue, status: Int(status.code), duration: elapsed)
        logger.info("request", metadata: [
            "request_id": "\(requestID)", "method": "\(method.rawValue)", "path": "\(path)",
            "route": "\(route)", "status": "\(status.code)", "duration_ms": "\(RouteName.milliseconds(elapsed))",
        ])
    }
}
