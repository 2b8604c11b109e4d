/// A minimal pull-style JSON reader over UTF-8 bytes, used by `CompatData.load` to build the model
/// directly without an intermediate object graph. Tracks the JSON path for error messages.

struct CompatJSONReader {
    enum Kind { case object, array, string, number, bool, null }

    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    /// Path components: `.key` / `[i]`, joined for messages.
    var path: [PathComponent] = []

    enum PathComponent { case key(String), index(Int) }

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    var pathString: String {
        var s = "$"
        for c in path {
            switch c {
            case .key(let k): s += "." + k
            case .index(let i): s += "[\(i)]"
            }
        }
        return s
    }

    /// An error about the value at the current path.
    func error(_ message: String) -> CompatDataError { CompatDataError(path: pathString, message: message) }

    /// A syntax error at the current byte offset.
    func syntaxError(_ message: String) -> CompatDataError {
        var line = 1, col = 1
        var i = 0
        let end = min(pos, bytes.count)
        while i < end {
            if bytes[i] == 0x0A { line += 1; col = 1 } else if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return CompatDataError(path: pathString, message: message, offset: pos, line: line, column: col)
    }

    @inline(__always) mutating func skipWS() {
        while pos < bytes.count {
            let b = bytes[pos]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { return }
        }
    }

    mutating func peekKind() throws(CompatDataError) -> Kind {
        skipWS()
        guard pos < bytes.count else { throw syntaxError("unexpected end of input") }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: throw syntaxError("unexpected character \(describe(bytes[pos]))")
        }
    }

    func describe(_ b: UInt8) -> String {
        b >= 0x20 && b < 0x7F ? "'\(Character(Unicode.Scalar(b)))'" : "byte 0x" + String(b, radix: 16)
    }

    mutating func expect(_ c: UInt8) throws(CompatDataError) {
        skipWS()
        guard pos < bytes.count else { throw syntaxError("unexpected end of input, expected '\(Character(Unicode.Scalar(c)))'") }
        guard bytes[pos] == c else {
            throw syntaxError("expected '\(Character(Unicode.Scalar(c)))', found \(describe(bytes[pos]))")
        }
        pos += 1
    }

    mutating func literal(_ word: StaticString) throws(CompatDataError) {
        let n = word.utf8CodeUnitCount
        guard pos + n <= bytes.count else { throw syntaxError("invalid literal") }
        let p = word.utf8Start
        for i in 0..<n where bytes[pos + i] != p[i] { throw syntaxError("invalid literal") }
        pos += n
    }

