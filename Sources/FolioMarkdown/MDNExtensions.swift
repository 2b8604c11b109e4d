// MDN Web Docs extensions (options.mdn), modelled on Yari's Markdown
// renderer. Block rewrites run after block parsing and before inline
// parsing, because they look at raw paragraph text; heading ids are
// assigned after inline parsing.
//
// Macros: `{{…}}` is left for a later macro engine. The inline parser
// (InlineParser.handleMacro) copies it verbatim as text (HTML-escaped like
// any text, so quotes become &quot;) without interpreting emphasis, links,
// entities or escapes inside it, and `\{{` is emitted as a literal `\{{`
// (the backslash is kept) so the macro engine can tell escaped macros apart.
// Code spans and code blocks are never touched.

import Foundation

enum MDNCodeBlock {
    /// Maps a fence info string to the `<pre>` class, like Yari:
    ///   first word = language; a trailing `-nolint` is dropped; it is
    ///   lower-cased and emitted as `brush: <lang> notranslate`;
    ///   every further word (`hidden`, `example-good`, `example-bad`,
    ///   `interactive-example`, `live-sample___id`, …) is appended verbatim.
    ///   No language → just `notranslate` plus the flags.
    /// e.g. "js-nolint example-good" → "brush: js notranslate example-good".
    /// MDN code blocks are rendered as `<pre class="…">code</pre>` (no `<code>`).
    static func classes(forInfo info: String) -> String {
        // ASCII info strings (all real ones) on bytes: there every byte is a Character (an info
        // string has no CR), so splitting, the suffix test and lower-casing agree with the
        // Character-based code below, which cost ~7,000 instructions per code block.
        var info = info
        if let fast = info.withUTF8({ asciiClasses($0) }) { return fast }
        let words = info.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard var lang = words.first else { return "notranslate" }
        if lang.hasSuffix("-nolint") { lang.removeLast("-nolint".count) }
        var parts = lang.isEmpty ? ["notranslate"] : ["brush:", lang.lowercased(), "notranslate"]
        parts.append(contentsOf: words.dropFirst())
        return parts.joined(separator: " ")
    }

    private static func asciiClasses(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        var words: [Range<Int>] = []
        var i = 0
        while i < b.count {
            if b[i] >= 0x80 { return nil }
            if b[i] == C.space || b[i] == C.tab { i += 1; continue }
            let start = i
            while i < b.count, b[i] != C.space, b[i] != C.tab {
                if b[i] >= 0x80 { return nil }
                i += 1
            }
            words.append(start..<i)
        }
        guard let first = words.first else { return "notranslate" }
        var out: [UInt8] = []
        out.reserveCapacity(b.count + 24)
        var langEnd = first.upperBound
        let nolint: StaticString = "-nolint"
        if first.count >= nolint.utf8CodeUnitCount {
            let suffixStart = langEnd - nolint.utf8CodeUnitCount
            if nolint.withUTF8Buffer({ $0.elementsEqual(UnsafeBufferPointer(rebasing: b[suffixStart..<langEnd])) }) {
                langEnd = suffixStart
            }
        }
        if langEnd == first.lowerBound {
            out.append(contentsOf: "notranslate".utf8)
        } else {
            out.append(contentsOf: "brush: ".utf8)
            for k in first.lowerBound..<langEnd { out.append(b[k] >= 0x41 && b[k] <= 0x5A ? b[k] | 0x20 : b[k]) }
            out.append(contentsOf: " notranslate".utf8)
        }
        for w in words.dropFirst() {
            out.append(C.space)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[w]))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

enum MDNBlocks {
    static func transform(_ root: Node) {
        var quotes: [Node] = []
        var lists: [Node] = []
        var walker = NodeWalker(root)
        while let (node, entering) = walker.next() {
            guard entering else { continue }
            if node.kind == .blockQuote { quotes.append(node) }
            if node.kind == .list && !node.ordered { lists.append(node) }
        }
        for q in quotes { notecard(q) }
        let candidates = lists.filter(isDefinitionList)
        for l in candidates { convertDefinitionList(l) }
    }

    // MARK: Notecards

    /// `> [!NOTE]` / `> [!WARNING]` / `> [!CALLOUT]` (GitHub alert syntax)
    /// become `<div class="notecard note">`, `<div class="notecard warning">`
    /// and `<div class="callout">` (the classes MDN's writing guide documents). The marker is
    /// dropped; for NOTE and WARNING the first paragraph is prefixed with
    /// `**Note:** ` / `**Warning:** ` (as Yari renders them). The older form
    /// `> **Note:** …` / `> **Warning:** …` becomes the same div with the
    /// bold label kept as written.
    static func notecard(_ q: Node) {
        guard let para = q.firstChild, para.kind == .paragraph else { return }
        let c = para.content
        let alerts: [(String, String, String?)] = [
            ("[!NOTE]", "notecard note", "**Note:** "),
            ("[!WARNING]", "notecard warning", "**Warning:** "),
            ("[!CALLOUT]", "callout", nil),
        ]
        for (marker, cls, label) in alerts where c.hasPrefixCI(marker.lowercased(), at: 0) {
            var i = marker.utf8.count
            while i < c.count && isSpace(c[i]) { i += 1 }
            let rest = Array(c[i...])
            q.kind = .notecard
            q.cssClass = cls
            if rest.isEmpty {
                para.unlink()
                if let label, let next = q.firstChild, next.kind == .paragraph {
                    next.content = Array(label.utf8) + next.content
                }
            } else {
                para.content = (label.map { Array($0.utf8) } ?? []) + rest
            }
            return
        }
        for (label, cls) in [("**Note:**", "notecard note"), ("**Warning:**", "notecard warning")] where c.hasPrefixCI(label.lowercased(), at: 0) {
            q.kind = .notecard
            q.cssClass = cls
            return
        }
    }

