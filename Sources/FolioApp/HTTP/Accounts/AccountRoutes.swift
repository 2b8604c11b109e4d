import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// Signing in and out. The login form is protected by a double-submit token in a short-lived
/// cookie set only on the login page, so anonymous readers elsewhere never get a cookie.
enum AccountRoutes {
    static let loginCookie = "folio_login_csrf"

    static func handle(_ req: inout Req, _ rest: String) async throws -> Response {
        switch rest {
        case "login": return try await login(req)
        case "logout": return try await logout(req)
        default: throw HTTPFailure.notFound()
        }
    }

    static func safeNext(_ next: String?) -> String {
        // Only paths on this site: never `//host` or a full URL.
        // Browsers drop tabs and newlines and read `\` as `/`, so any of those could turn a path into `//host`.
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"),
              !next.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "\\" }) else { return "/" }
        return next
    }

    static func login(_ req: Req) async throws -> Response {
        let secure = req.services.config.secureCookies
        if req.isGet {
            let token = Secrets.token()
            var response = req.page("login", title: "Sign in",
                                    ["loginToken": token, "next": safeNext(req.query["next"])],
                                    headers: [.cacheControl: "no-store"])
            response.setCookie(Cookie(name: loginCookie, value: token, maxAge: 3600, path: "/users/login",
                                      secure: secure, httpOnly: true, sameSite: .strict))
            return response
        }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        guard let form = Form(encoded: try await req.bodyText()) else {
            throw HTTPFailure(.badRequest, "The form data could not be read.")
        }
        guard let cookie = req.request.cookies[loginCookie]?.value, let token = form["login_token"],
              Secrets.constantTimeEqual(cookie, token) else {
            throw HTTPFailure(.forbidden, "The sign-in form expired. Open the sign-in page again.")
        }
        let next = safeNext(form["next"])
        guard let user = try await req.services.accounts.authenticate(username: form.text("username"),
                                                                         password: form["password"] ?? "") else {
            let fresh = Secrets.token()
            var response = req.page("login", title: "Sign in",
                                    ["loginToken": fresh, "next": next, "username": form.text("username"),
                                     "error": "That username and password do not match an active account."],
                                    status: .unauthorized, headers: [.cacheControl: "no-store"])
            response.setCookie(Cookie(name: loginCookie, value: fresh, maxAge: 3600, path: "/users/login",
                                      secure: secure, httpOnly: true, sameSite: .strict))
            return response
        }
        let sessionToken = try await req.services.accounts.startSession(for: user)
        var response = Reply.redirect(next)
        response.setCookie(Cookie(name: FolioResponder.sessionCookie, value: sessionToken, maxAge: 14 * 86_400, path: "/",
                                  secure: secure, httpOnly: true, sameSite: .lax))
        response.setCookie(Cookie(name: loginCookie, value: "", expires: Date(timeIntervalSince1970: 0),
                                  path: "/users/login", secure: secure, httpOnly: true, sameSite: .strict))
        return response
    }

    static func logout(_ req: Req) async throws -> Response {
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        _ = try await req.postedForm()
        if let token = req.context.sessionToken { try await req.services.accounts.endSession(token: token) }
        var response = Reply.redirect("/")
        response.setCookie(Cookie(name: FolioResponder.sessionCookie, value: "", expires: Date(timeIntervalSince1970: 0),
                                  path: "/", secure: req.services.config.secureCookies, httpOnly: true, sameSite: .lax))
        return response
    }
}
