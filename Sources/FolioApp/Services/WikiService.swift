import Foundation
import FolioRender
import Logging
import FolioWiki
import SQLKit

/// The wiki's write operations. Each runs in one transaction: a revision and the document's
/// current-revision pointer (and rendered output) change together or not at all.
public struct WikiService: Sendable {
    public let database: Database
    public let renderer: PageRenderer
    /// How long a render on save may take before the page is left to a background render.
    public let renderBudget: Duration
    let datasets: DatasetCache
    /// Wakes the background render queue after a commit that queued work.
    let jobs: JobSignal
    /// The renderer role, when renders run there (`FOLIO_RENDERER_URL`).
    let remote: RemoteRenderer?
    let metrics: FolioMetrics?
    let logger: Logger
    /// Whether changes queue CDN purges (`FOLIO_CDN_PURGE_URL` is set).
    let purgesCDN: Bool

    public init(database: Database, renderer: PageRenderer = PageRenderer(), renderBudget: Duration = .seconds(10),
                jobs: JobSignal = JobSignal(), remote: RemoteRenderer? = nil, metrics: FolioMetrics? = nil,
                logger: Logger = Logger(label: "folio.wiki"), purgesCDN: Bool = false) {
        self.database = database
        self.renderer = renderer
        self.renderBudget = renderBudget
        self.datasets = DatasetCache()
        self.jobs = jobs
        self.remote = remote
        self.metrics = metrics
        self.logger = logger
        self.purgesCDN = purgesCDN
    }

    public enum EditOutcome: Sendable, Equatable {
        case saved(revisionID: Int)
        case unchanged(revisionID: Int)
        case conflict(current: Revision)
    }

    // MARK: Create

    public func create(locale: String, slug: String, draft: RevisionDraft, author: User?,
                       translationOfID: Int? = nil) async throws -> Document {
        guard Locales.isCanonical(locale) else { throw WikiError.invalid("Unknown locale “\(locale)”.") }
        if let problem = Slug.problem(in: slug) { throw WikiError.invalid(problem.description) }
        try validate(draft)
        if locale == Locales.defaultLocale, translationOfID != nil {
            throw WikiError.invalid("English pages are originals; they cannot be translations.")
        }
        defer { jobs.nudge() }
        let forShare = database.forShare
        let taken = WikiError.conflict("A page already exists at \(Document.path(locale: locale, slug: slug)).")
        return try await DatabaseError.mappingUniqueViolation(to: taken) { try await database.transaction { sql in
            var slug = slug
            var parentID: Int? = nil
            if let parentSlug = Slug.parent(of: slug) {
                // Share-locked so a concurrent delete or move of the parent waits for this create.
                guard let parent = try await DocumentStore.find(sql, locale: locale, slug: parentSlug, lock: forShare),
                      !parent.isDeleted, !parent.isRedirect else {
                    throw WikiError.invalid("The parent page “\(parentSlug)” does not exist in \(locale). Create it first.")
                }
                parentID = parent.id
                slug = Slug.join(parent.slug, Slug.lastSegment(of: slug))  // keep the parent's spelling
            }
            if let existing = try await DocumentStore.find(sql, locale: locale, slug: slug) {
                if existing.isRedirect {
                    // A new page may take the place of a redirect left by a move (as in Kuma).
                    try await sql.raw("DELETE FROM documents WHERE id = \(bind: existing.id)").run()
                } else if existing.isDeleted {
                    throw WikiError.conflict("A deleted page exists at \(existing.path). An administrator can restore it.")
                } else {
                    throw WikiError.conflict("A page already exists at \(existing.path).")
                }
            }
            if let translationOfID {
                guard let original = try await DocumentStore.find(sql, id: translationOfID),
                      original.locale == Locales.defaultLocale, !original.isDeleted, !original.isRedirect else {
                    throw WikiError.invalid("Translations must link to a live English page.")
                }
            }
            let id = try await DocumentStore.insertDocument(sql, locale: locale, slug: slug, title: draft.title,
                                                            parentID: parentID, translationOfID: translationOfID)
            let revisionID = try await DocumentStore.insertRevision(sql, documentID: id, draft: draft, slug: slug,
                                                                    authorID: author?.id, basedOnID: nil)
            try await publish(sql, documentID: id, revisionID: revisionID, draft: draft, mode: .onSave)
            try await RenderStore.enqueueDependents(sql, of: RenderStore.pageChange(
                locale: locale, slug: slug, translationOf: try await englishSlug(sql, translationOfID)), excluding: id)
            return try await DocumentStore.find(sql, id: id)!
        } }
    }

