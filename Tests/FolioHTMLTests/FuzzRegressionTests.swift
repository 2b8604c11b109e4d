import Foundation
import Testing
@testable import FolioHTML

/// Inputs found by libFuzzer (FuzzTokenizer / FuzzSanitizer) that broke `FuzzEntry.check`, their
/// hand-minimized forms, and an exhaustive check of short tag sequences that guards the
/// property behind them: every start-tag rule of the tree builder must be idempotent, i.e. the
/// stack it leaves behind must not trigger the same rule again (a re-parse of the serialized
/// tree replays every start tag on exactly that stack).
@Suite struct FuzzRegressionTests {
    /// Round trip, second round and sanitizer idempotence (the two fuzz harnesses' checks).
    func expectStable(_ input: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(FuzzEntry.check(input) == nil, "\(input.debugDescription)", sourceLocation: sourceLocation)
        let once = HTMLSerializer.serialize(HTMLParser.parseFragment(input))
        let twice = HTMLSerializer.serialize(HTMLParser.parseFragment(once))
        #expect(twice == once, "round trip: \(input.debugDescription)", sourceLocation: sourceLocation)
        let clean = Sanitizer.sanitize(input)
        #expect(Sanitizer.sanitize(clean) == clean, "sanitize: \(input.debugDescription)", sourceLocation: sourceLocation)
    }

    func rt(_ s: String) -> String { HTMLSerializer.serialize(HTMLParser.parseFragment(s)) }

