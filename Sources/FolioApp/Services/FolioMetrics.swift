import CoreMetrics
import Foundation
import Metrics
import Prometheus
import Synchronization

/// The process's metrics, recorded through swift-metrics into a Prometheus registry of its own
/// (one per `FolioServices`, so tests running several apps in one process don't mix figures).
/// `/metrics` emits them in Prometheus' text format; gauges that describe shared state (job queue
/// depth, database pool) are read when scraped.
public final class FolioMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let factory: PrometheusMetricsFactory

    public init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Page views take milliseconds, renders up to the render budget.
        factory.defaultDurationHistogramBuckets = [
            .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .milliseconds(2500), .seconds(5), .seconds(10),
        ]
        self.factory = factory
        cacheHits = Counter(label: "folio_page_cache_lookups_total", dimensions: [("result", "hit")], factory: factory)
        cacheMisses = Counter(label: "folio_page_cache_lookups_total", dimensions: [("result", "miss")], factory: factory)
        cacheDirect = Counter(label: "folio_page_cache_direct_hits_total", factory: factory)
        logLinesDropped = Counter(label: "folio_request_log_lines_dropped_total", factory: factory)
    }
    private let cacheHits: CoreMetrics.Counter
    private let cacheMisses: CoreMetrics.Counter
    private let cacheDirect: CoreMetrics.Counter
    private let logLinesDropped: CoreMetrics.Counter

    /// A request's log line dropped because the log writer was too far behind.
    func requestLogLineDropped() { logLinesDropped.increment() }

    /// One answered request, by route name (a bounded set; see `RouteName`), method and status.
    func request(route: String, method: String, status: Int, duration: Duration) {
        let handles = requestHandles(route: route, method: method, status: status)
        handles.count.increment()
        handles.duration.record(duration: duration)
        handles.notModified?.increment()
    }

    /// The metric objects of one (route, method, status), made once: looking them up in the
    /// registry on every request (labels joined and sorted, under its lock) cost more than the
    /// rest of a cache hit's bookkeeping. Route names and statuses are few, so this stays small.
    private struct RequestHandles: @unchecked Sendable {
        let count: CoreMetrics.Counter
        let duration: Metrics.Timer
        let notModified: CoreMetrics.Counter?
    }
    private let handles = Mutex<[String: RequestHandles]>([:])

    private func requestHandles(route: String, method: String, status: Int) -> RequestHandles {
        let key = route + " " + method + " " + String(status)
        if let found = handles.withLock({ $0[key] }) { return found }
        let made = RequestHandles(
            count: Counter(label: "folio_http_requests_total",
                           dimensions: [("route", route), ("method", method), ("status", String(status))], factory: factory),
            duration: Metrics.Timer(label: "folio_http_request_duration_seconds", dimensions: [("route", route)], factory: factory),
            notModified: status == 304
                ? Counter(label: "folio_http_not_modified_total", dimensions: [("route", route)], factory: factory) : nil)
        handles.withLock { $0[key] = made }
        return made
    }

    /// One anonymous page view looked up in the page cache; `direct`: a hit answered on the
    /// event loop (`CachedPageHandler`) rather than by the responder.
    func pageCache(hit: Bool, direct: Bool = false) {
        (hit ? cacheHits : cacheMisses).increment()
        if direct { cacheDirect.increment() }
    }


    func pageCacheSize(entries: Int, bytes: Int) {
        Gauge(label: "folio_page_cache_entries", factory: factory).record(entries)
        Gauge(label: "folio_page_cache_bytes", factory: factory).record(bytes)
    }

    /// One render: `save` (on save), `background` (queued), each `local` or `remote` (renderer role).
    func render(mode: String, where place: String, duration: Duration, outcome: String) {
        Metrics.Timer(label: "folio_render_duration_seconds", dimensions: [("mode", mode), ("where", place)], factory: factory)
            .record(duration: duration)
        Counter(label: "folio_renders_total", dimensions: [("mode", mode), ("where", place), ("outcome", outcome)],
                factory: factory).increment()
    }

    /// One job run: `done`, `retry` (failed, will run again) or `failed` (out of attempts).
    func job(kind: String, outcome: String, duration: Duration) {
        Counter(label: "folio_jobs_run_total", dimensions: [("kind", kind), ("outcome", outcome)], factory: factory).increment()
        Metrics.Timer(label: "folio_job_duration_seconds", dimensions: [("kind", kind)], factory: factory)
            .record(duration: duration)
    }

    func jobQueue(_ depth: [String: JobStore.Depth], kinds: [String]) {
        for kind in Set(kinds).union(depth.keys).sorted() {
            let value = depth[kind] ?? JobStore.Depth()
            for (state, count) in [("waiting", value.waiting), ("running", value.running), ("failed", value.failed)] {
                Gauge(label: "folio_jobs", dimensions: [("kind", kind), ("state", state)], factory: factory).record(count)
            }
        }
    }

    func databasePool(_ statistics: ConnectionPool.Statistics) {
        Gauge(label: "folio_db_pool_connections", dimensions: [("state", "open")], factory: factory).record(statistics.open)
        Gauge(label: "folio_db_pool_connections", dimensions: [("state", "idle")], factory: factory).record(statistics.idle)
        Gauge(label: "folio_db_pool_connections", dimensions: [("state", "max")], factory: factory).record(statistics.max)
        Gauge(label: "folio_db_pool_waiting", factory: factory).record(statistics.waiting)
    }

    func info(role: String, readOnly: Bool, draining: Bool) {
        Gauge(label: "folio_info", dimensions: [("role", role)], factory: factory).record(1)
        Gauge(label: "folio_read_only", factory: factory).record(readOnly ? 1 : 0)
        Gauge(label: "folio_draining", factory: factory).record(draining ? 1 : 0)
    }

    /// The Prometheus text exposition of everything recorded.
    public func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
