extension MacroRegistry {
    /// Sidebars are built from the page tree and page types (`children(of:depth:)`), not from
    /// hand-kept lists: where MDN's sidebar data was a list of subpages, Folio derives it.
    static let sidebarMacros: [any Macro] = [
        AreaSidebarMacro.html, AreaSidebarMacro.glossary, AreaSidebarMacro.http, AreaSidebarMacro.css, AreaSidebarMacro.svg,
        AreaSidebarMacro.mathml, AreaSidebarMacro.mdn, AreaSidebarMacro.addon, AreaSidebarMacro.accessibility,
        APIRefMacro(), DefaultAPISidebarMacro(), JSRefMacro(), JSSidebarMacro(),
        FirefoxSidebarMacro(), FirefoxForDevelopersMacro(), WebExtAPISidebarMacro(), WebExtExamplesMacro(), LearnSidebarMacro(),
        QuickLinksWithSubpagesMacro(),
    ]
}

/// How a sidebar entry is labelled.
enum SidebarLabel: Sendable {
    /// `<code>&lt;a&gt;</code>` (element pages).
    case element
    /// `<code>` of the last slug segment (properties, attributes, headers).
    case codeSegment
    /// `<code>` of the title (status codes, API members).
    case codeTitle
    case title

    func html(_ entry: SubpageEntry) -> String {
        switch self {
        case .element: return QuickLinksHTML.elementLabel(entry)
        case .codeSegment: return QuickLinksHTML.codeSegment(entry)
        case .codeTitle: return QuickLinksHTML.codeTitle(entry)
        case .title: return QuickLinksHTML.titleLabel(entry)
        }
    }
}

/// One derived group: the subpages of `slug`, under a localized title (`SidebarLabels`).
struct SidebarGroup: Sendable {
    var key: String
    var slug: String
    var label: SidebarLabel
    /// Items straight in the sidebar's list (the glossary), not in a collapsible group.
    var flat = false

    func render(section: String?, _ context: MacroContext) -> String {
        let entries = QuickLinksHTML.sidebarChildren(context, of: slug) ?? []
        let items = entries.map { QuickLinksHTML.item($0, label: label.html($0), context) }
        if flat { return items.joined() }
        let open = QuickLinksHTML.wantsOpen(slug, name: key, section: section, context)
            || (section.map { SidebarLabels.text(key, context).lowercased() == $0.lowercased() } ?? false)
        return QuickLinksHTML.group(SidebarLabels.text(key, context), items: items, open: open)
    }
}

