import Foundation
import FolioHTML

extension MacroRegistry {
    static let crossReferenceMacros: [any Macro] = [
        HTMLElementMacro(), CSSxRefMacro(), DOMxRefMacro(), JSxRefMacro(), GlossaryMacro(),
        HTTPHeaderMacro(), HTTPStatusMacro(), HTTPMethodMacro(), CSPMacro(),
        SVGElementMacro(), SVGAttrMacro(), MathMLElementMacro(), WebExtAPIRefMacro(),
        HTMLAttrXRefMacro(), EventMacro(), RFCMacro(), InterwikiMacro(), BugMacro(),
    ]
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

/// Helpers shared by the xref macros (Yari/rari's `RariApi::link` and friends).
enum XRef {
    /// `#x` from an anchor argument written as `x` or `#x`; empty when there is none.
    static func fragment(_ anchor: String?) -> String {
        guard var a = anchor?.trimmingCharacters(in: .whitespaces), !a.isEmpty else { return "" }
        if a.hasPrefix("#") { a.removeFirst() }
        return a.isEmpty ? "" : "#" + MacroHTML.anchor(a)
    }

    /// A link to the wiki page `slug` (through `context.target`, so tooltips, locale fallback and
    /// dependencies work) with `fragment` appended.
    static func link(_ slug: String, fragment: String = "", html: String, code: Bool, _ context: MacroContext) -> String {
        var target = context.target(slug)
        target.href += fragment
        return MacroHTML.link(target, html: html, code: code)
    }

    /// The page at `slug` in this locale, else in English (what rari's `get_page` resolves).
    /// Both are always asked for, so all lookups of one call are fetched in one batch.
    static func page(_ slug: String, _ context: MacroContext) -> PageInfo? {
        let here = context.page(slug)
        let english = context.locale == "en-US" ? nil : context.page(slug, locale: "en-US")
        return here ?? english
    }

    /// The first of `candidates` that exists, or nil. Every candidate is looked up first (one batch).
    static func firstExisting(_ candidates: [String], _ context: MacroContext) -> (slug: String, page: PageInfo)? {
        let found = candidates.map { page($0, context) }
        for (slug, page) in zip(candidates, found) { if let page { return (slug, page) } }
        return nil
    }

    /// Inline tags writers put in link text (`"<var>EventTarget</var>.addEventListener()"`); KumaScript
    /// inserted link text as HTML. These tags (without attributes) are kept, everything else is text.
    static let inlineTags: Set<String> = ["var", "em", "strong", "i", "b", "sub", "sup", "code"]

    /// Link text from an argument: entities decoded, everything escaped except `inlineTags`.
    static func display(_ argument: String) -> String {
        var out = ""
        var rest = Substring(argument)
        while let open = rest.firstIndex(of: "<") {
            out += MacroHTML.text(String(rest[..<open]))
            let after = rest[open...]
            if let close = after.firstIndex(of: ">") {
                let inner = after[after.index(after: open)..<close]
                let tag = inner.hasPrefix("/") ? inner.dropFirst() : inner
                if inlineTags.contains(tag.lowercased()) {
                    out += "<" + inner.lowercased() + ">"
                    rest = after[after.index(after: close)...]
                    continue
                }
            }
            out += "&lt;"
            rest = after.dropFirst()
        }
        return out + MacroHTML.text(String(rest))
    }

    /// `name#anchor` → (`name`, `#anchor`); an explicit anchor argument wins over one in the name.
    static func splitName(_ name: String, anchor: String?) -> (String, String) {
        let (base, inName) = MacroHTML.splitAnchor(name)
        let explicit = fragment(anchor)
        return (base, explicit.isEmpty ? (inName.count > 1 ? fragment(inName) : "") : explicit)
    }
}

/// `{{cssxref("margin")}}` → a link to a CSS reference page with the name in `<code>`.
///
/// Follows rari's `cssxref`: the name's shape picks the section (`<type>` and `fn()` → Values,
/// `:x` → Selectors, `@x` → At-rules, else Properties then Values); functions get `()` and types
/// `<>` in the text. Folio holds fewer pages than MDN, so when no page exists the section comes
/// from a built-in list of MDN's value and type slugs instead of rari's legacy `Web/CSS/<name>`.
struct CSSxRefMacro: Macro {
    let name = "cssxref"
    let summary = "Links to a CSS property, type, function, selector or at-rule; the name is shown in <code>."
    let parameters = [
        MacroParameter("name", required: true, "the CSS feature: \"margin\", \"&lt;color&gt;\", \"calc()\", \":hover\", \"@media\""),
        MacroParameter("text", "link text instead of the name"),
        MacroParameter("anchor", "a fragment on the target page, e.g. \"#syntax\""),
    ]
    let example = "{{cssxref(\"background-color\")}}"

