import Foundation

/// Kuma's 2017 allowlists (kuma/wiki/constants.py: bleach defaults + MDN additions), with
/// these deliberate changes:
/// - `mundermover` attribute key fixed to `munderover`;
/// - the broken style entry "-moz-border-radius, -o-border-radius" split into the two
///   real properties;
/// - form controls `input`, `select`, `option`, `textarea` removed: Folio content has no
///   forms, and they are phishing/clobbering surface (select/option are unwrapped, their text
///   kept; textarea content is dropped; input is void and disappears);
/// - `details` keeps `open` (Kuma set it, then overwrote the key in a later update);
/// - `href` removed from the MathML attribute lists (MathML links were an XSS vector);
/// - iframes: Kuma blanked a non-matching src; Folio removes such iframes entirely and
///   forces `sandbox` on kept ones (see SanitizerPolicy.iframeSandbox);
/// - iframe hosts: https only (Kuma allowed http too); test hosts and jsfiddle (whose Kuma
///   rule needed "embedded" anywhere in the path, not expressible as a prefix) omitted.
extension SanitizerPolicy {
    public static let kuma: SanitizerPolicy = SanitizerPolicy(
        allowedTags: KumaAllowlist.tags,
        allowedAttributes: KumaAllowlist.attributes,
        allowedStyles: KumaAllowlist.styles,
        allowedProtocols: ["http", "https", "mailto", "irc", "news", "ftp", "ssh", "nntp"],
        iframeHosts: KumaAllowlist.iframeHosts,
        allowDataImages: false
    )
}

enum KumaAllowlist {
    static let bleachTags = ["a", "abbr", "acronym", "b", "blockquote", "code", "em", "i", "li", "ol", "strong", "ul"]

    static let mathTags = [
        "math", "maction", "menclose", "merror", "mfenced", "mfrac", "mglyph", "mi", "mlabeledtr",
        "mmultiscripts", "mn", "mo", "mover", "mpadded", "mphantom", "mroot", "mrow", "ms", "mspace",
        "msqrt", "mstyle", "msub", "msup", "msubsup", "mtable", "mtd", "mtext", "mtr", "munder",
        "munderover", "none", "mprescripts", "semantics", "annotation", "annotation-xml",
    ]

    static let mdnTags = [
        "div", "span", "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "code", "cite",
        "dl", "dt", "dd", "small", "sub", "sup", "u", "strike", "samp", "abbr", "ul", "ol", "li",
        "nobr", "dfn", "caption", "var", "s", "i", "img", "hr",
        "label",   // Kuma also had input, select, option, textarea: removed (see above)
        "iframe",
        "table", "tbody", "thead", "tfoot", "tr", "th", "td", "colgroup", "col",
        "section", "header", "footer", "nav", "article", "aside", "figure", "figcaption",
        "dialog", "hgroup", "mark", "time", "meter", "command", "output", "progress", "audio",
        "video", "details", "summary", "datagrid", "datalist", "table", "address", "font",
        "bdi", "bdo", "del", "ins", "kbd", "samp", "var", "ruby", "rp", "rt", "q",
    ]

    static let mathTagSet: Set<String> = Set(mathTags)

    static let tags: Set<String> = Set(bleachTags + mdnTags + mathTags)

    static let mathPresentation = ["mathbackground", "mathcolor", "id", "class", "style"]   // Kuma had "href" too
    static let mathDisplay = [
        "display", "dir", "selection", "notation", "close", "open", "separators", "bevelled",
        "denomalign", "linethickness", "numalign", "largeop", "maxsize", "minsize", "movablelimits",
        "rspace", "separator", "stretchy", "symmetric", "depth", "lquote", "rquote", "align",
        "columnlines", "frame", "rowalign", "rowspacing", "rowspan", "columnspan", "accent",
        "accentunder", "mathsize", "mathvariant", "subscriptshift", "supscriptshift", "scriptlevel",
        "displaystyle", "scriptsizemultiplier", "scriptminsize",
    ]

