extension MacroRegistry {
    static let listingMacros: [any Macro] = [
        ListSubpagesMacro(), ListSubpagesForSidebarMacro(), SubpagesWithSummariesMacro(), InheritanceDiagramMacro(),
    ]
}

/// Listings read subpages through `context.children(of:depth:)` (sorted by title). A page that
/// does not exist lists nothing: the macro renders an empty list, never an error.
enum ListingHTML {
    /// The slug argument, else the current page.
    static func path(_ arguments: MacroArguments, _ index: Int, _ context: MacroContext) -> String {
        guard let raw = arguments.string(index), !MacroHTML.normalizeSlug(raw).isEmpty else { return context.page.slug }
        return MacroHTML.splitAnchor(MacroHTML.normalizeSlug(raw)).0
    }

    static func nested(_ entries: [SubpageEntry], tag: String, reverse: Bool, _ context: MacroContext) -> String {
        var out = ""
        for entry in reverse ? entries.reversed() : entries {
            out += "<li>" + QuickLinksHTML.anchor(entry, html: MacroHTML.escape(entry.info.title), context)
                + QuickLinksHTML.badges(entry.info, context)
            if !entry.children.isEmpty {
                out += "<" + tag + ">" + nested(entry.children, tag: tag, reverse: reverse, context) + "</" + tag + ">"
            }
            out += "</li>"
        }
        return out
    }
}

/// `{{ListSubpages}}` → a (nested) list of the subpages of a page, sorted by title.
struct ListSubpagesMacro: Macro {
    let name = "ListSubpages"
    let summary = "Lists the subpages of a page (this page by default), sorted by title."
    let parameters = [
        MacroParameter("path", "slug of the page whose subpages to list (default: this page)"),
        MacroParameter("depth", .number, "levels of subpages to list, 1–5 (default 1)"),
        MacroParameter("reverse", .boolean, "true for reverse title order"),
        MacroParameter("ordered", .boolean, "true for a numbered list (<ol>)"),
    ]
    let example = "{{ListSubpages(\"Web/HTML/Reference/Elements\", 1)}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let depth = arguments.int(1) ?? 1
        guard (1...5).contains(depth) else { throw MacroFailure(.arguments, "ListSubpages: the depth must be between 1 and 5, not \(depth)") }
        let tag = arguments.bool(3) ? "ol" : "ul"
        let entries = QuickLinksHTML.localChildren(context, of: ListingHTML.path(arguments, 0, context), depth: depth) ?? []
        return "<" + tag + ">" + ListingHTML.nested(entries, tag: tag, reverse: arguments.bool(2), context) + "</" + tag + ">"
    }
}

/// `{{ListSubpagesForSidebar("Web/API/Fetch_API")}}` → sidebar list items of a page's subpages,
/// names in `<code>` (reference sidebars), optionally with the parent first.
struct ListSubpagesForSidebarMacro: Macro {
    let name = "ListSubpagesForSidebar"
    let summary = "A sidebar list of a page's subpages, titles in <code> unless asked otherwise."
    let parameters = [
        MacroParameter("path", required: true, "slug of the page whose subpages to list"),
        MacroParameter("nocode", .boolean, "true to show titles without <code>"),
        MacroParameter("includeParent", .boolean, "true to list the page itself first"),
    ]
    let example = "{{ListSubpagesForSidebar(\"Web/API/Fetch_API\", true)}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let slug = ListingHTML.path(arguments, 0, context)
        let code = !arguments.bool(1)
        func label(_ entry: SubpageEntry) -> String { code ? QuickLinksHTML.codeTitle(entry) : QuickLinksHTML.titleLabel(entry) }
        var items: [String] = []
        if arguments.bool(2), let parent = context.page(slug) {
            let entry = SubpageEntry(info: parent, onlyInEnglish: false, children: [])
            items.append(QuickLinksHTML.item(entry, label: label(entry), context))
        }
        for entry in QuickLinksHTML.localChildren(context, of: slug) ?? [] {
            items.append(QuickLinksHTML.item(entry, label: label(entry), context))
        }
        return "<ol>" + items.joined() + "</ol>"
    }
}

/// `{{SubpagesWithSummaries}}` → a definition list of this page's subpages with their summaries.
struct SubpagesWithSummariesMacro: Macro {
    let name = "SubpagesWithSummaries"
    // Yari registers both names for the same listing.
    let aliases = ["LandingPageListSubpages"]
    let summary = "A definition list of a page's subpages (this page by default): title link and summary."
    let parameters = [MacroParameter("path", "slug of the page whose subpages to list (default: this page)")]
    let example = "{{SubpagesWithSummaries}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let entries = QuickLinksHTML.localChildren(context, of: ListingHTML.path(arguments, 0, context)) ?? []
        var out = "<dl>"
        for entry in entries {
            out += "<dt class=\"landingPageList\">" + QuickLinksHTML.anchor(entry, html: MacroHTML.escape(entry.info.title), context)
                + "</dt><dd class=\"landingPageList\"><p>" + MacroHTML.escape(entry.info.summary) + "</p></dd>"
        }
        return out + "</dl>"
    }
}

/// `{{InheritanceDiagram}}` → a note. Reduced: MDN drew the diagram from its interface
/// inheritance data (webref), which Folio does not import.
struct InheritanceDiagramMacro: Macro {
    let name = "InheritanceDiagram"
    let summary = "The inheritance diagram of a Web API interface (not available on Folio yet: shows a note)."
    let parameters = [MacroParameter("interface", "the interface (default: this page's), e.g. \"PointerEvent\"")]
    let example = "{{InheritanceDiagram}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        "<div class=\"inheritance-diagram\"><p>" + MacroHTML.escape(context.string("not-available")) + "</p></div>"
    }
}