/// A reference area's sidebar: a heading link to the area and one group per subpage list.
struct AreaSidebarMacro: Macro {
    let name: String
    let summary: String
    let parameters: [MacroParameter]
    let example: String
    let isBlock = true
    let root: String
    let rootTitle: String
    let groups: [SidebarGroup]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let section = parameters.isEmpty ? nil : arguments.string(0)
        return QuickLinksHTML.sidebar([QuickLinksHTML.section(root, fallback: rootTitle, context)]
            + groups.map { $0.render(section: section, context) })
    }

    static let sectionParameter = MacroParameter("section", "group to show open, e.g. \"Global_attributes\" (default: the one holding this page)")

    static let html = AreaSidebarMacro(
        name: "HTMLSidebar", summary: "The HTML reference sidebar: elements, global attributes, attributes and guides.",
        parameters: [sectionParameter], example: "{{HTMLSidebar}}", root: "Web/HTML", rootTitle: "HTML",
        groups: [SidebarGroup(key: "guides", slug: "Web/HTML/Guides", label: .title),
                 SidebarGroup(key: "elements", slug: "Web/HTML/Reference/Elements", label: .element),
                 SidebarGroup(key: "global-attributes", slug: "Web/HTML/Reference/Global_attributes", label: .codeSegment),
                 SidebarGroup(key: "attributes", slug: "Web/HTML/Reference/Attributes", label: .codeSegment)])

    static let glossary = AreaSidebarMacro(
        name: "GlossarySidebar", summary: "The glossary sidebar: every glossary term.", parameters: [],
        example: "{{GlossarySidebar}}", root: "Glossary", rootTitle: "Glossary",
        groups: [SidebarGroup(key: "terms", slug: "Glossary", label: .title, flat: true)])

    static let http = AreaSidebarMacro(
        name: "HTTPSidebar", summary: "The HTTP sidebar: guides, headers, request methods and status codes.", parameters: [],
        example: "{{HTTPSidebar}}", root: "Web/HTTP", rootTitle: "HTTP",
        groups: [SidebarGroup(key: "guides", slug: "Web/HTTP/Guides", label: .title),
                 SidebarGroup(key: "headers", slug: "Web/HTTP/Reference/Headers", label: .codeSegment),
                 SidebarGroup(key: "request-methods", slug: "Web/HTTP/Reference/Methods", label: .codeSegment),
                 SidebarGroup(key: "status-codes", slug: "Web/HTTP/Reference/Status", label: .codeTitle)])

    static let css = AreaSidebarMacro(
        name: "CSSRef", summary: "The CSS reference sidebar: guides, properties, selectors, at-rules and values.", parameters: [],
        example: "{{CSSRef}}", root: "Web/CSS", rootTitle: "CSS",
        groups: [SidebarGroup(key: "guides", slug: "Web/CSS/Guides", label: .title),
                 SidebarGroup(key: "properties", slug: "Web/CSS/Reference/Properties", label: .codeSegment),
                 SidebarGroup(key: "selectors", slug: "Web/CSS/Reference/Selectors", label: .codeSegment),
                 SidebarGroup(key: "at-rules", slug: "Web/CSS/Reference/At-rules", label: .codeSegment),
                 SidebarGroup(key: "values", slug: "Web/CSS/Reference/Values", label: .codeSegment)])

    static let svg = AreaSidebarMacro(
        name: "SVGRef", summary: "The SVG reference sidebar: elements, attributes and guides.", parameters: [],
        example: "{{SVGRef}}", root: "Web/SVG", rootTitle: "SVG",
        groups: [SidebarGroup(key: "guides", slug: "Web/SVG/Guides", label: .title),
                 SidebarGroup(key: "elements", slug: "Web/SVG/Reference/Element", label: .element),
                 SidebarGroup(key: "attributes", slug: "Web/SVG/Reference/Attribute", label: .codeSegment)])

    static let mathml = AreaSidebarMacro(
        name: "MathMLRef", summary: "The MathML reference sidebar: elements, global attributes and guides.", parameters: [],
        example: "{{MathMLRef}}", root: "Web/MathML", rootTitle: "MathML",
        groups: [SidebarGroup(key: "guides", slug: "Web/MathML/Guides", label: .title),
                 SidebarGroup(key: "elements", slug: "Web/MathML/Reference/Element", label: .element),
                 SidebarGroup(key: "global-attributes", slug: "Web/MathML/Reference/Global_attributes", label: .codeSegment)])

    static let mdn = AreaSidebarMacro(
        name: "MDNSidebar", summary: "The sidebar of the pages about the wiki itself: writing guidelines and community.",
        parameters: [], example: "{{MDNSidebar}}", root: "MDN", rootTitle: "MDN Web Docs",
        groups: [SidebarGroup(key: "pages", slug: "MDN", label: .title, flat: true),
                 SidebarGroup(key: "guides", slug: "MDN/Writing_guidelines", label: .title)])

    static let addon = AreaSidebarMacro(
        name: "AddonSidebar", summary: "The browser-extensions sidebar: guides, JavaScript APIs and manifest keys.",
        parameters: [], example: "{{AddonSidebar}}", root: "Mozilla/Add-ons/WebExtensions", rootTitle: "Browser extensions",
        groups: [SidebarGroup(key: "guides", slug: "Mozilla/Add-ons/WebExtensions", label: .title),
                 SidebarGroup(key: "javascript-apis", slug: "Mozilla/Add-ons/WebExtensions/API", label: .codeSegment),
                 SidebarGroup(key: "manifest-keys", slug: "Mozilla/Add-ons/WebExtensions/manifest.json", label: .codeSegment)])

    static let accessibility = AreaSidebarMacro(
        name: "AccessibilitySidebar", summary: "The accessibility sidebar: guides, ARIA roles and ARIA attributes.",
        parameters: [], example: "{{AccessibilitySidebar}}", root: "Web/Accessibility", rootTitle: "Accessibility",
        groups: [SidebarGroup(key: "guides", slug: "Web/Accessibility/Guides", label: .title),
                 SidebarGroup(key: "roles", slug: "Web/Accessibility/ARIA/Reference/Roles", label: .codeSegment),
                 SidebarGroup(key: "aria-attributes", slug: "Web/Accessibility/ARIA/Reference/Attributes", label: .codeSegment)])
}