    // MARK: Edit

    /// Saves a new revision. With `basedOn`, an edit made against an older revision is refused
    /// as a conflict instead of silently overwriting the newer one (a mid-air collision).
    public func edit(documentID: Int, draft: RevisionDraft, basedOn: Int?, author: User?) async throws -> EditOutcome {
        try validate(draft)
        defer { jobs.nudge() }
        let forUpdate = database.forUpdate
        return try await database.transaction { sql in
            guard let row = try await sql.raw("""
                SELECT current_revision_id, slug, deleted_at, redirect_to_id FROM documents
                WHERE id = \(bind: documentID)\(unsafeRaw: forUpdate)
                """).first(),
                  try row.decode(column: "deleted_at", as: Int?.self) == nil,
                  try row.decode(column: "redirect_to_id", as: Int?.self) == nil,
                  let currentID = try row.decode(column: "current_revision_id", as: Int?.self),
                  let current = try await DocumentStore.revision(sql, id: currentID) else {
                throw WikiError.notFound("This page does not exist or was deleted.")
            }
            if let basedOn, basedOn != currentID {
                return .conflict(current: current)
            }
            if current.title == draft.title, current.source == draft.source, current.tags == draft.tags,
               current.reviewFlags == draft.reviewFlags, current.format == draft.format,
               draft.metadata == nil || draft.metadata == current.metadata {
                return .unchanged(revisionID: currentID)
            }
            let slug = try row.decode(column: "slug", as: String.self)
            var draft = draft
            if draft.metadata == nil { draft.metadata = current.metadata }
            let revisionID = try await DocumentStore.insertRevision(sql, documentID: documentID, draft: draft, slug: slug,
                                                                    authorID: author?.id, basedOnID: currentID)
            try await publish(sql, documentID: documentID, revisionID: revisionID, draft: draft, mode: .onSave)
            return .saved(revisionID: revisionID)
        }
    }

    /// A new revision copying an old one (history is never rewritten).
    public func revert(documentID: Int, to revisionID: Int, author: User?) async throws -> EditOutcome {
        guard let old = try await database.read({ try await DocumentStore.revision($0, id: revisionID) }),
              old.documentID == documentID else {
            throw WikiError.notFound("Revision \(revisionID) does not belong to this page.")
        }
        let date = Self.dateFormatter.string(from: Clock.date(old.createdAt))
        var comment = "Revert to revision of \(date) by \(old.authorName ?? "unknown")"
        if !old.comment.isEmpty { comment += ": “\(old.comment)”" }
        let draft = RevisionDraft(title: old.title, source: old.source, format: old.format, metadata: old.metadata, tags: old.tags,
                                  reviewFlags: old.reviewFlags, comment: String(comment.prefix(255)))
        return try await edit(documentID: documentID, draft: draft, basedOn: nil, author: author)
    }

    /// Clears review flags on the current revision by saving a revision without them.
    public func clearReviewFlags(documentID: Int, flags: [ReviewFlag], currentRevisionID: Int,
                                 author: User?) async throws -> EditOutcome {
        guard let current = try await database.read({ try await DocumentStore.revision($0, id: currentRevisionID) }),
              current.documentID == documentID else { throw WikiError.notFound("No such revision.") }
        var draft = RevisionDraft(title: current.title, source: current.source, format: current.format, metadata: current.metadata,
                                  tags: current.tags, reviewFlags: current.reviewFlags.filter { !flags.contains($0) })
        draft.comment = flags.map { $0 == .technical ? "Technical review completed." : "Editorial review completed." }
            .joined(separator: " ")
        return try await edit(documentID: documentID, draft: draft, basedOn: currentRevisionID, author: author)
    }

    static let dateFormatter: DateFormatter = {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm 'UTC'"
        return formatter
    }()

    func validate(_ draft: RevisionDraft) throws {
        let title = draft.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty { throw WikiError.invalid("The title is empty.") }
        if title.count > 255 { throw WikiError.invalid("The title is longer than 255 characters.") }
        if draft.title.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw WikiError.invalid("The title may not contain control characters.")
        }
        if draft.source.contains("\u{0}") || draft.comment.contains("\u{0}") || draft.tags.contains(where: { $0.contains("\u{0}") }) {
            throw WikiError.invalid("The text contains NUL characters.")
        }
        if draft.comment.count > 255 { throw WikiError.invalid("The comment is longer than 255 characters.") }
        if !PageRenderer.formats.contains(draft.format) {
            throw WikiError.invalid("Unsupported source format “\(draft.format)”: use html or markdown.")
        }
    }
}
