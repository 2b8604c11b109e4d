import Foundation
import FolioMacros
import FolioRender
import HTTPTypes
import Hummingbird
import NIOCore

/// The renderer role's one endpoint: `POST /internal/render` with the shared secret as a bearer
/// token. It renders a page as the caller would (macros read the database through this
/// process's own connections) and answers the `RenderedPage` as JSON; a render over the budget
/// the caller sent answers 503 with `Folio-Render-Outcome: budget-exceeded`.
enum RendererRoutes {
    static func render(_ req: Req) async throws -> Response {
        let services = req.services
        // No secret configured (the embedded mode without a renderer): the endpoint does not exist.
        guard let secret = services.config.rendererSecret else { throw HTTPFailure.notFound() }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let given = req.request.headers[.authorization] ?? ""
        guard given.hasPrefix("Bearer "), Secrets.constantTimeEqual(String(given.dropFirst(7)), secret) else {
            throw HTTPFailure(.unauthorized, "The renderer needs its shared secret as a bearer token.")
        }
        // Page sources are limited by the caller's body limit; JSON escaping can double them.
        let buffer: ByteBuffer
        do { buffer = try await req.request.body.collect(upTo: services.config.maxBodyBytes * 4 + 65536) } catch {
            throw HTTPFailure(.contentTooLarge, "The render request is too large.")
        }
        let body: RenderRequest
        do { body = try JSONDecoder().decode(RenderRequest.self, from: Data(buffer: buffer)) } catch {
            throw HTTPFailure(.badRequest, "The render request is not valid JSON: \(error)")
        }
        guard PageRenderer.formats.contains(body.format) else {
            throw HTTPFailure(.badRequest, "Unknown source format “\(body.format)”.")
        }
        let wiki = services.wiki
        let deadline = body.budgetMilliseconds.map { ContinuousClock.now + .milliseconds($0) }
        let start = ContinuousClock.now
        do {
            let rendered = try await services.database.read { sql in
                try await wiki.renderer.render(title: body.title, source: body.source, format: body.format, page: body.page,
                                               data: SQLMacroData(sql: sql, datasets: wiki.datasets), deadline: deadline)
            }
            services.metrics.render(mode: "request", where: "renderer", duration: ContinuousClock.now - start, outcome: "ok")
            return Reply.json(rendered, headers: [.cacheControl: "no-store"])
        } catch is RenderBudgetExceeded {
            services.metrics.render(mode: "request", where: "renderer", duration: ContinuousClock.now - start,
                                    outcome: "over-budget")
            struct Body: Encodable { var error: String; var status: Int }
            return Reply.json(Body(error: RenderBudgetExceeded().description, status: 503), status: .serviceUnavailable,
                              headers: [HTTPField.Name(RemoteRenderer.outcomeHeader)!: "budget-exceeded", .cacheControl: "no-store"])
        }
    }
}
