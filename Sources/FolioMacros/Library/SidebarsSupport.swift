import Foundation
import FolioWiki

/// A subpage as sidebars and listings show it: the page in the reader's locale when it exists,
/// else the English original (marked like MDN marks links to untranslated pages).
struct SubpageEntry {
    var info: PageInfo
    var onlyInEnglish: Bool
    var children: [SubpageEntry]
}

/// Shared building blocks for the sidebar, listing and navigation macros.
enum QuickLinksHTML {
    /// Subpages of `slug` in the page's locale only (listings show what exists in this locale,
    /// as Yari listed the translated folder). nil while not fetched or when the page is unknown.
    static func localChildren(_ context: MacroContext, of slug: String, depth: Int = 1) -> [SubpageEntry]? {
        context.children(of: slug, depth: depth).map { wrap($0, english: false) }
    }

    /// Subpages for sidebars: MDN built them from the English tree and linked translations where
    /// they existed; two list reads (this locale and English) instead of one read per page.
    static func sidebarChildren(_ context: MacroContext, of slug: String, depth: Int = 1) -> [SubpageEntry]? {
        let local = context.children(of: slug, depth: depth)
        guard context.locale != "en-US" else { return local.map { wrap($0, english: false) } }
        let english = context.children(of: slug, depth: depth, locale: "en-US")
        if english == nil { return local.map { wrap($0, english: false) } }
        return merge(local ?? [], english ?? [])
    }

    private static func wrap(_ trees: [PageTree], english: Bool) -> [SubpageEntry] {
        trees.map { SubpageEntry(info: $0.page, onlyInEnglish: english, children: wrap($0.children, english: english)) }
    }

    private static func merge(_ local: [PageTree], _ english: [PageTree]) -> [SubpageEntry] {
        var byKey: [String: PageTree] = [:]
        for tree in local { byKey[Slug.key(tree.page.slug)] = tree }
        var out: [SubpageEntry] = []
        for tree in english {
            let key = Slug.key(tree.page.slug)
            if let translated = byKey.removeValue(forKey: key) {
                out.append(SubpageEntry(info: translated.page, onlyInEnglish: false, children: merge(translated.children, tree.children)))
            } else {
                out.append(SubpageEntry(info: tree.page, onlyInEnglish: true, children: wrap(tree.children, english: true)))
            }
        }
        // Pages that exist only in this locale still belong in its sidebar.
        out += local.filter { byKey[Slug.key($0.page.slug)] != nil }.map {
            SubpageEntry(info: $0.page, onlyInEnglish: false, children: wrap($0.children, english: false))
        }
        return out.sorted { PageInfo.listingOrder($0.info, $1.info) }
    }

    static func isCurrent(_ slug: String, _ context: MacroContext) -> Bool {
        Slug.key(slug) == Slug.key(context.page.slug)
    }

    /// Whether the current page is `slug` or below it.
    static func contains(_ slug: String, _ context: MacroContext) -> Bool {
        let key = Slug.key(slug), current = Slug.key(context.page.slug)
        return current == key || current.hasPrefix(key + "/")
    }

    /// `<a>` to a subpage. The current page gets class `current`: the sanitizer does not keep
    /// `aria-current`, and `class` survives on every element.
    static func anchor(_ entry: SubpageEntry, html: String, _ context: MacroContext, classes: [String] = []) -> String {
        var classes = classes
        var title = ""
        if entry.onlyInEnglish {
            classes.append("only-in-en-us")
            title = " title=\"Currently only available in English (US)\""
        }
        if isCurrent(entry.info.slug, context) { classes.append("current") }
        let classAttribute = classes.isEmpty ? "" : " class=\"" + classes.joined(separator: " ") + "\""
        return "<a href=\"" + MacroHTML.escape(entry.info.path) + "\"" + classAttribute + title + ">" + html + "</a>"
    }

    /// `<a>` for a `LinkTarget`, with extra classes merged into the target's own (`only-in-en-us`).
    static func anchor(_ target: LinkTarget, html: String, _ context: MacroContext, classes: [String] = []) -> String {
        var classes = classes
        var title = ""
        switch target.state {
        case .exists:
            if let summary = target.page?.summary, !summary.isEmpty { title = " title=\"" + MacroHTML.escape(summary) + "\"" }
        case .onlyInEnglish:
            classes.append("only-in-en-us")
            title = " title=\"Currently only available in English (US)\""
        case .missing:
            break
        }
        if let page = target.page, isCurrent(page.slug, context), page.locale == context.locale { classes.append("current") }
        let classAttribute = classes.isEmpty ? "" : " class=\"" + classes.joined(separator: " ") + "\""
        return "<a href=\"" + MacroHTML.escape(target.href) + "\"" + classAttribute + title + ">" + html + "</a>"
    }

