import Foundation

/// Named character references, parsed once from the generated table in Entities.swift.
let namedEntities: [String: String] = {
    var dict: [String: String] = [:]
    dict.reserveCapacity(2300)
    let compact = entityTableSource.filter { $0 != "\n" && $0 != "\r" }
    for entry in compact.split(separator: "|") {
        guard let colon = entry.firstIndex(of: ":") else { continue }
        let name = String(entry[..<colon])
        var value = String.UnicodeScalarView()
        for hex in entry[entry.index(after: colon)...].split(separator: ".") {
            if let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) { value.append(s) }
        }
        dict[name] = String(value)
    }
    return dict
}()

/// Longest entity name, including the ';' (CounterClockwiseContourIntegral;).
let maxEntityNameLength = 32

/// Windows-1252 remapping of numeric references in 0x80...0x9F (HTML spec, "numeric
/// character reference end state").
let c1Replacements: [UInt32: UInt32] = [
    0x80: 0x20AC, 0x82: 0x201A, 0x83: 0x0192, 0x84: 0x201E, 0x85: 0x2026, 0x86: 0x2020,
    0x87: 0x2021, 0x88: 0x02C6, 0x89: 0x2030, 0x8A: 0x0160, 0x8B: 0x2039, 0x8C: 0x0152,
    0x8E: 0x017D, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201C, 0x94: 0x201D, 0x95: 0x2022,
    0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02DC, 0x99: 0x2122, 0x9A: 0x0161, 0x9B: 0x203A,
    0x9C: 0x0153, 0x9E: 0x017E, 0x9F: 0x0178,
]

@inline(__always) func isASCIIAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
@inline(__always) func isASCIIDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
@inline(__always) func isASCIIAlnum(_ b: UInt8) -> Bool { isASCIIAlpha(b) || isASCIIDigit(b) }
@inline(__always) func isHexDigit(_ b: UInt8) -> Bool {
    isASCIIDigit(b) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x66)
}
@inline(__always) func isHTMLSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0C || b == 0x0D }

