import Foundation
import Hummingbird

/// `/humans.txt` (humanstxt.org): the people who wrote the pages, most revisions first, as
/// Kuma listed its contributors. Only usernames, which every page's history already shows.
enum HumansRoutes {
    static let limit = 1000

    static func humans(_ req: Req) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let rows = try await req.services.database.read { sql in
            try await sql.raw("""
                SELECT u.username AS username, COUNT(*) AS n FROM revisions r JOIN users u ON u.id = r.author_id
                GROUP BY u.username ORDER BY n DESC, u.username LIMIT \(bind: limit)
                """).all()
        }
        var text = "/* TEAM */\n\n"
        for row in rows {
            let name = try row.decode(column: "username", as: String.self)
            let count = try row.decode(column: "n", as: Int.self)
            text += "Contributor: \(name) (\(count) revision\(count == 1 ? "" : "s"))\n"
        }
        text += "\n/* SITE */\n\nSoftware: Folio\nDocumentation: \(req.services.config.publicURL)/en-US/docs/Web\n"
        return Reply.text(text, headers: [.cacheControl: "public, max-age=86400"])
    }
}
