import Foundation
import FolioWiki
import Mustache

/// Server-rendered HTML through swift-mustache. Templates live in `Resources/templates`; every
/// page is its own template rendered into `layout` (Mustache escapes `{{…}}` by default, so only
/// `{{{…}}}` fields carry markup, and those are built by our code).
public struct Views: Sendable {
    let library: MustacheLibrary

    public init() async throws {
        guard let url = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw DatabaseError.unsupported("The template folder is missing from the Folio build.")
        }
        library = try await MustacheLibrary(directory: url.path)
    }

    /// Renders `template` with `context`, then wraps it in the layout.
    func page(_ template: String, title: String, locale: String, session: AccountService.Session?,
              context: [String: Any]) -> String {
        var context = context
        context["locale"] = locale
        let body = library.render(context, withTemplate: template) ?? "Template \(template) is missing."
        var layout: [String: Any] = [
            "title": title,
            "body": body,
            "locale": locale,
            "lang": locale,
            "dir": Locales.rightToLeft.contains(locale) ? "rtl" : "ltr",
        ]
        if let session {
            layout["user"] = Self.userContext(session.user)
            layout["csrf"] = session.csrfToken
        }
        return library.render(layout, withTemplate: "layout") ?? body
    }

    static func userContext(_ user: User) -> [String: Any] {
        [
            "username": user.username,
            "role": user.role.rawValue,
            "isAdmin": user.role == .admin,
            "isReviewer": user.role >= .reviewer,
        ]
    }

    static func date(_ millis: Int) -> String {
        WikiService.dateFormatter.string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }

    static func isoDate(_ millis: Int) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(millis) / 1000))
    }
}