enum CharRef {
    /// Decodes a character reference whose '&' is at `amp`. Returns the replacement text and the
    /// index just past the reference, or nil when the '&' must be emitted literally.
    /// `inAttribute` applies the spec's legacy rule: a named reference without ';' followed by
    /// '=' or an alphanumeric is not decoded inside attribute values (`?a=1&copy=2` stays).
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at amp: Int, inAttribute: Bool) -> (String, Int)? {
        var i = amp + 1
        guard i < b.count else { return nil }
        if b[i] == UInt8(ascii: "#") {
            i += 1
            var hex = false
            if i < b.count, b[i] | 0x20 == UInt8(ascii: "x") { hex = true; i += 1 }
            let digitsStart = i
            var value: UInt32 = 0
            var overflow = false
            while i < b.count, hex ? isHexDigit(b[i]) : isASCIIDigit(b[i]) {
                let d: UInt32
                if isASCIIDigit(b[i]) { d = UInt32(b[i] - 0x30) } else { d = UInt32((b[i] | 0x20) - 0x61 + 10) }
                if !overflow {
                    // Saturate: anything past 0x10FFFF becomes U+FFFD anyway.
                    value = value * (hex ? 16 : 10) + d
                    if value > 0x10FFFF { overflow = true }
                }
                i += 1
            }
            if i == digitsStart { return nil }   // "&#" / "&#x" without digits: literal text
            if i < b.count, b[i] == UInt8(ascii: ";") { i += 1 }
            return (String(numericScalar(overflow ? 0x110000 : value)), i)
        }
        guard isASCIIAlnum(b[i]) else { return nil }
        var end = i
        while end < b.count, end - i < maxEntityNameLength, isASCIIAlnum(b[end]) { end += 1 }
        if end < b.count, b[end] == UInt8(ascii: ";"), end - i < maxEntityNameLength { end += 1 }
        // Longest prefix that names an entity wins (legacy "&notit;" → "¬it;").
        var len = end - i
        while len >= 2 {
            let name = String(decoding: b[i..<(i + len)], as: UTF8.self)
            if let value = namedEntities[name] {
                let after = i + len
                if inAttribute, b[after - 1] != UInt8(ascii: ";"), after < b.count,
                   b[after] == UInt8(ascii: "=") || isASCIIAlnum(b[after]) {
                    return nil
                }
                return (value, after)
            }
            len -= 1
        }
        return nil
    }

    /// `decode` appending the replacement's UTF-8 bytes to `out` (no String per reference);
    /// returns the index just past the reference, or nil (nothing appended) for a literal '&'.
    /// The references Markdown output is full of (`&amp;` `&lt;` `&gt;` `&quot;` `&nbsp;`) are
    /// matched on bytes first: the ';' ends the name scan, so `decode`'s longest-prefix search
    /// would find exactly that name, and the legacy attribute rule never applies after a ';'.
    static func decode(_ b: UnsafeBufferPointer<UInt8>, at amp: Int, inAttribute: Bool, into out: inout [UInt8]) -> Int? {
        let i = amp + 1
        let n = b.count
        if i + 2 < n, b[i + 2] == UInt8(ascii: ";") {
            let c0 = b[i], c1 = b[i + 1]
            if c1 == UInt8(ascii: "t") {
                if c0 == UInt8(ascii: "l") { out.append(UInt8(ascii: "<")); return i + 3 }
                if c0 == UInt8(ascii: "g") { out.append(UInt8(ascii: ">")); return i + 3 }
            }
        } else if i + 3 < n, b[i + 3] == UInt8(ascii: ";"), b[i] == UInt8(ascii: "a"), b[i + 1] == UInt8(ascii: "m"),
                  b[i + 2] == UInt8(ascii: "p") {
            out.append(UInt8(ascii: "&")); return i + 4
        } else if i + 4 < n, b[i + 4] == UInt8(ascii: ";") {
            if b[i] == UInt8(ascii: "q"), b[i + 1] == UInt8(ascii: "u"), b[i + 2] == UInt8(ascii: "o"), b[i + 3] == UInt8(ascii: "t") {
                out.append(UInt8(ascii: "\"")); return i + 5
            }
            if b[i] == UInt8(ascii: "n"), b[i + 1] == UInt8(ascii: "b"), b[i + 2] == UInt8(ascii: "s"), b[i + 3] == UInt8(ascii: "p") {
                out.append(0xC2); out.append(0xA0); return i + 5
            }
        }
        guard let (rep, next) = decode(b, at: amp, inAttribute: inAttribute) else { return nil }
        out.append(contentsOf: rep.utf8)
        return next
    }

    static func numericScalar(_ v: UInt32) -> Unicode.Scalar {
        let replacement = Unicode.Scalar(0xFFFD)!
        if v == 0 || v > 0x10FFFF || (0xD800...0xDFFF).contains(v) { return replacement }
        if let mapped = c1Replacements[v] { return Unicode.Scalar(mapped) ?? replacement }
        // A CR from &#13; is kept (the spec keeps it); the serializer re-escapes it so that
        // newline normalization on re-parse cannot change the tree.
        return Unicode.Scalar(v) ?? replacement
    }

    /// Decodes every character reference in a string (used for values that did not come
    /// through the tokenizer, e.g. live-sample text that still contains `&nbsp;`).
    public static func decodeAll(_ s: String, inAttribute: Bool = false) -> String {
        // Checked before copying: the sanitizer calls this for every attribute value.
        guard FastText.containsByte(s, UInt8(ascii: "&")) else { return s }
        var s = s
        return s.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var i = 0
            var runStart = 0
            while i < b.count {
                if b[i] == UInt8(ascii: "&") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
                    if let next = decode(b, at: i, inAttribute: inAttribute, into: &out) {
                        i = next
                    } else {
                        out.append(UInt8(ascii: "&"))
                        i += 1
                    }
                    runStart = i
                } else {
                    i += 1
                }
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<b.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }
}
