extension MacroRegistry {
    static let navigationMacros: [any Macro] = [
        PreviousMenuNextMacro(), PreviousMenuMacro(), NextMenuMacro(), PreviousNextMacro(), PreviousMacro(), NextMacro(),
    ]
}

/// Yari's previous / overview / next buttons for tutorial sequences:
/// `<ul class="prev-next"><li class="prev"><a class="button secondary" href=…><span class="button-wrap">Previous</span></a></li>…</ul>`.
/// Slugs are relative to `/<locale>/docs/`; links go through `target`, so a page that is not
/// translated links to the English one (marked), as MDN did.
enum PrevNextHTML {
    static let prevParameter = MacroParameter("previous", required: true, "slug of the previous page, e.g. \"Learn_web_development/Core/Styling_basics/Selectors\"")
    static let nextParameter = MacroParameter("next", required: true, "slug of the next page")
    static let menuParameter = MacroParameter("menu", required: true, "slug of the module's overview page")

    static func render(prev: String?, menu: String?, next: String?, _ context: MacroContext) -> String {
        var out = "<ul class=\"prev-next\">"
        if let prev { out += button(prev, label: context.string("previous"), kind: "prev", context) }
        if let menu {
            let slug = MacroHTML.splitAnchor(MacroHTML.normalizeSlug(menu)).0
            // The overview's own title; before the page exists, its last slug segment.
            let title = context.target(slug).page?.title ?? QuickLinksHTML.lastSegment(slug).replacingOccurrences(of: "_", with: " ")
            out += button(menu, label: overviewPrefix(context) + title, kind: "menu", context)
        }
        if let next { out += button(next, label: context.string("next"), kind: "next", context) }
        return out + "</ul>"
    }

    static func button(_ slug: String, label: String, kind: String, _ context: MacroContext) -> String {
        let target = context.target(slug)
        return "<li class=\"" + kind + "\">" + QuickLinksHTML.anchor(target, html: "<span class=\"button-wrap\">" + MacroHTML.escape(label) + "</span>",
                                                                   context, classes: ["button", "secondary"]) + "</li>"
    }

    /// Yari's `prev_next_menu` string ("Overview: "), with each language's punctuation.
    static func overviewPrefix(_ context: MacroContext) -> String {
        context.localized(["en-US": "Overview: ", "de": "Übersicht: ", "es": "Descripción general: ", "fr": "Aperçu : ",
                           "it": "Panoramica: ", "ja": "概要: ", "ko": "개요: ", "pt-BR": "Visão geral: ", "ru": "Обзор: ",
                           "zh-CN": "概述："])
    }

    /// The slug argument, or nil when empty (MDN pages pass "" for a missing neighbour).
    static func slug(_ arguments: MacroArguments, _ index: Int) -> String? {
        guard let text = arguments.string(index)?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }
}

/// `{{PreviousMenuNext("prev", "next", "menu")}}` → previous, overview and next buttons.
struct PreviousMenuNextMacro: Macro {
    let name = "PreviousMenuNext"
    let summary = "Previous, overview and next buttons for a page in a tutorial sequence."
    let parameters = [
        MacroParameter("previous", "slug of the previous page (empty for none)"),
        MacroParameter("next", "slug of the next page (empty for none)"),
        MacroParameter("menu", "slug of the module's overview page (empty for none)"),
        MacroParameter("locale", "ignored: Kuma's locale override; links always use the page's locale"),
    ]
    let example = "{{PreviousMenuNext(\"Learn_web_development/Core/Styling_basics/Getting_started\", \"Learn_web_development/Core/Styling_basics/Selectors\", \"Learn_web_development/Core/Styling_basics\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        PrevNextHTML.render(prev: PrevNextHTML.slug(arguments, 0), menu: PrevNextHTML.slug(arguments, 2),
                            next: PrevNextHTML.slug(arguments, 1), context)
    }
}

/// `{{PreviousMenu("prev", "menu")}}` → previous and overview buttons (the last page of a module).
struct PreviousMenuMacro: Macro {
    let name = "PreviousMenu"
    let summary = "Previous and overview buttons for the last page of a tutorial sequence."
    let parameters = [PrevNextHTML.prevParameter, PrevNextHTML.menuParameter]
    let example = "{{PreviousMenu(\"Learn_web_development/Core/Styling_basics/Selectors\", \"Learn_web_development/Core/Styling_basics\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        PrevNextHTML.render(prev: PrevNextHTML.slug(arguments, 0), menu: PrevNextHTML.slug(arguments, 1), next: nil, context)
    }
}

/// `{{NextMenu("next", "menu")}}` → next and overview buttons (the first page of a module).
struct NextMenuMacro: Macro {
    let name = "NextMenu"
    let summary = "Overview and next buttons for the first page of a tutorial sequence."
    let parameters = [PrevNextHTML.nextParameter, PrevNextHTML.menuParameter]
    let example = "{{NextMenu(\"Learn_web_development/Core/Styling_basics/Getting_started\", \"Learn_web_development/Core/Styling_basics\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        PrevNextHTML.render(prev: nil, menu: PrevNextHTML.slug(arguments, 1), next: PrevNextHTML.slug(arguments, 0), context)
    }
}

/// `{{PreviousNext("prev", "next")}}` → previous and next buttons.
struct PreviousNextMacro: Macro {
    let name = "PreviousNext"
    let summary = "Previous and next buttons for a page in a sequence without an overview page."
    let parameters = [
        MacroParameter("previous", "slug of the previous page (empty for none)"),
        MacroParameter("next", "slug of the next page (empty for none)"),
    ]
    let example = "{{PreviousNext(\"Web/Guide/Part_1\", \"Web/Guide/Part_3\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        PrevNextHTML.render(prev: PrevNextHTML.slug(arguments, 0), menu: nil, next: PrevNextHTML.slug(arguments, 1), context)
    }
}

/// `{{Previous("prev")}}` → a previous button.
struct PreviousMacro: Macro {
    let name = "Previous"
    let summary = "A button linking to the previous page of a sequence."
    let parameters = [PrevNextHTML.prevParameter]
    let example = "{{Previous(\"Web/Guide/Part_1\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        PrevNextHTML.render(prev: PrevNextHTML.slug(arguments, 0), menu: nil, next: nil, context)
    }
}

/// `{{Next("next")}}` → a next button.
struct NextMacro: Macro {
    let name = "Next"
    let summary = "A button linking to the next page of a sequence."
    let parameters = [PrevNextHTML.nextParameter]
    let example = "{{Next(\"Web/Guide/Part_2\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        PrevNextHTML.render(prev: nil, menu: nil, next: PrevNextHTML.slug(arguments, 0), context)
    }
}
