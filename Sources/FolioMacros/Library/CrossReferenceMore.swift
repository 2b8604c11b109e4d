import Foundation
import FolioHTML

// The smaller xref macros (rari's `links/*.rs` and Yari's `*.ejs`), registered in
// `MacroRegistry.crossReferenceMacros` (CrossReference.swift).

/// `{{Glossary("DOM")}}` → a link to `Glossary/DOM`, text as written (no `<code>`).
struct GlossaryMacro: Macro {
    let name = "Glossary"
    let summary = "Links to a glossary entry; the term (or the given text) is the link text."
    let parameters = [
        MacroParameter("term", required: true, "the glossary term; spaces become underscores in the slug"),
        MacroParameter("text", "link text instead of the term"),
    ]
    let example = "{{Glossary(\"CSS\", \"Cascading Style Sheets\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let term = arguments.string(0)!
        // rari: whitespace runs collapse to one space, then spaces become underscores.
        let slug = term.split(whereSeparator: \.isWhitespace).joined(separator: "_")
        guard !slug.isEmpty else { throw MacroFailure(.arguments, "Glossary: the term is empty") }
        return XRef.link("Glossary/" + slug, html: XRef.display(arguments.string(1) ?? term), code: false, context)
    }
}

/// The three HTTP reference macros (rari's `links/http.rs`): same arguments, one section each.
/// An anchor is appended to the text as `.anchor`, as rari does.
protocol HTTPReferenceMacro: Macro {
    var section: String { get }
}

extension HTTPReferenceMacro {
    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let item = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        var html = XRef.display(arguments.string(1) ?? item)
        var fragment = ""
        if let anchor = arguments.string(2) {
            fragment = XRef.fragment(anchor)
            html += "." + MacroHTML.text(anchor.hasPrefix("#") ? String(anchor.dropFirst()) : anchor)
        }
        return XRef.link("Web/HTTP/Reference/" + section + "/" + item, fragment: fragment, html: html,
                         code: !arguments.bool(3), context)
    }
}

private func httpParameters(_ what: String, _ example: String) -> [MacroParameter] {
    [
        MacroParameter(what, required: true, "the \(what), e.g. \"\(example)\""),
        MacroParameter("text", "link text instead of the \(what)"),
        MacroParameter("anchor", "a fragment on the target page; the text then reads \(what).anchor"),
        MacroParameter("nocode", .boolean, "set to drop the <code> formatting"),
    ]
}

/// `{{HTTPHeader("Content-Type")}}` → `Web/HTTP/Reference/Headers/Content-Type`.
struct HTTPHeaderMacro: HTTPReferenceMacro {
    let name = "HTTPHeader"
    let section = "Headers"
    let summary = "Links to an HTTP header's reference page; the header is shown in <code>."
    let parameters = httpParameters("header", "Content-Type")
    let example = "{{HTTPHeader(\"Content-Type\")}}"
}

/// `{{HTTPStatus("404")}}` → `Web/HTTP/Reference/Status/404`, text `404` (rari shows only the code).
struct HTTPStatusMacro: HTTPReferenceMacro {
    let name = "HTTPStatus"
    let section = "Status"
    let summary = "Links to an HTTP response status page; the code (or the given text) is shown in <code>."
    let parameters = httpParameters("status", "404")
    let example = "{{HTTPStatus(\"404\", \"404 Not Found\")}}"
}

/// `{{HTTPMethod("GET")}}` → `Web/HTTP/Reference/Methods/GET`.
struct HTTPMethodMacro: HTTPReferenceMacro {
    let name = "HTTPMethod"
    let section = "Methods"
    let summary = "Links to an HTTP request method's page; the method is shown in <code>."
    let parameters = httpParameters("method", "GET")
    let example = "{{HTTPMethod(\"GET\")}}"
}

/// `{{CSP("script-src")}}` → `Web/HTTP/Reference/Headers/Content-Security-Policy/script-src`.
struct CSPMacro: Macro {
    let name = "CSP"
    let summary = "Links to a Content-Security-Policy directive's page; the directive is shown in <code>."
    let parameters = [MacroParameter("directive", required: true, "the directive, e.g. \"script-src\"")]
    let example = "{{CSP(\"script-src\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let directive = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        return XRef.link("Web/HTTP/Reference/Headers/Content-Security-Policy/" + directive,
                         html: MacroHTML.text(directive), code: true, context)
    }
}

/// `{{SVGElement("circle")}}` → `Web/SVG/Reference/Element/circle`, `<code>&lt;circle&gt;</code>`.
struct SVGElementMacro: Macro {
    let name = "SVGElement"
    let summary = "Links to an SVG element's reference page; the tag is shown in <code>."
    let parameters = [
        MacroParameter("element", required: true, "the element name, e.g. \"circle\" (case matters: \"foreignObject\")"),
        MacroParameter("unused", .any, "ignored (kept for old calls, as rari does)"),
    ]
    let example = "{{SVGElement(\"circle\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let element = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        return XRef.link("Web/SVG/Reference/Element/" + element, html: "&lt;" + MacroHTML.text(element) + "&gt;", code: true, context)
    }
}

