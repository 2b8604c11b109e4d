/// A readable word-level diff of two texts, built on the standard library's
/// `CollectionDifference`.
///
/// Lines are compared first, so unchanged lines are cheap and the result stays readable; each
/// run of changed lines is then compared word by word. Long unchanged stretches are collapsed
/// to a little context around each change.
public struct WordDiff: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case equal, removed, inserted }

    public struct Segment: Sendable, Equatable {
        public var kind: Kind
        public var text: String
        public init(_ kind: Kind, _ text: String) { self.kind = kind; self.text = text }
    }

    public private(set) var segments: [Segment] = []

    public var hasChanges: Bool { segments.contains { $0.kind != .equal } }
    public var insertedWords: Int { count(.inserted) }
    public var removedWords: Int { count(.removed) }

    public init(from old: String, to new: String) {
        let oldLines = Self.lines(old), newLines = Self.lines(new)
        for op in Self.align(oldLines, newLines) {
            switch op {
            case .same(let line): append(.equal, line)
            case .changed(let removed, let inserted):
                let a = Self.words(removed.joined()), b = Self.words(inserted.joined())
                for item in Self.align(a, b) {
                    switch item {
                    case .same(let word): append(.equal, word)
                    case .changed(let r, let i):
                        append(.removed, r.joined())
                        append(.inserted, i.joined())
                    }
                }
            }
        }
    }

    private func count(_ kind: Kind) -> Int {
        segments.filter { $0.kind == kind }.reduce(0) { total, segment in
            total + Self.words(segment.text).filter { !$0.allSatisfy(\.isWhitespace) }.count
        }
    }

    private mutating func append(_ kind: Kind, _ text: String) {
        if text.isEmpty { return }
        if let last = segments.last, last.kind == kind {
            segments[segments.count - 1].text += text
        } else {
            segments.append(Segment(kind, text))
        }
    }

    // MARK: Alignment

    enum Op: Equatable { case same(String), changed([String], [String]) }

    /// Above this many elements on the two sides together, Myers' algorithm (memory quadratic in
    /// the number of differences) is not run directly: the block is first cut at lines that occur
    /// exactly once on each side (patience diff), and what still is too large is shown as removed
    /// and inserted wholesale.
    static let alignmentLimit = 8_000

    /// Walks `CollectionDifference` into runs of equal elements and changed blocks. A common
    /// prefix and suffix are matched first, which is cheap and keeps most edits small.
    static func align(_ old: [String], _ new: [String]) -> [Op] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        let oldMiddle = Array(old[prefix..<(old.count - suffix)]), newMiddle = Array(new[prefix..<(new.count - suffix)])
        var ops = old[..<prefix].map { Op.same($0) }
        if oldMiddle.count + newMiddle.count <= alignmentLimit {
            ops += alignMiddle(oldMiddle, newMiddle)
        } else if let anchors = uniqueAnchors(oldMiddle, newMiddle), !anchors.isEmpty {
            var i = 0, j = 0
            for (a, b) in anchors {
                ops += align(Array(oldMiddle[i..<a]), Array(newMiddle[j..<b]))
                ops.append(.same(oldMiddle[a]))
                i = a + 1; j = b + 1
            }
            ops += align(Array(oldMiddle[i...]), Array(newMiddle[j...]))
        } else {
            ops.append(.changed(oldMiddle, newMiddle))
        }
        ops += old[(old.count - suffix)...].map { Op.same($0) }
        return mergeChanges(ops)
    }

    /// Pairs of positions of elements that occur exactly once in each side, in an order that
    /// increases on both sides (the longest such chain, found by patience sorting).
    static func uniqueAnchors(_ old: [String], _ new: [String]) -> [(Int, Int)]? {
        var oldCount: [String: (count: Int, index: Int)] = [:]
        for (index, element) in old.enumerated() { oldCount[element, default: (0, index)].count += 1 }
        var newCount: [String: (count: Int, index: Int)] = [:]
        for (index, element) in new.enumerated() { newCount[element, default: (0, index)].count += 1 }
        var pairs: [(Int, Int)] = []
        for (index, element) in old.enumerated() {
            if let a = oldCount[element], a.count == 1, let b = newCount[element], b.count == 1 { pairs.append((index, b.index)) }
        }
        guard !pairs.isEmpty else { return nil }
        // Longest increasing subsequence of the `new` positions (pairs are in `old` order).
        var tails: [Int] = [], previous = [Int](repeating: -1, count: pairs.count)
        for (k, pair) in pairs.enumerated() {
            var low = 0, high = tails.count
            while low < high {
                let mid = (low + high) / 2
                if pairs[tails[mid]].1 < pair.1 { low = mid + 1 } else { high = mid }
            }
            if low > 0 { previous[k] = tails[low - 1] }
            if low == tails.count { tails.append(k) } else { tails[low] = k }
        }
        var chain: [(Int, Int)] = []
        var k = tails.last ?? -1
        while k >= 0 { chain.append(pairs[k]); k = previous[k] }
        return chain.reversed()
    }

    /// Joins adjacent changed blocks (recursion can produce them side by side).
    static func mergeChanges(_ ops: [Op]) -> [Op] {
        var merged: [Op] = []
        for op in ops {
            if case .changed(let r2, let i2) = op, case .changed(let r1, let i1)? = merged.last {
                merged[merged.count - 1] = .changed(r1 + r2, i1 + i2)
            } else if case .changed(let r, let i) = op, r.isEmpty, i.isEmpty {
                continue
            } else {
                merged.append(op)
            }
        }
        return merged
    }

    private static func alignMiddle(_ old: [String], _ new: [String]) -> [Op] {
        let difference = new.difference(from: old)
        var removed = Set<Int>(), inserted = Set<Int>()
        for change in difference {
            switch change {
            case .remove(let offset, _, _): removed.insert(offset)
            case .insert(let offset, _, _): inserted.insert(offset)
            }
        }
        var ops: [Op] = []
        var i = 0, j = 0
        var pendingRemoved: [String] = [], pendingInserted: [String] = []
        func flush() {
            if !pendingRemoved.isEmpty || !pendingInserted.isEmpty {
                ops.append(.changed(pendingRemoved, pendingInserted))
                pendingRemoved = []; pendingInserted = []
            }
        }
        while i < old.count || j < new.count {
            if i < old.count, removed.contains(i) {
                pendingRemoved.append(old[i]); i += 1
            } else if j < new.count, inserted.contains(j) {
                pendingInserted.append(new[j]); j += 1
            } else {
                flush()
                ops.append(.same(old[i])); i += 1; j += 1
            }
        }
        flush()
        return ops
    }

    /// Lines with their line breaks kept, so joining them gives the text back.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        for character in text {
            current.append(character)
            if character == "\n" || character == "\r\n" { result.append(current); current = "" }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// Words, runs of whitespace, and single punctuation characters (so `<p>` changes read well).
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var currentIsWord = false, currentIsSpace = false
        for character in text {
            let isWord = character.isLetter || character.isNumber || character == "_"
            let isSpace = character.isWhitespace
            if (isWord && currentIsWord) || (isSpace && currentIsSpace) {
                current.append(character)
                continue
            }
            if !current.isEmpty { result.append(current) }
            current = String(character)
            currentIsWord = isWord; currentIsSpace = isSpace
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    // MARK: HTML

    /// The diff as escaped HTML: `<del>` and `<ins>` inside, unchanged stretches longer than
    /// `2 × context + 1` lines collapsed to their first and last `context` lines.
    public func html(context: Int = 3) -> String {
        var out = ""
        for (index, segment) in segments.enumerated() {
            switch segment.kind {
            case .removed: out += "<del>" + HTMLEscape.escape(segment.text) + "</del>"
            case .inserted: out += "<ins>" + HTMLEscape.escape(segment.text) + "</ins>"
            case .equal:
                out += Self.collapsed(segment.text, context: context,
                                      isFirst: index == 0, isLast: index == segments.count - 1)
            }
        }
        return out
    }

    private static func collapsed(_ text: String, context: Int, isFirst: Bool, isLast: Bool) -> String {
        let lines = Self.lines(text)
        let keepHead = isFirst ? 0 : context + 1   // the rest of the changed line, plus context
        let keepTail = isLast ? 0 : context + 1
        guard lines.count > keepHead + keepTail + 1 else { return HTMLEscape.escape(text) }
        let hidden = lines.count - keepHead - keepTail
        let head = lines.prefix(keepHead).joined(), tail = lines.suffix(keepTail).joined()
        return HTMLEscape.escape(head)
            + "<span class=\"diff-skip\">… \(hidden) unchanged line\(hidden == 1 ? "" : "s") …</span>\n"
            + HTMLEscape.escape(tail)
    }
}
