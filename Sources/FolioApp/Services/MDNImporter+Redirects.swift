import Foundation
import FolioWiki
import SQLKit

extension MDNImporter {
    /// `_redirects.txt`: `FROM<TAB>TO` lines of site paths (or external URLs), `#` comments.
    func importRedirects(_ file: URL, summary: inout Summary) async throws {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        func skip(_ reason: String) {
            summary.redirectsSkipped += 1
            summary.redirectSkipReasons[reason, default: 0] += 1
        }
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let parts = trimmed.split(separator: "\t", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let from = Self.wikiPath(parts[0]) else { skip("not a wiki path"); continue }
            guard let to = Self.wikiPath(parts[1]) else { skip("external target"); continue }
            if Slug.problem(in: from.slug) != nil { skip("old slug not valid in Folio"); continue }
            let outcome = try await database.transaction { sql -> String in
                guard var target = try await DocumentStore.find(sql, locale: to.locale, slug: to.slug), !target.isDeleted else {
                    return "target not imported"
                }
                // Chains end at a page: point at it, so readers get one hop.
                var visited: Set<Int> = [target.id]
                while let next = target.redirectToID {
                    guard let final = try await DocumentStore.find(sql, id: next), visited.insert(final.id).inserted else {
                        return "redirect loop"
                    }
                    target = final
                }
                if let existing = try await DocumentStore.find(sql, locale: from.locale, slug: from.slug) {
                    guard existing.isRedirect else { return "a page exists at the old address" }
                    if existing.redirectToID == target.id { return "unchanged" }
                    try await sql.raw("UPDATE documents SET redirect_to_id = \(bind: target.id) WHERE id = \(bind: existing.id)").run()
                    try await purgeAddress(sql, from)
                    return "updated"
                }
                if target.locale == from.locale, Slug.key(target.slug) == Slug.key(from.slug) { return "redirect to itself" }
                _ = try await DocumentStore.insertDocument(sql, locale: from.locale, slug: from.slug, title: target.title,
                                                           parentID: nil, translationOfID: nil, redirectToID: target.id)
                try await purgeAddress(sql, from)   // a fallback view may have been served there
                return "created"
            }
            switch outcome {
            case "created": summary.redirectsCreated += 1
            case "updated": summary.redirectsUpdated += 1
            case "unchanged": summary.redirectsUnchanged += 1
            default: skip(outcome)
            }
        }
    }

    private func purgeAddress(_ sql: any SQLDatabase, _ address: (locale: String, slug: String)) async throws {
        try await PurgeStore.record(sql, keys: [SurrogateKeys.address(locale: address.locale, slug: address.slug)],
                                    cdn: wiki.purgesCDN)
    }

    /// `/en-US/docs/Web/HTML#x` → (en-US, Web/HTML); nil for external or non-wiki URLs.
    static func wikiPath(_ text: String) -> (locale: String, slug: String)? {
        guard text.hasPrefix("/") else { return nil }
        var path = text
        if let hash = path.firstIndex(of: "#") { path = String(path[..<hash]) }
        let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true)
        guard parts.count == 3, parts[1] == "docs", let locale = Locales.canonical(String(parts[0])) else { return nil }
        let slug = String(parts[2]).removingPercentEncoding ?? String(parts[2])
        return (locale, slug.hasSuffix("/") ? String(slug.dropLast()) : slug)
    }
}
