import Crypto
import Foundation
import FolioHTML
import FolioMacros
import FolioMarkdown

/// What a revision renders to; stored on the document so page views never render.
public struct RenderedPage: Sendable, Equatable, Codable {
    public var html: String
    public var tocHTML: String
    public var sections: [Section]
    public var summary: String
    public var sidebarHTML: String
    public var etag: String
    /// Macros that could not be expanded (shown to editors, listed at `/docs/with-errors`).
    public var errors: [MacroError] = []
    /// What the rendering read: pages, subpage lists, macros, data (sorted).
    public var dependencies: [Dependency] = []
}

/// The render pipeline: source (HTML or Markdown) → HTML → macros → sanitize → post-process.
///
/// Macros read other pages through a `MacroDataSource` (the app's database, inside the render's
/// transaction); links to wiki pages are checked through the same source so missing ones are
/// marked, and every page looked at becomes a dependency.
public struct PageRenderer: Sendable {
    public static let formats = ["html", "markdown"]
    /// Bump when rendering changes, so stored pages are re-rendered (`folio render`, and at start).
    public static let version = 3

    let policy: SanitizerPolicy
    let siteURL: String?
    public let settings: MacroSettings
    let expander: MacroExpander

    public init(policy: SanitizerPolicy = .kuma, siteURL: String? = nil, settings: MacroSettings = MacroSettings(),
                registry: MacroRegistry = .builtIn) {
        self.policy = policy
        self.siteURL = siteURL
        self.settings = settings
        self.expander = MacroExpander(registry: registry)
    }

    /// Renders a page with its macros. Throws `RenderBudgetExceeded` after `deadline`, and
    /// whatever the data source throws.
    public func render(title: String, source: String, format: String, page: MacroPage, data: any MacroDataSource,
                       deadline: ContinuousClock.Instant? = nil) async throws -> RenderedPage {
        var tree = format == "markdown"
            ? HTMLParser.parseFragment(utf8: Markdown.htmlUTF8(source, options: MarkdownOptions(gfm: true, mdn: true)))
            : HTMLParser.parseFragment(source)
        let context = MacroContext(page: page, settings: settings)
        var errors: [MacroError] = []
        if let sidebar = page.sidebar, !sidebar.isEmpty {
            errors += addSidebar(sidebar, to: tree)
        }
        if let macroErrors = try await expander.expandIfPresent(tree, context: context, data: data, source: source,
                                                                 deadline: deadline) {
            errors += macroErrors
            // Spliced output may nest in ways the parser would not build; sanitizing from the
            // serialized form keeps the stored HTML a parser fixpoint, like pages without macros.
            tree = Sanitizer.sanitizedTree(HTMLSerializer.serialize(tree), policy: policy)
        } else {
            tree = Sanitizer.sanitizedTree(parsed: tree, policy: policy)
        }
        let existing = try await context.existingPages(PostProcessor.wikiLinks(in: tree), data: data)
        var rendered = finish(title: title, tree: tree, existingPaths: existing)
        rendered.errors = errors
        rendered.dependencies = context.dependencies.sorted()
        return rendered
    }

    /// Renders without data: macros are expanded as if no other page existed (previews of
    /// pages without a database, tests, benchmarks of the pure pipeline).
    public func render(title: String, source: String, format: String) -> RenderedPage {
        // Markdown output goes to the parser as bytes, never becoming a String.
        let tree = format == "markdown"
            ? Sanitizer.sanitizedTree(utf8: Markdown.htmlUTF8(source, options: MarkdownOptions(gfm: true, mdn: true)), policy: policy)
            : Sanitizer.sanitizedTree(source, policy: policy)
        return finish(title: title, tree: tree, existingPaths: nil)
    }

    /// Front matter `sidebar: cssref` means the page shows that sidebar macro's output; the call
    /// is added at the top, where the post-processor lifts its `Quick_Links` section out.
    private func addSidebar(_ name: String, to tree: HTMLNode) -> [MacroError] {
        let registry = expander.registry
        guard let macro = registry.macro(named: name) ?? registry.macro(named: name + "sidebar") else {
            return [MacroError(kind: .unknownMacro, macro: name, arguments: [], message: "unknown sidebar “\(name)” in the front matter",
                               line: nil, raw: "sidebar: " + name)]
        }
        let paragraph = HTMLNode.element("p")
        paragraph.appendChild(.textNode("{{" + macro.name + "}}"))
        tree.insertChild(paragraph, at: 0)
        return []
    }

    func finish(title: String, tree: HTMLNode, existingPaths: Set<String>?) -> RenderedPage {
        // Live samples are served from the stored source by the samples origin, not from here.
        let processed = PostProcessor.process(tree, options: PostProcessOptions(
            tocDepth: 3, siteURL: siteURL, existingPaths: existingPaths, extractLiveSamples: false))
        // Hashed piecewise: joining the strings first copied every page twice.
        var hasher = SHA256()
        for (index, part) in [title, processed.html, processed.sidebarHTML ?? ""].enumerated() {
            if index > 0 { hasher.update(data: [0]) }
            var part = part
            part.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        }
        let digest = hasher.finalize()
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
}
