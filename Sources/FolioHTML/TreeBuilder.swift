import Foundation

public enum HTMLParser {
    /// Parses an HTML fragment as if inside `<body>`. Never throws or traps; linear time.
    public static func parseFragment(_ html: String) -> HTMLNode {
        Tokenizer.withNormalizedInput(html) { bytes in
            var builder = TreeBuilder(bytes)
            return builder.run()
        }
    }

    /// `parseFragment(String(decoding: utf8, as: UTF8.self))` without building the String
    /// when the bytes are valid UTF-8 (invalid input takes that path, repairs included).
    public static func parseFragment(utf8: [UInt8]) -> HTMLNode {
        guard UTF8Check.isValid(utf8) else { return parseFragment(String(decoding: utf8, as: UTF8.self)) }
        return Tokenizer.withNormalizedInput(utf8: utf8) { bytes in
            var builder = TreeBuilder(bytes)
            return builder.run()
        }
    }
}

enum UTF8Check {
    /// Whether `bytes` are well-formed UTF-8 (Unicode Table 3-7: no overlongs, surrogates or
    /// values above U+10FFFF), i.e. whether `String(decoding:as:)` would keep them unchanged.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            let n = b.count
            var i = 0
            while i < n {
                // ASCII runs eight bytes at a time.
                if i + 8 <= n {
                    let word = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                }
                let c = b[i]
                if c < 0x80 { i += 1; continue }
                @inline(__always) func cont(_ k: Int) -> Bool { k < n && b[k] & 0xC0 == 0x80 }
                switch c {
                case 0xC2...0xDF:
                    guard cont(i + 1) else { return false }
                    i += 2
                case 0xE0...0xEF:
                    guard i + 1 < n else { return false }
                    let c1 = b[i + 1]
                    let ok1 = c == 0xE0 ? (c1 >= 0xA0 && c1 <= 0xBF) : c == 0xED ? (c1 >= 0x80 && c1 <= 0x9F) : (c1 & 0xC0 == 0x80)
                    guard ok1, cont(i + 2) else { return false }
                    i += 3
                case 0xF0...0xF4:
                    guard i + 1 < n else { return false }
                    let c1 = b[i + 1]
                    let ok1 = c == 0xF0 ? (c1 >= 0x90 && c1 <= 0xBF) : c == 0xF4 ? (c1 >= 0x80 && c1 <= 0x8F) : (c1 & 0xC0 == 0x80)
                    guard ok1, cont(i + 2), cont(i + 3) else { return false }
                    i += 4
                default:
                    return false
                }
            }
            return true
        }
    }
}

let voidElements: Set<String> = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta",
    "param", "source", "track", "wbr", "basefont", "bgsound", "frame",
]
let rawTextElements: Set<String> = ["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"]
let rcdataElements: Set<String> = ["textarea", "title"]

/// Start tags that close an open <p> ("close a p element" in the in-body rules).
private let closesP: Set<String> = [
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
    "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p",
    "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "listing", "form",
    "plaintext", "table", "hr", "xmp",
]
private let headings: Set<String> = ["h1", "h2", "h3", "h4", "h5", "h6"]

/// HTML start tags that break out of SVG/MathML content.
private let breakoutTags: Set<String> = [
    "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed",
    "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr",
    "ol", "p", "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u",
    "ul", "var",
]
/// Start-tag behaviours, looked up once per tag (one hash instead of a dozen comparisons).
/// Plain bit masks rather than an OptionSet: SetAlgebra's generic `contains` is very slow in
/// unoptimized builds, and the deep-nesting budget is measured in debug builds.
struct TagInfo {
    var bits: UInt16 = 0
    func contains(_ m: UInt16) -> Bool { bits & m != 0 }
    mutating func insert(_ m: UInt16) { bits |= m }
    static let ignored: UInt16 = 1
    static let foreignRoot: UInt16 = 2
    static let special: UInt16 = 4
    static let closesP: UInt16 = 8
    static let heading: UInt16 = 16
    static let void: UInt16 = 32
    static let rawtext: UInt16 = 64
    static let rcdata: UInt16 = 128
    static let skipNewline: UInt16 = 256
    static let boundary: UInt16 = 512
}

