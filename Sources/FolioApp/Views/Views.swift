import Foundation
import FolioWiki
import Mustache

/// Server-rendered HTML through swift-mustache. Templates live in `Resources/templates`; every
/// page is its own template rendered into `layout` (Mustache escapes `{{…}}` by default, so only
/// `{{{…}}}` fields carry markup, and those are built by our code).
public struct Views: Sendable {
    let library: MustacheLibrary
    /// Fingerprinted URLs of the stylesheet and script (`css`, `js`) for the layout.
    let assets: [String: String]

    public init(assets: [String: String] = ["css": "/static/folio.css", "js": "/static/folio.js"]) async throws {
        self.assets = assets
        guard let url = Bundle.module.url(forResource: "templates", withExtension: nil, subdirectory: "Resources") else {
            throw DatabaseError.unsupported("The template folder is missing from the Folio build.")
        }
        library = try await MustacheLibrary(directory: url.path)
    }

    /// Renders `template` with `context`, then wraps it in the layout.
    func page(_ template: String, title: String, locale: String, session: AccountService.Session?,
              context: [String: Any]) -> String {
        var context = Self.droppingEmptyStrings(context)
        context["locale"] = locale
        let body = library.render(context, withTemplate: template) ?? "Template \(template) is missing."
        var layout: [String: Any] = [
            "title": title,
            "body": body,
            "locale": locale,
            "lang": locale,
            "dir": Locales.rightToLeft.contains(locale) ? "rtl" : "ltr",
            "assets": assets,
        ]
        if let session {
            layout["user"] = Self.userContext(session.user)
            layout["csrf"] = session.csrfToken
        }
        return library.render(layout, withTemplate: "layout") ?? body
    }

    /// swift-mustache treats "" as true in `{{#x}}` sections; an absent key renders the same as
    /// "" in `{{x}}`, so empty strings are dropped everywhere.
    static func droppingEmptyStrings(_ context: [String: Any]) -> [String: Any] {
        var result: [String: Any] = [:]
        for (key, value) in context {
            switch value {
            case let text as String where text.isEmpty: continue
            case let nested as [String: Any]: result[key] = droppingEmptyStrings(nested)
            case let list as [[String: Any]]: result[key] = list.map(droppingEmptyStrings)
            default: result[key] = value
            }
        }
        return result
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