/// Members of an interface or object page grouped by page type, in the order given.
enum MemberGroups {
    static func render(_ slug: String, groups: [(key: String, types: Set<String>)], label: (SubpageEntry) -> String,
                       _ context: MacroContext) -> [String] {
        let members = QuickLinksHTML.sidebarChildren(context, of: slug) ?? []
        return groups.map { group in
            let items = members.filter { group.types.contains($0.info.pageType ?? "") }.map { QuickLinksHTML.item($0, label: label($0), context) }
            return QuickLinksHTML.group(SidebarLabels.text(group.key, context), items: items, open: true)
        }
    }

    /// `Document.createElement()` → `createElement()`; `Element: click event` → `click`.
    static func apiLabel(_ entry: SubpageEntry, interface: String) -> String {
        var title = entry.info.title
        if let colon = title.range(of: ": ") { title = String(title[colon.upperBound...]) }
        for suffix in [" static method", " method", " static property", " property", " event", " constructor"] where title.hasSuffix(suffix) {
            title = String(title.dropLast(suffix.count))
            break
        }
        if title.hasPrefix(interface + "."), title.count > interface.count + 1 { title = String(title.dropFirst(interface.count + 1)) }
        return "<code>" + MacroHTML.escape(title) + "</code>"
    }
}

/// `{{APIRef("DOM")}}` → the interface sidebar: the interface page of this page (for
/// `Web/API/Foo/bar` it is `Web/API/Foo`) and its members grouped by page type.
struct APIRefMacro: Macro {
    let name = "APIRef"
    let summary = "The Web API sidebar of an interface: constructor, properties, methods and events, from its subpages."
    let parameters = [MacroParameter("group", "the API group, e.g. \"DOM\" or \"Fetch API\" (links its overview page when there is one)")]
    let example = "{{APIRef(\"DOM\")}}"
    let isBlock = true

    static let groups: [(key: String, types: Set<String>)] = [
        ("constructor", ["web-api-constructor"]),
        ("properties", ["web-api-instance-property", "web-api-static-property"]),
        ("methods", ["web-api-instance-method", "web-api-static-method"]),
        ("events", ["web-api-event"]),
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        var items: [String] = []
        let parts = context.page.slug.split(separator: "/")
        if parts.count >= 3, parts[0] == "Web", parts[1] == "API" {
            let interface = parts[0...2].joined(separator: "/")
            let name = String(parts[2])
            items.append(QuickLinksHTML.section(interface, fallback: name, context, code: true))
            items += MemberGroups.render(interface, groups: Self.groups, label: { MemberGroups.apiLabel($0, interface: name) }, context)
        }
        if let group = arguments.string(0)?.trimmingCharacters(in: .whitespaces), !group.isEmpty {
            // MDN's GroupData listed each group's overview page; Folio links it when the page exists.
            let overview = "Web/API/" + MacroHTML.anchor(group)
            if context.page(overview) != nil || context.page(overview, locale: "en-US") != nil {
                items.append(QuickLinksHTML.section(overview, fallback: group, context))
            }
        }
        return QuickLinksHTML.sidebar(items)
    }
}

