import Foundation
import FolioWiki
import SQLKit

/// Moving, deleting and restoring whole subtrees.
extension WikiService {
    public struct MoveResult: Sendable, Equatable {
        public var moved: Int
        public var newSlug: String
    }

    /// Moves a page and every page below it. Each old slug becomes a redirect answering 301
    /// (unless only the letter case changed); redirects already at the new slugs are replaced.
    public func move(documentID: Int, to requestedSlug: String, author: User?) async throws -> MoveResult {
        if let problem = Slug.problem(in: requestedSlug) { throw WikiError.invalid(problem.description) }
        defer { jobs.nudge() }
        let lock = database.forUpdate
        return try await database.transaction { sql in
            guard let root = try await DocumentStore.find(sql, id: documentID, lock: lock), !root.isDeleted, !root.isRedirect else {
                throw WikiError.notFound("This page does not exist or was deleted.")
            }
            if Slug.key(requestedSlug).hasPrefix(Slug.key(root.slug) + "/") { throw WikiError.invalid("A page cannot be moved below itself.") }
            var newSlug = requestedSlug
            var newParentID: Int? = nil
            if let parentSlug = Slug.parent(of: requestedSlug) {
                guard let parent = try await DocumentStore.find(sql, locale: root.locale, slug: parentSlug),
                      !parent.isDeleted, !parent.isRedirect else {
                    throw WikiError.invalid("The new parent page “\(parentSlug)” does not exist in \(root.locale).")
                }
                newParentID = parent.id
                newSlug = Slug.join(parent.slug, Slug.lastSegment(of: requestedSlug))
            }
            if newSlug == root.slug { throw WikiError.invalid("The page is already at \(newSlug).") }

            // Redirects stay where they are; live and deleted pages move together.
            // Locked: an edit committing meanwhile must not be replaced by a copy of an older revision.
            let tree = try await DocumentStore.subtree(sql, locale: root.locale, slug: root.slug, lock: lock)
                .filter { !$0.isRedirect }
            let movingIDs = Set(tree.map(\.id))
            var plan: [(document: Document, slug: String)] = []
            var conflicts: [String] = []
            for document in tree {
                let target = newSlug + document.slug.dropFirst(root.slug.count)
                if let problem = Slug.problem(in: target) {
                    throw WikiError.invalid("Moving would give “\(document.slug)” an invalid slug: \(problem)")
                }
                if let occupant = try await DocumentStore.find(sql, locale: root.locale, slug: target),
                   !movingIDs.contains(occupant.id) {
                    if occupant.isRedirect {
                        try await sql.raw("DELETE FROM documents WHERE id = \(bind: occupant.id)").run()
                    } else {
                        conflicts.append(occupant.path)
                    }
                }
                plan.append((document, target))
            }
            if !conflicts.isEmpty {
                throw WikiError.conflict("These pages already exist: \(conflicts.joined(separator: ", ")).")
            }
            let now = Clock.nowMillis()
            for (document, target) in plan {
                try await sql.raw("""
                    UPDATE documents SET slug = \(bind: target), slug_key = \(bind: Slug.key(target)),
                      modified_at = \(bind: now) WHERE id = \(bind: document.id)
                    """).run()
                if document.id == root.id {
                    try await sql.raw("UPDATE documents SET parent_id = \(bind: newParentID) WHERE id = \(bind: root.id)").run()
                }
                if !document.isDeleted, let currentID = document.currentRevisionID,
                   let current = try await DocumentStore.revision(sql, id: currentID) {
                    let draft = RevisionDraft(title: current.title, source: current.source, format: current.format, metadata: current.metadata,
                                              tags: current.tags, reviewFlags: current.reviewFlags,
                                              comment: String("Moved from \(document.slug) to \(target)".prefix(255)))
                    let revisionID = try await DocumentStore.insertRevision(
                        sql, documentID: document.id, draft: draft, slug: target, authorID: author?.id, basedOnID: currentID)
                    try await sql.raw("UPDATE documents SET current_revision_id = \(bind: revisionID) WHERE id = \(bind: document.id)").run()
                }
                // The moved page itself (its links, samples, sidebar) and pages reading either slug.
                try await RenderStore.enqueue(sql, documentIDs: [document.id])
                try await RenderStore.enqueueDependents(sql, of: RenderStore.pageChange(locale: document.locale, slug: document.slug)
                    + RenderStore.pageChange(locale: document.locale, slug: target))
                // Old and new parents' lists, the page, and every breadcrumb below it.
                try await PurgeStore.record(sql, keys: SurrogateKeys.change(of: document, structural: true)
                    + (document.id == root.id ? newParentID.map { [SurrogateKeys.document($0)] } ?? [] : []), cdn: purgesCDN)
                if Slug.key(document.slug) != Slug.key(target) {
                    _ = try await DocumentStore.insertDocument(sql, locale: document.locale, slug: document.slug,
                                                               title: document.title, parentID: nil,
                                                               translationOfID: nil, redirectToID: document.id)
                }
            }
            return MoveResult(moved: plan.count, newSlug: newSlug)
        }
    }

