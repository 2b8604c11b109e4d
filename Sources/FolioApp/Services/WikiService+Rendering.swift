import FolioMacros
import FolioRender
import FolioWiki
import Foundation
import SQLKit

/// Rendering: on save within the render budget, otherwise (and for pages whose dependencies
/// changed) by the background render queue. A page view never renders.
extension WikiService {
    enum RenderMode { case onSave, background }

    /// Makes `revisionID` current and stores its rendering (inside the caller's transaction).
    /// On save, a render over the budget — or of a page that went over it before — keeps the
    /// last good rendering and leaves the page to the background queue. When the page's title,
    /// summary, tags or type changed, the pages that read them are queued.
    func publish(_ sql: any SQLDatabase, documentID: Int, revisionID: Int, draft: RevisionDraft, mode: RenderMode) async throws {
        guard let before = try await sql.raw("""
            SELECT locale, slug, title, summary, page_type, render_deferred, etag FROM documents WHERE id = \(bind: documentID)
            """).first() else { throw WikiError.notFound("This page does not exist.") }
        let locale = try before.decode(column: "locale", as: String.self)
        let slug = try before.decode(column: "slug", as: String.self)
        let oldTags = try await sql.raw("SELECT tag FROM document_tags WHERE document_id = \(bind: documentID) ORDER BY tag")
            .all().map { try $0.decode(column: "tag", as: String.self) }
        let metadata = draft.metadata ?? PageMetadata()
        try await DocumentStore.setCurrent(sql, documentID: documentID, revisionID: revisionID, title: draft.title,
                                           tags: draft.tags, pageType: metadata.pageType)
        var summary = try before.decode(column: "summary", as: String.self)
        let deferred = try before.decode(column: "render_deferred", as: Int.self) != 0
        if mode == .onSave && deferred {
            try await RenderStore.enqueue(sql, documentIDs: [documentID])
        } else {
            let page = MacroPage(locale: locale, slug: slug, title: draft.title, tags: draft.tags, pageType: metadata.pageType,
                                 browserCompat: metadata.browserCompat, specURLs: metadata.specURLs, sidebar: metadata.sidebar,
                                 revisionID: revisionID)
            do {
                let start = ContinuousClock.now
                let rendered = try await render(draft, page: page, sql: sql, mode: mode)
                try await DocumentStore.storeRendering(sql, documentID: documentID, rendered: rendered)
                summary = rendered.summary
                // A page stays in the background ("deferred") until it renders within the budget.
                let slow = ContinuousClock.now - start > renderBudget
                if slow != deferred {
                    try await sql.raw("UPDATE documents SET render_deferred = \(bind: slow ? 1 : 0) WHERE id = \(bind: documentID)").run()
                }
            } catch is RenderBudgetExceeded {
                try await sql.raw("UPDATE documents SET render_deferred = 1 WHERE id = \(bind: documentID)").run()
                try await RenderStore.enqueue(sql, documentIDs: [documentID])
            } catch let error as RendererUnavailable where mode == .onSave {
                // The save stands; the queue renders the page when the renderer is back.
                logger.warning("renderer unavailable; page left to the background queue",
                               metadata: ["document": "\(documentID)", "error": "\(error)"])
                try await RenderStore.enqueue(sql, documentIDs: [documentID])
            }
        }
        let oldTitle = try before.decode(column: "title", as: String.self)
        let oldSummary = try before.decode(column: "summary", as: String.self)
        let oldType = try before.decode(column: "page_type", as: String?.self)
        let changed = oldTitle != draft.title || oldSummary != summary || oldType != metadata.pageType || oldTags != draft.tags.sorted()
        if changed {
            try await RenderStore.enqueueDependents(sql, of: [.page(locale: locale, slug: slug)], excluding: documentID)
        }
        // Cached views of this page, its parent's children list, its translations' language
        // lists and (after a new title) the breadcrumbs below it.
        // A background re-render that changed nothing shown (same output, title, tags) purges
        // nothing: a sweep over every page must not empty every cache.
        let oldETag = try before.decode(column: "etag", as: String.self)
        if let document = try await DocumentStore.find(sql, id: documentID),
           mode == .onSave || changed || document.etag != oldETag {
            try await PurgeStore.record(sql, keys: SurrogateKeys.change(of: document, structural: oldTitle != draft.title),
                                        cdn: purgesCDN)
        }
    }

    /// Renders on this process, or on the renderer role when `FOLIO_RENDERER_URL` is set, and
    /// records the duration.
    func render(_ draft: RevisionDraft, page: MacroPage, sql: any SQLDatabase, mode: RenderMode) async throws -> RenderedPage {
        let start = ContinuousClock.now
        let deadline = mode == .onSave ? start + renderBudget : nil
        let modeName = mode == .onSave ? "save" : "background"
        let place = remote == nil ? "local" : "remote"
        do {
            let rendered: RenderedPage
            if let remote {
                rendered = try await remote.render(title: draft.title, source: draft.source, format: draft.format,
                                                   page: page, deadline: deadline)
            } else {
                rendered = try await renderer.render(title: draft.title, source: draft.source, format: draft.format,
                                                     page: page, data: SQLMacroData(sql: sql, datasets: datasets),
                                                     deadline: deadline)
            }
            metrics?.render(mode: modeName, where: place, duration: ContinuousClock.now - start, outcome: "ok")
            return rendered
        } catch {
            let outcome = error is RenderBudgetExceeded ? "over-budget" : error is RendererUnavailable ? "unavailable" : "error"
            metrics?.render(mode: modeName, where: place, duration: ContinuousClock.now - start, outcome: outcome)
            throw error
        }
    }

