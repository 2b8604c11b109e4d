import Foundation

/// Kuma's Extractor.code_sample for every sample id at once.
///
/// A sample named X is the code of `pre` blocks inside section X: the element with id X,
/// or, for a heading, its implicit section. A block's language comes from `brush: html|css|js`
/// (also "html;" style classes, Kuma's `pre[class*="X;"]`), a bare `html`/`css`/`js` class,
/// or `language-*` on the pre or its <code>. MDN Markdown's `live-sample___Y` class assigns
/// a block to sample Y only, wherever it is. Only ids with some code get a sample.
///
/// Blocks are located by pre-order index ranges, so the work is linear in the document plus
/// the size of the result.
enum LiveSamples {
    enum Lang { case html, css, js }

    struct Block { let index: Int; let lang: Lang; let code: String; let explicitID: String? }

    static func extract(_ root: HTMLNode) -> [String: LiveSample] {
        // Pre-order index, subtree end and index-in-parent for every node (scratch fields).
        var order: [HTMLNode] = []
        enum Step { case enter(HTMLNode), exit(HTMLNode) }
        var stack: [Step] = []
        func pushChildren(of n: HTMLNode) {
            let children = n.children
            var k = children.count - 1
            while k >= 0 {
                children[k].scratchPosition = k
                stack.append(.enter(children[k]))
                k -= 1
            }
        }
        pushChildren(of: root)
        while let s = stack.popLast() {
            switch s {
            case .enter(let n):
                n.scratchOrder = order.count
                order.append(n)
                stack.append(.exit(n))
                pushChildren(of: n)
            case .exit(let n):
                n.scratchEnd = order.count
            }
        }

        var blocks: [Block] = []
        for (i, n) in order.enumerated() where n.isHTML("pre") {
            var classes = n.attribute("class") ?? ""
            if let code = n.children.first(where: { $0.isHTML("code") }), let c = code.attribute("class") { classes += " " + c }
            guard let (lang, explicit) = classify(classes) else { continue }
            var code = n.textContent
            // Foundation's search is slow; most blocks have no U+00A0 (UTF-8 C2 A0) at all.
            if FastText.containsByte(code, 0xA0) { code = code.replacingOccurrences(of: "\u{A0}", with: " ") }
            blocks.append(Block(index: i, lang: lang, code: code, explicitID: explicit))
        }
        guard !blocks.isEmpty else { return [:] }

        // Block positions per sample id; code is concatenated in document order at the end.
        var assigned: [String: [Int]] = [:]
        for (k, b) in blocks.enumerated() { if let e = b.explicitID { assigned[e, default: []].append(k) } }

        for n in order where n.kind == .element {
            guard let id = n.attribute("id"), !id.isEmpty else { continue }
            let lo: Int, hi: Int
            if SectionExtraction.headingLevel(n) != nil {
                let parts = SectionExtraction.implicitSection(of: n, position: n.scratchPosition)
                guard let first = parts.first, let last = parts.last else { continue }
                lo = first.scratchOrder; hi = last.scratchEnd
            } else {
                lo = n.scratchOrder + 1; hi = n.scratchEnd
            }
            // Binary search for the first block at or after lo.
            var l = 0, r = blocks.count
            while l < r { let m = (l + r) / 2; if blocks[m].index < lo { l = m + 1 } else { r = m } }
            var k = l
            while k < blocks.count, blocks[k].index < hi {
                if blocks[k].explicitID == nil { assigned[id, default: []].append(k) }
                k += 1
            }
        }

        var result: [String: LiveSample] = [:]
        for (id, positions) in assigned {
            var s = LiveSample(id: id)
            for k in positions.sorted() {
                let b = blocks[k]
                switch b.lang {
                case .html: s.html += (s.html.isEmpty ? "" : "\n") + b.code
                case .css: s.css += (s.css.isEmpty ? "" : "\n") + b.code
                case .js: s.js += (s.js.isEmpty ? "" : "\n") + b.code
                }
            }
            if !(s.html.isEmpty && s.css.isEmpty && s.js.isEmpty) { result[id] = s }
        }
        return result
    }

    static func classify(_ classAttr: String) -> (Lang, String?)? {
        // Class values are ASCII in practice; then bytes are Characters (CR LF aside) and
        // the byte version below gives the same answer without Foundation or grapheme work.
        if FastText.isASCII(classAttr), !classAttr.utf8.contains(0x0D) {
            return asciiClassify(Array(classAttr.utf8))
        }
        let lower = classAttr.lowercased()
        var lang: Lang? = nil
        var explicit: String? = nil
        if let r = lower.range(of: "brush:") {
            let rest = lower[r.upperBound...].drop(while: { $0 == " " })
            lang = language(String(rest.prefix(while: { $0.isLetter })))
        }
        for tok in classAttr.split(whereSeparator: { $0 == " " || $0 == ";" || $0 == "\t" || $0 == "\n" }) {
            let t = String(tok)
            if t.hasPrefix("live-sample___") {
                let id = String(t.dropFirst("live-sample___".count))
                if !id.isEmpty { explicit = id }
                continue
            }
            if lang == nil {
                let lt = t.lowercased()
                lang = language(lt.hasPrefix("language-") ? String(lt.dropFirst(9)) : lt)
            }
        }
        guard let lang else { return nil }
        return (lang, explicit)
    }

    private static let brush = Array("brush:".utf8), liveSample = Array("live-sample___".utf8)
    private static let languagePrefix = Array("language-".utf8)

    /// `classify` for an ASCII value without CR.
    private static func asciiClassify(_ b: [UInt8]) -> (Lang, String?)? {
        func lowered<S: Sequence<UInt8>>(_ s: S) -> [UInt8] { s.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 } }
        func hasPrefix(_ s: ArraySlice<UInt8>, _ p: [UInt8]) -> Bool { s.count >= p.count && s.prefix(p.count).elementsEqual(p) }
        let lower = lowered(b)
        var lang: Lang? = nil
        var explicit: String? = nil
        if lower.count >= brush.count {
            for start in 0...(lower.count - brush.count) where hasPrefix(lower[start...], brush) {
                var j = start + brush.count
                while j < lower.count, lower[j] == UInt8(ascii: " ") { j += 1 }
                var e = j
                while e < lower.count, isASCIIAlpha(lower[e]) { e += 1 }
                lang = language(String(decoding: lower[j..<e], as: UTF8.self))
                break
            }
        }
        for tok in b.split(whereSeparator: { $0 == 0x20 || $0 == UInt8(ascii: ";") || $0 == 0x09 || $0 == 0x0A }) {
            if hasPrefix(tok, liveSample) {
                if tok.count > liveSample.count { explicit = String(decoding: tok.dropFirst(liveSample.count), as: UTF8.self) }
                continue
            }
            if lang == nil {
                let lt = lowered(tok)[...]
                lang = language(String(decoding: hasPrefix(lt, languagePrefix) ? lt.dropFirst(languagePrefix.count) : lt, as: UTF8.self))
            }
        }
        guard let lang else { return nil }
        return (lang, explicit)
    }

    static func language(_ s: String) -> Lang? {
        switch s {
        case "html": return .html
        case "css": return .css
        case "js", "javascript": return .js
        default: return nil
        }
    }
}
