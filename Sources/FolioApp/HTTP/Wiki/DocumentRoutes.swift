import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// Reading a page.
enum DocumentRoutes {
    static func view(_ req: Req, slug: String) async throws -> Response {
        let locale = req.locale
        let database = req.services.database
        guard let document = try await database.read({ try await DocumentStore.find($0, locale: locale, slug: slug) }) else {
            return try await missing(req, slug: slug)
        }
        if document.isDeleted {
            var context: [String: Any] = ["heading": "Page deleted",
                                          "message": "The page “\(document.slug)” was deleted."]
            if req.user?.role.may(.restorePage) == true {
                context["restore"] = ["path": document.path, "reason": document.deleteReason ?? ""]
            }
            return req.page("error", title: "Page deleted", context, status: .notFound)
        }
        if let targetID = document.redirectToID {
            guard let target = try await database.read({ try await DocumentStore.find($0, id: targetID) }),
                  !target.isDeleted, target.id != document.id else {
                throw HTTPFailure.notFound("“\(document.slug)” redirected to a page that no longer exists.")
            }
            if req.query["redirect"] == "no" {
                return req.page("redirect", title: document.title,
                                ["document": WikiRoutes.link(document), "target": WikiRoutes.link(target)])
            }
            return Reply.redirect(target.path + Router.queryString(req), status: .movedPermanently)
        }
        if req.query.has("raw") {
            return Reply.html(document.renderedHTML, headers: [.eTag: "\"\(document.etag)\"", .xRobotsTag: "noindex",
                                                               .xFolioRevision: "\(document.currentRevisionID ?? 0)"])
        }
        if req.query.has("summary") {
            return Reply.text(document.summary, headers: [.xRobotsTag: "noindex"])
        }
        return try await render(req, document: document, fallbackFrom: nil)
    }

    /// No page here: an English original may stand in (with its translation if one exists).
    static func missing(_ req: Req, slug: String) async throws -> Response {
        let locale = req.locale
        let database = req.services.database
        if locale != Locales.defaultLocale,
           let original = try await database.read({ try await DocumentStore.find($0, locale: Locales.defaultLocale, slug: slug) }),
           !original.isDeleted, !original.isRedirect {
            let translations = try await database.read { try await DocumentStore.translations($0, of: original.id) }
            if let translation = translations.first(where: { $0.locale == locale }) {
                return Reply.redirect(translation.path + Router.queryString(req), status: .found)
            }
            return try await render(req, document: original, fallbackFrom: locale)
        }
        var context: [String: Any] = ["heading": "Page not found", "message": "There is no page “\(slug)” in \(locale)."]
        if req.user != nil, Slug.isValid(slug) {
            context["create"] = ["path": "/\(locale)/docs/new?slug=" + URLPath.encodeQueryValue(slug)]
        }
        return req.page("error", title: "Page not found", context, status: .notFound)
    }

