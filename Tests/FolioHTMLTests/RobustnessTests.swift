import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import FolioHTML

/// Deterministic generator (SplitMix64) so fuzz-style tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}

@Suite struct RobustnessTests {
    static let depth = 100_000

    /// CPU time of the current thread (printed for information).
    static func threadCPUTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` and prints its CPU time. Time is not asserted (performance belongs to the
    /// benchmark command): the point is that deep input completes, without stack overflow,
    /// which a recursive or quadratic implementation would not do in any reasonable time.
    func timed(_ label: String, _ body: () -> Void) {
        let cpu = Self.threadCPUTime()
        body()
        print("\(label): \(String(format: "%.3f", Self.threadCPUTime() - cpu)) s CPU")
    }

    @Test(arguments: ["div", "b"])
    func deepNesting(_ tag: String) {
        let html = String(repeating: "<\(tag)>", count: Self.depth) + "x" + String(repeating: "</\(tag)>", count: Self.depth)
        var tree: HTMLNode? = nil
        timed("parse \(tag)") { tree = HTMLParser.parseFragment(html) }
        var depth = 0
        var n = tree
        while let c = n?.children.first { depth += 1; n = c }
        #expect(depth == Self.depth + 1)
        var out = ""
        timed("serialize \(tag)") { out = HTMLSerializer.serialize(tree!) }
        #expect(out == html)
        timed("sanitize \(tag)") { out = Sanitizer.sanitize(html) }
        #expect(out == html)
        timed("post-process \(tag)") { _ = PostProcessor.process(html) }
        timed("free \(tag)") { tree = nil }
    }

    @Test func deepUnclosedAndUnmatched() {
        // Unmatched end tags against a deep stack must not go quadratic.
        // (50,000 each: a quadratic algorithm would need minutes, a linear one well under 1 s.)
        let n = Self.depth / 2
        let html = "<div><table><td>" + String(repeating: "<i>", count: n) + String(repeating: "</div></p></li>", count: n)
        timed("unmatched") { _ = HTMLParser.parseFragment(html) }
        let math = "<math>" + String(repeating: "<mrow>", count: n) + String(repeating: "</foo>", count: n)
        timed("foreign unmatched") { _ = Sanitizer.sanitize(math) }
    }

    @Test func deepMixed() {
        // Unwrapped (unknown) elements, foreign content and implied end tags at depth.
        let n = Self.depth / 2   // 50,000 elements per case (the 100,000 cases are above)
        let unknown = String(repeating: "<x-a><span>", count: n / 2) + "t"
        timed("sanitize unknown") { #expect(Sanitizer.sanitize(unknown).contains("<span>t</span></span>")) }
        let math = "<math>" + String(repeating: "<mrow>", count: n) + "<mi>x</mi>"
        timed("sanitize math") { _ = Sanitizer.sanitize(math) }
        let svg = String(repeating: "<svg><g>", count: n / 2) + "<p>x"
        timed("sanitize svg") { _ = Sanitizer.sanitize(svg) }
        let lists = String(repeating: "<ul><li>", count: n / 2)
        timed("post-process lists") { _ = PostProcessor.process(lists) }
        let headings = String(repeating: "<h2>Same</h2><pre class=\"brush: js\">x</pre>", count: 10_000)
        timed("post-process 10,000 equal headings") {
            let r = PostProcessor.process(headings)
            #expect(r.sections.last?.id == "Same_10000")
        }
    }

    @Test func randomBytes() {
        // FOLIO_FUZZ_ITERATIONS / FOLIO_FUZZ_SEED allow longer local campaigns.
        let env = ProcessInfo.processInfo.environment
        let iterations = env["FOLIO_FUZZ_ITERATIONS"].flatMap { Int($0) } ?? 10_000
        var rng = SplitMix64(state: env["FOLIO_FUZZ_SEED"].flatMap { UInt64($0) } ?? 0xF011_0000)
        let alphabet = Array("<>/!-=\"' &#;abcdehilmoprstvx[]CDATA?\u{0}\n\t".utf8) + [0xC3, 0xA9, 0xFF]
        let snippets = ["<script>", "</script>", "<svg>", "<math>", "<mtext>", "<mglyph>", "<style>", "<!--", "-->", "<![CDATA[",
                        "<iframe src=https://www.youtube.com/embed/x>", "<a href=javascript:x>", "<p>", "<table>", "<td>", "<h2>",
                        "<pre class=\"brush: js\">", "&amp;", "&#x0;", "<noscript>", "<textarea>", "<plaintext>", "<li>", "<b>", "</b>",
                        "<a href=\"", "<img src=", "java", "script:", "&#x09;", "&#106;", "data:image/png;base64,", " style=\"",
                        "background:url(", "expression(", "\\", "/*", "color:red;", "<math href=", "<blockquote cite="]
        let start = Date()
        for _ in 0..<iterations {
            var bytes: [UInt8] = []
            let len = Int(rng.next() % 64)
            for _ in 0..<len {
                if rng.next() % 4 == 0 {
                    bytes += Array(snippets[Int(rng.next() % UInt64(snippets.count))].utf8)
                } else {
                    bytes.append(alphabet[Int(rng.next() % UInt64(alphabet.count))])
                }
            }
            let input = String(decoding: bytes, as: UTF8.self)
            if let failure = FuzzEntry.check(input) {
                Issue.record("\(failure)")
            } else {
                bytes.withUnsafeBytes { FuzzEntry.tokenizeAndSanitize($0) }
            }
        }
        print("\(iterations) fuzz inputs: \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
    }

    @Test func idempotenceOverManyInputs() {
        var inputs = classicVectors.map(\.input)
        let env = ProcessInfo.processInfo.environment
        let count = env["FOLIO_SOUP_ITERATIONS"].flatMap { Int($0) } ?? 2_000
        var rng = SplitMix64(state: env["FOLIO_FUZZ_SEED"].flatMap { UInt64($0) } ?? 42)
        let pieces = ["<p>", "</p>", "<div>", "<button>", "<b>", "<i>", "</b>", "<ul>", "<li>", "<dl>", "<dt>", "<dd>", "<table>",
                      "<tr>", "<td>", "<th>", "</table>", "<math>", "<mi>", "<mtext>", "<mglyph>", "<style>", "</math>", "<svg>",
                      "<pre>", "\n", "text", "&lt;", "<a href=/x>", "<a href=x:y>", "</a>", "<h2>", "<select>", "<option>",
                      "<form>", "<object>", "<span style=\"color:red\">", "<iframe src=https://youtube.com/embed/a>", "<br>", "</br>",
                      "<img src=a.png>", "<font color=red>", "<noscript>", "</noscript>", "&#13;", "<xmp>", "<textarea>", "<!--x-->"]
        for _ in 0..<count {
            var s = ""
            for _ in 0..<Int(rng.next() % 30) { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
            inputs.append(s)
        }
        for input in inputs {
            let once = Sanitizer.sanitize(input)
            #expect(Sanitizer.sanitize(once) == once, "\(input.debugDescription) → \(once.debugDescription)")
            let rt = HTMLSerializer.serialize(HTMLParser.parseFragment(input))
            #expect(HTMLSerializer.serialize(HTMLParser.parseFragment(rt)) == rt, "round trip: \(input.debugDescription)")
            if let failure = FuzzEntry.check(input) { Issue.record("\(failure)") }
        }
    }
}