private let tagInfo: [String: TagInfo] = {
    var t: [String: TagInfo] = [:]
    for n in ["html", "head", "body", "frameset", "frame"] { t[n, default: TagInfo()].insert(TagInfo.ignored) }
    for n in ["svg", "math"] { t[n, default: TagInfo()].insert(TagInfo.foreignRoot) }
    for n in ["li", "dd", "dt"] { t[n, default: TagInfo()].insert(TagInfo.special | TagInfo.closesP) }
    for n in ["option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "a", "button"] { t[n, default: TagInfo()].insert(TagInfo.special) }
    for n in closesP { t[n, default: TagInfo()].insert(TagInfo.closesP) }
    for n in headings { t[n, default: TagInfo()].insert(TagInfo.heading) }
    for n in voidElements { t[n, default: TagInfo()].insert(TagInfo.void) }
    t["image", default: TagInfo()].insert(TagInfo.void)
    for n in rawTextElements { t[n, default: TagInfo()].insert(TagInfo.rawtext) }
    for n in rcdataElements { t[n, default: TagInfo()].insert(TagInfo.rcdata) }
    for n in ["pre", "listing", "textarea"] { t[n, default: TagInfo()].insert(TagInfo.skipNewline) }
    for n in ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"] {
        t[n, default: TagInfo()].insert(TagInfo.boundary)
    }
    return t
}()

/// `tagInfo` indexed by `KnownTags` id (every tagInfo name is a known name).
private let tagInfoByID: [TagInfo?] = KnownTags.names.map { tagInfo[$0] }

private let mathTextIntegration: Set<String> = ["mi", "mo", "mn", "ms", "mtext"]

/// Simplified HTML5 tree builder ("in body" rules only, fragment context <body>).
///
/// Linear time is kept even for adversarial input (100,000 open elements followed by
/// 100,000 unmatched end tags): instead of walking the stack of open elements, it tracks the
/// newest open element of every name (a linked list through the stack) and a stack of
/// scope-boundary indices, so "is X in scope?" is an O(1) comparison and every element is
/// pushed and popped once.
struct TreeBuilder {
    private var tokenizer: Tokenizer
    private let root = HTMLNode.fragment()
    private var stack: [HTMLNode] = []
    /// Element names (namespaced keys) interned to small ints, so that popping needs no hashing.
    /// Known HTML names use their `KnownTags` id; other keys get ids from `KnownTags.names.count` on.
    private var keyIDs: [String: Int] = [:]
    /// Per interned key: stack index of the newest open element with that key, or -1.
    private var lastIndexOfKey: [Int] = []
    /// Parallel to `stack`: interned key, and the index of the previous open element with the
    /// same key (a linked list through the stack; flat arrays are cheap even unoptimized).
    private var stackKeyIDs: [Int] = []
    private var prevSameKey: [Int] = []

