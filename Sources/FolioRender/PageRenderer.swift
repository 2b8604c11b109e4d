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
/// Rendering is split in two so the caller can look up which linked wiki pages exist (a database
/// question) between sanitizing and post-processing, where missing links are marked.
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

    /// Source → sanitized HTML. Stored Markdown is a body only (the importer keeps front matter as
    /// revision metadata), so a leading `---` here is a thematic break, not front matter.
    public func sanitizedHTML(source: String, format: String) -> String {
        let html: String
        if format == "markdown" {
            html = Markdown.html(source, options: MarkdownOptions(gfm: true, mdn: true))
        } else {
            html = source
        }
        return Sanitizer.sanitize(html, policy: policy)
    }

    /// Internal `/<locale>/docs/<slug>` paths (lower-cased) that the sanitized HTML links to.
    public func wikiLinks(in sanitized: String) -> [String] {
        PostProcessor.wikiLinks(in: sanitized)
    }

    /// Sanitized HTML → the stored page. `existingPaths` (lower-cased) marks links to missing pages.
    public func finish(title: String, sanitized: String, existingPaths: Set<String>?) -> RenderedPage {
        let processed = PostProcessor.process(sanitized, options: PostProcessOptions(
            tocDepth: 3, siteURL: siteURL, existingPaths: existingPaths))
        let digest = SHA256.hash(data: Data((title + "\u{0}" + processed.html + "\u{0}" + (processed.sidebarHTML ?? "")).utf8))
        return RenderedPage(html: processed.html, tocHTML: processed.tocHTML, sections: processed.sections,
                            summary: processed.summary, sidebarHTML: processed.sidebarHTML ?? "",
                            etag: digest.prefix(16).map { String(format: "%02x", $0) }.joined())
    }

    /// Renders without a link-existence lookup (previews, old revisions).
    public func render(title: String, source: String, format: String) -> RenderedPage {
        finish(title: title, sanitized: sanitizedHTML(source: source, format: format), existingPaths: nil)
    }
}