    /// The original crash files, when this package's `crashes/` folder is present.
    @Test func crashFiles() throws {
        let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("crashes")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path), !names.isEmpty else {
            print("SKIP: no crash files in \(dir.path)")
            return
        }
        for name in names.sorted() where name.hasPrefix("crash-") {
            let data = try Data(contentsOf: dir.appendingPathComponent(name))
            expectStable(String(decoding: data, as: UTF8.self))
            data.withUnsafeBytes { FuzzEntry.tokenizeAndSanitize($0) }
        }
    }

    /// Minimized forms of crash-4ad3cf34… and crash-731ea201… (both: a table-section start tag
    /// inside a cell inside a section or row). The section start tag used to close only the
    /// innermost table element, leaving `<tbody>` (or `<tr>`) open around the new `<tbody>`; on
    /// re-parse that nested `<tbody>` start tag closed its parent instead.
    static let minimized = [
        "<tbody><td><tbody>",                    // 731ea201…: tbody > td, then tbody
        "<dt><tbody><td><dt><tbody>",            // 731ea201… as found (dt / p around the cells)
        "<tr><td><tbody>",                       // 4ad3cf34…: tr > td, then tbody
        "<td><tr><tbody>",                       // 4ad3cf34… as ddmin reduced it (row inside a cell)
        "<tbody><tD><tbody>",                    // 731ea201… as ddmin reduced it
        "<p><tr><td>ee<td>H<tbody><tr>w<tbody>", // 4ad3cf34… shape: rows and sections interleaved
    ]

    /// Nearby shapes: every section start tag, th cells, formatting and foreign content between.
    static let variants = [
        "<thead><th><tfoot>", "<tfoot><tr><th><thead>", "<tbody><tr><td><b><i><tbody>x",
        "<tbody><td><p>a<dt>b<tbody>c", "<tr><th><svg><foreignObject><tbody>", "<tbody><td><math><mi><tbody>",
        "<tbody><td><table><tbody><td><tbody></table><tbody>", "<table><tr><td><tbody></table>",
        "<tbody><td><button><tbody>", "<dl><dt><tbody><td><dd><tbody>", "<tr><td></tbody><tbody>",
        "<tbody><td></tr><tr><tbody>", "<li><tbody><td><li><tbody>", "<tbody><td><a><tbody><a>",
        "<dt>A<tbody>\u{0}H4><dt>A<t\u{0}4><dt>A<tbody>l <tD [!<p>He<p><p><A<~\u{0}4><dt>A<tbody>\u{0}H4><<b>bod&y>",
    ]

    @Test(arguments: minimized + variants)
    func reproducer(_ input: String) { expectStable(input) }

    @Test func sectionStartTagClosesEveryOpenTableElement() {
        // Like the HTML spec's "in cell" → "in row" → "in table body" chain: a section start
        // tag closes the cell, the row and the open section (but nothing outside a <table>).
        #expect(rt("<tbody><td><tbody>x") == "<tbody><td></td></tbody><tbody>x</tbody>")
        #expect(rt("<tr><td><thead>x") == "<tr><td></td></tr><thead>x</thead>")
        #expect(rt("<tbody><table><td><tbody>x") == "<tbody><table><td></td><tbody>x</tbody></table></tbody>")
    }

    /// Tags whose start/end rules interact (implied end tags, scope boundaries, foreign content).
    static let alphabet = ["<p>", "<dt>", "<dd>", "<dl>", "<li>", "<ul>", "<table>", "<tbody>", "<thead>", "<tr>", "<td>",
                           "<th>", "</tbody>", "</tr>", "</td>", "</table>", "<button>", "<a>", "<b>", "<div>", "<h1>", "<h2>",
                           "<option>", "<optgroup>", "<svg>", "<math>", "<mi>", "<foreignobject>", "</p>", "x"]

    /// Every sequence of up to `maxLength` tokens from `alphabet` must round-trip (length 3 by
    /// default, ~1.5 s in a debug build; FOLIO_EXHAUSTIVE_LENGTH=4 took ~50 s and passed).
    @Test func exhaustiveShortTagSequences() {
        let alphabet = Self.alphabet
        let env = ProcessInfo.processInfo.environment
        let maxLength = env["FOLIO_EXHAUSTIVE_LENGTH"].flatMap { Int($0) } ?? 3
        var failures = 0
        var current: [Int] = []
        func visit() {
            if !current.isEmpty {
                let input = current.map { alphabet[$0] }.joined()
                let once = rt(input)
                if rt(once) != once {
                    failures += 1
                    if failures <= 20 { Issue.record("round trip: \(input) → \(once) → \(rt(once))") }
                }
            }
            guard current.count < maxLength else { return }
            for i in alphabet.indices {
                current.append(i)
                visit()
                current.removeLast()
            }
        }
        visit()
        #expect(failures == 0)
    }

    /// Longer random sequences over the same alphabet (deterministic seed), also sanitized.
    @Test func randomTagSequences() {
        var rng = SplitMix64(state: 0x7AB1E)
        for _ in 0..<3_000 {
            let input = (0..<(5 + Int(rng.next() % 16))).map { _ in Self.alphabet[Int(rng.next() % UInt64(Self.alphabet.count))] }.joined()
            let once = rt(input)
            #expect(rt(once) == once, "round trip: \(input)")
            let clean = Sanitizer.sanitize(input)
            #expect(Sanitizer.sanitize(clean) == clean, "sanitize: \(input)")
        }
    }

    /// Scratch tool: `FOLIO_MINIMIZE=file swift test --filter minimize` prints a smaller input
    /// (greedy chunk deletion, ddmin-style) that still fails `FuzzEntry.check`.
    @Test func minimize() throws {
        guard let path = ProcessInfo.processInfo.environment["FOLIO_MINIMIZE"] else { return }
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        func fails(_ b: [UInt8]) -> Bool { FuzzEntry.check(String(decoding: b, as: UTF8.self)) != nil }
        guard fails(bytes) else { print("input does not fail"); return }
        var chunk = bytes.count / 2
        while chunk >= 1 {
            var i = 0
            var removed = false
            while i < bytes.count {
                var candidate = bytes
                candidate.removeSubrange(i..<min(i + chunk, bytes.count))
                if fails(candidate) { bytes = candidate; removed = true } else { i += chunk }
            }
            if !removed { chunk /= 2 }
        }
        let min = String(decoding: bytes, as: UTF8.self)
        print("MINIMIZED: \(min.debugDescription)\n  \(FuzzEntry.check(min) ?? "")")
    }
}
