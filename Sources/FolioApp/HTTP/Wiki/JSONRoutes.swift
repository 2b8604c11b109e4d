import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// `$json`, `$children` and `$toc`, shaped like Kuma's so existing tools keep working.
enum JSONRoutes {
    struct ErrorBody: Encodable { var error: String }

    struct Summary: Encodable {
        var title: String
        var label: String
        var url: String
        var id: Int
        var uuid: String
        var slug: String
        var tags: [String]
        var review_tags: [String]
        var localization_tags: [String]
        var sections: [SectionBody]
        var locale: String
        var summary: String
        var translations: [Translation]
        var modified: String
        var last_edit: String
        var etag: String
    }

    struct SectionBody: Encodable { var id: String; var title: String }

    struct Translation: Encodable {
        var last_edit: String
        var locale: String
        var localization_tags: [String]
        var review_tags: [String]
        var summary: String
        var tags: [String]
        var title: String
        var url: String
        var uuid: String
    }

    struct Node: Encodable {
        var title: String
        var slug: String
        var locale: String
        var url: String
        var subpages: [Node]
    }

    enum Lookup { case found(Document), reply(Response) }

    static let headers: HTTPFields = [.accessControlAllowOrigin: "*", .xRobotsTag: "noindex"]

    /// Finds the document; a moved page answers with a redirect to the same action on its new address.
    static func lookup(_ req: Req, slug: String, action: String) async throws -> Lookup {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let locale = req.locale
        let database = req.services.database
        guard let document = try await database.read({ try await DocumentStore.find($0, locale: locale, slug: slug) }),
              !document.isDeleted else {
            return .reply(Reply.json(ErrorBody(error: "Document does not exist."), status: .notFound, headers: headers))
        }
        if let targetID = document.redirectToID {
            if let target = try await database.read({ try await DocumentStore.find($0, id: targetID) }), !target.isDeleted {
                return .reply(Reply.redirect(target.path + "$" + action + Router.queryString(req), status: .movedPermanently))
            }
            return .reply(Reply.json(ErrorBody(error: "Document has moved."), status: .notFound, headers: headers))
        }
        return .found(document)
    }

    static func json(_ req: Req, slug: String) async throws -> Response {
        switch try await lookup(req, slug: slug, action: "json") {
        case .reply(let response): return response
        case .found(let document):
            let (summary, _) = try await summary(req, document)
            var response = Reply.json(summary, headers: headers)
            // Led by the page's content etag, like the page view's, so a client may send it back
            // as `If-Match` on a `PUT` of the page.
            if let etag = response.headers[.eTag], !document.etag.isEmpty {
                response.headers[.eTag] = "\"\(document.etag)-" + etag.dropFirst()
            }
            return response
        }
    }

    static func summary(_ req: Req, _ document: Document) async throws -> (Summary, Revision?) {
        let database = req.services.database
        let revision = try await WikiRoutes.revision(req, id: document.currentRevisionID)
        let tags = try await database.read { try await DocumentStore.tags($0, documentID: document.id) }
        let translations: [Translation]
        if document.locale == Locales.defaultLocale {
            var list: [Translation] = []
            for translation in try await database.read({ try await DocumentStore.translations($0, of: document.id) }) {
                let (summary, _) = try await self.summary(req, translation)
                list.append(Translation(last_edit: summary.last_edit, locale: summary.locale, localization_tags: [],
                                        review_tags: summary.review_tags, summary: summary.summary, tags: summary.tags,
                                        title: summary.title, url: summary.url, uuid: summary.uuid))
            }
            translations = list
        } else {
            translations = []
        }
        let summary = Summary(
            title: document.title, label: document.title, url: document.path, id: document.id, uuid: document.uuid,
            slug: document.slug, tags: tags, review_tags: (revision?.reviewFlags ?? []).map(\.rawValue),
            localization_tags: [], sections: document.sections.map { SectionBody(id: $0.id, title: $0.title) },
            locale: document.locale, summary: document.summary, translations: translations,
            modified: Views.isoDate(document.modifiedAt),
            last_edit: revision.map { Views.isoDate($0.createdAt) } ?? Views.isoDate(document.modifiedAt),
            etag: document.etag)
        return (summary, revision)
    }

    static func children(_ req: Req, slug: String) async throws -> Response {
        switch try await lookup(req, slug: slug, action: "children") {
        case .reply(let response): return response
        case .found(let document):
            let depth = min(5, max(1, req.query.int("depth") ?? 5))
            return Reply.json(try await node(req, document, depth: depth), headers: headers)
        }
    }

    static func node(_ req: Req, _ document: Document, depth: Int) async throws -> Node {
        var subpages: [Node] = []
        if depth > 0 {
            let children = try await req.services.database.read { try await DocumentStore.children($0, of: document.id) }
            for child in children { subpages.append(try await node(req, child, depth: depth - 1)) }
        }
        return Node(title: document.title, slug: document.slug, locale: document.locale, url: document.path,
                    subpages: subpages)
    }

    static func toc(_ req: Req, slug: String) async throws -> Response {
        switch try await lookup(req, slug: slug, action: "toc") {
        case .reply(let response): return response
        case .found(let document):
            let html = document.tocHTML.isEmpty ? "" : "<ol>" + document.tocHTML + "</ol>"
            return Reply.html(html, headers: headers)
        }
    }
}