    /// Iterates an object's members; `body` must consume the value. The key is pushed on the path.
    mutating func readObject(_ body: (inout CompatJSONReader, String) throws(CompatDataError) -> Void) throws(CompatDataError) {
        try expect(UInt8(ascii: "{"))
        skipWS()
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") { pos += 1; return }
        while true {
            skipWS()
            guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
                throw syntaxError(pos < bytes.count ? "expected a string key, found \(describe(bytes[pos]))" : "unexpected end of input")
            }
            let key = try rawString()
            try expect(UInt8(ascii: ":"))
            path.append(.key(key))
            try body(&self, key)
            path.removeLast()
            skipWS()
            guard pos < bytes.count else { throw syntaxError("unexpected end of input in object") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "}") { pos += 1; return }
            throw syntaxError("expected ',' or '}', found \(describe(bytes[pos]))")
        }
    }

    /// Iterates an array's elements; `body` must consume the element. The index is pushed on the path.
    mutating func readArray(_ body: (inout CompatJSONReader, Int) throws(CompatDataError) -> Void) throws(CompatDataError) {
        try expect(UInt8(ascii: "["))
        skipWS()
        if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") { pos += 1; return }
        var i = 0
        while true {
            path.append(.index(i))
            try body(&self, i)
            path.removeLast()
            i += 1
            skipWS()
            guard pos < bytes.count else { throw syntaxError("unexpected end of input in array") }
            if bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
            if bytes[pos] == UInt8(ascii: "]") { pos += 1; return }
            throw syntaxError("expected ',' or ']', found \(describe(bytes[pos]))")
        }
    }

    /// Reads a string at `pos` (which must be a quote).
    mutating func rawString() throws(CompatDataError) -> String {
        pos += 1
        let start = pos
        var hasEscape = false
        while pos < bytes.count {
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                if !hasEscape {
                    let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
                    pos += 1
                    return s
                }
                break
            }
            if b == UInt8(ascii: "\\") { hasEscape = true; pos += 2; continue }
            if b < 0x20 { throw syntaxError("control character in string") }
            pos += 1
        }
        guard pos < bytes.count else { throw syntaxError("unterminated string") }
        // Slow path with escapes.
        var out: [UInt8] = []
        out.reserveCapacity(pos - start)
        var i = start
        while true {
            guard i < bytes.count else { pos = i; throw syntaxError("unterminated string") }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { break }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            guard i + 1 < bytes.count else { pos = i; throw syntaxError("unterminated string") }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                pos = i
                var cp = try hex4(at: i)
                i += 4
                if cp >= 0xD800 && cp < 0xDC00, i + 6 <= bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") {
                    let lo = try hex4(at: i + 2)
                    if lo >= 0xDC00 && lo < 0xE000 {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
                        i += 6
                    }
                }
                let scalar = Unicode.Scalar(cp) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                pos = i - 1
                throw syntaxError("invalid escape \(describe(e))")
            }
        }
        pos = i + 1
        return String(decoding: out, as: UTF8.self)
    }

    func hex4(at i: Int) throws(CompatDataError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw syntaxError("invalid \\u escape") }
        var v: UInt32 = 0
        for k in 0..<4 {
            let c = bytes[i + k]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - 48)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - 87)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - 55)
            default: throw syntaxError("invalid \\u escape")
            }
            v = v << 4 | d
        }
        return v
    }

    // MARK: typed reads (type errors name the path)

    mutating func string(_ what: String = "a string") throws(CompatDataError) -> String {
        guard try peekKind() == .string else { throw error("expected \(what)") }
        return try rawString()
    }

    mutating func optionalString() throws(CompatDataError) -> String? {
        if try peekKind() == .null { try literal("null"); return nil }
        return try string("a string or null")
    }

    mutating func bool() throws(CompatDataError) -> Bool {
        guard try peekKind() == .bool else { throw error("expected true or false") }
        if bytes[pos] == UInt8(ascii: "t") { try literal("true"); return true }
        try literal("false"); return false
    }

    /// A string or a list of strings.
    mutating func stringOrList() throws(CompatDataError) -> [String] {
        switch try peekKind() {
        case .string: return [try rawString()]
        case .array:
            var out: [String] = []
            try readArray { (r, _) throws(CompatDataError) in out.append(try r.string()) }
            return out
        default: throw error("expected a string or a list of strings")
        }
    }

    /// Skips any value, checking its syntax.
    mutating func skipValue() throws(CompatDataError) {
        switch try peekKind() {
        case .object: try readObject { (r, _) throws(CompatDataError) in try r.skipValue() }
        case .array: try readArray { (r, _) throws(CompatDataError) in try r.skipValue() }
        case .string: _ = try rawString()
        case .bool: _ = try bool()
        case .null: try literal("null")
        case .number:
            let start = pos
            if bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            while pos < bytes.count {
                let b = bytes[pos]
                if (b >= 0x30 && b <= 0x39) || b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E")
                    || b == UInt8(ascii: "+") || b == UInt8(ascii: "-") { pos += 1 } else { break }
            }
            if pos == start + (bytes[start] == UInt8(ascii: "-") ? 1 : 0) { throw syntaxError("invalid number") }
        }
    }

    mutating func finish() throws(CompatDataError) {
        skipWS()
        if pos < bytes.count { throw syntaxError("unexpected \(describe(bytes[pos])) after the top-level value") }
    }
}
