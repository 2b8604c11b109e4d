import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird
import Logging

/// The one responder: loads the session, routes by path, turns failures into pages, and adds
/// the headers every response carries.
struct FolioResponder: HTTPResponder {
    typealias Context = FolioContext
    let services: FolioServices

    static let sessionCookie = "folio_session"

    func respond(to request: Request, context: FolioContext) async throws -> Response {
        var context = context
        var clearCookie = false
        let started = ContinuousClock.now
        let requestID = Self.requestID(request)
        if request.headers[HostPolicy.hostField] != nil {
            // A second Host header (the first became the authority): RFC 9112 §3.2 says 400.
            let refusal = Reply.text("A request names one host.\n", status: .badRequest, headers: [.cacheControl: "no-store"])
            return finish(finalize(refusal, request: request, signedIn: false), request: request, requestID: requestID,
                          started: started)
        }
        if !HostPolicy.isHostless(request.uri.path) {
            switch services.hosts.origin(authority: request.head.authority, listener: .main, loopbackPeer: context.isLoopback) {
            case .main: break
            case .untrusted:
                return try await UntrustedResponder(services: services, checksHost: false).respond(to: request, context: context)
            case .unknown:
                let refusal = Reply.text(HostPolicy.refusalBody, status: .misdirectedRequest, headers: [.cacheControl: "no-store"])
                return finish(finalize(refusal, request: request, signedIn: false), request: request, requestID: requestID,
                              started: started)
            }
        }
        // Anonymous page views come from memory when cached: no session, no database.
        let cacheURL = cacheableURL(request)
        let cacheEpoch = services.pageCache.epoch
        if let cacheURL, let entry = services.pageCache.lookup(cacheURL) {
            services.metrics.pageCache(hit: true)
            var response = PageResponses.response(for: entry, request: request)
            response.headers[.requestID] = requestID
            if services.state.isDraining { response.headers[.connection] = "close" }
            return finish(finalize(response, request: request, signedIn: false), request: request, requestID: requestID,
                          started: started)
        }
        if cacheURL != nil { services.metrics.pageCache(hit: false) }
        if services.config.role.usesSessions, let token = request.cookies[Self.sessionCookie]?.value {
            do {
                if let session = try await services.accounts.session(token: token) {
                    context.session = session
                    context.sessionToken = token
                } else {
                    clearCookie = true
                }
            } catch {
                // The database is unreachable: serve the request anonymously but keep the cookie.
                if Self.unavailableLog.shouldLog() {
                    services.logger.warning("session lookup failed", metadata: ["error": "\(DatabaseError.describe(error))"])
                }
            }
        }
        var req = Req(request: request, context: context, services: services)
        req.cacheURL = cacheURL
        req.cacheEpoch = cacheEpoch
        var response: Response
        do {
            if services.config.readOnly, request.method != .get, request.method != .head,
               request.uri.path != "/internal/render" {
                throw ReadOnlyMode.failure()
            }
            response = try await RequestTrace.$id.withValue(requestID) { try await Router.route(&req) }
        } catch let redirect as RedirectTo {
            response = Reply.redirect(redirect.location, status: redirect.status)
        } catch let failure as HTTPFailure {
            response = errorPage(failure, req)
        } catch let error as WikiError {
            response = errorPage(HTTPFailure(error), req)
        } catch let error as HTTPError {
            response = errorPage(HTTPFailure(error.status, error.body ?? "The request could not be handled."), req)
        } catch where DatabaseError.isUnavailable(error) {
            // The database is restarting or failing over: say so, once a second in the log.
            if Self.unavailableLog.shouldLog() {
                services.logger.error("database unavailable", metadata: ["path": "\(request.uri.path)",
                                                                        "error": "\(DatabaseError.describe(error))"])
            }
            response = errorPage(HTTPFailure(.serviceUnavailable, "The database is briefly unavailable. Nothing was changed; please try again in a moment."), req)
            response.headers[.retryAfter] = "5"
        } catch {
            services.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(DatabaseError.describe(error))"])
            response = errorPage(HTTPFailure(.internalServerError, "Something went wrong on our side. Nothing was changed; please try again."), req)
        }
        if clearCookie, context.session == nil {
            response.setCookie(Cookie(name: Self.sessionCookie, value: "", expires: Date(timeIntervalSince1970: 0),
                                      path: "/", secure: services.config.secureCookies, httpOnly: true, sameSite: .lax))
            // A response that sets a cookie is one person's: no shared cache may keep it.
            response.headers[.cacheControl] = "private, no-store"
            response.headers[.surrogateKey] = nil
        }
        if response.status == .serviceUnavailable, services.config.readOnly { response.headers[.retryAfter] = "300" }
        response.headers[.requestID] = requestID
        if services.state.isDraining {
            // Proxies keep idle connections open; told to close them now, they never send a
            // request on one just as this process closes it at the end of the drain.
            response.headers[.connection] = "close"
        }
        let final = finalize(response, request: request, signedIn: context.session != nil)
        if request.method != .get, request.method != .head {
            // This process's own writes show at once in its page cache (others' within a poll).
            _ = try? await services.invalidator.poll()
        }
        return finish(final, request: request, requestID: requestID, started: started)
    }

