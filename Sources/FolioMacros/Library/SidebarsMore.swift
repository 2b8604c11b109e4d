import Foundation
import FolioWiki

/// Sidebars whose groups are themselves subpages (Learn modules, WebExtension namespaces,
/// Firefox releases), and the Firefox release-notes list.
enum NestedSidebar {
    /// One group per entry with subpages (the entry itself first, then its subpages); entries
    /// without subpages are plain items.
    static func groups(_ entries: [SubpageEntry], label: (SubpageEntry) -> String, _ context: MacroContext) -> [String] {
        entries.map { entry in
            let own = QuickLinksHTML.item(entry, label: QuickLinksHTML.titleLabel(entry), context)
            guard !entry.children.isEmpty else { return own }
            let items = [own] + entry.children.map { child in
                child.children.isEmpty
                    ? QuickLinksHTML.item(child, label: label(child), context)
                    : groups([child], label: label, context).joined()
            }
            return QuickLinksHTML.group(entry.info.title, items: items, open: QuickLinksHTML.contains(entry.info.slug, context))
        }
    }

    /// `Mozilla/Firefox/Releases/130` → 130 (also `3.6`).
    static func version(_ slug: String) -> Double? { Double(QuickLinksHTML.lastSegment(slug)) }

    static func byVersionDescending(_ entries: [SubpageEntry]) -> [SubpageEntry] {
        entries.sorted { (version($0.info.slug) ?? -1) > (version($1.info.slug) ?? -1) }
    }
}

/// `{{FirefoxSidebar}}` → the Firefox sidebar: its pages and the release notes, newest first.
struct FirefoxSidebarMacro: Macro {
    let name = "FirefoxSidebar"
    let summary = "The Firefox sidebar: pages about Firefox and its release notes, newest first."
    let parameters: [MacroParameter] = []
    let example = "{{FirefoxSidebar}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let releasesSlug = "Mozilla/Firefox/Releases"
        let pages = (QuickLinksHTML.sidebarChildren(context, of: "Mozilla/Firefox") ?? [])
            .filter { Slug.key($0.info.slug) != Slug.key(releasesSlug) }
            .map { QuickLinksHTML.item($0, label: QuickLinksHTML.titleLabel($0), context) }
        let releases = NestedSidebar.byVersionDescending(QuickLinksHTML.sidebarChildren(context, of: releasesSlug) ?? [])
            .map { QuickLinksHTML.item($0, label: QuickLinksHTML.titleLabel($0), context) }
        return QuickLinksHTML.sidebar([QuickLinksHTML.section("Mozilla/Firefox", fallback: "Firefox", context)] + pages
            + [QuickLinksHTML.group(SidebarLabels.text("releases", context), items: releases,
                                    open: QuickLinksHTML.contains(releasesSlug, context))])
    }
}

/// `{{Firefox_for_developers}}` → the release notes of earlier Firefox versions, newest first
/// (the subpages of `Mozilla/Firefox/Releases` below this page's version).
struct FirefoxForDevelopersMacro: Macro {
    let name = "Firefox_for_developers"
    let summary = "Links to the release notes of earlier Firefox versions, newest first."
    let parameters: [MacroParameter] = []
    let example = "{{Firefox_for_developers}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let current = NestedSidebar.version(context.page.slug)
        var items: [String] = []
        if let releases = QuickLinksHTML.sidebarChildren(context, of: "Mozilla/Firefox/Releases") {
            for entry in NestedSidebar.byVersionDescending(releases) {
                guard let version = NestedSidebar.version(entry.info.slug), current.map({ version < $0 }) ?? true else { continue }
                items.append(QuickLinksHTML.item(entry, label: QuickLinksHTML.titleLabel(entry), context))
            }
        } else if let current, current >= 5 {
            // No release index page here: link the 30 previous versions, as Yari did.
            for version in stride(from: Int(current) - 1, through: max(4, Int(current) - 31), by: -1) {
                let label = context.localized(["en-US": "Firefox %@ for developers", "de": "Firefox %@ für Entwickler",
                                               "es": "Firefox %@ para desarrolladores", "fr": "Firefox %@ pour les développeurs",
                                               "it": "Firefox %@ per sviluppatori", "ja": "開発者向けの Firefox %@",
                                               "zh-CN": "Firefox %@ 开发者版本说明"])
                    .replacingOccurrences(of: "%@", with: String(version))
                items.append("<li>" + QuickLinksHTML.anchor(context.target("Mozilla/Firefox/Releases/\(version)"),
                                                            html: MacroHTML.escape(label), context) + "</li>")
            }
        }
        return "<div class=\"multiColumnList\"><ul>" + items.joined() + "</ul></div>"
    }
}

