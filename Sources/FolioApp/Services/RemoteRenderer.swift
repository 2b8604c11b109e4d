import AsyncHTTPClient
import FolioMacros
import FolioRender
import Foundation
import NIOCore
import NIOHTTP1

/// The id of the request (or job) being served, passed on to the renderer so one edit can be
/// followed through both processes' logs.
public enum RequestTrace {
    @TaskLocal public static var id: String?
}

/// What a `web` or `worker` process sends to the `renderer` role's `POST /internal/render`.
struct RenderRequest: Codable, Sendable {
    var title: String
    var source: String
    var format: String
    var page: MacroPage
    /// Time left for the render; the renderer answers 503 with `budgetExceeded` past it.
    var budgetMilliseconds: Int?
}

/// The renderer process could not be reached or failed; the caller keeps the last good
/// rendering and leaves the page to the background queue, which retries with backoff.
struct RendererUnavailable: Error, CustomStringConvertible {
    var description: String
}

/// Renders through the `renderer` role (`FOLIO_RENDERER_URL`), so heavy renders run on their own
/// processes instead of competing with page views. The renderer reads the pages and data that
/// macros ask for from the database itself.
public struct RemoteRenderer: Sendable {
    public let baseURL: String
    let secret: String
    let client: HTTPClient

    /// One client per process: a short connect timeout and no connection retries, so an
    /// unreachable renderer fails the call at once (the queue does the retrying, with backoff).
    public static let sharedClient: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.timeout.connect = .seconds(3)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }()

    public init(baseURL: String, secret: String, client: HTTPClient = RemoteRenderer.sharedClient) {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.secret = secret
        self.client = client
    }

    static let outcomeHeader = "Folio-Render-Outcome"

    func render(title: String, source: String, format: String, page: MacroPage,
                deadline: ContinuousClock.Instant?) async throws -> RenderedPage {
        var budget: Int? = nil
        if let deadline {
            let left = deadline - ContinuousClock.now
            guard left > .zero else { throw RenderBudgetExceeded() }
            budget = Int(left.components.seconds) * 1000 + Int(left.components.attoseconds / 1_000_000_000_000_000)
        }
        let body = try JSONEncoder().encode(RenderRequest(title: title, source: source, format: format, page: page,
                                                          budgetMilliseconds: budget))
        var request = HTTPClientRequest(url: baseURL + "/internal/render")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Authorization", value: "Bearer " + secret)
        if let id = RequestTrace.id { request.headers.add(name: "X-Request-Id", value: id) }
        request.body = .bytes(ByteBuffer(bytes: body))
        // The budget plus time for the trip; background renders get a generous bound.
        let timeout: TimeAmount = .milliseconds(Int64((budget ?? 120_000) + 5_000))
        let response: HTTPClientResponse
        let bytes: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            bytes = try await response.body.collect(upTo: 256 * 1024 * 1024)
        } catch {
            throw RendererUnavailable(description: "the renderer at \(baseURL) did not answer: \(error)")
        }
        if response.headers.first(name: Self.outcomeHeader) == "budget-exceeded" { throw RenderBudgetExceeded() }
        guard response.status == .ok else {
            let message = String(buffer: bytes).prefix(300)
            throw RendererUnavailable(description: "the renderer answered \(response.status.code): \(message)")
        }
        do {
            return try JSONDecoder().decode(RenderedPage.self, from: Data(buffer: bytes))
        } catch {
            throw RendererUnavailable(description: "the renderer's answer could not be read: \(error)")
        }
    }
}
