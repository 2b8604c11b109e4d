import SQLKit

extension Migration {
    /// Macro rendering: each document's macro errors and page type (for listings and sidebars),
    /// what its rendering read (`render_dependencies`, so a change re-renders exactly the pages
    /// that used it), a job queue for background renders, and imported data sets (CSS data).
    static let m0010_addMacroRendering = Migration(version: 10, name: "add macro rendering") { sql, kind in
        try await sql.alter(table: "documents").column("render_errors", type: .text, .notNull, .default("[]")).run()
        try await sql.alter(table: "documents").column("error_count", type: .int, .notNull, .default(0)).run()
        try await sql.alter(table: "documents").column("page_type", type: .text).run()
        // Set when a render ran over the budget: later saves leave rendering to the background.
        try await sql.alter(table: "documents").column("render_deferred", type: .int, .notNull, .default(0)).run()
        try await sql.create(index: "documents_error_count").on("documents").column("error_count").run()

        try await sql.create(table: "render_dependencies")
            .column("document_id", type: .bigint, .notNull, .references("documents", "id", onDelete: .cascade))
            .column("kind", type: .text, .notNull)
            .column("key", type: .text, .notNull)
            .primaryKey("document_id", "kind", "key")
            .run()
        try await sql.create(index: "render_dependencies_key").on("render_dependencies").column("kind").column("key").run()

        // One row per pending job; (kind, payload) is unique so repeated changes coalesce.
        // `dirty` is set when a job is re-queued while running, so it runs once more.
        try await sql.create(table: "jobs")
            .column("id", type: .bigint, .primaryKey(autoIncrement: true))
            .column("kind", type: .text, .notNull)
            .column("payload", type: .text, .notNull)
            .column("run_at", type: .bigint, .notNull)
            .column("attempts", type: .int, .notNull, .default(0))
            .column("dirty", type: .int, .notNull, .default(0))
            .column("locked_until", type: .bigint)
            .column("last_error", type: .text)
            .column("created_at", type: .bigint, .notNull)
            .unique("kind", "payload")
            .run()
        try await sql.create(index: "jobs_run_at").on("jobs").column("run_at").run()

        try await sql.create(table: "data_files")
            .column("dataset", type: .text, .notNull)
            .column("path", type: .text, .notNull)
            .column("content", type: .text, .notNull)
            .primaryKey("dataset", "path")
            .run()
        try await sql.create(table: "datasets")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("version", type: .text, .notNull)
            .column("imported_at", type: .bigint, .notNull)
            .run()
        // Page types of current revisions, so listings need no JSON decoding.
        let rows = try await sql.raw("""
            SELECT d.id, r.metadata FROM documents d JOIN revisions r ON r.id = d.current_revision_id
            """).all()
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            let metadata = PageMetadata(json: try row.decode(column: "metadata", as: String.self))
            if let type = metadata.pageType {
                try await sql.raw("UPDATE documents SET page_type = \(bind: type) WHERE id = \(bind: id)").run()
            }
        }
        _ = kind
    }
}