    static func render(_ req: Req, document: Document, fallbackFrom: String?) async throws -> Response {
        let database = req.services.database
        let revision = try await WikiRoutes.revision(req, id: document.currentRevisionID)
        let (children, tags) = try await database.read { sql in
            (try await DocumentStore.children(sql, of: document.id), try await DocumentStore.tags(sql, documentID: document.id))
        }
        let ancestors = try await WikiRoutes.ancestors(req, of: document)
        let languages = try await self.languages(req, document: document)
        let role = req.user?.role
        var content = document.renderedHTML
        var macroErrors: [[String: Any]] = []
        if document.errorCount > 0, role?.may(.editPage) == true {
            // Editors see each failed macro where it stood and a list at the top; readers only
            // see the call's text (the stored HTML is the same for everyone and cacheable).
            let errors = try await database.read { try await DocumentStore.renderErrors($0, documentID: document.id) }
            content = MacroErrorDisplay.mark(content, errors: errors)
            macroErrors = errors.enumerated().map { index, error in
                ["index": index, "kind": error.kind.rawValue, "macro": error.macro, "message": error.message,
                 "arguments": error.arguments.map { "“\($0)”" }.joined(separator: ", "),
                 "line": error.line.map { "line \($0)" } ?? "", "raw": error.raw]
            }
        }
        var context: [String: Any] = [
            "document": WikiRoutes.link(document),
            "content": content,
            "macroErrors": macroErrors,
            "hasMacroErrors": !macroErrors.isEmpty,
            "notRendered": document.renderedHTML.isEmpty && document.etag.isEmpty,
            "toc": document.tocHTML,
            "hasToc": !document.tocHTML.isEmpty,
            "sidebar": document.sidebarHTML,
            "breadcrumbs": ancestors.map(WikiRoutes.link),
            "children": children.map(WikiRoutes.link),
            "tags": tags.map { ["name": $0, "path": "/\(document.locale)/docs/tag/" + URLPath.encodeSlug($0)] },
            "languages": languages,
            "hasLanguages": languages.count > 1,
            "modified": Views.date(document.modifiedAt),
            "modifiedISO": Views.isoDate(document.modifiedAt),
            "author": revision?.authorName ?? "",
            "reviewFlags": (revision?.reviewFlags ?? []).map { ["flag": $0.rawValue] },
            "revisionID": document.currentRevisionID ?? 0,
            "canEdit": role?.may(.editPage) == true,
            "canReview": role?.may(.clearReviewFlags) == true && !(revision?.reviewFlags.isEmpty ?? true),
            "canMove": role?.may(.movePage) == true,
            "canDelete": role?.may(.deletePage) == true,
            "saved": req.query.has("rev_saved"),
            "hasReviewFlags": !(revision?.reviewFlags.isEmpty ?? true),
            "hasChildren": !children.isEmpty,
            "hasTags": !tags.isEmpty,
        ]
        if role?.may(.createPage) == true, document.locale == Locales.defaultLocale {
            let existing = Set(languages.compactMap { $0["locale"] as? String })
            let targets = Locales.all.filter { !existing.contains($0) && $0 != Locales.defaultLocale }
            context["translateLocales"] = targets.map { ["code": $0] }
            context["hasTranslateLocales"] = !targets.isEmpty
        }
        if let fallbackFrom {
            context["fallback"] = ["locale": fallbackFrom]
        }
        let html = req.pageHTML("document", title: document.title, context)
        var response = Reply.html(html)
        if let etag = response.headers[.eTag] {
            response.headers[.eTag] = "\"\(document.etag)-" + etag.dropFirst()
        }
        response.headers[.lastModified] = HTTPDate.format(document.modifiedAt)
        response.headers[.xFolioRevision] = "\(document.currentRevisionID ?? 0)"
        guard req.session == nil else { return response }
        // Readers all get the same bytes: a shared cache may keep them, purged by these keys.
        let keys = SurrogateKeys.view(of: document, ancestors: ancestors,
                                      address: (fallbackFrom ?? document.locale, document.slug))
        response.headers[.surrogateKey] = keys.joined(separator: " ")
        response.headers[.cacheControl] = Self.pageCacheControl
        // Kept in memory only under the page's own address: other spellings of it (case,
        // escapes) and fallback views render each time rather than crowd the cache.
        if let url = req.cacheURL, fallbackFrom == nil, url == document.path,
           let entry = req.services.pageCache.store(url, status: .ok, headers: response.headers, body: Array(html.utf8), keys: keys,
                                                    epoch: req.cacheEpoch,
                                                    finish: { [services = req.services] in services.addStandardHeaders(to: &$0, path: url) }) {
            return PageResponses.response(for: entry, request: req.request)
        }
        return response
    }

    /// Page views: browsers revalidate each time (cheap 304s); the CDN keeps them five minutes,
    /// or until a purge.
    static let pageCacheControl = "public, max-age=0, s-maxage=300, must-revalidate"

    /// The English original and its translations, for the language menu.
    static func languages(_ req: Req, document: Document) async throws -> [[String: Any]] {
        let originalID = document.translationOfID ?? (document.locale == Locales.defaultLocale ? document.id : nil)
        guard let originalID else { return [] }
        let all: [Document] = try await req.services.database.read { sql in
            var list = try await DocumentStore.translations(sql, of: originalID)
            if let original = try await DocumentStore.find(sql, id: originalID), !original.isDeleted { list.insert(original, at: 0) }
            return list
        }
        return all.map { ["locale": $0.locale, "path": $0.path, "title": $0.title, "current": $0.id == document.id] }
    }
}