    /// Names whose page slug differs from the name (rari's special cases).
    static let specialSlugs = [
        "<color>": "color_value", "<flex>": "flex_value", "<overflow>": "overflow_value", "<position>": "position_value",
        ":host()": ":host_function", "fit-content()": "fit_content_function",
    ]

    /// MDN's CSS data types (`page-type: css-type`), under `Reference/Values`, shown as `<name>`.
    static let types: Set<String> = [
        "absolute-size", "alpha-value", "angle", "angle-percentage", "anchor-element", "basic-shape", "blend-mode",
        "box-edge", "calc-keyword", "calc-sum", "color_value", "color-interpolation-method", "corner-shape-value",
        "custom-ident", "dashed-ident", "dimension", "display-box", "display-inside", "display-internal",
        "display-legacy", "display-listitem", "display-outside", "easing-function", "filter-function", "flex_value",
        "frequency", "frequency-percentage", "generic-family", "gradient", "hex-color", "hue",
        "hue-interpolation-method", "ident", "image", "integer", "length", "length-percentage", "line-style",
        "line-width", "named-color", "number", "overflow_value", "percentage", "position_value", "ratio",
        "relative-size", "resolution", "shape", "string", "system-color", "text-edge", "time", "time-percentage",
        "transform-function", "url_value", "baseline-position", "content-distribution", "content-position",
        "overflow-position", "self-position", "single-animation-composition", "visual-box",
    ]

    /// Other pages under `Reference/Values` (keywords, functions linked without `()`).
    static let values: Set<String> = [
        "inherit", "initial", "unset", "revert", "revert-layer", "min-content", "max-content", "fit-content",
        "fit_content_function", "calc", "calc-size", "minmax", "repeat", "var", "attr", "env", "url", "anchor",
        "anchor-size", "min", "max", "clamp", "rgb", "hsl", "hwb", "lab", "lch", "oklab", "oklch",
        "color-mix", "light-dark", "linear-gradient", "radial-gradient", "conic-gradient", "image-set", "cross-fade",
        "element", "paint", "counter", "counters", "symbols", "matrix", "Functions",
        "Data_types", "Value_definition_syntax",
    ]

    /// Pages under `Reference/Selectors` that are linked without a leading `:`.
    static let selectors = ["pseudo-classes": "Pseudo-classes", "pseudo-elements": "Pseudo-elements"]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let raw = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        let (written, fragment) = XRef.splitName(raw, anchor: arguments.string(2))
        let name = HTMLText.decodingCharacterReferences(written)
        var slug = Substring(name)
        if slug.hasPrefix("<") && slug.hasSuffix(">") && slug.count > 2 { slug = slug.dropFirst().dropLast() }
        if slug.hasSuffix("()") { slug = slug.dropLast(2) }
        let key = Self.specialSlugs[name] ?? String(slug)
        guard !key.isEmpty else { throw MacroFailure(.arguments, "cssxref: the name is empty") }

        let candidates: [String]
        let fallback: String
        if name.hasPrefix("<") {
            candidates = ["Values/" + key]; fallback = candidates[0]
        } else if name.hasPrefix(":") {
            candidates = ["Selectors/" + key]; fallback = candidates[0]
        } else if name.hasPrefix("@") {
            candidates = ["At-rules/" + key]; fallback = candidates[0]
        } else if name.hasSuffix("()") {
            candidates = ["Values/" + key]; fallback = candidates[0]
        } else if let selector = Self.selectors[key.lowercased()] {
            candidates = ["Selectors/" + selector]; fallback = candidates[0]
        } else {
            candidates = ["Properties/" + key, "Values/" + key]
            let first = String(key.split(separator: "/").first ?? "")
            fallback = Self.types.contains(first) || Self.values.contains(first) || first.hasSuffix("_value")
                ? "Values/" + key : "Properties/" + key
        }
        let found = XRef.firstExisting(candidates.map { "Web/CSS/Reference/" + $0 }, context)
        let target = found?.slug ?? "Web/CSS/Reference/" + fallback