/// `{{DefaultAPISidebar("Fetch API")}}` → the sidebar of an API overview page: the overview
/// and its subpages (guides). Reduced: MDN also listed the group's interfaces from GroupData.
struct DefaultAPISidebarMacro: Macro {
    let name = "DefaultAPISidebar"
    let summary = "The sidebar of a Web API overview page: the overview and its guide subpages."
    let parameters = [MacroParameter("group", required: true, "the API group, e.g. \"Fetch API\" (overview page Web/API/Fetch_API)")]
    let example = "{{DefaultAPISidebar(\"Fetch API\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let group = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        let overview = "Web/API/" + MacroHTML.anchor(group)
        let guides = (QuickLinksHTML.sidebarChildren(context, of: overview) ?? []).map { QuickLinksHTML.item($0, label: QuickLinksHTML.titleLabel($0), context) }
        return QuickLinksHTML.sidebar([QuickLinksHTML.section(overview, fallback: group, context),
                                       QuickLinksHTML.group(context.string("guides"), items: guides, open: true)])
    }
}

/// `{{JSRef}}` → on a built-in object or one of its members, the object's sidebar (members
/// grouped by page type); elsewhere the JavaScript reference sidebar.
struct JSRefMacro: Macro {
    let name = "JSRef"
    let summary = "The JavaScript reference sidebar; on built-in objects, the object's members grouped by kind."
    let parameters: [MacroParameter] = []
    let example = "{{JSRef}}"
    let isBlock = true

    static let objects = "Web/JavaScript/Reference/Global_Objects"
    static let groups: [(key: String, types: Set<String>)] = [
        ("constructor", ["javascript-constructor"]),
        ("static-methods", ["javascript-static-method"]),
        ("static-properties", ["javascript-static-accessor-property", "javascript-static-data-property"]),
        ("instance-methods", ["javascript-instance-method"]),
        ("instance-properties", ["javascript-instance-accessor-property", "javascript-instance-data-property"]),
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let parts = context.page.slug.split(separator: "/")
        guard parts.count >= 5, parts[0...3].joined(separator: "/") == Self.objects else {
            return JSSidebarMacro.render(section: nil, context)
        }
        let object = parts[0...4].joined(separator: "/")
        return QuickLinksHTML.sidebar([QuickLinksHTML.section(Self.objects, fallback: SidebarLabels.text("built-in-objects", context), context),
                                       QuickLinksHTML.section(object, fallback: String(parts[4]), context, code: true)]
            + MemberGroups.render(object, groups: Self.groups, label: QuickLinksHTML.codeTitle, context))
    }
}

/// `{{jsSidebar("Operators")}}` → the JavaScript sidebar: guide and reference sections.
struct JSSidebarMacro: Macro {
    let name = "jsSidebar"
    let summary = "The JavaScript sidebar: the guide and the reference sections (built-ins, statements, operators, …)."
    let parameters = [AreaSidebarMacro.sectionParameter]
    let example = "{{jsSidebar(\"Operators\")}}"
    let isBlock = true

    static let groups = [
        SidebarGroup(key: "guides", slug: "Web/JavaScript/Guide", label: .title),
        SidebarGroup(key: "built-in-objects", slug: "Web/JavaScript/Reference/Global_Objects", label: .codeSegment),
        SidebarGroup(key: "statements", slug: "Web/JavaScript/Reference/Statements", label: .title),
        SidebarGroup(key: "operators", slug: "Web/JavaScript/Reference/Operators", label: .title),
        SidebarGroup(key: "functions", slug: "Web/JavaScript/Reference/Functions", label: .title),
        SidebarGroup(key: "classes", slug: "Web/JavaScript/Reference/Classes", label: .title),
        SidebarGroup(key: "errors", slug: "Web/JavaScript/Reference/Errors", label: .title),
    ]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        Self.render(section: arguments.string(0), context)
    }

    static func render(section: String?, _ context: MacroContext) -> String {
        QuickLinksHTML.sidebar([QuickLinksHTML.section("Web/JavaScript", fallback: "JavaScript", context)]
            + groups.map { $0.render(section: section, context) })
    }
}