/// `{{SVGAttr("viewBox")}}` → `Web/SVG/Reference/Attribute/viewBox`.
struct SVGAttrMacro: Macro {
    let name = "SVGAttr"
    let summary = "Links to an SVG attribute's reference page; the attribute is shown in <code>."
    let parameters = [MacroParameter("attribute", required: true, "the attribute name, e.g. \"viewBox\"")]
    let example = "{{SVGAttr(\"viewBox\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let attribute = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        return XRef.link("Web/SVG/Reference/Attribute/" + attribute, html: MacroHTML.text(attribute), code: true, context)
    }
}

/// `{{MathMLElement("mfrac")}}` → `Web/MathML/Reference/Element/mfrac`, `<code>&lt;mfrac&gt;</code>`.
struct MathMLElementMacro: Macro {
    let name = "MathMLElement"
    let summary = "Links to a MathML element's reference page; the tag is shown in <code>."
    let parameters = [MacroParameter("element", required: true, "the element name, e.g. \"mfrac\"")]
    let example = "{{MathMLElement(\"mfrac\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let element = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        return XRef.link("Web/MathML/Reference/Element/" + element.lowercased(),
                         html: "&lt;" + MacroHTML.text(element) + "&gt;", code: true, context)
    }
}

/// `{{WebExtAPIRef("tabs.query")}}` → `Mozilla/Add-ons/WebExtensions/API/tabs/query`.
struct WebExtAPIRefMacro: Macro {
    let name = "WebExtAPIRef"
    let summary = "Links to a WebExtensions JavaScript API page; the name is shown in <code>."
    let parameters = [
        MacroParameter("api", required: true, "the API, e.g. \"tabs.query\" or \"runtime.getURL()\""),
        MacroParameter("text", "link text instead of the name"),
        MacroParameter("anchor", "a fragment on the target page; the text then reads name#anchor (as rari)"),
        MacroParameter("nocode", .boolean, "set to drop the <code> formatting"),
    ]
    let example = "{{WebExtAPIRef(\"tabs.query\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let api = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        let path = api.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "()", with: "")
            .replacingOccurrences(of: ".", with: "/")
        var html = XRef.display(arguments.string(1) ?? api)
        var fragment = ""
        if let anchor = arguments.string(2) {
            fragment = XRef.fragment(anchor)
            html += "#" + MacroHTML.text(anchor.hasPrefix("#") ? String(anchor.dropFirst()) : anchor)
        }
        return XRef.link("Mozilla/Add-ons/WebExtensions/API/" + path, fragment: fragment, html: html,
                         code: !arguments.bool(3), context)
    }
}

/// `{{htmlattrxref("href", "a")}}` → `Web/HTML/Reference/Elements/a#href`; without an element,
/// `Web/HTML/Reference/Global_attributes/<attr>`. Retired on MDN (writers now link directly);
/// kept because translated pages still call it. Anchors follow today's pages (`#href`, not `#attr-href`).
struct HTMLAttrXRefMacro: Macro {
    let name = "htmlattrxref"
    let summary = "Links to an HTML attribute: on an element's page, or the global attribute's page."
    let parameters = [
        MacroParameter("attribute", required: true, "the attribute, e.g. \"href\""),
        MacroParameter("element", "the element it belongs to; omit for a global attribute"),
        MacroParameter("text", "link text instead of the attribute"),
        MacroParameter("nocode", .boolean, "set to drop the <code> formatting"),
    ]
    let example = "{{htmlattrxref(\"href\", \"a\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let attribute = arguments.string(0)!.trimmingCharacters(in: .whitespaces).lowercased()
        let html = arguments.string(2).map(XRef.display) ?? MacroHTML.text(attribute)
        if let element = arguments.string(1)?.trimmingCharacters(in: .whitespaces).lowercased(), !element.isEmpty {
            return XRef.link("Web/HTML/Reference/Elements/" + element, fragment: XRef.fragment(attribute), html: html,
                             code: !arguments.bool(3), context)
        }
        return XRef.link("Web/HTML/Reference/Global_attributes/" + attribute, html: html, code: !arguments.bool(3), context)
    }
}

/// `{{event("click")}}` (legacy KumaScript) → the event's page under `Web/API/Element/<name>_event`,
/// where MDN moved the old `Web/Events/<name>` pages of element events.
struct EventMacro: Macro {
    let name = "event"
    let summary = "Links to a DOM event's page (legacy; prefer domxref(\"Element/click_event\"))."
    let parameters = [
        MacroParameter("event", required: true, "the event name, e.g. \"click\""),
        MacroParameter("text", "link text instead of the event name"),
        MacroParameter("anchor", "a fragment on the target page"),
    ]
    let example = "{{event(\"click\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let event = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        return XRef.link("Web/API/Element/" + event + "_event", fragment: XRef.fragment(arguments.string(2)),
                         html: XRef.display(arguments.string(1) ?? event), code: true, context)
    }
}