    // MARK: Definition lists

    /// The nested `- : definition` list of an item, if the item has that shape.
    static func definitionPart(_ item: Node) -> Node? {
        guard let last = item.lastChild, last !== item.firstChild, last.kind == .list, !last.ordered,
              let only = last.firstChild, only.next == nil,
              let para = only.firstChild, para.kind == .paragraph else { return nil }
        let c = para.content
        guard c.first == C.colon, c.count == 1 || isSpace(c[1]) else { return nil }
        return last
    }

    static func isDefinitionList(_ list: Node) -> Bool {
        var item = list.firstChild
        guard item != nil else { return false }
        while let it = item {
            if definitionPart(it) == nil { return false }
            item = it.next
        }
        return true
    }

    /// `- term` + `  - : definition` items → `<dl><dt>term</dt><dd>definition</dd></dl>`.
    static func convertDefinitionList(_ list: Node) {
        list.kind = .definitionList
        var item = list.firstChild
        while let it = item {
            item = it.next
            guard let defList = definitionPart(it), let defItem = defList.firstChild,
                  let para = defItem.firstChild else { continue }
            var i = 1
            while i < para.content.count && isSpaceOrTab(para.content[i]) { i += 1 }
            para.content = Array(para.content[i...])
            if !para.content.contains(where: { !isSpace($0) }) { para.unlink() }
            let dd = Node(.definitionDescription)
            dd.tight = defList.tight && list.tight
            var child = defItem.firstChild
            while let c = child {
                child = c.next
                dd.appendChild(c)
            }
            defList.unlink()
            it.kind = .definitionTerm
            it.tight = true
            it.insertAfter(dd)
        }
    }
}

enum MDNHeadings {
    /// Gives every heading an id like Yari: see `slug`; duplicates get
    /// `_2`, `_3`, …; an empty slug becomes "section".
    static func assignIDs(_ root: Node) {
        var used: [String: Int] = [:]
        var walker = NodeWalker(root)
        while let (node, entering) = walker.next() {
            guard entering, node.kind == .heading else { continue }
            // Straight from the text bytes when ASCII (no intermediate String).
            let text = plainTextBytes(node)
            var base = text.withUnsafeBufferPointer { asciiSlug($0) } ?? slug(text.string)
            if base.isEmpty { base = "section" }
            var id = base
            if let n = used[base] {
                var k = n + 1
                while used[base + "_\(k)"] != nil { k += 1 }
                id = base + "_\(k)"
                used[base] = k
            } else {
                used[base] = 1
            }
            used[id] = used[id] ?? 1
            node.headingID = id
        }
    }

    static func plainTextBytes(_ node: Node) -> Bytes {
        var out = Bytes()
        var walker = NodeWalker(node)
        while let (n, entering) = walker.next() {
            guard entering else { continue }
            switch n.kind {
            case .text, .code: out.append(contentsOf: n.content)
            case .softBreak, .lineBreak: out.append(C.space)
            default: break
            }
        }
        return out
    }

    /// Applied literally in this order: trim, lower-case, whitespace runs →
    /// `_`, then drop every character that is not a letter, digit, `_`, `-`
    /// or `.` (so "a & b" → "a__b", as Yari does).
    static func slug(_ text: String) -> String {
        // ASCII headings (nearly all) on bytes: the same steps, without Foundation trimming,
        // grapheme breaking and Unicode property lookups.
        var t = text
        if let fast = t.withUTF8({ asciiSlug($0) }) { return fast }
        var result = ""
        var inSpace = false
        for ch in text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            if ch.isWhitespace {
                if !inSpace { result.append("_") }
                inSpace = true
                continue
            }
            inSpace = false
            guard ch.isLetter || ch.isNumber || ch == "_" || ch == "-" || ch == "." else { continue }
            result.append(ch)
        }
        return result
    }

    /// `slug` for ASCII text (nil if any byte is not ASCII). For ASCII, trimming's
    /// whitespacesAndNewlines and `isWhitespace` are both 0x09–0x0D and space, `isLetter`
    /// and `isNumber` are A–Z, a–z, 0–9, and CR LF (one Character) is whitespace either way.
    static func asciiSlug(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        @inline(__always) func isWS(_ c: UInt8) -> Bool { c == 0x20 || (c >= 0x09 && c <= 0x0D) }
        var lo = 0, hi = b.count
        for c in b where c >= 0x80 { return nil }
        while lo < hi, isWS(b[lo]) { lo += 1 }
        while hi > lo, isWS(b[hi - 1]) { hi -= 1 }
        var out: [UInt8] = []
        out.reserveCapacity(hi - lo)
        var inSpace = false
        for i in lo..<hi {
            var c = b[i]
            if isWS(c) {
                if !inSpace { out.append(C.underscore) }
                inSpace = true
                continue
            }
            inSpace = false
            if c >= 0x41 && c <= 0x5A { c |= 0x20 }
            guard (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == C.underscore
                    || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") else { continue }
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }
}
