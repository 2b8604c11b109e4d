// Public entry points of FolioMarkdown.

/// Rendering options.
public struct MarkdownOptions: Sendable, Equatable {
    /// GitHub Flavored Markdown: tables, strikethrough, extended autolinks,
    /// task list items and the disallowed-raw-HTML tag filter.
    public var gfm: Bool
    /// MDN Web Docs extensions (notecards, definition lists, code fence
    /// classes, heading ids, macro passthrough). See MDN*.swift.
    public var mdn: Bool

    public init(gfm: Bool = true, mdn: Bool = false) {
        self.gfm = gfm
        self.mdn = mdn
    }

    /// Plain CommonMark 0.31.2.
    public static let commonMark = MarkdownOptions(gfm: false, mdn: false)
}

public enum Markdown {
    /// Renders Markdown to HTML like cmark / cmark-gfm (front matter NOT stripped here).
    /// Raw HTML is passed through (cmark's `--unsafe`), filtered only by the
    /// GFM tag filter when `options.gfm` is set.
    public static func html(_ markdown: String, options: MarkdownOptions = .init()) -> String {
        let parser = BlockParser(options: options)
        let root = parser.parse(markdown)
        var renderer = HTMLRenderer(options: options)
        let html = renderer.render(root)
        root.teardown()
        return html
    }

    /// `html(_:options:)` as UTF-8 bytes, for a consumer that parses them right away
    /// (`Sanitizer.sanitizedTree(utf8:)`): building and validating a String of the whole page
    /// only to read its bytes back cost as much as a tenth of Markdown time.
    public static func htmlUTF8(_ markdown: String, options: MarkdownOptions = .init()) -> [UInt8] {
        let parser = BlockParser(options: options)
        let root = parser.parse(markdown)
        var renderer = HTMLRenderer(options: options)
        let html = renderer.renderBytes(root)
        root.teardown()
        return html
    }
}