/// `{{RFC(7230, "Message Syntax", "3.1")}}` → `https://datatracker.ietf.org/doc/html/rfc7230#section-3.1`,
/// text `RFC 7230, section 3.1: Message Syntax` (rari's `rfc`).
struct RFCMacro: Macro {
    let name = "RFC"
    let summary = "Links to an IETF RFC (optionally a section) on datatracker.ietf.org."
    let parameters = [
        MacroParameter("number", .number, required: true, "the RFC number"),
        MacroParameter("text", "text after the number, e.g. the RFC's or section's title"),
        MacroParameter("section", .any, "a section number, e.g. \"3.1\""),
    ]
    let example = "{{RFC(9110, \"HTTP Semantics\", \"15.5.5\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        guard let value = arguments.number(0), value >= 1, value == value.rounded(), value < 1_000_000 else {
            throw MacroFailure(.arguments, "RFC: the number must be a positive whole number")
        }
        let number = String(Int(value))
        var href = "https://datatracker.ietf.org/doc/html/rfc" + number
        var text = "RFC " + number
        if let section = arguments.string(2)?.trimmingCharacters(in: .whitespaces), !section.isEmpty {
            href += "#section-" + section
            text += ", " + context.string("section") + " " + MacroHTML.text(section)
        }
        if let content = arguments.string(1) { text += ": " + XRef.display(content) }
        return "<a href=\"" + MacroHTML.escape(href) + "\">" + text + "</a>"
    }
}

/// `{{Interwiki("wikipedia", "Web browser")}}` → `https://<lang>.wikipedia.org/wiki/Web_browser`
/// (language from the page's locale); `wikimo` → `https://wiki.mozilla.org/<path>`.
struct InterwikiMacro: Macro {
    let name = "Interwiki"
    let summary = "Links to a page on Wikipedia (in the page's language) or on wiki.mozilla.org."
    let parameters = [
        MacroParameter("wiki", required: true, "\"wikipedia\" or \"wikimo\""),
        MacroParameter("path", required: true, "the page on that wiki, e.g. \"Web browser\""),
        MacroParameter("text", "link text instead of the path"),
    ]
    let example = "{{Interwiki(\"wikipedia\", \"Web browser\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let wiki = arguments.string(0)!.trimmingCharacters(in: .whitespaces).lowercased()
        let written = HTMLText.decodingCharacterReferences(arguments.string(1)!.trimmingCharacters(in: .whitespaces))
        // As Yari: first letter upper-cased, spaces to underscores.
        let path = (written.prefix(1).uppercased() + written.dropFirst()).replacingOccurrences(of: " ", with: "_")
        let title = arguments.string(2) ?? arguments.string(1)!
        let href: String
        var cssClass = ""
        switch wiki {
        case "wikipedia":
            // Yari took the first two letters of the locale (en-US → en, zh-CN → zh, pt-BR → pt).
            let language = String(context.locale.prefix(2)).lowercased()
            href = "https://" + language + ".wikipedia.org/wiki/" + MacroHTML.pathEncode(path)
        case "wikimo":
            href = "https://wiki.mozilla.org/" + MacroHTML.pathEncode(path)
            cssClass = " class=\"wikimo\""
        default:
            throw MacroFailure(.arguments, "Interwiki: unknown wiki “\(wiki)” (use wikipedia or wikimo)")
        }
        return "<a" + cssClass + " title=\"" + MacroHTML.text(title) + "\" href=\"" + MacroHTML.escape(href) + "\">"
            + XRef.display(title) + "</a>"
    }
}

/// `{{bug(1606734)}}` → `<a href="https://bugzil.la/1606734">Firefox bug 1606734</a>`, the form
/// MDN's content uses since it retired the macro.
struct BugMacro: Macro {
    let name = "bug"
    let summary = "Links to a bug in Mozilla's Bugzilla."
    let parameters = [
        MacroParameter("number", .number, required: true, "the bug number"),
        MacroParameter("type", "ignored (Yari's \"table\" output is not supported)"),
        MacroParameter("comment", .number, "a comment number to link to"),
    ]
    let example = "{{bug(1606734)}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        guard let value = arguments.number(0), value >= 1, value == value.rounded(), value < 1e9 else {
            throw MacroFailure(.arguments, "bug: the bug number must be a positive whole number")
        }
        let number = String(Int(value))
        var href = "https://bugzil.la/" + number
        var text = context.localized([
            "en-US": "Firefox bug", "de": "Firefox-Bug", "es": "error de Firefox", "fr": "bogue Firefox",
            "it": "bug di Firefox", "ja": "Firefox バグ", "ko": "Firefox 버그", "pt-BR": "bug do Firefox",
            "ru": "ошибка Firefox", "zh-CN": "Firefox 缺陷",
        ]) + " " + number
        if let comment = arguments.int(2), comment > 0 {
            href += "#c" + String(comment)
            text += context.localized(["en-US": ", comment ", "de": ", Kommentar ", "es": ", comentario ",
                                       "fr": ", commentaire ", "it": ", commento ", "ja": "、コメント ", "zh-CN": "，评论 "])
                + String(comment)
        }
        return "<a href=\"" + href + "\">" + MacroHTML.escape(text) + "</a>"
    }
}
