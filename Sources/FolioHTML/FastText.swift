import Foundation

/// Byte-level fast paths for the Character- and Foundation-based string operations of the
/// post-processing passes, which dominated render profiles (grapheme breaking, Unicode property
/// lookups, `NSString` bridging).
///
/// Every fast path must give exactly the result of the slow code it stands in for, so each
/// applies only where that is evident, and callers fall back to the original code otherwise:
/// - all-ASCII text: every byte is one Unicode scalar and, except CR LF, one Character, and
///   ASCII letters have no canonically equivalent spellings;
/// - "simple" text (`FastText.isSimple`): every scalar is its own Character (no combining
///   marks, joiners, prepended or spacing marks, Hangul jamo or regional indicators), so
///   Character operations equal scalar operations.
enum FastText {
    /// True when every byte is ASCII.
    static func isASCII(_ s: String) -> Bool {
        var s = s
        return s.withUTF8 { buf in
            for b in buf where b >= 0x80 { return false }
            return true
        }
    }

    /// `s.utf8.contains(byte)` with memchr over the contiguous bytes (the generic
    /// `Sequence.contains` on the UTF-8 view walked byte by byte through an iterator).
    static func containsByte(_ s: String, _ byte: UInt8) -> Bool {
        var s = s
        return s.withUTF8 { b in
            guard let base = b.baseAddress else { return false }
            return memchr(base, Int32(byte), b.count) != nil
        }
    }

    /// Unicode White_Space (what `Character.isWhitespace` tests on a Character's first scalar).
    @inline(__always) static func isWhitespace(_ v: UInt32) -> Bool {
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Scalars whose grapheme-break property is "Other" (or Control/CR/LF) and that are not
    /// emoji modifiers: next to each other they always form one Character each. Deliberately
    /// only common blocks (Latin, Greek, Cyrillic, general punctuation, symbols, CJK); anything
    /// else takes the slow path. Excluded on purpose: combining marks (U+0300–036F,
    /// U+0483–0489, U+20D0–20FF, U+302A–302F, U+3099–309A), U+2000–200F (spaces, ZWJ/ZWNJ),
    /// U+2028–202F and U+205F–206F.
    @inline(__always) static func isSimpleScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0...0x2FF, 0x370...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x2030...0x205E,
             0x20A0...0x20CF, 0x2100...0x27BF, 0x3000...0x3029, 0x4E00...0x9FFF:
            return true
        default:
            return false
        }
    }

    /// True when every scalar of `s` is its own Character (CR LF aside), see `isSimpleScalar`.
    static func isSimple(_ s: String) -> Bool {
        if isASCII(s) { return true }
        for u in s.unicodeScalars where !isSimpleScalar(u.value) { return false }
        return true
    }

    /// `s.split(whereSeparator: { $0.isWhitespace }).joined(separator: separator)` for simple text.
    /// On UTF-8 bytes: only non-ASCII scalars are decoded (to test them for White_Space), and
    /// the output is one byte buffer (appending scalar by scalar cost thousands of
    /// instructions per TOC heading).
    static func collapsed(_ s: String, separator: Unicode.Scalar) -> String {
        var s = s
        return s.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var pending = false
            var any = false
            var i = 0
            while i < b.count {
                let (len, v) = scalar(b, i)
                if isWhitespace(v) {
                    if any { pending = true }
                    i += len
                    continue
                }
                if pending { appendUTF8(separator, to: &out); pending = false }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<(i + len)]))
                any = true
                i += len
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Length and value of the scalar starting at `i` in valid UTF-8.
    @inline(__always) static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Int, UInt32) {
        let c = b[i]
        if c < 0x80 { return (1, UInt32(c)) }
        if c < 0xE0 { return (2, UInt32(c & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)) }
        if c < 0xF0 { return (3, UInt32(c & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)) }
        return (4, UInt32(c & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F))
    }

    @inline(__always) static func appendUTF8(_ u: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(u) { out.append($0) }
    }

    /// Whether `haystack` contains the (ASCII or non-ASCII) `needle`, as Foundation's
    /// `haystack.contains(needle)` would say. A byte match standing between two ASCII bytes (or
    /// the ends) is certainly a match; no byte match is certainly none, since the needles used
    /// here (ASCII letters, «) have no canonically equivalent spellings. Anything else asks
    /// Foundation.
    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        let verdict: Bool? = h.withUTF8 { hb in
            n.withUTF8 { nb in
                guard nb.count > 0, hb.count >= nb.count else { return false }
                var found = false
                var i = 0
                let last = hb.count - nb.count
                while i <= last {
                    if hb[i] == nb[0] {
                        var k = 1
                        while k < nb.count, hb[i + k] == nb[k] { k += 1 }
                        if k == nb.count {
                            found = true
                            let beforeOK = i == 0 || hb[i - 1] < 0x80
                            let afterOK = i + nb.count == hb.count || hb[i + nb.count] < 0x80
                            if beforeOK && afterOK { return true }
                        }
                    }
                    i += 1
                }
                return found ? nil : false
            }
        }
        return verdict ?? haystack.contains(needle)
    }
}

extension String {
    /// Whitespace runs collapsed to one space, trimmed.
    var collapsedWhitespace: String {
        if FastText.isSimple(self) { return FastText.collapsed(self, separator: " ") }
        return split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
