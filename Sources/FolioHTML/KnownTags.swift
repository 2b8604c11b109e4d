/// Element names the parser, serializer and sanitizer ask about, interned to small ids.
///
/// Every element node carries its name's id (`HTMLNode.tagID`, 0 for other names), so the
/// per-element questions "is this void / raw text / a p-closer …?" are array lookups instead
/// of `Set<String>` hashing (SipHash on every element showed up in render profiles), and the
/// tokenizer can map tag-name bytes straight to a shared String without building one.
enum KnownTags {
    /// Index = id; id 0 is "not a known name".
    static let names: [String] = {
        var list = [""]
        var seen: Set<String> = [""]
        let groups: [[String]] = [
            Array(voidElements), Array(rawTextElements), Array(rcdataElements), ["plaintext", "image"],
            ["html", "head", "body", "frameset", "frame", "svg", "math", "li", "dd", "dt", "option", "optgroup",
             "tr", "td", "th", "thead", "tbody", "tfoot", "a", "button", "pre", "listing", "textarea", "applet",
             "caption", "table", "marquee", "object", "template", "font", "foreignobject", "desc", "title",
             "mglyph", "malignmark", "colgroup", "select", "label", "form", "input"],
            ["address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div", "dl",
             "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "main", "menu", "nav", "ol", "p",
             "search", "section", "summary", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "xmp"],
            ["b", "big", "br", "code", "em", "i", "nobr", "ruby", "s", "small", "span", "strong", "strike",
             "sub", "sup", "tt", "u", "var"],
            KumaAllowlist.bleachTags, KumaAllowlist.mathTags, KumaAllowlist.mdnTags,
        ]
        for g in groups {
            for n in g where seen.insert(n).inserted { list.append(n) }
        }
        return list
    }()

    private static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }
    private static let slotCount = 1024   // well over 4× the names: short probe runs
    /// Open addressing on `hash`; 0 = empty slot.
    private static let slots: [UInt16] = {
        var t = [UInt16](repeating: 0, count: slotCount)
        for id in 1..<names.count {
            let bytes = nameBytes[id]
            var k = bytes.withUnsafeBufferPointer { hash($0) }
            while t[k] != 0 { k = (k + 1) & (slotCount - 1) }
            t[k] = UInt16(id)
        }
        return t
    }()

    @inline(__always) private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> Int {
        var h = UInt32(truncatingIfNeeded: b.count) &* 0x9E37_79B9
        for c in b { h = (h ^ UInt32(c)) &* 0x0100_0193 }
        return Int(h >> 7) & (slotCount - 1)
    }

    /// Id of the (already lower-cased) name in `b`, or 0.
    static func id(_ b: UnsafeBufferPointer<UInt8>) -> UInt16 {
        guard b.count > 0, b.count <= 16 else { return 0 }
        var k = hash(b)
        while true {
            let id = slots[k]
            if id == 0 { return 0 }
            let candidate = nameBytes[Int(id)]
            if candidate.count == b.count, candidate.withUnsafeBufferPointer({ $0.elementsEqual(b) }) { return id }
            k = (k + 1) & (slotCount - 1)
        }
    }

    static func id(_ name: String) -> UInt16 {
        if name.isEmpty { return 0 }
        var n = name
        return n.withUTF8 { id($0) }
    }

    // Per-id properties (HTML namespace meaning; callers check the namespace).
    static let void: UInt8 = 1, rawText: UInt8 = 2, plaintextFlag: UInt8 = 4, skipsLeadingNewline: UInt8 = 8
    static let mathAllowlisted: UInt8 = 16

    static let flags: [UInt8] = names.map { n in
        var f: UInt8 = 0
        if voidElements.contains(n) { f |= void }
        if rawTextElements.contains(n) { f |= rawText }
        if n == "plaintext" { f |= plaintextFlag }
        if n == "pre" || n == "listing" || n == "textarea" { f |= skipsLeadingNewline }
        if KumaAllowlist.mathTagSet.contains(n) { f |= mathAllowlisted }
        return f
    }

    static let plaintext = id("plaintext"), a = id("a")
}
