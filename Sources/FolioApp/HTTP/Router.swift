import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// Path dispatch. Wiki URLs are `/<locale>/docs/<slug>[$action[/arg]]`; slugs contain `/`, so
/// we route by hand rather than with a pattern router.
enum Router {
    /// First path segments that never carry a locale.
    static let unlocalized: Set<String> = ["static", "users", "admin", "healthz", "favicon.ico", "robots.txt"]

    static func route(_ req: inout Req) async throws -> Response {
        let rawPath = req.request.uri.path
        guard let path = rawPath.removingPercentEncoding, !path.contains("\0") else {
            throw HTTPFailure(.badRequest, "The address is not valid UTF-8.")
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(String.init)
        let first = segments.first ?? ""

        switch first {
        case "healthz":
            return Reply.text("ok", headers: [.cacheControl: "no-store"])
        case "static":
            return try req.services.statics.serve(path: segments.dropFirst().joined(separator: "/"), request: req.request)
        case "users":
            return try await AccountRoutes.handle(&req, segments.dropFirst().joined(separator: "/"))
        case "admin":
            return try await AdminRoutes.handle(&req, segments.dropFirst().joined(separator: "/"))
        case "favicon.ico", "robots.txt":
            throw HTTPFailure.notFound()
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
