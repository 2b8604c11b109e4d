import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// History, old revisions, comparison and revert.
enum HistoryRoutes {
    static let pageSize = 20

    static func history(_ req: Req, slug: String) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let document = try await WikiRoutes.live(req, slug: slug)
        let page = min(max(1, req.query.int("page") ?? 1), 1_000_000)
        let (revisions, total) = try await req.services.database.read { sql in
            (try await DocumentStore.revisions(sql, documentID: document.id, limit: pageSize, offset: (page - 1) * pageSize),
             try await DocumentStore.revisionCount(sql, documentID: document.id))
        }
        let pages = max(1, (total + pageSize - 1) / pageSize)
        if page > pages { throw HTTPFailure.notFound("History has \(pages) page\(pages == 1 ? "" : "s").") }
        let canRevert = req.user?.role.may(.revertPage) == true
        let rows: [[String: Any]] = revisions.enumerated().map { index, revision in
            var row = revisionRow(document, revision)
            row["isCurrent"] = revision.id == document.currentRevisionID
            row["canRevert"] = canRevert && revision.id != document.currentRevisionID
            if let previous = index + 1 < revisions.count ? revisions[index + 1].id : revision.basedOnID {
                row["comparePath"] = document.path + "$compare?from=\(previous)&to=\(revision.id)"
            }
            return row
        }
        var context: [String: Any] = ["document": WikiRoutes.link(document), "revisions": rows, "page": page,
                                      "pages": pages, "total": total]
        if page > 1 { context["previousPage"] = document.path + "$history?page=\(page - 1)" }
        if page < pages { context["nextPage"] = document.path + "$history?page=\(page + 1)" }
        return req.page("history", title: "History of “\(document.title)”", context, headers: [.xRobotsTag: "noindex"])
    }

    static func revisionRow(_ document: Document, _ revision: Revision) -> [String: Any] {
        [
            "id": revision.id, "title": revision.title, "comment": revision.comment,
            "author": revision.authorName ?? "unknown", "date": Views.date(revision.createdAt),
            "path": document.path + "$revision/\(revision.id)", "revertPath": document.path + "$revert/\(revision.id)",
            "flags": revision.reviewFlags.map { ["flag": $0.rawValue] },
        ]
    }

    static func loadRevision(_ req: Req, _ document: Document, _ id: String?) async throws -> Revision {
        guard let id = id.flatMap({ Int($0) }),
              let revision = try await WikiRoutes.revision(req, id: id), revision.documentID == document.id else {
            throw HTTPFailure.notFound("This page has no such revision.")
        }
        return revision
    }

    static func revision(_ req: Req, slug: String, id: String?) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let document = try await WikiRoutes.live(req, slug: slug)
        let revision = try await loadRevision(req, document, id)
        let rendered = try await req.services.wiki.preview(title: revision.title, source: revision.source, format: revision.format,
                                                           locale: document.locale, slug: document.slug, metadata: revision.metadata,
                                                           revisionID: revision.id)
        var context = revisionRow(document, revision)
        context["document"] = WikiRoutes.link(document)
        context["content"] = rendered.html
        context["tags"] = revision.tags.map { ["name": $0] }
        context["hasTags"] = !revision.tags.isEmpty
        context["isCurrent"] = revision.id == document.currentRevisionID
        context["canRevert"] = req.user?.role.may(.revertPage) == true && revision.id != document.currentRevisionID
        return req.page("revision", title: "Revision \(revision.id) of “\(document.title)”", context,
                        headers: [.xRobotsTag: "noindex"])
    }

    static func compare(_ req: Req, slug: String) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let document = try await WikiRoutes.live(req, slug: slug)
        guard req.query["from"] != nil, req.query["to"] != nil else {
            throw HTTPFailure(.badRequest, "Say which revisions to compare: ?from=ID&to=ID.")
        }
        let from = try await loadRevision(req, document, req.query["from"])
        let to = try await loadRevision(req, document, req.query["to"])
        let diff = WordDiff(from: from.source, to: to.source)
        let context: [String: Any] = [
            "document": WikiRoutes.link(document), "from": revisionRow(document, from), "to": revisionRow(document, to),
            "diff": diff.html(), "hasChanges": diff.hasChanges, "titleChanged": from.title != to.title,
            "inserted": diff.insertedWords, "removed": diff.removedWords,
        ]
        return req.page("compare", title: "Comparing revisions of “\(document.title)”", context,
                        headers: [.xRobotsTag: "noindex"])
    }

    static func revert(_ req: Req, slug: String, id: String?) async throws -> Response {
        let user = try req.require(.revertPage)
        let document = try await WikiRoutes.live(req, slug: slug)
        let revision = try await loadRevision(req, document, id)
        if req.isGet {
            var context = revisionRow(document, revision)
            context["document"] = WikiRoutes.link(document)
            return req.page("revert", title: "Revert “\(document.title)”", context, headers: [.cacheControl: "no-store"])
        }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        _ = try await req.postedForm()
        _ = try await req.services.wiki.revert(documentID: document.id, to: revision.id, author: user)
        return Reply.redirect(document.path + "$history")
    }
}