    static let attributes: [String: Set<String>] = {
        var a: [String: [String]] = [
            // bleach defaults
            "a": ["href", "title"], "abbr": ["title"], "acronym": ["title"],
        ]
        a["*"] = ["lang"]
        a["iframe"] = ["id", "src", "sandbox", "seamless", "frameborder", "width", "height", "class", "title"]
        a["p"] = ["style", "class", "id", "align", "lang", "dir"]
        a["span"] = ["style", "class", "id", "title", "lang", "dir"]
        a["abbr"] = ["style", "class", "id", "title", "lang", "dir"]
        a["img"] = ["src", "id", "align", "alt", "class", "is", "title", "style", "lang", "dir", "width", "height"]
        a["a"] = ["style", "id", "class", "href", "title", "lang", "name", "dir", "hreflang", "rel"]
        a["i"] = ["class"]
        a["td"] = ["style", "id", "class", "colspan", "rowspan", "lang", "dir"]
        a["th"] = ["style", "id", "class", "colspan", "rowspan", "scope", "lang", "dir"]
        a["video"] = ["style", "id", "class", "lang", "src", "controls", "dir"]
        a["font"] = ["color", "face", "size", "dir"]
        a["details"] = ["open"]
        a["ol"] = ["style", "class", "id", "lang", "start", "dir"]
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] { a[h] = ["style", "class", "id", "name", "lang", "dir"] }
        for t in ["div", "pre", "ul", "li", "code", "dl", "dt", "dd", "section", "header", "footer", "nav",
                  "article", "aside", "figure", "dialog", "hgroup", "mark", "time", "meter", "command",
                  "output", "progress", "audio", "details", "datagrid", "datalist", "table", "tr",
                  "address", "col", "s", "strong"] {
            a[t] = ["style", "class", "id", "lang", "dir", "title"]
        }
        a["details", default: []] += ["open"]   // Kuma's dict update clobbered its own details: open
        for t in ["blockquote", "del", "ins", "q"] { a[t] = ["cite"] }
        a["li", default: []] += ["data-default-state"]
        a["time", default: []] += ["datetime"]
        a["ins"] = ["datetime"]
        a["del"] = ["datetime"]
        for t in ["annotation", "annotation-xml"] { a[t] = ["encoding", "src"] }
        for t in mathTags where t != "semantics" && t != "annotation" && t != "annotation-xml" {
            a[t] = mathPresentation
        }
        a["math", default: []] += mathDisplay + ["altimg", "altimg-width", "altimg-height", "altimg-valign", "alttext"]
        a["maction", default: []] += ["actiontype", "selection"]
        a["menclose", default: []] += ["notation"]
        a["mfenced", default: []] += ["close", "open", "separators"]
        a["mfrac", default: []] += ["bevelled", "denomalign", "linethickness", "numalign"]
        a["mi", default: []] += ["dir", "mathsize", "mathvariant"]
        a["mmultiscripts", default: []] += ["subscriptshift", "superscriptshift"]
        a["mo", default: []] += ["largeop", "lspace", "maxsize", "minsize", "movablelimits", "rspace",
                                 "separator", "stretchy", "symmetric", "accent", "dir", "mathsize", "mathvariant"]
        a["mover", default: []] += ["accent"]
        a["mpadded", default: []] += ["lspace", "voffset", "depth"]
        a["mrow", default: []] += ["dir"]
        a["ms", default: []] += ["lquote", "rquote", "dir", "mathsize", "mathvariant"]
        a["mspace", default: []] += ["depth", "height", "width"]
        a["mstyle", default: []] += mathDisplay
        a["msub", default: []] += ["subscriptshift"]
        a["msubsup", default: []] += ["subscriptshift", "superscriptshift"]
        a["msup", default: []] += ["superscriptshift"]
        a["mtable", default: []] += ["align", "columnalign", "columnlines", "frame", "rowalign", "rowspacing", "rowlines"]
        a["mtd", default: []] += ["columnalign", "columnspan", "rowalign", "rowspan"]
        a["mtext", default: []] += ["dir", "mathsize", "mathvariant"]
        a["mtr", default: []] += ["columnalign", "rowalign"]
        a["munder", default: []] += ["accentunder"]
        a["munderover", default: []] += ["accent", "accentunder"]   // Kuma: "mundermover" (typo)
        return a.mapValues { Set($0) }
    }()

    static let styles: Set<String> = [
        "border", "border-top", "border-right", "border-bottom", "border-left", "float", "overflow",
        "min-height", "vertical-align", "white-space", "color", "border-radius", "-webkit-border-radius",
        "-moz-border-radius", "-o-border-radius",   // Kuma: one broken "a, b" entry
        "margin", "margin-left", "margin-top", "margin-bottom", "margin-right", "padding", "padding-left",
        "padding-top", "padding-bottom", "padding-right", "position", "top", "height", "left", "right",
        "background", "background-color", "font", "font-size", "font-weight", "font-family",
        "font-variant", "text-align", "text-transform", "-moz-column-width", "-webkit-columns",
        "columns", "width", "list-style-type", "line-height",
        "backface-visibility", "-moz-backface-visibility", "-webkit-backface-visibility",
        "-o-backface-visibility", "perspective", "-moz-perspective", "-webkit-perspective",
        "-o-perspective", "perspective-origin", "-moz-perspective-origin", "-webkit-perspective-origin",
        "-o-perspective-origin", "transform", "-moz-transform", "-webkit-transform", "-o-transform",
        "transform-style", "-moz-transform-style", "-webkit-transform-style", "-o-transform-style",
        "-moz-columns", "column-rule", "-moz-column-rule", "-webkit-column-rule", "column-width",
        "-webkit-column-width", "image-rendering", "-ms-interpolation-mode", "border-style",
        "background-clip", "border-bottom-right-radius", "border-bottom-left-radius",
        "border-top-right-radius", "border-top-left-radius", "border-bottom-style", "border-left-style",
        "border-right-style", "border-top-style", "border-bottom-width", "border-left-width",
        "border-right-width", "border-top-width", "border-collapse", "border-width", "border-color",
        "clip", "cursor", "filter", "max-width", "font-style", "letter-spacing", "opacity", "zoom",
        "text-overflow", "text-indent", "text-rendering", "text-shadow", "transition",
        "transition-delay", "-moz-transition-delay", "-webkit-transition-delay", "-o-transition-delay",
        "transition-duration", "-moz-transition-duration", "-webkit-transition-duration",
        "-o-transition-duration", "transition-property", "-moz-transition-property",
        "-webkit-transition-property", "-o-transition-property", "transition-timing-function",
        "-moz-transition-timing-function", "-webkit-transition-timing-function",
        "-o-transition-timing-function", "display", "outline-color", "outline", "outline-offset",
        "box-shadow", "-moz-box-shadow", "-webkit-box-shadow", "-o-box-shadow", "linear-gradient",
        "-moz-linear-gradient", "-webkit-linear-gradient", "radial-gradient", "-moz-radial-gradient",
        "-webkit-radial-gradient", "text-decoration-style", "-moz-text-decoration-style",
        "text-decoration", "direction", "unicode-bidi", "word-wrap",
    ]

    static let iframeHosts: [String] = [
        "https://stage-files.mdn.moz.works/",
        "https://developer.allizom.org/",
        "https://mdn.mozillademos.org/",
        "https://rpm.newrelic.com/public/charts/",
        "https://www.youtube.com/embed/",
        "https://youtube.com/embed/",
        "https://mdn.github.io/",
        "https://interactive-examples.mdn.mozilla.net/",
    ]
}
