extension MacroRegistry {
    static let crossReferenceMacros: [any Macro] = [HTMLElementMacro()]
}

/// `{{HTMLElement("div")}}` → a link to the element's reference page, `<code>&lt;div&gt;</code>`.
struct HTMLElementMacro: Macro {
    let name = "HTMLElement"
    let summary = "Links to an HTML element's reference page; the link text is the tag in <code>."
    let parameters = [
        MacroParameter("element", required: true, "element name, e.g. \"div\""),
        MacroParameter("text", "link text instead of <element> (shown without <code> unless it is the tag)"),
        MacroParameter("anchor", "a fragment on the target page, e.g. \"attr-href\""),
        MacroParameter("nocode", .boolean, "true to drop the <code> formatting"),
    ]
    let example = "{{HTMLElement(\"div\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let element = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        let slug = "Web/HTML/Reference/Elements/" + element.lowercased()
        var target = context.target(slug)
        if let anchor = arguments.string(2) { target.href += "#" + MacroHTML.anchor(anchor.hasPrefix("#") ? String(anchor.dropFirst()) : anchor) }
        let text = arguments.string(1).map(MacroHTML.text) ?? "&lt;" + MacroHTML.escape(element) + "&gt;"
        return MacroHTML.link(target, html: text, code: !arguments.bool(3))
    }
}