/// `{{WebExtAPISidebar}}` → the WebExtension JavaScript APIs: one group per namespace.
struct WebExtAPISidebarMacro: Macro {
    let name = "WebExtAPISidebar"
    let summary = "The sidebar of the WebExtension JavaScript APIs: each namespace with its functions, types and events."
    let parameters: [MacroParameter] = []
    let example = "{{WebExtAPISidebar}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let api = "Mozilla/Add-ons/WebExtensions/API"
        let namespaces = QuickLinksHTML.sidebarChildren(context, of: api, depth: 2) ?? []
        return QuickLinksHTML.sidebar([QuickLinksHTML.section(api, fallback: SidebarLabels.text("javascript-apis", context), context)]
            + NestedSidebar.groups(namespaces, label: QuickLinksHTML.codeTitle, context))
    }
}

/// `{{WebExtExamples}}` → a pointer to MDN's example extensions. Reduced: MDN listed the
/// examples using the current API from the webextensions-examples index, which Folio lacks.
struct WebExtExamplesMacro: Macro {
    let name = "WebExtExamples"
    let summary = "Points to MDN's example extensions (the per-API example list is not available on Folio)."
    let parameters = [MacroParameter("heading", "heading level for an \"Example extensions\" heading: \"h2\" or \"h3\"")]
    let example = "{{WebExtExamples(\"h2\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        var out = ""
        if let level = arguments.string(0)?.lowercased() {
            guard level == "h2" || level == "h3" else { throw MacroFailure(.arguments, "WebExtExamples: the heading must be \"h2\" or \"h3\", not “\(level)”") }
            let title = context.localized(["en-US": "Example extensions", "de": "Beispielerweiterungen", "es": "Extensiones de ejemplo",
                                           "fr": "Exemples d'extensions", "it": "Estensioni di esempio", "ja": "拡張機能の例",
                                           "zh-CN": "扩展示例"])
            out = "<" + level + " id=\"example_extensions\">" + MacroHTML.escape(title) + "</" + level + ">"
        }
        let text = context.localized([
            "en-US": "Example extensions that use this API are in MDN's %@ repository.",
            "de": "Beispielerweiterungen, die diese API verwenden, finden Sie im Repository %@ von MDN.",
            "es": "Hay extensiones de ejemplo que usan esta API en el repositorio %@ de MDN.",
            "fr": "Des exemples d'extensions utilisant cette API se trouvent dans le dépôt %@ de MDN.",
            "it": "Estensioni di esempio che usano questa API si trovano nel repository %@ di MDN.",
            "ja": "この API を使う拡張機能の例は MDN の %@ リポジトリーにあります。",
            "zh-CN": "使用此 API 的扩展示例位于 MDN 的 %@ 仓库中。",
        ])
        let link = "<a href=\"https://github.com/mdn/webextensions-examples\">webextensions-examples</a>"
        return out + "<p>" + MacroHTML.escape(text).replacingOccurrences(of: "%@", with: link) + "</p>"
    }
}

/// `{{LearnSidebar}}` → the Learn area: its sections, their modules and chapters.
struct LearnSidebarMacro: Macro {
    let name = "LearnSidebar"
    let summary = "The Learn web development sidebar: sections, modules and their chapters, from the page tree."
    let parameters: [MacroParameter] = []
    let example = "{{LearnSidebar}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let root = "Learn_web_development"
        let sections = QuickLinksHTML.sidebarChildren(context, of: root, depth: 3) ?? []
        return QuickLinksHTML.sidebar([QuickLinksHTML.section(root, fallback: "Learn web development", context)]
            + NestedSidebar.groups(sections, label: QuickLinksHTML.titleLabel, context))
    }
}

/// `{{QuickLinksWithSubpages("Web/API/Fetch_API")}}` → a sidebar of a page and its subpages
/// (two levels).
struct QuickLinksWithSubpagesMacro: Macro {
    let name = "QuickLinksWithSubpages"
    let summary = "A sidebar listing a page (this page by default) and two levels of its subpages."
    let parameters = [MacroParameter("path", "slug of the page whose subpages to list (default: this page)")]
    let example = "{{QuickLinksWithSubpages(\"Web/API/Fetch_API\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let slug = ListingHTML.path(arguments, 0, context)
        let entries = QuickLinksHTML.sidebarChildren(context, of: slug, depth: 2) ?? []
        return QuickLinksHTML.sidebar([QuickLinksHTML.section(slug, fallback: QuickLinksHTML.lastSegment(slug), context)]
            + NestedSidebar.groups(entries, label: QuickLinksHTML.titleLabel, context))
    }
}