    func englishSlug(_ sql: any SQLDatabase, _ translationOfID: Int?) async throws -> String? {
        guard let translationOfID else { return nil }
        return try await sql.raw("SELECT slug FROM documents WHERE id = \(bind: translationOfID)").first()?
            .decode(column: "slug", as: String.self)
    }

    /// Re-renders one document's current revision in place (no new revision).
    @discardableResult
    public func rerender(documentID: Int) async throws -> Bool {
        let lock = database.forUpdate
        return try await database.transaction { sql in
            guard let document = try await DocumentStore.find(sql, id: documentID, lock: lock), !document.isRedirect,
                  !document.isDeleted, let revisionID = document.currentRevisionID,
                  let revision = try await DocumentStore.revision(sql, id: revisionID) else { return false }
            let draft = RevisionDraft(title: revision.title, source: revision.source, format: revision.format,
                                      metadata: revision.metadata, tags: revision.tags)
            try await publish(sql, documentID: documentID, revisionID: revisionID, draft: draft, mode: .background)
            return true
        }
    }

    /// Queues background renders of `ids` (after an upgrade, or on request).
    public func queueRenders(_ ids: [Int]) async throws {
        try await database.transaction { try await RenderStore.enqueue($0, documentIDs: ids) }
        jobs.nudge()
    }

    /// Ids of documents whose stored output came from an older pipeline (or all, with `all`).
    public func documentsToRender(all: Bool) async throws -> [Int] {
        try await database.read { sql in
            let rows = all
                ? try await sql.raw("SELECT id FROM documents WHERE redirect_to_id IS NULL AND deleted_at IS NULL ORDER BY id").all()
                : try await sql.raw("""
                    SELECT id FROM documents WHERE redirect_to_id IS NULL AND deleted_at IS NULL
                      AND render_version < \(bind: PageRenderer.version)
                    ORDER BY id
                    """).all()
            return try rows.map { try $0.decode(column: "id", as: Int.self) }
        }
    }

    /// One page's outcome in a bulk re-render.
    public struct RenderReport: Sendable {
        public var id: Int
        public var path: String
        public var milliseconds: Double
        public var errors: [MacroError]
    }

    /// Re-renders the given documents, reporting progress; returns each page's report and the
    /// pages that failed (with reasons).
    public func rerender(_ ids: [Int], progress: @Sendable (Int, Int) -> Void = { _, _ in }) async
        -> (reports: [RenderReport], failures: [(Int, String)]) {
        var reports: [RenderReport] = []
        var failures: [(Int, String)] = []
        let clock = ContinuousClock()
        for (index, id) in ids.enumerated() {
            progress(index, ids.count)
            let start = clock.now
            do {
                guard try await rerender(documentID: id) else { continue }
                let elapsed = clock.now - start
                let row = try await database.read { sql in
                    try await sql.raw("SELECT locale, slug, render_errors FROM documents WHERE id = \(bind: id)").first()
                }
                guard let row else { continue }
                let errors = (try? JSONDecoder().decode([MacroError].self,
                                                        from: Data(try row.decode(column: "render_errors", as: String.self).utf8))) ?? []
                reports.append(RenderReport(
                    id: id, path: Document.path(locale: try row.decode(column: "locale", as: String.self),
                                                slug: try row.decode(column: "slug", as: String.self)),
                    milliseconds: Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000,
                    errors: errors))
            } catch {
                failures.append((id, DatabaseError.describe(error)))
            }
        }
        progress(ids.count, ids.count)
        return (reports, failures)
    }
}

extension WikiService {
    /// Renders without storing (edit previews, old revisions), with macros reading current data.
    public func preview(title: String, source: String, format: String, locale: String, slug: String,
                        metadata: PageMetadata?, revisionID: Int? = nil) async throws -> RenderedPage {
        let metadata = metadata ?? PageMetadata()
        let page = MacroPage(locale: locale, slug: slug, title: title, pageType: metadata.pageType,
                             browserCompat: metadata.browserCompat, specURLs: metadata.specURLs, sidebar: metadata.sidebar,
                             revisionID: revisionID)
        let renderer = self.renderer, datasets = self.datasets, budget = self.renderBudget
        let format = PageRenderer.formats.contains(format) ? format : "html"
        return try await database.read { sql in
            try await renderer.render(title: title, source: source, format: format, page: page,
                                      data: SQLMacroData(sql: sql, datasets: datasets), deadline: ContinuousClock.now + budget)
        }
    }
}
