import Foundation
import FolioRender
import FolioWiki
import HTTPTypes
import Hummingbird

/// Creating and editing pages, with preview and mid-air collision handling. A refused save
/// shows the form again with everything the author typed.
enum EditRoutes {
    struct FormState {
        var title = ""
        var slug = ""
        var content = ""
        var format = "html"
        var tags = ""
        var flags: [ReviewFlag] = []
        var comment = ""
        var basedOn: Int? = nil
        var translationOf: Int? = nil

        init() {}

        init(form: Form) {
            title = form.text("title").trimmingCharacters(in: .whitespacesAndNewlines)
            slug = form.text("slug").trimmingCharacters(in: .whitespacesAndNewlines)
            content = form.text("content")
            format = form["format"] ?? "html"
            tags = form.text("tags")
            flags = form.all("review").compactMap(ReviewFlag.init(rawValue:))
            comment = form.text("comment").trimmingCharacters(in: .whitespacesAndNewlines)
            basedOn = form.int("based_on")
            translationOf = form.int("translation_of")
        }

        var draft: RevisionDraft {
            RevisionDraft(title: title, source: content, format: format, tags: Tags.parse(tags), reviewFlags: flags,
                          comment: comment)
        }
    }

    // MARK: New page

    static func new(_ req: Req) async throws -> Response {
        let user = try req.require(.createPage)
        var state = FormState()
        if req.isGet {
            state.slug = req.query["slug"] ?? req.query["parent"].map { $0 + "/" } ?? ""
            state.translationOf = req.query.int("translation_of")
            state.flags = [.technical, .editorial]   // Kuma's default for new pages
            state.format = "markdown"                // MDN writes in Markdown since 2021
            if let id = state.translationOf, let original = try await req.services.database.read({
                try await DocumentStore.find($0, id: id)
            }), !original.isDeleted, !original.isRedirect, original.locale == Locales.defaultLocale,
               let revision = try await WikiRoutes.revision(req, id: original.currentRevisionID) {
                state.title = original.title
                state.slug = original.slug
                state.content = revision.source
                state.format = revision.format
                state.tags = revision.tags.joined(separator: ", ")
            }
            return try await form(req, state, action: "/\(req.locale)/docs/new", isNew: true)
        }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let posted = try await req.postedForm()
        state = FormState(form: posted)
        if state.slug.isEmpty || state.slug.hasSuffix("/") {
            state.slug += Slug.segment(fromTitle: state.title)
        }
        if posted.has("preview") {
            return try await form(req, state, action: "/\(req.locale)/docs/new", isNew: true, preview: true)
        }
        do {
            let document = try await req.services.wiki.create(locale: req.locale, slug: state.slug, draft: state.draft,
                                                              author: user, translationOfID: state.translationOf)
            return Reply.redirect(document.path + "?rev_saved=\(document.currentRevisionID ?? 0)")
        } catch let error as WikiError {
            return try await form(req, state, action: "/\(req.locale)/docs/new", isNew: true, error: error)
        }
    }

    static func translate(_ req: Req, slug: String) async throws -> Response {
        let document = try await WikiRoutes.live(req, slug: slug)
        guard document.locale == Locales.defaultLocale else {
            throw HTTPFailure(.badRequest, "Only English pages are translated; this page is itself in \(document.locale).")
        }
        let target = req.query["tolocale"].flatMap(Locales.canonical) ?? "fr"
        return Reply.redirect("/\(target)/docs/new?translation_of=\(document.id)", status: .found)
    }

    // MARK: Edit

    static func edit(_ req: Req, slug: String) async throws -> Response {
        let user = try req.require(.editPage)
        let document = try await WikiRoutes.live(req, slug: slug)
        let action = document.path + "$edit"
        if req.isGet {
            guard let revision = try await WikiRoutes.revision(req, id: document.currentRevisionID) else {
                throw HTTPFailure.notFound("This page has no revision to edit.")
            }
            var state = FormState()
            state.title = revision.title
            state.content = revision.source
            state.format = revision.format
            state.tags = revision.tags.joined(separator: ", ")
            state.flags = revision.reviewFlags
            state.basedOn = revision.id
            return try await form(req, state, action: action, document: document)
        }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let posted = try await req.postedForm()
        let state = FormState(form: posted)
        guard state.basedOn != nil else {
            throw HTTPFailure(.badRequest, "The form does not say which revision it edits. Reload the editor.")
        }
        if posted.has("preview") {
            return try await form(req, state, action: action, document: document, preview: true)
        }
        do {
            switch try await req.services.wiki.edit(documentID: document.id, draft: state.draft, basedOn: state.basedOn,
                                                    author: user) {
            case .saved(let id), .unchanged(let id):
                return Reply.redirect(document.path + "?rev_saved=\(id)")
            case .conflict(let current):
                var resubmit = state
                resubmit.basedOn = current.id   // the author has now seen the newer revision
                let diff = WordDiff(from: current.source, to: state.content)
                let conflict: [String: Any] = [
                    "author": current.authorName ?? "someone", "date": Views.date(current.createdAt),
                    "diff": diff.html(), "titleChanged": current.title != state.title, "theirTitle": current.title,
                ]
                return try await form(req, resubmit, action: action, document: document, conflict: conflict)
            }
        } catch let error as WikiError {
            return try await form(req, state, action: action, document: document, error: error)
        }
    }

    // MARK: The form

    static func form(_ req: Req, _ state: FormState, action: String, document: Document? = nil, isNew: Bool = false,
                     preview: Bool = false, error: WikiError? = nil, conflict: [String: Any]? = nil) async throws -> Response {
        var context: [String: Any] = [
            "action": action,
            "isNew": isNew,
            "title": state.title,
            "slug": state.slug,
            "content": state.content,
            "formats": PageRenderer.formats.map { ["name": $0, "label": $0 == "html" ? "HTML" : "Markdown",
                                                   "selected": $0 == state.format] },
            "tags": state.tags,
            "comment": state.comment,
            "basedOn": state.basedOn.map(String.init) ?? "",
            "translationOf": state.translationOf.map(String.init) ?? "",
            "technical": state.flags.contains(.technical),
            "editorial": state.flags.contains(.editorial),
            "docsPrefix": "/\(req.locale)/docs/",
        ]
        if let document { context["document"] = WikiRoutes.link(document) }
        if preview {
            let slug = document?.slug ?? (state.slug.isEmpty ? "Preview" : state.slug)
            var metadata: PageMetadata? = nil
            if let revisionID = document?.currentRevisionID {
                metadata = try await req.services.database.read { try await DocumentStore.revision($0, id: revisionID)?.metadata }
            }
            let rendered = try await req.services.wiki.preview(title: state.title, source: state.content, format: state.format,
                                                               locale: document?.locale ?? req.locale, slug: slug, metadata: metadata)
            context["preview"] = rendered.html
        }
        var status: HTTPResponse.Status = .ok
        if let error {
            context["error"] = error.description
            status = HTTPFailure(error).status
        }
        if let conflict {
            context["conflict"] = conflict
            status = .conflict
        }
        let heading = isNew ? "Create a page" : "Editing “\(document?.title ?? state.title)”"
        context["heading"] = heading
        return req.page("edit", title: heading, context, status: status,
                        headers: [.xRobotsTag: "noindex", .cacheControl: "no-store"])
    }
}
