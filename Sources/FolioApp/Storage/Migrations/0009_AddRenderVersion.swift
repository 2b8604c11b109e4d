import SQLKit

extension Migration {
    /// Which version of the render pipeline produced a document's stored output, so pages
    /// rendered by an older pipeline are re-rendered after an upgrade.
    static let m0009_addRenderVersion = Migration(version: 9, name: "add render version") { sql, _ in
        try await sql.alter(table: "documents").column("render_version", type: .int, .notNull, .default(0)).run()
        try await sql.create(index: "documents_render_version").on("documents").column("render_version").run()
    }
}