    /// Soft-deletes a page and the live pages below it; returns how many were deleted.
    public func delete(documentID: Int, reason: String, by user: User?) async throws -> Int {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw WikiError.invalid("Give a reason for the deletion.") }
        defer { jobs.nudge() }
        let lock = database.forUpdate
        return try await database.transaction { sql in
            guard let root = try await DocumentStore.find(sql, id: documentID, lock: lock), !root.isDeleted, !root.isRedirect else {
                throw WikiError.notFound("This page does not exist or was already deleted.")
            }
            let tree = try await DocumentStore.subtree(sql, locale: root.locale, slug: root.slug, lock: lock)
                .filter { !$0.isDeleted && !$0.isRedirect }
            let now = Clock.nowMillis()
            for document in tree {
                try await sql.raw("""
                    UPDATE documents SET deleted_at = \(bind: now), deleted_by = \(bind: user?.id),
                      delete_reason = \(bind: reason), modified_at = \(bind: now) WHERE id = \(bind: document.id)
                    """).run()
                try await DocumentStore.logDeletion(sql, document: document, action: "delete", userID: user?.id, reason: reason)
                try await PurgeStore.record(sql, keys: SurrogateKeys.change(of: document, structural: true), cdn: purgesCDN)
                try await RenderStore.enqueueDependents(sql, of: RenderStore.pageChange(locale: document.locale, slug: document.slug),
                                                        excluding: document.id)
            }
            return tree.count
        }
    }

    /// Restores a deleted page and the pages deleted together with it.
    public func restore(documentID: Int, by user: User?) async throws -> Int {
        defer { jobs.nudge() }
        let lock = database.forUpdate
        return try await database.transaction { sql in
            guard let root = try await DocumentStore.find(sql, id: documentID, lock: lock), let deletedAt = root.deletedAt else {
                throw WikiError.notFound("This page is not deleted.")
            }
            if let parentID = root.parentID, let parent = try await DocumentStore.find(sql, id: parentID), parent.isDeleted {
                throw WikiError.conflict("Its parent page \(parent.path) is deleted too; restore that first.")
            }
            let tree = try await DocumentStore.subtree(sql, locale: root.locale, slug: root.slug, lock: lock)
                .filter { $0.deletedAt == deletedAt }
            let now = Clock.nowMillis()
            for document in tree {
                try await sql.raw("""
                    UPDATE documents SET deleted_at = NULL, deleted_by = NULL, delete_reason = NULL,
                      modified_at = \(bind: now) WHERE id = \(bind: document.id)
                    """).run()
                try await DocumentStore.logDeletion(sql, document: document, action: "restore", userID: user?.id, reason: "")
                try await PurgeStore.record(sql, keys: SurrogateKeys.change(of: document, structural: true), cdn: purgesCDN)
                try await RenderStore.enqueue(sql, documentIDs: [document.id])
                try await RenderStore.enqueueDependents(sql, of: RenderStore.pageChange(locale: document.locale, slug: document.slug),
                                                        excluding: document.id)
            }
            return tree.count
        }
    }
}
