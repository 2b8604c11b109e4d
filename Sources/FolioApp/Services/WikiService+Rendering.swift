import Foundation
import FolioRender
import SQLKit

/// Re-rendering stored pages when the pipeline changes (pages are never rendered on view).
extension WikiService {
    /// Re-renders one document's current revision in place (no new revision).
    @discardableResult
    public func rerender(documentID: Int) async throws -> Bool {
        let renderer = self.renderer
        let lock = database.forUpdate
        return try await database.transaction { sql in
            guard let document = try await DocumentStore.find(sql, id: documentID, lock: lock), !document.isRedirect,
                  let revisionID = document.currentRevisionID,
                  let revision = try await DocumentStore.revision(sql, id: revisionID) else { return false }
            let draft = RevisionDraft(title: revision.title, source: revision.source, format: revision.format,
                                      metadata: revision.metadata, tags: revision.tags)
            let rendered = try await renderer.render(sql, draft: draft)
            try await DocumentStore.storeRendering(sql, documentID: documentID, rendered: rendered)
            return true
        }
    }

    /// Ids of documents whose stored output came from an older pipeline (or all, with `all`).
    public func documentsToRender(all: Bool) async throws -> [Int] {
        try await database.read { sql in
            let rows = all
                ? try await sql.raw("SELECT id FROM documents WHERE redirect_to_id IS NULL ORDER BY id").all()
                : try await sql.raw("""
                    SELECT id FROM documents WHERE redirect_to_id IS NULL AND render_version < \(bind: PageRenderer.version)
                    ORDER BY id
                    """).all()
            return try rows.map { try $0.decode(column: "id", as: Int.self) }
        }
    }

    /// Re-renders the given documents, reporting progress; returns (rendered, failed ids with reasons).
    public func rerender(_ ids: [Int], progress: @Sendable (Int, Int) -> Void = { _, _ in }) async -> (Int, [(Int, String)]) {
        var done = 0
        var failures: [(Int, String)] = []
        for (index, id) in ids.enumerated() {
            progress(index, ids.count)
            do { if try await rerender(documentID: id) { done += 1 } } catch {
                failures.append((id, DatabaseError.describe(error)))
            }
        }
        progress(ids.count, ids.count)
        return (done, failures)
    }
}
