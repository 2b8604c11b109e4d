import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// `/<locale>/docs/…`: wiki-level pages, then a document and its `$action`.
enum WikiRoutes {
    static func handle(_ req: inout Req, path: String) async throws -> Response {
        let locale = req.locale
        let (kind, formOnly) = routeKind(path: path, method: req.method)
        guard req.services.config.role.serves(kind) else {
            throw HTTPFailure.notFound("This address is not served by this process (role \(req.services.config.role.rawValue)).")
        }
        if req.services.config.readOnly, formOnly || !req.isGet { throw ReadOnlyMode.failure() }
        if path.isEmpty { return Reply.redirect("/\(locale)/", status: .movedPermanently) }
        if path.hasSuffix("/") {
            var trimmed = path
            while trimmed.hasSuffix("/") { trimmed.removeLast() }
            return Reply.redirect(Document.path(locale: locale, slug: trimmed) + Router.queryString(req),
                                  status: .movedPermanently)
        }
        switch path.lowercased() {
        case "new": return try await EditRoutes.new(req)
        case "all": return try await ListRoutes.list(req, filter: .all)
        case "top-level": return try await ListRoutes.list(req, filter: .topLevel)
        case "tags": return try await ListRoutes.tags(req)
        case "needs-review": return try await ListRoutes.list(req, filter: .needsReview(nil))
        case "with-errors": return try await ListRoutes.list(req, filter: .withErrors)
        default: break
        }
        if path.lowercased().hasPrefix("needs-review/") {
            guard let flag = ReviewFlag(rawValue: String(path.dropFirst("needs-review/".count)).lowercased()) else {
                throw HTTPFailure.notFound("Review flags are “technical” and “editorial”.")
            }
            return try await ListRoutes.list(req, filter: .needsReview(flag))
        }
        if path.lowercased().hasPrefix("tag/") {
            return try await ListRoutes.list(req, filter: .tag(String(path.dropFirst(4))))
        }

        let slug: String, action: String?
        if let dollar = path.firstIndex(of: "$") {
            slug = String(path[..<dollar])
            action = String(path[path.index(after: dollar)...])
        } else {
            slug = path
            action = nil
        }
        if let problem = Slug.problem(in: slug) {
            throw HTTPFailure(req.isGet ? .notFound : .badRequest, "This is not a valid page address: \(problem)")
        }
        let parts = (action ?? "").split(separator: "/", maxSplits: 1).map(String.init)
        let name = parts.first ?? "", argument = parts.count > 1 ? parts[1] : nil
        switch (name, req.method) {
        case ("", .get), ("", .head): return try await DocumentRoutes.view(req, slug: slug)
        case ("", .put): return try await WriteAPI.put(req, slug: slug)
        case ("edit", _): return try await EditRoutes.edit(req, slug: slug)
        case ("history", _): return try await HistoryRoutes.history(req, slug: slug)
        case ("revision", _): return try await HistoryRoutes.revision(req, slug: slug, id: argument)
        case ("compare", _): return try await HistoryRoutes.compare(req, slug: slug)
        case ("revert", _): return try await HistoryRoutes.revert(req, slug: slug, id: argument)
        case ("json", _): return try await JSONRoutes.json(req, slug: slug)
        case ("children", _): return try await JSONRoutes.children(req, slug: slug)
        case ("toc", _): return try await JSONRoutes.toc(req, slug: slug)
        case ("move", _): return try await StructureRoutes.move(req, slug: slug)
        case ("delete", _): return try await StructureRoutes.delete(req, slug: slug)
        case ("restore", _): return try await StructureRoutes.restore(req, slug: slug)
        case ("quick-review", _): return try await StructureRoutes.quickReview(req, slug: slug)
        case ("translate", _): return try await EditRoutes.translate(req, slug: slug)
        case ("files", _): return try await AttachmentRoutes.files(req, slug: slug)
        case ("", _): throw HTTPFailure.methodNotAllowed
        default: throw HTTPFailure.notFound("Pages have no “$\(name)” action.")
        }
    }

    /// Which role serves a wiki path, and whether it is a form that only leads to a write.
    static func routeKind(path: String, method: HTTPRequest.Method) -> (RouteKind, formOnly: Bool) {
        if path.lowercased() == "new" { return (.web, true) }
        guard let dollar = path.firstIndex(of: "$") else { return (method == .put ? .writeAPI : .web, false) }
        let action = path[path.index(after: dollar)...].split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        switch action {
        case _ where APIRoutes.pageJSONActions.contains(action): return (.pageJSON, false)
        default: return (.web, ReadOnlyMode.formActions.contains(action))
        }
    }

    /// The live document at `slug`, or a 404 that says why.
    static func live(_ req: Req, slug: String) async throws -> Document {
        let locale = req.locale
        guard let document = try await req.services.database.read({
            try await DocumentStore.find($0, locale: locale, slug: slug)
        }) else {
            throw HTTPFailure.notFound("There is no page “\(slug)” in \(locale).")
        }
        if document.isDeleted { throw HTTPFailure.notFound("The page “\(document.slug)” was deleted.") }
        if document.isRedirect { throw HTTPFailure.notFound("The page “\(document.slug)” has moved; act on its new address.") }
        return document
    }

    static func revision(_ req: Req, id: Int?) async throws -> Revision? {
        guard let id else { return nil }
        return try await req.services.database.read { try await DocumentStore.revision($0, id: id) }
    }

    /// Breadcrumbs from the top of the hierarchy down to the document's parent.
    static func ancestors(_ req: Req, of document: Document) async throws -> [Document] {
        var chain: [Document] = []
        var next = document.parentID
        while let id = next, chain.count < 50 {
            guard let parent = try await req.services.database.read({ try await DocumentStore.find($0, id: id) }) else { break }
            chain.insert(parent, at: 0)
            next = parent.parentID
        }
        return chain
    }

    static func link(_ document: Document) -> [String: Any] {
        ["title": document.title, "titleHTML": titleHTML(document.title), "path": document.path, "slug": document.slug,
         "locale": document.locale]
    }

    /// MDN titles mark code with backticks ("`color` CSS property"): escaped, with those as `<code>`.
    static func titleHTML(_ title: String) -> String {
        let parts = title.split(separator: "`", omittingEmptySubsequences: false)
        guard parts.count >= 3 else { return HTMLEscape.escape(title) }
        var html = ""
        for (index, part) in parts.enumerated() {
            let escaped = HTMLEscape.escape(part)
            // Odd parts are inside backticks; an unpaired last backtick stays a backtick.
            if index % 2 == 1 && index < parts.count - 1 { html += "<code>" + escaped + "</code>" }
            else { html += (index % 2 == 1 ? "`" : "") + escaped }
        }
        return html
    }
}
