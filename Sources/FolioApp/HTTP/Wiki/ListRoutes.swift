import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// The locale's home page and the document listings (all, top-level, by tag, needing review).
enum ListRoutes {
    static let pageSize = 100

    static func home(_ req: Req) async throws -> Response {
        let locale = req.locale
        let listing = try await req.services.database.read {
            try await DocumentStore.list($0, locale: locale, filter: .topLevel, limit: 50, offset: 0)
        }
        let context: [String: Any] = ["documents": listing.documents.map { document -> [String: Any] in
            var link = WikiRoutes.link(document)
            link["summary"] = document.summary
            return link
        }, "empty": listing.documents.isEmpty]
        return req.page("home", title: "Folio", context)
    }

    static func list(_ req: Req, filter: DocumentStore.Filter) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let page = min(max(1, req.query.int("page") ?? 1), 1_000_000)
        let locale = req.locale
        let listing = try await req.services.database.read {
            try await DocumentStore.list($0, locale: locale, filter: filter, limit: pageSize, offset: (page - 1) * pageSize)
        }
        let heading: String
        switch filter {
        case .all: heading = "All pages"
        case .topLevel: heading = "Top-level pages"
        case .tag(let tag): heading = "Pages tagged “\(tag)”"
        case .needsReview(let flag): heading = flag.map { "Pages needing \($0.rawValue) review" } ?? "Pages needing review"
        case .withErrors: heading = "Pages with macro errors"
        }
        let base = req.request.uri.path
        var context: [String: Any] = ["heading": heading, "documents": listing.documents.map(WikiRoutes.link),
                                      "empty": listing.documents.isEmpty]
        if page > 1 { context["previousPage"] = base + "?page=\(page - 1)" }
        if listing.hasMore { context["nextPage"] = base + "?page=\(page + 1)" }
        return req.page("list", title: heading, context)
    }

    static func tags(_ req: Req) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let locale = req.locale
        let counts = try await req.services.database.read { try await DocumentStore.tagCounts($0, locale: locale) }
        let context: [String: Any] = ["tags": counts.map {
            ["name": $0.tag, "count": $0.count, "path": "/\(locale)/docs/tag/" + URLPath.encodeSlug($0.tag)]
        }, "empty": counts.isEmpty]
        return req.page("tags", title: "Tags", context)
    }
}
