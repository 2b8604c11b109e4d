import Foundation

enum Token {
    /// `tag`: the name's `KnownTags` id (0: not a known name).
    case startTag(name: String, tag: UInt16, attributes: [HTMLAttribute], selfClosing: Bool)
    case endTag(name: String, tag: UInt16)
    case text(String)
    case comment(String)
    /// Markup that produces nothing (DOCTYPE, `</>`, a tag cut off by EOF).
    case ignored
}

/// HTML5 tokenizer over UTF-8 bytes. Every byte the state machine cares about is ASCII, so
/// working on bytes keeps it linear and fast (even in debug builds) while non-ASCII runs are
/// copied through untouched.
///
/// Implemented states: data, RCDATA, RAWTEXT, PLAINTEXT, tag open, end tag open, tag name,
/// before/after attribute name, attribute name, attribute value (double/single/unquoted),
/// after attribute value, self-closing start tag, markup declaration open, comment (incl.
/// `<!-->`, `<!--->` and `--!>`), bogus comment, DOCTYPE (dropped), CDATA section (only in
/// foreign content; elsewhere a bogus comment), character references.
/// A struct (not a class) so that accesses to the cursor are statically exclusivity-checked;
/// dynamic checks on class properties dominated the profile of unoptimized builds.
/// Deliberate simplification: script content uses RAWTEXT rules (no script-data escape
/// states); the sanitizer drops script content wholesale, so this is only a fidelity gap.
struct Tokenizer {
    enum ContentModel: Equatable { case data, rcdata(String), rawtext(String), plaintext }

    /// Borrowed input bytes; valid only inside `Tokenizer.withNormalizedInput` (the tokenizer
    /// never escapes it). Unsafe buffer access avoids per-byte retain/release and generic
    /// dispatch in unoptimized builds.
    private let b: UnsafeBufferPointer<UInt8>
    private var i = 0
    var contentModel: ContentModel = .data
    /// Set by the tree builder: CDATA sections are real only inside SVG/MathML.
    var inForeignContent = false

    init(normalizedInput: UnsafeBufferPointer<UInt8>) { b = normalizedInput }

    /// Newline normalization (CRLF and CR → LF), as the input stream preprocessor does, then
    /// runs `body` with the normalized bytes.
    static func withNormalizedInput<R>(_ html: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        // Usual case: no CR, so the string's own UTF-8 storage is used without a copy.
        var s = html
        let direct: R? = s.withUTF8 { buffer in
            if let base = buffer.baseAddress, memchr(base, 0x0D, buffer.count) != nil { return nil }
            return body(buffer)
        }
        if let direct { return direct }
        var bytes = Array(html.utf8)
        if bytes.contains(0x0D) {
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var k = 0
            while k < bytes.count {
                let c = bytes[k]
                if c == 0x0D {
                    out.append(0x0A)
                    if k + 1 < bytes.count, bytes[k + 1] == 0x0A { k += 1 }
                } else {
                    out.append(c)
                }
                k += 1
            }
            bytes = out
        }
        return bytes.withUnsafeBufferPointer(body)
    }