        let html: String
        if let text = arguments.string(1) {
            html = XRef.display(text)
        } else {
            // The last path segment (`@media/color` shows `color`), decorated by page type.
            var shown = String(name.split(separator: "/", omittingEmptySubsequences: false).last ?? Substring(name))
            let lastKey = String(key.split(separator: "/").last ?? Substring(key))
            let pageType = found?.page.pageType
                ?? (Self.types.contains(lastKey) && candidates.count > 1 || name.hasPrefix("<") ? "css-type" : nil)
            if pageType == "css-function", !shown.hasSuffix("()") { shown += "()" }
            if pageType == "css-type", !(shown.hasPrefix("<") && shown.hasSuffix(">")) { shown = "<" + shown + ">" }
            html = MacroHTML.escape(shown)
        }
        return XRef.link(target, fragment: fragment, html: html, code: true, context)
    }
}

/// `{{domxref("Document.querySelector()")}}` → `Web/API/Document/querySelector`, text as written.
struct DOMxRefMacro: Macro {
    let name = "domxref"
    let summary = "Links to a Web API interface, property, method or event; the name is shown in <code>."
    let parameters = [
        MacroParameter("api", required: true, "the API, relative to Web/API: \"Node.appendChild()\", \"Window/load_event\""),
        MacroParameter("text", "link text instead of the name"),
        MacroParameter("anchor", "a member or fragment; the text then reads name.anchor"),
        MacroParameter("nocode", .boolean, "set to drop the <code> formatting"),
    ]
    let example = "{{domxref(\"Node.appendChild()\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let name = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        var api = name.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "()", with: "")
            .replacingOccurrences(of: ".prototype.", with: ".").replacingOccurrences(of: ".", with: "/")
        guard let first = api.first else { throw MacroFailure(.arguments, "domxref: the API name is empty") }
        api = first.uppercased() + api.dropFirst()
        var html = XRef.display(arguments.string(1) ?? name)
        var fragment = ""
        if let anchor = arguments.string(2) {
            fragment = XRef.fragment(anchor)
            html += "." + MacroHTML.text(anchor.hasPrefix("#") ? String(anchor.dropFirst()) : anchor)
        }
        return XRef.link("Web/API/" + api, fragment: fragment, html: html, code: !arguments.bool(3), context)
    }
}

/// `{{jsxref("Array.prototype.map()")}}` → `Web/JavaScript/Reference/Global_Objects/Array/map`.
///
/// rari's rule: the slug (without `()` and `.prototype.`, dots as slashes unless the name holds
/// `..` as in `for...of`) is tried directly under Reference, then under Global_Objects. When
/// neither page exists here, names starting with a Reference section (`Statements/let`) stay
/// under Reference and everything else is a global object.
struct JSxRefMacro: Macro {
    let name = "jsxref"
    let summary = "Links to a page of the JavaScript reference; the name is shown in <code>."
    let parameters = [
        MacroParameter("api", required: true, "a global object or member (\"Array.prototype.map()\") or a Reference path (\"Statements/let\")"),
        MacroParameter("text", "link text instead of the name"),
        MacroParameter("anchor", "a fragment on the target page"),
        MacroParameter("nocode", .boolean, "set to drop the <code> formatting"),
    ]
    let example = "{{jsxref(\"Array.prototype.map()\")}}"

    /// Reference sections (lower-cased → as MDN spells them).
    static let sections: [String: String] = Dictionary(uniqueKeysWithValues: [
        "Global_Objects", "Statements", "Operators", "Functions", "Classes", "Errors", "Lexical_grammar",
        "Iteration_protocols", "Strict_mode", "Template_literals", "Trailing_commas", "Deprecated_and_obsolete_features",
        "Regular_expressions", "Data_structures", "Execution_model", "JavaScript_technologies_overview",
    ].map { ($0.lowercased(), $0) })

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let raw = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        let (name, fragment) = XRef.splitName(raw, anchor: arguments.string(2))
        var slug = name.replacingOccurrences(of: "()", with: "").replacingOccurrences(of: ".prototype.", with: ".")
        if !slug.contains(".."), slug.contains(".") { slug = slug.replacingOccurrences(of: ".", with: "/") }
        guard !slug.isEmpty else { throw MacroFailure(.arguments, "jsxref: the name is empty") }
        let base = "Web/JavaScript/Reference/"
        let target: String
        if let found = XRef.firstExisting([base + slug, base + "Global_Objects/" + slug], context) {
            target = found.slug
        } else {
            let parts = slug.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            if let section = Self.sections[parts[0].lowercased()] {
                target = base + section + (parts.count > 1 ? "/" + parts[1] : "")
            } else {
                target = base + "Global_Objects/" + slug
            }
        }
        let html = XRef.display(arguments.string(1) ?? raw)
        return XRef.link(target, fragment: fragment, html: html, code: !arguments.bool(3), context)
    }
}
