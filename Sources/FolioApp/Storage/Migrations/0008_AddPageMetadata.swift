import SQLKit

extension Migration {
    /// Page metadata from front matter (page-type, browser-compat, spec-urls, sidebar, …) on each
    /// revision, and the extracted sidebar on the document.
    static let m0008_addPageMetadata = Migration(version: 8, name: "add page metadata") { sql, _ in
        try await sql.alter(table: "revisions").column("metadata", type: .text, .notNull, .default("{}")).run()
        try await sql.alter(table: "documents").column("sidebar_html", type: .text, .notNull, .default("")).run()
    }
}
