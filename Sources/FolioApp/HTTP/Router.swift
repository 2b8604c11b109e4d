import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// Path dispatch. Wiki URLs are `/<locale>/docs/<slug>[$action[/arg]]`; slugs contain `/`, so
/// we route by hand rather than with a pattern router.
enum Router {
    /// First path segments that never carry a locale.
    static let unlocalized: Set<String> = ["static", "users", "admin", "healthz", "readiness", "metrics", "internal", "api",
                                           "favicon.ico", "robots.txt", "sitemap.xml", "sitemaps", "files", "humans.txt"]

    static func route(_ req: inout Req) async throws -> Response {
        let rawPath = req.request.uri.path
        guard let path = rawPath.removingPercentEncoding, !path.contains("\0") else {
            throw HTTPFailure(.badRequest, "The address is not valid UTF-8.")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let first = segments.first ?? ""

        let role = req.services.config.role
        switch first {
        case "healthz":
            return HealthRoutes.healthz()
        case "readiness":
            return await HealthRoutes.readiness(req)
        case "metrics" where segments.count == 1:
            return try await HealthRoutes.metrics(req)
        case "internal":
            guard role.serves(.internalRender), path == "/internal/render" else { throw HTTPFailure.notFound() }
            return try await RendererRoutes.render(req)
        case "api":
            guard role.serves(.openAPI), path == "/api/openapi.json" else { throw HTTPFailure.notFound() }
            return try OpenAPIRoutes.document(req)
        default: break
        }
        // Everything else but page-level JSON and the write API is the web role's.
        switch role {
        case .worker, .renderer:
            throw HTTPFailure.notFound("This process serves no pages (role \(role.rawValue)).")
        case .api where !(segments.count > 2 && segments[1] == "docs"):
            throw HTTPFailure.notFound("This process serves only the JSON API (role api); see /api/openapi.json.")
        default: break
        }
        // Maintenance mode: signing in and the admin pages only lead to writes.
        if req.services.config.readOnly, first == "admin" || path.hasPrefix("/users/login") {
            throw ReadOnlyMode.failure()
        }

        // Static rules come before any route (Kuma's RedirectsMiddleware ran before locales).
        if req.isGet, let target = req.services.redirects.target(for: path) {
            return staticRedirect(target, req)
        }

        switch first {
        case "static":
            return try req.services.statics.serve(path: segments.dropFirst().joined(separator: "/"), request: req.request)
        case "users":
            return try await AccountRoutes.handle(&req, segments.dropFirst().joined(separator: "/"))
        case "admin":
            return try await AdminRoutes.handle(&req, segments.dropFirst().joined(separator: "/"))
        case "robots.txt" where segments.count == 1:
            return Reply.text(robots(siteURL: req.services.config.publicURL), headers: [.cacheControl: "public, max-age=86400"])
        case "sitemap.xml" where segments.count == 1:
            return try await SitemapRoutes.index(req)
        case "sitemaps":
            return try await SitemapRoutes.file(req, path: segments.dropFirst().joined(separator: "/"))
        case "files":
            return try AttachmentRoutes.redirect(req, rest: segments.dropFirst().joined(separator: "/"))
        case _ where req.services.legacy != nil && LegacyFiles.prefixes.contains(first):
            // Old demos run scripts: they are served by the untrusted origin only.
            guard req.isGet else { throw HTTPFailure.methodNotAllowed }
            return Reply.redirect(req.services.config.publicUntrustedURL + rawPath + queryString(req), status: .movedPermanently,
                                  headers: [.cacheControl: "public, max-age=86400"])
        case "favicon.ico" where segments.count == 1:
            // Browsers ask for it whatever the page says; every current one takes an SVG icon.
            return try req.services.statics.serve(path: "favicon.svg", request: req.request)
        case "humans.txt" where segments.count == 1:
            return try await HumansRoutes.humans(req)
        case "":
            guard req.isGet else { throw HTTPFailure.methodNotAllowed }
            return negotiatedRedirect(req, rest: "/")
        default: break
        }

        guard let locale = Locales.canonical(first) else {
            if segments.count > 1, segments[1] == "docs" {
                throw HTTPFailure(.notFound, "“\(first)” is not a language this site serves.")
            }
            guard req.isGet else { throw HTTPFailure.notFound() }
            return negotiatedRedirect(req, rest: rawPath)
        }
        // The rest of the path as sent (still percent-encoded), after the first segment.
        let rawSegments = rawPath.split(separator: "/", omittingEmptySubsequences: false)
        let restRaw = rawSegments.count > 2 ? "/" + rawSegments.dropFirst(2).joined(separator: "/") : ""
        if first != locale {
            return Reply.redirect("/\(locale)\(restRaw)\(queryString(req))", status: .movedPermanently)
        }
        if let lang = req.query["lang"], req.isGet {
            let target = Locales.match(lang) ?? locale
            var query = req.request.uri.queryParameters.filter { $0.key != "lang" }
                .map { "\($0.key)=\(URLPath.encodeQueryValue(String($0.value)))" }.joined(separator: "&")
            if !query.isEmpty { query = "?" + query }
            return Reply.redirect("/\(target)\(restRaw)\(query)", status: .found, headers: [.vary: "Accept-Language"])
        }
        req.locale = locale
        let rest = Array(segments.dropFirst())
        if rest.isEmpty || rest == [""] {
            guard req.isGet else { throw HTTPFailure.methodNotAllowed }
            return try await ListRoutes.home(req)
        }
        guard rest[0] == "docs" else { throw HTTPFailure.notFound() }
        return try await WikiRoutes.handle(&req, path: rest.dropFirst().joined(separator: "/"))
    }

    /// Crawlers read pages, not the wiki's machinery. Page actions (`…$edit`, `$history`…) are
    /// not listed here — `$` ends a pattern in robots.txt — they answer `X-Robots-Tag: noindex`.
    static func robots(siteURL: String) -> String {
        robotsRules + "Sitemap: \(siteURL)/sitemap.xml\n"
    }

    static let robotsRules = """
        User-agent: *
        Disallow: /admin/
        Disallow: /users/
        Disallow: /api/
        Disallow: /*/docs/new
        Disallow: /*/docs/with-errors
        Disallow: /*?raw

        """

    /// A static rule's answer: the query string carries over unless the target has its own.
    static func staticRedirect(_ target: RedirectRules.Target, _ req: Req) -> Response {
        var location = target.location.addingPercentEncoding(withAllowedCharacters: locationCharacters) ?? target.location
        if !location.contains("?"), !location.contains("#") { location += queryString(req) }
        return Reply.redirect(location, status: HTTPResponse.Status(code: target.status),
                              headers: [.cacheControl: target.permanent ? "public, max-age=86400" : "public, max-age=0, s-maxage=300"])
    }

    static let locationCharacters = CharacterSet.urlQueryAllowed.union(CharacterSet(charactersIn: "#%"))

    static func queryString(_ req: Req) -> String {
        req.request.uri.query.map { "?" + $0 } ?? ""
    }

    /// `/` or a path without a locale: 302 to the reader's language (Kuma did the same).
    static func negotiatedRedirect(_ req: Req, rest: String) -> Response {
        let locale = Locales.negotiate(langParameter: req.query["lang"],
                                       acceptLanguage: req.request.headers[.acceptLanguage])
        let path = rest == "/" ? "/\(locale)/" : "/\(locale)\(rest)"
        return Reply.redirect(path + queryString(req), status: .found, headers: [.vary: "Accept-Language"])
    }
}
