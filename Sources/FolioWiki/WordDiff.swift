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

    /// Walks `CollectionDifference` into runs of equal elements and changed blocks.
    static func align(_ old: [String], _ new: [String]) -> [Op] {
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
