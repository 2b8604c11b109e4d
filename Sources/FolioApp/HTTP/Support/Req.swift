import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird
import NIOCore

/// What a handler gets: the request, the session, the services, and helpers that enforce the
/// rules every write shares (body limits, UTF-8, CSRF, permissions).
struct Req: Sendable {
    let request: Request
    let context: FolioContext
    let services: FolioServices
    var locale: String = Locales.defaultLocale
    let query: Form
    /// Set when this view may be stored in the page cache under this URL (an anonymous GET
    /// without a query; see `FolioResponder`).
    var cacheURL: String? = nil
    /// `PageCache.epoch` when the request began: a view is only kept if no purge came since.
    var cacheEpoch: UInt64 = 0

    init(request: Request, context: FolioContext, services: FolioServices) {
        self.request = request
        self.context = context
        self.services = services
        self.query = request.uri.query.flatMap { Form(encoded: $0) } ?? Form()
    }

    var user: User? { context.user }
    var session: AccountService.Session? { context.session }
    var method: HTTPRequest.Method { request.method }
    var isGet: Bool { request.method == .get || request.method == .head }

    /// The request body as UTF-8 text, refusing bodies over the configured limit.
    func bodyText() async throws -> String {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: services.config.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw HTTPFailure(.contentTooLarge, "The request is larger than the \(services.config.maxBodyBytes)-byte limit. Nothing was saved.")
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw HTTPFailure(.contentTooLarge, "The request is larger than the \(services.config.maxBodyBytes)-byte limit. Nothing was saved.")
        }
        guard !buffer.readableBytesView.contains(0), let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw HTTPFailure(.badRequest, "The request is not valid UTF-8 text (or contains NUL characters). Nothing was saved.")
        }
        return text
    }

    /// A posted form from a signed-in user, with its CSRF token checked.
    func postedForm() async throws -> Form {
        guard let session else { throw HTTPFailure(.forbidden, "Sign in first. Nothing was saved.") }
        let text = try await bodyText()
        guard let form = Form(encoded: text) else {
            throw HTTPFailure(.badRequest, "The form data could not be read. Nothing was saved.")
        }
        guard let token = form["csrf"], Secrets.constantTimeEqual(token, session.csrfToken) else {
            throw HTTPFailure(.forbidden, "The form's security token is missing or out of date. Reload the page and try again. Nothing was saved.")
        }
        return form
    }

    /// The signed-in user if their role allows `action`. Anonymous GETs go to the login page.
    func require(_ action: WikiAction) throws -> User {
        guard let user else {
            if isGet { throw RedirectTo(location: "/users/login?next=" + URLPath.encodeQueryValue(fullPath)) }
            throw HTTPFailure(.forbidden, "Sign in first. Nothing was saved.")
        }
        guard user.role.may(action) else {
            throw HTTPFailure(.forbidden, "Your role (\(user.role.rawValue)) may not do this; it needs \(action.requiredRole.rawValue).")
        }
        return user
    }

    var fullPath: String {
        request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
    }

    /// Renders a page template in the layout.
    func page(_ template: String, title: String, _ context: [String: Any], status: HTTPResponse.Status = .ok,
              headers: HTTPFields = [:]) -> Response {
        Reply.html(pageHTML(template, title: title, context), status: status, headers: headers)
    }

    func pageHTML(_ template: String, title: String, _ context: [String: Any]) -> String {
        var context = context
        if let session { context["csrf"] = session.csrfToken; context["user"] = Views.userContext(session.user) }
        return services.views.page(template, title: title, locale: locale, session: session, context: context)
    }
}