    /// The page-cache key of a request that may be answered from (or stored in) the cache:
    /// anonymous (no session cookie, no credentials) GETs and HEADs without a query string.
    func cacheableURL(_ request: Request) -> String? {
        guard services.pageCache.isEnabled, request.method == .get || request.method == .head,
              request.uri.query == nil, request.headers[.authorization] == nil,
              services.config.role.serves(.web),
              request.cookies[Self.sessionCookie] == nil else { return nil }
        let path = request.uri.path
        return FolioServices.isPlainPageView(path) ? path : nil
    }

    /// Metrics and the request's log line.
    func finish(_ response: Response, request: Request, requestID: String, started: ContinuousClock.Instant) -> Response {
        services.record(method: request.method, path: request.uri.path, status: response.status, requestID: requestID,
                        started: started)
        return response
    }

    static let unavailableLog = LogThrottle(interval: 1000)

    static func requestID(_ request: Request) -> String { RequestID.of(request.headers) }

    func errorPage(_ failure: HTTPFailure, _ req: Req) -> Response {
        if services.config.role.answersJSON || req.request.uri.path.hasPrefix("/api/") || req.request.method == .put
            || (req.request.headers[.accept] ?? "").hasPrefix("application/json") {
            struct Body: Encodable { var error: String; var status: Int }
            return Reply.json(Body(error: failure.message, status: Int(failure.status.code)), status: failure.status)
        }
        return req.page("error", title: failure.title, ["heading": failure.title, "message": failure.message],
                        status: failure.status)
    }

    /// Caching, conditional GET, HEAD and security headers.
    func finalize(_ response: Response, request: Request, signedIn: Bool) -> Response {
        var response = response
        if response.headers[.cacheControl] == nil {
            if request.method != .get && request.method != .head || response.status.code >= 400 || response.status == .seeOther {
                response.headers[.cacheControl] = "no-store"
            } else if signedIn {
                response.headers[.cacheControl] = "private, no-cache"
            } else {
                response.headers[.cacheControl] = "public, max-age=0, must-revalidate"
            }
        }
        if response.headers[.vary] == nil, response.status == .ok { response.headers[.vary] = "Accept-Encoding" }
        services.addStandardHeaders(to: &response.headers, path: request.uri.path)
        let exactDate = request.uri.path == "/sitemap.xml" || request.uri.path.hasPrefix("/sitemaps/")
        return Conditional.notModified(request, response, modifiedSince: exactDate) ?? response
    }
}

extension FolioServices {
    // Built once: finalize runs on every answer, cache hits included.
    static let permissionsPolicy = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"

    /// The security headers of every main-site answer (page-cache entries get them once, when stored).
    func addStandardHeaders(to headers: inout HTTPFields, path: String) {
        headers[.xContentTypeOptions] = "nosniff"
        if headers[.xFrameOptions] == nil { headers[.xFrameOptions] = "DENY" }
        headers[.referrerPolicy] = "strict-origin-when-cross-origin"
        if headers[.xRobotsTag] == nil, path.contains("$") {
            headers[.xRobotsTag] = "noindex"   // page actions: history, diffs, JSON, forms
        }
        headers[.crossOriginOpenerPolicy] = "same-origin"
        headers[.permissionsPolicy] = Self.permissionsPolicy
        if config.secureCookies {
            // Only when the public site is HTTPS: a plain-HTTP development site must stay reachable.
            headers[.strictTransportSecurity] = "max-age=63072000; includeSubDomains"
        }
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = contentSecurityPolicy }
    }
}

extension HTTPField.Name {
    static let crossOriginOpenerPolicy = HTTPField.Name("Cross-Origin-Opener-Policy")!
    static let permissionsPolicy = HTTPField.Name("Permissions-Policy")!
    static let requestID = HTTPField.Name("X-Request-Id")!
}
