import FolioHTML
import FolioWiki
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The untrusted origin (`FOLIO_UNTRUSTED_URL`, its own port): live samples, the code blocks of
/// a page run as a page of their own (Kuma's `$samples`, reference §5). Sample code is anyone's
/// code, so it runs only here — another origin, where no session cookie ever exists — and the
/// main site never serves it. Every answer is anonymous and made for a CDN.
struct UntrustedResponder: HTTPResponder {
    typealias Context = FolioContext
    let services: FolioServices
    /// False when the main port hands over a request for this origin's name.
    var checksHost = true

    func respond(to request: Request, context: FolioContext) async throws -> Response {
        var response: Response
        do {
            if request.headers[HostPolicy.hostField] != nil { throw HTTPFailure(.badRequest, "A request names one host.") }
            if checksHost, !HostPolicy.isHostless(request.uri.path),
               services.hosts.origin(authority: request.head.authority, listener: .untrusted,
                                     loopbackPeer: context.isLoopback) != .untrusted {
                throw HTTPFailure(.misdirectedRequest, HostPolicy.refusalBody.trimmingCharacters(in: .newlines))
            }
            response = try await route(request, context: context)
        } catch let failure as HTTPFailure {
            response = Reply.text(failure.message + "\n", status: failure.status, headers: [.cacheControl: "no-store"])
        } catch where DatabaseError.isUnavailable(error) {
            response = Reply.text("The database is briefly unavailable; please try again.\n", status: .serviceUnavailable,
                                  headers: [.cacheControl: "no-store", .retryAfter: "5"])
        } catch {
            services.logger.error("sample request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = Reply.text("Something went wrong on our side.\n", status: .internalServerError, headers: [.cacheControl: "no-store"])
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        if services.state.isDraining { response.headers[.connection] = "close" }
        if let notModified = Conditional.notModified(request, response, modifiedSince: request.uri.path.hasPrefix("/files/")) {
            return notModified
        }
        return response
    }

    func route(_ request: Request, context: FolioContext) async throws -> Response {
        let path = request.uri.path
        switch path {
        case "/robots.txt":
            // Samples are parts of pages, not pages: nothing here is for search engines.
            return Reply.text("User-agent: *\nDisallow: /\n", headers: [.cacheControl: "public, max-age=86400"])
        default: break
        }
        guard request.method == .get || request.method == .head else { throw HTTPFailure.methodNotAllowed }
        if path == "/healthz" { return HealthRoutes.healthz() }
        if path.hasPrefix("/files/") { return try await AttachmentRoutes.serve(services, path: path) }
        if let legacy = services.legacy, let decoded = path.removingPercentEncoding, LegacyFiles.isLegacy(decoded) {
            return try await legacy.serve(path: decoded, request: request, context: context)
        }
        guard let decoded = path.removingPercentEncoding, !decoded.contains("\0"),
              let dollar = decoded.range(of: "$samples/", options: .backwards) else {
            throw HTTPFailure.notFound("This origin serves only live samples and attachments.")
        }
        let pagePath = decoded[..<dollar.lowerBound]
        let sampleID = String(decoded[dollar.upperBound...])
        let segments = pagePath.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: false)
        guard segments.count == 3, segments[0].isEmpty, segments[2].hasPrefix("docs/"),
              let locale = Locales.canonical(String(segments[1])), !sampleID.isEmpty, !sampleID.contains("/") else {
            throw HTTPFailure.notFound("Not a live-sample address.")
        }
        let slug = String(segments[2].dropFirst("docs/".count))
        guard Slug.isValid(slug) else { throw HTTPFailure.notFound("Not a live-sample address.") }
        return try await sample(locale: locale, slug: slug, id: sampleID, request: request)
    }

    func sample(locale: String, slug: String, id: String, request: Request) async throws -> Response {
        let cacheKey = "untrusted:" + request.uri.path
        let epoch = services.pageCache.epoch
        if let entry = services.pageCache.lookup(cacheKey) {
            services.metrics.pageCache(hit: true)
            return PageResponses.response(for: entry, request: request)
        }
        var document = try await services.database.read { try await DocumentStore.find($0, locale: locale, slug: slug) }
        if let target = document?.redirectToID {
            document = try await services.database.read { try await DocumentStore.find($0, id: target) }
        }
        guard let document, !document.isDeleted else { throw HTTPFailure.notFound("There is no page “\(slug)” in \(locale).") }
        let samples = PostProcessor.liveSamples(in: document.renderedHTML)
        guard let sample = samples[id] ?? samples.first(where: { $0.key.caseInsensitiveCompare(id) == .orderedSame })?.value else {
            throw HTTPFailure.notFound("The page “\(document.title)” has no live sample “\(id)”.")
        }
        let html = Self.page(sample, title: document.title)
        // Kept only under the canonical address (other spellings would crowd the cache).
        let canonical = document.path + "$samples/" + URLPath.encodeSlug(sample.id)
        let keys = [SurrogateKeys.document(document.id), "samples"]
        let headers: HTTPFields = [
            // The iframe URL carries the revision, so an edit makes a new URL; purges cover the rest.
            .cacheControl: "public, max-age=86400",
            .surrogateKey: keys.joined(separator: " "),
            .accessControlAllowOrigin: "*",
            // Embedded by the main site's pages (and opened on their own).
            .contentSecurityPolicy: "frame-ancestors 'self' \(services.config.publicURL)",
            .lastModified: HTTPDate.format(document.modifiedAt),
        ]
        let response = Reply.html(html, headers: headers)
        if request.uri.path == canonical,
           let entry = services.pageCache.store(cacheKey, status: .ok, headers: response.headers, body: Array(html.utf8), keys: keys,
                                                epoch: epoch) {
            return PageResponses.response(for: entry, request: request)
        }
        return response
    }

    /// Kuma's code_sample.html: the CSS in the head, the HTML, then the script.
    static func page(_ sample: LiveSample, title: String) -> String {
        // `</style` and `</script` inside the code would end the element early; as in any
        // inline code, the sample's own text decides, and it cannot reach the main site.
        """
        <!DOCTYPE html>
        <html>
        <head>
        <meta charset="utf-8">
        <meta name="robots" content="noindex, nofollow">
        <title>\(HTMLEscape.escape(title))</title>
        <style>
        body { padding: 0; margin: 0; }
        \(sample.css)
        </style>
        </head>
        <body>
        \(sample.html)
        \(sample.js.isEmpty ? "" : "<script>\n" + sample.js + "\n</script>")
        </body>
        </html>

        """
    }
}
