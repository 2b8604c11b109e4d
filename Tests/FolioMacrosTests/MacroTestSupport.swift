import FolioCompat
import FolioHTML
@testable import FolioMacros

/// Expands `source` (an HTML fragment) as a page at `slug` and returns the HTML and the errors.
func expand(_ source: String, locale: String = "en-US", slug: String = "Test/Page", pages: [PageInfo] = [],
            cssData: CSSData? = nil, compat: CompatData? = nil, page: MacroPage? = nil,
            settings: MacroSettings = MacroSettings()) async throws -> (html: String, errors: [MacroError], context: MacroContext) {
    let root = HTMLParser.parseFragment(source)
    let context = MacroContext(page: page ?? MacroPage(locale: locale, slug: slug, title: "Test page"), settings: settings)
    let errors = try await MacroExpander().expand(root, context: context, data: InMemoryMacroData(pages: pages, cssData: cssData, compat: compat),
                                                  source: source)
    return (HTMLSerializer.serialize(root), errors, context)
}

/// Output of one call, with no errors expected.
func render(_ call: String, locale: String = "en-US", slug: String = "Test/Page", pages: [PageInfo] = [],
            cssData: CSSData? = nil, compat: CompatData? = nil, page: MacroPage? = nil) async throws -> String {
    let result = try await expand("<p>" + call + "</p>", locale: locale, slug: slug, pages: pages, cssData: cssData, compat: compat,
                                  page: page)
    if !result.errors.isEmpty { Issue.record("unexpected macro errors: \(result.errors)") }
    var html = result.html
    if html.hasPrefix("<p>") && html.hasSuffix("</p>") { html = String(html.dropFirst(3).dropLast(4)) }
    return html
}

import Testing