    /// Status badges from a page's tags or front-matter status (Folio stores both as tags).
    static func badges(_ info: PageInfo, _ context: MacroContext) -> String {
        let tags = Set(info.tags.map { $0.lowercased().replacingOccurrences(of: "_", with: "-") })
        var out = ""
        // Order and icon classes as rari's `write_li_with_badges` (`icon-nonstandard`).
        for (key, icon, names) in [("experimental", "experimental", ["experimental"]),
                                   ("non-standard", "nonstandard", ["non-standard", "nonstandard"]),
                                   ("deprecated", "deprecated", ["deprecated", "obsolete"])] where names.contains(where: tags.contains) {
            let label = MacroHTML.escape(context.string(key))
            out += " <abbr class=\"icon icon-" + icon + "\" title=\"" + label + "\"><span class=\"visually-hidden\">" + label
                + "</span></abbr>"
        }
        return out
    }

    /// `<li><a>label</a> badges</li>`.
    static func item(_ entry: SubpageEntry, label: String, _ context: MacroContext) -> String {
        "<li>" + anchor(entry, html: label, context) + badges(entry.info, context) + "</li>"
    }

    /// A collapsible sidebar group (Yari's `<li class="toggle"><details>`), open when it holds
    /// the current page or the writer asked for it. Empty groups are left out.
    static func group(_ title: String, items: [String], open: Bool) -> String {
        guard !items.isEmpty else { return "" }
        return "<li class=\"toggle\"><details" + (open ? " open" : "") + "><summary>" + MacroHTML.escape(title) + "</summary><ol>"
            + items.joined() + "</ol></details></li>"
    }

    /// A sidebar heading link (`<li class="section">`).
    static func section(_ slug: String, fallback: String, _ context: MacroContext, code: Bool = false) -> String {
        let target = context.target(slug)
        let title = MacroHTML.escape(target.page?.title ?? fallback)
        return "<li class=\"section\">" + anchor(target, html: code ? "<code>" + title + "</code>" : title, context) + "</li>"
    }

    /// The sidebar wrapper Folio's post-processor moves into the page's left column. (Yari adds
    /// `data-macro`; Folio's sanitizer drops data attributes on `section`, so it is left out.)
    static func sidebar(_ items: [String]) -> String {
        "<section id=\"Quick_Links\"><ol>" + items.joined() + "</ol></section>"
    }

    // MARK: Labels

    /// The last slug segment (`Web/CSS/Reference/Properties/color` → `color`).
    static func lastSegment(_ slug: String) -> String {
        String(slug.split(separator: "/").last ?? Substring(slug))
    }

    /// `<code>` of the last slug segment, as MDN's reference sidebars show property and header names.
    static func codeSegment(_ entry: SubpageEntry) -> String {
        "<code>" + MacroHTML.escape(lastSegment(entry.info.slug)) + "</code>"
    }

    /// Element pages are titled `<a>: The Anchor element`; sidebars show `<code>&lt;a&gt;</code>`.
    static func elementLabel(_ entry: SubpageEntry) -> String {
        let title = entry.info.title
        if title.hasPrefix("<"), let colon = title.range(of: ": ") {
            return "<code>" + MacroHTML.escape(title[..<colon.lowerBound]) + "</code>"
        }
        if title.hasPrefix("<") { return "<code>" + MacroHTML.escape(title) + "</code>" }
        return "<code>&lt;" + MacroHTML.escape(lastSegment(entry.info.slug).lowercased()) + "&gt;</code>"
    }

    static func titleLabel(_ entry: SubpageEntry) -> String { MacroHTML.escape(entry.info.title) }

    static func codeTitle(_ entry: SubpageEntry) -> String { "<code>" + MacroHTML.escape(entry.info.title) + "</code>" }

    /// Opens the group named by a macro's section argument (`"Global_attributes"`), or the one
    /// holding the current page.
    static func wantsOpen(_ slug: String, name: String, section: String?, _ context: MacroContext) -> Bool {
        if let section {
            let wanted = section.lowercased().replacingOccurrences(of: " ", with: "_")
            if wanted == name.lowercased().replacingOccurrences(of: " ", with: "_")
                || wanted == lastSegment(slug).lowercased() { return true }
        }
        return contains(slug, context)
    }
}
