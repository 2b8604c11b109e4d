import Foundation
import FolioMarkdown
import FolioWiki
import SQLKit

/// Imports an MDN content folder (`files/en-us`, `files/it`, …): every `index.md` (or
/// `index.html`) with its front matter, `_redirects.txt` as redirects, and `_wikihistory.json`
/// contributors. Re-running it changes only what changed.
public struct MDNImporter: Sendable {
    public struct FileError: Codable, Sendable, Equatable {
        public var file: String
        public var message: String
    }

    public struct Summary: Codable, Sendable {
        public var locale = ""
        public var files = 0
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        public var stubParents = 0
        public var redirectsCreated = 0
        public var redirectsUpdated = 0
        public var redirectsUnchanged = 0
        public var redirectsSkipped = 0
        public var redirectSkipReasons: [String: Int] = [:]
        public var errors: [FileError] = []
    }

    struct PageFile {
        var path: String
        var slug: String
        var title: String
        var source: String
        var format: String
        var frontMatter: FrontMatter
    }

    let wiki: WikiService
    var database: Database { wiki.database }

    public init(wiki: WikiService) { self.wiki = wiki }

    /// The locale a content folder holds, from its name (`en-us` → `en-US`).
    public static func locale(ofFolder folder: URL) -> String? {
        Locales.canonical(folder.standardizedFileURL.lastPathComponent)
    }

    public func run(folder: URL, locale: String,
                    progress: @Sendable (_ done: Int, _ total: Int, _ item: String) -> Void = { _, _, _ in }) async throws -> Summary {
        var summary = Summary()
        summary.locale = locale
        let (pages, errors) = Self.readPages(in: folder)
        summary.files = pages.count + errors.count
        summary.errors = errors
        let history = Self.readHistory(folder.appendingPathComponent("_wikihistory.json"))
        let ordered = pages.sorted { ($0.slug.split(separator: "/").count, $0.slug) < ($1.slug.split(separator: "/").count, $1.slug) }
        for (index, page) in ordered.enumerated() {
            progress(index, ordered.count, page.slug)
            do {
                summary.stubParents += try await ensureParents(of: page.slug, locale: locale)
                switch try await importPage(page, locale: locale, contributors: history[page.slug] ?? []) {
                case .created: summary.created += 1
                case .updated: summary.updated += 1
                case .unchanged: summary.unchanged += 1
                }
            } catch let error as WikiError {
                summary.errors.append(FileError(file: page.path, message: error.description))
            }
        }
        progress(ordered.count, ordered.count, "")
        try await importRedirects(folder.appendingPathComponent("_redirects.txt"), summary: &summary)
        return summary
    }

    // MARK: Reading files

    static func readPages(in folder: URL) -> ([PageFile], [FileError]) {
        var pages: [PageFile] = [], errors: [FileError] = []
        let root = folder.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(atPath: root) else {
            return ([], [FileError(file: root, message: "cannot read the folder")])
        }
        while let relative = enumerator.nextObject() as? String {
            let name = (relative as NSString).lastPathComponent
            guard name == "index.md" || name == "index.html" else { continue }
            let path = root + "/" + relative
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                errors.append(FileError(file: relative, message: "not readable as UTF-8 text"))
                continue
            }
            do {
                let (frontMatter, body) = try MarkdownDocument.split(text)
                guard let frontMatter, let slug = frontMatter.slug, let title = frontMatter.title else {
                    errors.append(FileError(file: relative, message: "front matter needs a title and a slug"))
                    continue
                }
                pages.append(PageFile(path: relative, slug: slug, title: title, source: body,
                                      format: name == "index.md" ? "markdown" : "html", frontMatter: frontMatter))
            } catch {
                errors.append(FileError(file: relative, message: "front matter: \(error)"))
            }
        }
        return (pages, errors)
    }

    /// `_wikihistory.json`: `{ "<slug>": { "contributors": [...] } }`.
    static func readHistory(_ file: URL) -> [String: [String]] {
        guard let data = try? Data(contentsOf: file),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        var result: [String: [String]] = [:]
        for (slug, value) in object {
            if let entry = value as? [String: Any], let contributors = entry["contributors"] as? [String] {
                result[slug] = contributors
            }
        }
        return result
    }

    // MARK: Pages

    enum Outcome { case created, updated, unchanged }

    /// Creates placeholder parents so the page can sit in the hierarchy (the corpus may be a selection).
    func ensureParents(of slug: String, locale: String) async throws -> Int {
        var created = 0
        var ancestors: [String] = []
        var next = Slug.parent(of: slug)
        while let parent = next { ancestors.insert(parent, at: 0); next = Slug.parent(of: parent) }
        for ancestor in ancestors {
            let existing = try await database.read { try await DocumentStore.find($0, locale: locale, slug: ancestor) }
            if let existing, !existing.isRedirect { continue }
            let title = Slug.lastSegment(of: ancestor).replacingOccurrences(of: "_", with: " ")
            let draft = RevisionDraft(title: title, source: "This page has not been written yet.\n", format: "markdown",
                                      comment: "Created by the MDN import as a parent of \(slug)")
            _ = try await wiki.create(locale: locale, slug: ancestor, draft: draft, author: nil,
                                      translationOfID: try await originalID(slug: ancestor, locale: locale))
            created += 1
        }
        return created
    }

    func originalID(slug: String, locale: String) async throws -> Int? {
        guard locale != Locales.defaultLocale else { return nil }
        let original = try await database.read { try await DocumentStore.find($0, locale: Locales.defaultLocale, slug: slug) }
        guard let original, !original.isRedirect, !original.isDeleted else { return nil }
        return original.id
    }

    func importPage(_ page: PageFile, locale: String, contributors: [String]) async throws -> Outcome {
        var comment = "Imported from MDN: \(page.path)"
        if !contributors.isEmpty { comment += " (contributors: \(contributors.joined(separator: ", ")))" }
        let front = page.frontMatter
        let draft = RevisionDraft(
            title: page.title, source: page.source, format: page.format,
            metadata: PageMetadata(pageType: front.pageType, browserCompat: front.browserCompat, specURLs: front.specURLs,
                                   sidebar: front.sidebar, l10nSourceCommit: front.l10nSourceCommit),
            tags: Tags.parse(front.tags.joined(separator: ",")), comment: String(comment.prefix(255)))
        let existing = try await database.read { try await DocumentStore.find($0, locale: locale, slug: page.slug) }
        if let existing, !existing.isRedirect {
            if existing.isDeleted { throw WikiError.conflict("a deleted page exists at \(existing.path)") }
            switch try await wiki.edit(documentID: existing.id, draft: draft, basedOn: nil, author: nil) {
            case .saved: return .updated
            case .unchanged, .conflict: return .unchanged
            }
        }
        _ = try await wiki.create(locale: locale, slug: page.slug, draft: draft, author: nil,
                                  translationOfID: try await originalID(slug: page.slug, locale: locale))
        return .created
    }
}