    /// Names the scope rules ask about (their `KnownTags` ids, so no hashing is needed).
    private enum K {
        static let p = id("p"), button = id("button"), li = id("li"), ul = id("ul"), ol = id("ol"),
                   dd = id("dd"), dt = id("dt"), dl = id("dl"), tr = id("tr"), td = id("td"), th = id("th"),
                   table = id("table"), thead = id("thead"), tbody = id("tbody"), tfoot = id("tfoot"), a = id("a")
        static let img = UInt16(id("img")), br = UInt16(id("br"))
        private static func id(_ n: String) -> Int { Int(KnownTags.id(n)) }
    }
    private var boundaryIndices: [Int] = []
    private var htmlIndices: [Int] = []
    private var skipNewline = false

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        tokenizer = Tokenizer(normalizedInput: bytes)
        lastIndexOfKey = [Int](repeating: -1, count: KnownTags.names.count)
    }

    mutating func run() -> HTMLNode {
        while let tok = tokenizer.nextToken() {
            let skip = skipNewline
            skipNewline = false
            switch tok {
            case .text(var s):
                // A newline right after <pre>, <listing> or <textarea> is not content.
                if skip, s.hasPrefix("\n") { s.removeFirst() }
                if !s.isEmpty { current.appendText(s) }
            case .comment(let c):
                current.appendChild(HTMLNode.comment(c))
            case .startTag(let name, let tag, let attrs, let selfClosing):
                startTag(name, tag, attrs, selfClosing)
            case .endTag(let name, let tag):
                endTag(name, tag)
            case .ignored:
                break
            }
            tokenizer.inForeignContent = (stack.last?.namespace ?? .html) != .html
        }
        stack.removeAll()
        return root
    }

    private var current: HTMLNode { stack.last ?? root }

    // MARK: Stack bookkeeping

    private func key(_ name: String, _ ns: HTMLNamespace) -> String {
        switch ns {
        case .html: return name
        case .svg: return "svg " + name
        case .mathml: return "math " + name
        }
    }

    private static let htmlBoundaries: Set<String> = ["applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"]

    private func isBoundary(_ n: HTMLNode) -> Bool {
        switch n.namespace {
        case .html:
            return TreeBuilder.htmlBoundaries.contains(n.name)
        case .mathml:
            return mathTextIntegration.contains(n.name) || n.name == "annotation-xml"
        case .svg:
            return n.name == "foreignobject" || n.name == "desc" || n.name == "title"
        }
    }

    private func isIntegrationPoint(_ n: HTMLNode) -> Bool {
        switch n.namespace {
        case .html: return false
        case .mathml:
            if mathTextIntegration.contains(n.name) { return true }
            if n.name == "annotation-xml", let enc = n.attribute("encoding")?.lowercased() {
                return enc == "text/html" || enc == "application/xhtml+xml"
            }
            return false
        case .svg: return n.name == "foreignobject" || n.name == "desc" || n.name == "title"
        }
    }

    /// `boundary` may be passed when the caller already knows it (saves a hash per element).
    private mutating func push(_ el: HTMLNode, boundary: Bool? = nil) {
        current.appendChild(el)
        let idx = stack.count
        stack.append(el)
        let id: Int
        if el.namespace == .html, el.tagID != 0 {
            id = Int(el.tagID)
        } else {
            let k = key(el.name, el.namespace)
            if let existing = keyIDs[k] {
                id = existing
            } else {
                id = lastIndexOfKey.count
                keyIDs[k] = id
                lastIndexOfKey.append(-1)
            }
        }
        prevSameKey.append(lastIndexOfKey[id])
        lastIndexOfKey[id] = idx
        stackKeyIDs.append(id)
        if boundary ?? isBoundary(el) { boundaryIndices.append(idx) }
        if el.namespace == .html { htmlIndices.append(idx) }
    }

    private mutating func popOne() {
        guard stack.popLast() != nil else { return }
        let idx = stack.count
        // The popped element is always the newest open element with its key.
        if let id = stackKeyIDs.popLast(), let prev = prevSameKey.popLast(), id < lastIndexOfKey.count {
            lastIndexOfKey[id] = prev
        }
        if boundaryIndices.last == idx { boundaryIndices.removeLast() }
        if htmlIndices.last == idx { htmlIndices.removeLast() }
    }

    /// Pops the element at `index` and everything above it.
    private mutating func popTo(_ index: Int) {
        while stack.count > max(index, 0) { popOne() }
    }

    private func last(_ name: String, _ ns: HTMLNamespace = .html) -> Int {
        if ns == .html {
            let known = KnownTags.id(name)
            if known != 0 { return lastIndexOfKey[Int(known)] }
        }
        guard let id = keyIDs[key(name, ns)] else { return -1 }
        return lastIndexOfKey[id]
    }

    private func last(_ id: Int) -> Int { lastIndexOfKey[id] }

    private var lastBoundary: Int { boundaryIndices.last ?? -1 }

    private mutating func closePInButtonScope() {
        let p = last(K.p)
        if p >= 0, p > max(lastBoundary, last(K.button)) { popTo(p) }
    }

    // MARK: Start tags

    private mutating func startTag(_ rawName: String, _ rawTag: UInt16, _ attrs: [HTMLAttribute], _ selfClosing: Bool) {
        var name = rawName
        var tag = rawTag
        if let cur = stack.last, cur.namespace != .html {
            let htmlHere = (isIntegrationPoint(cur) && !(cur.namespace == .mathml && mathTextIntegration.contains(cur.name)))
                || (cur.namespace == .mathml && mathTextIntegration.contains(cur.name) && name != "mglyph" && name != "malignmark")
                || (cur.namespace == .mathml && cur.name == "annotation-xml" && name == "svg")
            if !htmlHere {
                let fontBreaks = name == "font" && attrs.contains { ["color", "face", "size"].contains($0.name) }
                if breakoutTags.contains(name) || fontBreaks {
                    while let c = stack.last, c.namespace != .html, !isIntegrationPoint(c) { popOne() }
                } else {
                    let el = HTMLNode(element: name, tagID: tag, namespace: cur.namespace, attributes: attrs)
                    push(el)
                    if selfClosing { popOne() }
                    return
                }
            }
        }

        guard let info = tagInfoByID[Int(tag)] else {
            // fast path: no special start-tag rules
            push(HTMLNode(element: name, tagID: tag, namespace: .html, attributes: attrs), boundary: false)
            return
        }
        if info.contains(TagInfo.ignored) { return }   // html/head/body/frameset/frame: meaningless in a body fragment
        if name == "image" { name = "img"; tag = K.img }     // the spec renames it

        if info.contains(TagInfo.foreignRoot) {
            push(HTMLNode(element: name, tagID: tag, namespace: name == "svg" ? .svg : .mathml, attributes: attrs))
            if selfClosing { popOne() }
            return
        }

        if info.contains(TagInfo.special) {
            switch name {
            case "li":
                let li = last(K.li)
                if li >= 0, li > max(lastBoundary, last(K.ul), last(K.ol)) { popTo(li) }
            case "dd", "dt":
                let d = max(last(K.dd), last(K.dt))
                if d >= 0, d > max(lastBoundary, last(K.dl)) { popTo(d) }
            case "option", "optgroup":
                if current.isHTML("option") { popOne() }
            case "tr":
                let tr = last(K.tr)
                if tr >= 0, tr > last(K.table) { popTo(tr) }
            case "td", "th":
                let cell = max(last(K.td), last(K.th))
                if cell >= 0, cell > last(K.table) { popTo(cell) }
            case "thead", "tbody", "tfoot":
                // Close *every* open section, row and cell above the nearest table (the spec's
                // cell → row → table-body chain), not just the innermost one: stopping at the
                // innermost left e.g. <tbody> open around the new one (`<tbody><td><tbody>`),
                // and on re-parse that nested start tag would close its parent instead. Each
                // rule here must be idempotent: a re-parse replays it on the stack it left.
                // Each pass pops at least one element, so this stays linear.
                while true {
                    let sec = max(last(K.tr), last(K.td), last(K.th), last(K.thead), last(K.tbody), last(K.tfoot))
                    guard sec >= 0, sec > last(K.table) else { break }
                    popTo(sec)
                }
            case "a":
                // Nested links are impossible; close the open one (stand-in for the adoption agency).
                let a = last(K.a)
                if a >= 0, a > lastBoundary { popTo(a) }
            case "button":
                let bt = last(K.button)
                if bt >= 0, bt > lastBoundary { popTo(bt) }
            default:
                break
            }
        }
        if info.contains(TagInfo.closesP) { closePInButtonScope() }
        if info.contains(TagInfo.heading), let cur = stack.last, cur.namespace == .html, headings.contains(cur.name) {
            popOne()
        }

        let el = HTMLNode(element: name, tagID: tag, namespace: .html, attributes: attrs)
        if info.contains(TagInfo.void) {
            current.appendChild(el)
            return
        }
        push(el, boundary: info.contains(TagInfo.boundary))
        if info.contains(TagInfo.rawtext) {
            tokenizer.contentModel = .rawtext(name)
        } else if info.contains(TagInfo.rcdata) {
            tokenizer.contentModel = .rcdata(name)
        } else if name == "plaintext" {
            tokenizer.contentModel = .plaintext
        }
        if info.contains(TagInfo.skipNewline) { skipNewline = true }
    }

    // MARK: End tags

    private mutating func endTag(_ name: String, _ tag: UInt16) {
        // Fast path: the end tag closes the current HTML element (correct for every name:
        // the special cases below would pop exactly this element too).
        if let cur = stack.last, cur.namespace == .html, tag != 0 ? cur.tagID == tag : cur.name == name {
            popOne()
            return
        }
        if let cur = stack.last, cur.namespace != .html {
            // Foreign content: close the nearest foreign element of that name, unless an HTML
            // element sits above it (then the HTML rules below apply).
            let f = max(last(name, .svg), last(name, .mathml))
            if f >= 0, f > (htmlIndices.last ?? -1) { popTo(f); return }
        }
        switch name {
        case "br":
            startTag("br", K.br, [], false)   // "</br>" acts as "<br>" (and breaks out of foreign content)
            return
        case "p":
            closePInButtonScope()
            return
        case "li":
            let li = last(K.li)
            if li >= 0, li > max(lastBoundary, last(K.ul), last(K.ol)) { popTo(li) }
            return
        case "html", "head", "body":
            return
        case "table", "tr", "tbody", "thead", "tfoot", "caption", "colgroup":
            let t = last(name)
            if t >= 0, name == "table" || t > last(K.table) { popTo(t) }
            return
        default:
            break
        }
        let idx = last(name)
        if idx >= 0, idx >= lastBoundary { popTo(idx) }
        // No matching open element in scope: ignored.
    }
}
