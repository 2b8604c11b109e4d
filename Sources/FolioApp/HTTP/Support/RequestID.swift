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
        if onEventLoop {
            if !requestLog.add(line) { metrics.requestLogLineDropped() }
        } else {
            RequestLogQueue.write(line, to: logger)
        }
    }
}

/// Log lines of requests answered on an event loop, written by a task: writing to stderr may
/// block (a full pipe, a slow log driver), and an event loop must never wait. The task takes
/// every line waiting at once and writes them together (`JSONLogHandler.batching`), then pauses
/// a few milliseconds; it is woken only when it had nothing to do. If it falls 65,536 lines
/// behind, further lines are dropped until it catches up, rather than memory grown. Shutdown
/// waits (at most two seconds) until the queued lines are written.
final class RequestLogQueue: Sendable {
    struct Line: Sendable {
        let requestID: String, method: String, path: String, route: String, status: Int, milliseconds: Double
    }

    static let limit = 65_536
    static let gather = Duration.milliseconds(5)

    private let inbox = Inbox()
    private let writer: Task<Void, Never>

    init(logger: Logger) {
        writer = Task.detached { [inbox] in
            while let lines = await inbox.next() {
                JSONLogHandler.batching { for line in lines { Self.write(line, to: logger) } }
                // A pause lets lines gather: woken for every line, the writer cost a thread
                // switch per request on a busy pod. Lines wait at most this long.
                try? await Task.sleep(for: Self.gather)
            }
        }
    }

    /// Queues `line`; false when it was dropped (too far behind, or finished).
    @discardableResult
    func add(_ line: Line) -> Bool { inbox.add(line) }

    /// Returns once the lines already queued are written (later ones are dropped), or after
    /// two seconds if stderr does not take them (a stalled log driver must not hold shutdown).
    func finish() async {
        inbox.finish()
        let writer = self.writer
        let resumed = Atomic<Bool>(false)
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resume = { @Sendable in
                if resumed.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged { continuation.resume() }
            }
            Task { await writer.value; resume() }
            Task { try? await Task.sleep(for: .seconds(2)); resume() }
        }
    }

    /// Lines waiting to be written (for tests).
    var queued: Int { inbox.queued }

    private final class Inbox: Sendable {
        private struct State {
            var lines: [Line] = []
            var waiter: CheckedContinuation<[Line]?, Never>?
            var finished = false
        }
        private let state = Mutex(State())

        var queued: Int { state.withLock { $0.lines.count } }

        func add(_ line: Line) -> Bool {
            let (queued, wake): (Bool, (CheckedContinuation<[Line]?, Never>, [Line])?) = state.withLock { state in
                guard !state.finished, state.lines.count < RequestLogQueue.limit else { return (false, nil) }
                state.lines.append(line)
                guard let waiter = state.waiter else { return (true, nil) }
                state.waiter = nil
                defer { state.lines = [] }
                return (true, (waiter, state.lines))
            }
            if let (waiter, lines) = wake { waiter.resume(returning: lines) }
            return queued
        }

        func finish() {
            let waiter = state.withLock { state in
                state.finished = true
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume(returning: nil)   // it waits only when nothing is queued
        }

        /// The lines waiting (at least one), or nil once finished and all taken.
        func next() async -> [Line]? {
            await withCheckedContinuation { (continuation: CheckedContinuation<[Line]?, Never>) in
                enum Ready { case lines([Line]), done, wait }
                let ready: Ready = state.withLock { state in
                    if !state.lines.isEmpty {
                        defer { state.lines = [] }
                        return .lines(state.lines)
                    }
                    if state.finished { return .done }
                    state.waiter = continuation
                    return .wait
                }
                switch ready {
                case .lines(let lines): continuation.resume(returning: lines)
                case .done: continuation.resume(returning: nil)
                case .wait: break
                }
            }
        }
    }

    static func write(_ line: Line, to logger: Logger) {
        logger.info("request", metadata: [
            "request_id": .string(line.requestID), "method": .string(line.method), "path": .string(line.path),
            "route": .string(line.route), "status": .string(String(line.status)), "duration_ms": .string(String(line.milliseconds)),
        ])
    }
}
