import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// Move, delete, restore and review: the actions that change more than one revision.
enum StructureRoutes {
    static func move(_ req: Req, slug: String) async throws -> Response {
        let user = try req.require(.movePage)
        let document = try await WikiRoutes.live(req, slug: slug)
        let subtree = try await req.services.database.read {
            try await DocumentStore.subtree($0, locale: document.locale, slug: document.slug)
        }.filter { !$0.isRedirect && !$0.isDeleted }
        var context: [String: Any] = ["document": WikiRoutes.link(document), "newSlug": document.slug,
                                      "count": subtree.count, "hasSubpages": subtree.count > 1,
                                      "docsPrefix": "/\(document.locale)/docs/"]
        if req.isGet {
            return req.page("move", title: "Move “\(document.title)”", context, headers: [.cacheControl: "no-store"])
        }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let form = try await req.postedForm()
        let newSlug = form.text("slug").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            let result = try await req.services.wiki.move(documentID: document.id, to: newSlug, author: user)
            return Reply.redirect(Document.path(locale: document.locale, slug: result.newSlug))
        } catch let error as WikiError {
            context["newSlug"] = newSlug
            context["error"] = error.description
            return req.page("move", title: "Move “\(document.title)”", context, status: HTTPFailure(error).status)
        }
    }

    static func delete(_ req: Req, slug: String) async throws -> Response {
        let user = try req.require(.deletePage)
        let document = try await WikiRoutes.live(req, slug: slug)
        let subpages = try await req.services.database.read {
            try await DocumentStore.subtree($0, locale: document.locale, slug: document.slug)
        }.filter { !$0.isRedirect && !$0.isDeleted && $0.id != document.id }
        var context: [String: Any] = ["document": WikiRoutes.link(document), "subpages": subpages.map(WikiRoutes.link),
                                      "hasSubpages": !subpages.isEmpty]
        if req.isGet {
            return req.page("delete", title: "Delete “\(document.title)”", context, headers: [.cacheControl: "no-store"])
        }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let form = try await req.postedForm()
        do {
            _ = try await req.services.wiki.delete(documentID: document.id, reason: form.text("reason"), by: user)
            return Reply.redirect(document.path)
        } catch let error as WikiError {
            context["error"] = error.description
            return req.page("delete", title: "Delete “\(document.title)”", context, status: HTTPFailure(error).status)
        }
    }

    static func restore(_ req: Req, slug: String) async throws -> Response {
        let user = try req.require(.restorePage)
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        _ = try await req.postedForm()
        let locale = req.locale
        guard let document = try await req.services.database.read({
            try await DocumentStore.find($0, locale: locale, slug: slug)
        }) else { throw HTTPFailure.notFound() }
        _ = try await req.services.wiki.restore(documentID: document.id, by: user)
        return Reply.redirect(document.path)
    }

    /// Clears review flags from the current revision (Kuma's `$quick-review`).
    static func quickReview(_ req: Req, slug: String) async throws -> Response {
        let user = try req.require(.clearReviewFlags)
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let form = try await req.postedForm()
        let document = try await WikiRoutes.live(req, slug: slug)
        guard let revisionID = form.int("revision_id"), revisionID == document.currentRevisionID else {
            throw HTTPFailure(.conflict, "The page changed since you opened it; review the current revision.")
        }
        let flags = form.all("flag").compactMap(ReviewFlag.init(rawValue:))
        guard !flags.isEmpty else { throw HTTPFailure(.badRequest, "Say which review is done: technical or editorial.") }
        switch try await req.services.wiki.clearReviewFlags(documentID: document.id, flags: flags,
                                                            currentRevisionID: revisionID, author: user) {
        case .saved(let id), .unchanged(let id): return Reply.redirect(document.path + "?rev_saved=\(id)")
        case .conflict: throw HTTPFailure(.conflict, "The page changed since you opened it; review the current revision.")
        }
    }
}
