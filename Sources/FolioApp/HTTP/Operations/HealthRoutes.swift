import Foundation
import HTTPTypes
import Hummingbird

/// `/healthz` (the process is alive) and `/readiness` (it should get traffic: the database
/// answers, the schema is current, and it is not draining). Served by every role.
enum HealthRoutes {
    struct Readiness: Encodable {
        var status: String
        var role: String
        var database: String
        var migrations: String
        var draining: Bool
        var readOnly: Bool
    }

    static func healthz() -> Response {
        Reply.text("ok", headers: [.cacheControl: "no-store"])
    }

    static func readiness(_ req: Req) async -> Response {
        let services = req.services
        var body = Readiness(status: "ready", role: services.config.role.rawValue, database: "ok", migrations: "current",
                             draining: services.state.isDraining, readOnly: services.config.readOnly)
        do {
            let pending = try await Migrator(database: services.database, logger: services.logger).pendingWithoutWriting()
            if !pending.isEmpty { body.migrations = "\(pending.count) pending" }
        } catch {
            body.database = "unreachable: \(DatabaseError.describe(error))"
            body.migrations = "unknown"
        }
        let ready = !body.draining && body.database == "ok" && body.migrations == "current"
        if !ready { body.status = body.draining ? "draining" : "not ready" }
        return Reply.json(body, status: ready ? .ok : .serviceUnavailable, headers: [.cacheControl: "no-store"])
    }
}

extension HealthRoutes {
    /// `/metrics` on the main port: loopback callers only, and only when there is no metrics
    /// port (then it is the place to scrape, and the public port never shows the figures).
    static func metrics(_ req: Req) async throws -> Response {
        guard req.services.config.metricsPort == nil, req.context.isLoopback else { throw HTTPFailure.notFound() }
        return await metricsResponse(req.services)
    }

    static func metricsResponse(_ services: FolioServices) async -> Response {
        await services.refreshGauges()
        return Reply.bytes(Array(services.metrics.exposition().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8",
                           headers: [.cacheControl: "no-store"])
    }
}

/// The metrics port (`FOLIO_METRICS_PORT`): `/metrics`, plus health for probes.
struct MetricsResponder: HTTPResponder {
    let services: FolioServices

    func respond(to request: Request, context: FolioContext) async throws -> Response {
        guard request.method == .get || request.method == .head else { return Response(status: .methodNotAllowed) }
        switch request.uri.path {
        case "/metrics": return await HealthRoutes.metricsResponse(services)
        case "/healthz": return HealthRoutes.healthz()
        default: return Reply.text("Not found: this port serves /metrics.", status: .notFound)
        }
    }
}

/// Maintenance mode (`FOLIO_READ_ONLY`): writes and the forms that lead to them answer 503.
enum ReadOnlyMode {
    static let message = "Folio is in read-only maintenance mode. Reading works as usual; editing is back shortly. Nothing was changed."

    static func failure() -> HTTPFailure {
        HTTPFailure(.serviceUnavailable, message, title: "Read-only maintenance")
    }

    /// `$action`s and list pages that only lead to a write.
    static let formActions: Set<String> = ["edit", "move", "delete", "restore", "revert", "translate", "quick-review"]
}