    /// `withNormalizedInput` for bytes (valid UTF-8) that are already in an array.
    static func withNormalizedInput<R>(utf8 bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let direct: R? = bytes.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress, memchr(base, 0x0D, buffer.count) != nil { return nil }
            return body(buffer)
        }
        if let direct { return direct }
        return withNormalizedInput(String(decoding: bytes, as: UTF8.self), body)
    }

    var atEOF: Bool { i >= b.count }

    mutating func next() -> Token? {
        guard i < b.count else { return nil }
        switch contentModel {
        case .data: return dataState()
        case .rcdata(let end): return rawText(until: end, decodeRefs: true)
        case .rawtext(let end): return rawText(until: end, decodeRefs: false)
        case .plaintext:
            let s = String(decoding: b[i...], as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}")
            i = b.count
            return .text(s)
        }
    }

    // MARK: Data

    /// Text with character references is decoded into this reused byte buffer and turned into
    /// a String once (appending String pieces per reference was a large part of tokenizing
    /// Markdown output, which escapes every `<`, `>`, `&` and `"`).
    private var scratch: [UInt8] = []

    /// The text `b[runStart..<end]`, after what `scratch` already holds when `decoded`.
    @inline(__always) private mutating func text(_ decoded: Bool, _ runStart: Int, _ end: Int) -> String {
        if !decoded { return String(decoding: UnsafeBufferPointer(rebasing: b[runStart..<end]), as: UTF8.self) }
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<end]))
        return String(decoding: scratch, as: UTF8.self)
    }

    private mutating func dataState() -> Token? {
        var decoded = false
        var runStart = i
        let count = b.count
        while i < count {
            // Eight bytes at a time: skip words without a stop, else jump to the first stop.
            if i + 8 <= count {
                let stops = stopBytes(UInt64(littleEndian: UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)))
                if stops == 0 { i += 8; continue }
                i += stops.trailingZeroBitCount >> 3
            }
            let c = b[i]
            // '<', '&' and NUL are the only stops; most text bytes are above '<'.
            if c > UInt8(ascii: "<") || (c != UInt8(ascii: "<") && c != UInt8(ascii: "&") && c != 0) { i += 1; continue }
            if c == UInt8(ascii: "<") {
                if let tok = tagOpen() {
                    // A tag found after a text run: the text is returned first and the tag on
                    // the next call, so the tree builder can switch content models first.
                    if runStart == tagStartIndex && (!decoded || scratch.isEmpty) { return tok }
                    pending = tok
                    return .text(text(decoded, runStart, tagStartIndex))
                }
                // "<" that does not start markup is text; tagOpen left i on it.
                i += 1
                continue
            }
            if c == UInt8(ascii: "&") {
                if !decoded { scratch.removeAll(keepingCapacity: true); decoded = true }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                if let nextI = CharRef.decode(b, at: i, inAttribute: false, into: &scratch) {
                    i = nextI
                } else {
                    scratch.append(UInt8(ascii: "&"))
                    i += 1
                }
                runStart = i
                continue
            }
            // NUL: the "in body" insertion mode ignores U+0000 in text.
            if !decoded { scratch.removeAll(keepingCapacity: true); decoded = true }
            scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
            i += 1
            runStart = i
        }
        return .text(text(decoded, runStart, count))
    }

    private var tagStartIndex = 0
    /// A tag found after a text run, returned by the next `nextToken` call.
    private var pending: Token?

    mutating func nextToken() -> Token? {
        if let p = pending { pending = nil; return p }
        return next()
    }

    // MARK: Tags

    /// At '<'. On success sets tagStartIndex to the '<', advances past the construct and
    /// returns its token (`.ignored` for markup that produces nothing: DOCTYPE, `</>`, a tag
    /// cut off by EOF). nil: the '<' is just text, and `i` is left on it.
    private mutating func tagOpen() -> Token? {
        let start = i
        tagStartIndex = start
        guard start + 1 < b.count else { return nil }
        let c = b[start + 1]
        if c == UInt8(ascii: "!") { i = start + 2; return markupDeclaration() }
        if c == UInt8(ascii: "/") {
            guard start + 2 < b.count else { return nil }       // "</" at EOF is text
            let d = b[start + 2]
            if isASCIIAlpha(d) {
                i = start + 2
                return tag(isEnd: true)
            }
            if d == UInt8(ascii: ">") { i = start + 3; return .ignored }
            i = start + 2
            return bogusComment()
        }
        if isASCIIAlpha(c) {
            i = start + 1
            return tag(isEnd: false)
        }
        if c == UInt8(ascii: "?") { i = start + 1; return bogusComment() }
        return nil
    }

    private mutating func tag(isEnd: Bool) -> Token {
        let nameStart = i
        while i < b.count, !isHTMLSpace(b[i]), b[i] != UInt8(ascii: "/"), b[i] != UInt8(ascii: ">") { i += 1 }
        let (name, tagID) = tagName(nameStart, i)
        var attrs: [HTMLAttribute] = []
        var selfClosing = false
        while true {
            // Before attribute name.
            while i < b.count, isHTMLSpace(b[i]) { i += 1 }
            guard i < b.count else { return .ignored }   // EOF in tag: dropped
            if b[i] == UInt8(ascii: ">") { i += 1; break }
            if b[i] == UInt8(ascii: "/") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: ">") { selfClosing = true; i += 1; break }
                continue
            }
            // Attribute name; a leading '=' is part of the name (spec parse error).
            let an = i
            i += 1
            while i < b.count, !isHTMLSpace(b[i]), b[i] != UInt8(ascii: "/"), b[i] != UInt8(ascii: ">"), b[i] != UInt8(ascii: "=") { i += 1 }
            let attrName = lowerName(an, i)
            while i < b.count, isHTMLSpace(b[i]) { i += 1 }
            var value = ""
            if i < b.count, b[i] == UInt8(ascii: "=") {
                i += 1
                while i < b.count, isHTMLSpace(b[i]) { i += 1 }
                guard i < b.count else { return .ignored }
                let q = b[i]
                if q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") {
                    i += 1
                    guard let v = attributeValue(stopAt: { $0 == q }) else { return .ignored }
                    value = v
                    i += 1   // closing quote
                } else if q != UInt8(ascii: ">") {
                    guard let v = attributeValue(stopAt: { isHTMLSpace($0) || $0 == UInt8(ascii: ">") }) else {
                        return .ignored
                    }
                    value = v
                }
            }
            // Duplicate attributes: the first wins. Linear scan: tags have few attributes, and
            // the count is capped so a tag with 100,000 attributes stays linear-ish.
            if attrs.count < 256, !attrs.contains(where: { $0.name == attrName }) {
                attrs.append(HTMLAttribute(name: attrName, value: value))
            }
        }
        if isEnd { return .endTag(name: name, tag: tagID) }
        return .startTag(name: name, tag: tagID, attributes: attrs, selfClosing: selfClosing)
    }

    /// Reads an attribute value up to (not including) the stop byte. nil = EOF reached,
    /// which drops the whole tag as the spec does.
    /// Values with references or NULs are decoded into their own buffer: `scratch` may hold
    /// the text before the tag, still to be returned.
    private var attributeScratch: [UInt8] = []

    private mutating func attributeValue(stopAt: (UInt8) -> Bool) -> String? {
        var decoded = false
        var runStart = i
        while i < b.count {
            let c = b[i]
            if stopAt(c) {
                if !decoded { return String(decoding: UnsafeBufferPointer(rebasing: b[runStart..<i]), as: UTF8.self) }
                attributeScratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                return String(decoding: attributeScratch, as: UTF8.self)
            }
            if c == UInt8(ascii: "&") || c == 0 {
                if !decoded { attributeScratch.removeAll(keepingCapacity: true); decoded = true }
                attributeScratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                if c == 0 {
                    attributeScratch.append(contentsOf: [0xEF, 0xBF, 0xBD])   // U+FFFD
                    i += 1
                } else if let nextI = CharRef.decode(b, at: i, inAttribute: true, into: &attributeScratch) {
                    i = nextI
                } else {
                    attributeScratch.append(UInt8(ascii: "&"))
                    i += 1
                }
                runStart = i
                continue
            }
            i += 1
        }
        return nil
    }

    /// A tag name and its `KnownTags` id; known names come from the shared table (no
    /// String is built for them).
    private mutating func tagName(_ s: Int, _ e: Int) -> (String, UInt16) {
        var clean = true
        for k in s..<e where (b[k] >= 0x41 && b[k] <= 0x5A) || b[k] == 0 { clean = false; break }
        if clean {
            let id = KnownTags.id(UnsafeBufferPointer(rebasing: b[s..<e]))
            return (id != 0 ? KnownTags.names[Int(id)] : String(decoding: b[s..<e], as: UTF8.self), id)
        }
        let name = lowerName(s, e)
        return (name, KnownTags.id(name))
    }

    private mutating func lowerName(_ s: Int, _ e: Int) -> String {
        // Fast path: already lower-case ASCII without NUL (the common case) needs no copy.
        var clean = true
        for k in s..<e where (b[k] >= 0x41 && b[k] <= 0x5A) || b[k] == 0 { clean = false; break }
        if clean { return String(decoding: b[s..<e], as: UTF8.self) }
        var bytes = Array(b[s..<e])
        var hasNul = false
        for k in bytes.indices {
            if bytes[k] >= 0x41 && bytes[k] <= 0x5A { bytes[k] |= 0x20 }
            if bytes[k] == 0 { hasNul = true }
        }
        let str = String(decoding: bytes, as: UTF8.self)
        return hasNul ? str.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}") : str
    }

    // MARK: Markup declarations

    private func startsWith(_ s: String, caseInsensitive: Bool) -> Bool {
        let u = Array(s.utf8)
        guard i + u.count <= b.count else { return false }
        for k in 0..<u.count {
            let x = b[i + k], y = u[k]
            if caseInsensitive ? (x | 0x20) != (y | 0x20) : x != y { return false }
        }
        return true
    }

    private mutating func markupDeclaration() -> Token {
        if startsWith("--", caseInsensitive: false) {
            i += 2
            return comment()
        }
        if startsWith("doctype", caseInsensitive: true) {
            // DOCTYPE is meaningless in a fragment: skip to '>' and drop.
            while i < b.count, b[i] != UInt8(ascii: ">") { i += 1 }
            if i < b.count { i += 1 }
            return .ignored
        }
        if startsWith("[CDATA[", caseInsensitive: false), inForeignContent {
            i += 7
            let s = i
            while i < b.count {
                if b[i] == UInt8(ascii: "]"), i + 2 < b.count, b[i + 1] == UInt8(ascii: "]"), b[i + 2] == UInt8(ascii: ">") {
                    let text = String(decoding: b[s..<i], as: UTF8.self)
                    i += 3
                    return .text(text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
                }
                i += 1
            }
            return .text(String(decoding: b[s..<b.count], as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
        }
        return bogusComment()
    }

    /// Bogus comment: everything up to the next '>' (CDATA outside foreign content lands here).
    private mutating func bogusComment() -> Token {
        let s = i
        while i < b.count, b[i] != UInt8(ascii: ">") { i += 1 }
        let text = String(decoding: b[s..<i], as: UTF8.self)
        if i < b.count { i += 1 }
        return .comment(text.replacingOccurrences(of: "\u{0}", with: "\u{FFFD}"))
    }

    private mutating func comment() -> Token {
        // "<!-->" and "<!--->" are complete (empty) comments.
        if i < b.count, b[i] == UInt8(ascii: ">") { i += 1; return .comment("") }
        if i + 1 < b.count, b[i] == UInt8(ascii: "-"), b[i + 1] == UInt8(ascii: ">") { i += 2; return .comment("") }
        let s = i
        while i < b.count {
            if b[i] == UInt8(ascii: "-"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "-") {
                if i + 2 < b.count, b[i + 2] == UInt8(ascii: ">") {
                    let text = String(decoding: b[s..<i], as: UTF8.self)
                    i += 3
                    return .comment(text)
                }
                if i + 3 < b.count, b[i + 2] == UInt8(ascii: "!"), b[i + 3] == UInt8(ascii: ">") {
                    let text = String(decoding: b[s..<i], as: UTF8.self)
                    i += 4
                    return .comment(text)
                }
            }
            i += 1
        }
        return .comment(String(decoding: b[s..<b.count], as: UTF8.self))   // EOF in comment
    }

    // MARK: RCDATA / RAWTEXT

    /// Text up to the appropriate end tag `</name` followed by whitespace, '/' or '>'. The end
    /// tag itself is then tokenized normally in the data state.
    private mutating func rawText(until name: String, decodeRefs: Bool) -> Token? {
        let n = Array(name.utf8)
        var decoded = false
        var runStart = i
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "<"), i + 1 < b.count, b[i + 1] == UInt8(ascii: "/"), i + 2 + n.count <= b.count {
                var match = true
                for k in 0..<n.count where (b[i + 2 + k] | 0x20) != n[k] { match = false; break }
                if match {
                    let after = i + 2 + n.count
                    if after == b.count || isHTMLSpace(b[after]) || b[after] == UInt8(ascii: "/") || b[after] == UInt8(ascii: ">") {
                        contentModel = .data
                        return .text(text(decoded, runStart, i))
                    }
                }
            }
            if (decodeRefs && c == UInt8(ascii: "&")) || c == 0 {
                if !decoded { scratch.removeAll(keepingCapacity: true); decoded = true }
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                if c == 0 {
                    scratch.append(contentsOf: [0xEF, 0xBF, 0xBD])   // U+FFFD
                    i += 1
                } else if let nextI = CharRef.decode(b, at: i, inAttribute: false, into: &scratch) {
                    i = nextI
                } else {
                    scratch.append(UInt8(ascii: "&"))
                    i += 1
                }
                runStart = i
                continue
            }
            i += 1
        }
        return .text(text(decoded, runStart, b.count))
    }
}

/// High bit set in the bytes of `w` that are '<', '&' or NUL. Borrows can also mark bytes
/// above a real match, never below one, so the lowest set bit is the first stop.
@inline(__always) private func stopBytes(_ w: UInt64) -> UInt64 {
    @inline(__always) func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }
    return zeroBytes(w) | zeroBytes(w ^ 0x3C3C_3C3C_3C3C_3C3C) | zeroBytes(w ^ 0x2626_2626_2626_2626)
}
