/// Parses KumaScript calls out of text: `{{ Name }}`, `{{ Name(arg, "str", 'str', 1.5) }}`,
/// `{{ Name({"json": "object"}) }}`; `\{{` is a literal `{{`. Names are case-insensitive and may
/// contain `:` (`{{L10n:Common}}`), `-`, `_` and `.`; they start with a letter or `_`.
///
/// A `{{` that is not followed by a name is ordinary text (prose may mention `{{`). A call that
/// starts with a name but does not parse is kept as written and reported as malformed.
/// Linear time: every byte is looked at a bounded number of times.
public enum MacroParser {
    public static func parse(_ text: String) -> [MacroSegment] {
        let bytes = Array(text.utf8)
        guard bytes.count >= 2, containsOpen(bytes) else { return [.text(text)] }
        var segments: [MacroSegment] = []
        var textStart = 0
        var i = 0
        func flushText(_ end: Int) {
            if end > textStart { segments.append(.text(String(decoding: bytes[textStart..<end], as: UTF8.self))) }
        }
        while i + 1 < bytes.count {
            guard bytes[i] == 0x7B, bytes[i + 1] == 0x7B else { i += 1; continue }
            if i > 0, bytes[i - 1] == 0x5C {   // \{{ → literal {{
                flushText(i - 1)
                segments.append(.text("{{"))
                i += 2
                textStart = i
                continue
            }
            var scanner = Scanner(bytes: bytes, position: i + 2)
            switch scanner.call() {
            case .notACall:
                i += 2
            case .call(let name, let arguments):
                flushText(i)
                let raw = String(decoding: bytes[i..<scanner.position], as: UTF8.self)
                segments.append(.call(MacroCall(name: name, arguments: arguments, raw: raw)))
                i = scanner.position
                textStart = i
            case .malformed(let name, let message):
                // Keep everything up to the first `}}` after the opening (or the end) as written.
                var end = i + 2
                while end + 1 < bytes.count, !(bytes[end] == 0x7D && bytes[end + 1] == 0x7D) { end += 1 }
                end = end + 1 < bytes.count ? end + 2 : bytes.count
                flushText(i)
                segments.append(.malformed(raw: String(decoding: bytes[i..<end], as: UTF8.self), name: name, message: message))
                i = end
                textStart = i
            }
        }
        flushText(bytes.count)
        return segments
    }

    /// Whether the text holds `{{` at all (the common case for text nodes is no).
    public static func containsCall(_ text: String) -> Bool { containsOpen(Array(text.utf8)) }

    private static func containsOpen(_ bytes: [UInt8]) -> Bool {
        var i = 0
        while i + 1 < bytes.count {
            if bytes[i] == 0x7B && bytes[i + 1] == 0x7B { return true }
            i += 1
        }
        return false
    }
}

private struct Scanner {
    enum Result { case notACall, call(String, [MacroValue]), malformed(String, String) }

    let bytes: [UInt8]
    var position: Int
    /// JSON arguments nest; deeper input is refused instead of recursing without bound.
    static let maxDepth = 64

    init(bytes: [UInt8], position: Int) { self.bytes = bytes; self.position = position }

    var current: UInt8? { position < bytes.count ? bytes[position] : nil }

    mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { position += 1 }
    }

    static func isNameStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F }
    static func isNameByte(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x3A || c == 0x2D || c == 0x2E || c >= 0x80
    }

    mutating func call() -> Result {
        skipSpace()
        guard let first = current, Self.isNameStart(first) else { return .notACall }
        let nameStart = position
        while let c = current, Self.isNameByte(c) { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        skipSpace()
        var arguments: [MacroValue] = []
        if current == 0x28 {   // (
            position += 1
            skipSpace()
            if current == 0x29 { position += 1 } else {
                while true {
                    skipSpace()
                    // KumaScript accepted empty arguments (`{{Foo("a", , 3)}}`): they are null.
                    if current == 0x2C { arguments.append(.null); position += 1; continue }
                    guard let value = value(depth: 0) else {
                        return .malformed(name, "cannot read argument \(arguments.count + 1)")
                    }
                    arguments.append(value)
                    skipSpace()
                    if current == 0x2C { position += 1; continue }
                    if current == 0x29 { position += 1; break }
                    return .malformed(name, "expected “,” or “)” after argument \(arguments.count)")
                }
            }
            skipSpace()
        }
        guard current == 0x7D, position + 1 < bytes.count, bytes[position + 1] == 0x7D else {
            // `{{Name` followed by something else: if it never closes, it is probably prose.
            return hasClose() ? .malformed(name, "expected “}}”") : .notACall
        }
        position += 2
        return .call(name, arguments)
    }

    func hasClose() -> Bool {
        var i = position
        while i + 1 < bytes.count {
            if bytes[i] == 0x7D && bytes[i + 1] == 0x7D { return true }
            if bytes[i] == 0x7B && bytes[i + 1] == 0x7B { return false }
            i += 1
        }
        return false
    }

    mutating func value(depth: Int) -> MacroValue? {
        guard let c = current else { return nil }
        switch c {
        case 0x22, 0x27:
            return string(quote: c).map { .string($0) }
        case 0x7B, 0x5B:
            return json(depth: depth).map { .json($0) }
        case 0x2D, 0x2B, 0x2E, 0x30...0x39:
            return number()
        default:
            if match("true") { return .bool(true) }
            if match("false") { return .bool(false) }
            if match("null") || match("undefined") { return .null }
            return nil
        }
    }

    mutating func match(_ word: String) -> Bool {
        let w = Array(word.utf8)
        guard position + w.count <= bytes.count, Array(bytes[position..<position + w.count]) == w else { return false }
        if position + w.count < bytes.count, Self.isNameByte(bytes[position + w.count]) { return false }
        position += w.count
        return true
    }

    mutating func number() -> MacroValue? {
        let start = position
        if current == 0x2D || current == 0x2B { position += 1 }
        while let c = current, (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x65 || c == 0x45 { position += 1 }
        let literal = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(literal) else { return nil }
        return .number(value, literal: literal)
    }

    /// Whether the text after a quote at `position` can end an argument or a JSON value.
    func closesArgument() -> Bool {
        var i = position
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        guard i < bytes.count else { return true }
        switch bytes[i] {
        case 0x2C, 0x29, 0x3A, 0x7D, 0x5D: return true   // , ) : } ]
        default: return false
        }
    }

    /// A quoted string with JavaScript-style backslash escapes.
    mutating func string(quote: UInt8) -> String? {
        position += 1
        var out: [UInt8] = []
        while let c = current {
            position += 1
            // A quote ends the string only where an argument can end (`,` or `)` next, after
            // spaces): MDN content has calls like ('l'attributo title', 150) that KumaScript
            // rejected but whose meaning is plain.
            if c == quote, closesArgument() { return String(decoding: out, as: UTF8.self) }
            if c == 0x5C, let next = current {
                position += 1
                switch next {
                case 0x6E: out.append(0x0A)
                case 0x74: out.append(0x09)
                case 0x72: out.append(0x0D)
                case 0x75:   // \uXXXX
                    guard position + 4 <= bytes.count,
                          let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16),
                          let scalar = Unicode.Scalar(code) else { return nil }
                    position += 4
                    out.append(contentsOf: Array(String(Character(scalar)).utf8))
                default: out.append(next)
                }
                continue
            }
            out.append(c)
        }
        return nil
    }

    mutating func json(depth: Int) -> JSONValue? {
        guard depth < Self.maxDepth, let c = current else { return nil }
        skipSpace()
        switch current ?? c {
        case 0x7B:
            position += 1
            var pairs: [(String, JSONValue)] = []
            skipSpace()
            if current == 0x7D { position += 1; return .object(pairs) }
            while true {
                skipSpace()
                guard let q = current, q == 0x22 || q == 0x27, let key = string(quote: q) else { return nil }
                skipSpace()
                guard current == 0x3A else { return nil }
                position += 1
                skipSpace()
                guard let value = jsonValue(depth: depth + 1) else { return nil }
                pairs.append((key, value))
                skipSpace()
                if current == 0x2C { position += 1; continue }
                if current == 0x7D { position += 1; return .object(pairs) }
                return nil
            }
        case 0x5B:
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if current == 0x5D { position += 1; return .array(items) }
            while true {
                skipSpace()
                guard let value = jsonValue(depth: depth + 1) else { return nil }
                items.append(value)
                skipSpace()
                if current == 0x2C { position += 1; continue }
                if current == 0x5D { position += 1; return .array(items) }
                return nil
            }
        default:
            return nil
        }
    }

    mutating func jsonValue(depth: Int) -> JSONValue? {
        guard let c = current else { return nil }
        switch c {
        case 0x7B, 0x5B: return json(depth: depth)
        case 0x22, 0x27: return string(quote: c).map { .string($0) }
        default:
            guard let value = value(depth: depth) else { return nil }
            switch value {
            case .number(let n, _): return .number(n)
            case .bool(let b): return .bool(b)
            case .null: return .null
            default: return nil
            }
        }
    }
}
