import Crypto
import Foundation
import FolioHTML
import FolioMarkdown

/// What a revision renders to; stored on the document so page views never render.
public struct RenderedPage: Sendable, Equatable {
    public var html: String
    public var tocHTML: String
    public var sections: [Section]
    public var summary: String
    public var sidebarHTML: String
    public var etag: String
}

/// The render pipeline: source (HTML or Markdown) → HTML → sanitize → post-process.
///
/// Rendering is split in two (`prepare`, `finish`) so the caller can look up which linked wiki
/// pages exist (a database question) between sanitizing and post-processing, where missing links
/// are marked.
public struct PageRenderer: Sendable {
    public static let formats = ["html", "markdown"]
    /// Bump when rendering changes, so stored pages are re-rendered (`folio render`, and at start).
    public static let version = 2

    let policy: SanitizerPolicy
    let siteURL: String?

    public init(policy: SanitizerPolicy = .kuma, siteURL: String? = nil) {
        self.policy = policy
        self.siteURL = siteURL
    }

    /// A page between sanitizing and post-processing: the sanitized tree and the wiki pages it
    /// links to. Kept as a tree so the HTML is parsed once per render.
    public struct Prepared {
        let tree: HTMLNode
        public let wikiLinks: [String]
    }

    /// Source → sanitized tree. Stored Markdown is a body only (the importer keeps front matter
    /// as revision metadata), so a leading `---` here is a thematic break, not front matter.
    public func prepare(source: String, format: String) -> Prepared {
        let html = format == "markdown" ? Markdown.html(source, options: MarkdownOptions(gfm: true, mdn: true)) : source
        let tree = Sanitizer.sanitizedTree(html, policy: policy)
        return Prepared(tree: tree, wikiLinks: PostProcessor.wikiLinks(in: tree))
    }

    /// Sanitized page → the stored page. `existingPaths` (lower-cased) marks links to missing pages.
    public func finish(title: String, prepared: Prepared, existingPaths: Set<String>?) -> RenderedPage {
        let processed = PostProcessor.process(prepared.tree, options: PostProcessOptions(
            tocDepth: 3, siteURL: siteURL, existingPaths: existingPaths, extractLiveSamples: false))
        let digest = SHA256.hash(data: Data((title + "\u{0}" + processed.html + "\u{0}" + (processed.sidebarHTML ?? "")).utf8))
        return RenderedPage(html: processed.html, tocHTML: processed.tocHTML, sections: processed.sections,
                            summary: processed.summary, sidebarHTML: processed.sidebarHTML ?? "",
                            etag: Self.hex(digest.prefix(16)))
    }

    /// Lower-case hex; `String(format:)` per byte showed up in render profiles.
    static func hex<S: Sequence<UInt8>>(_ bytes: S) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for b in bytes { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0xF)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Renders without a link-existence lookup (previews, old revisions).
    public func render(title: String, source: String, format: String) -> RenderedPage {
        finish(title: title, prepared: prepare(source: source, format: format), existingPaths: nil)
    }
}
