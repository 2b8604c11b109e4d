import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// The part of Folio a process runs. One binary, configured by `FOLIO_ROLE` or `--role`, as MDN
/// ran its services from one image.
public enum FolioRole: String, Sendable, CaseIterable {
    /// Everything in one process: the embedded mode (`folio serve` with no configuration).
    case all
    /// Readers and editors: HTML pages, accounts, admin, static files, page JSON (`$json`…).
    case web
    /// The JSON read and write API only: `$json`, `$children`, `$toc` and `PUT`; no HTML, no sessions.
    case api
    /// Renders pages for `web` and `worker` through `POST /internal/render` (shared secret).
    case renderer
    /// Background jobs; its HTTP port answers only health, readiness and metrics.
    case worker

    /// Whether this role serves a route of `kind`.
    func serves(_ kind: RouteKind) -> Bool {
        switch (self, kind) {
        case (.all, _), (_, .health), (_, .metrics): true
        // Editors with API keys are editors too: `web` takes the write API, so one host serves
        // a page's URL for every method; `api` serves the same routes for a host of its own.
        case (.web, .web), (.web, .pageJSON), (.web, .writeAPI): true
        case (.api, .pageJSON), (.api, .writeAPI), (.api, .openAPI): true
        case (.renderer, .internalRender): true
        default: false
        }
    }

    /// Roles that run the background job runner in-process.
    public var runsJobs: Bool { self == .all || self == .worker }
    /// Roles that read the session cookie (the API authenticates with keys only).
    var usesSessions: Bool { self == .all || self == .web }
    /// Roles whose answers are JSON or text, never HTML pages.
    var answersJSON: Bool { self == .api || self == .renderer || self == .worker }
}

/// What a route is, for the role check.
enum RouteKind: Sendable {
    case health, metrics, web, pageJSON, writeAPI, openAPI, internalRender
}

/// Process-wide operational state: draining begins at SIGTERM and turns readiness false.
public final class OperationalState: Sendable {
    private let drainingFlag = Atomic<Bool>(false)
    public init() {}
    public var isDraining: Bool { drainingFlag.load(ordering: .acquiring) }
    public func beginDraining() { drainingFlag.store(true, ordering: .releasing) }
}

/// Shut down first (it is last in the service group): marks the process as draining, so
/// `/readiness` answers 503, and keeps the server open for `FOLIO_DRAIN_SECONDS` so load balancers
/// stop sending new requests before the listener closes.
struct DrainService: Service {
    let state: OperationalState
    let drain: Duration
    let logger: Logger

    func run() async throws {
        // Wait for the shutdown signal, then drain; cancellation ends the wait too.
        try? await gracefulShutdown()
        state.beginDraining()
        logger.notice("draining: readiness is now false", metadata: ["drain_seconds": "\(drain.components.seconds)"])
        if drain > .zero { try? await Task.sleep(for: drain) }
    }
}

/// Lets a repeated log line through at most once per `interval` milliseconds (a database outage
/// fails every request; one line a second says as much as thousands).
final class LogThrottle: Sendable {
    private let last = Atomic<Int>(0)
    let interval: Int

    init(interval: Int) { self.interval = interval }

    func shouldLog(now: Int = Clock.nowMillis()) -> Bool {
        let previous = last.load(ordering: .relaxed)
        guard now - previous >= interval else { return false }
        return last.compareExchange(expected: previous, desired: now, ordering: .relaxed).exchanged
    }
}
