import Foundation
import Testing
@testable import FolioMarkdown

/// GitHub Flavored Markdown spec examples with `options: .init(gfm: true)`.
/// Note: the plain-CommonMark sections of gfm-spec.txt come from an older
/// CommonMark version (0.29), so some of them legitimately differ.
struct GFMSpecTests {
    struct Example {
        var number: Int
        var markdown: String
        var html: String
        var extensionName: String
    }

    /// Example number → why it fails. Must stay exact.
    /// Except 645/646 (spec-version differences) they are plain-CommonMark
    /// examples that cmark-gfm's own spec runner checks with extensions off,
    /// whereas we run every example with gfm=true.
    static let knownFailureList: [(example: Int, reason: String)] = [
        (140, "tagfilter escapes <script> (example expects extensions off)"),
        (141, "tagfilter escapes <style> (example expects extensions off)"),
        (142, "tagfilter escapes <style> (example expects extensions off)"),
        (145, "tagfilter escapes <style> (example expects extensions off)"),
        (147, "tagfilter escapes <script> (example expects extensions off)"),
        (610, "extended autolink of http://foo.bar/baz after `<` (example expects extensions off)"),
        (616, "extended autolink inside `< … >` (example expects extensions off)"),
        (619, "extended autolink of http://example.com (example expects extensions off)"),
        (620, "extended email autolink (example expects extensions off)"),
        (645, "CommonMark 0.31 HTML comment rules; gfm-spec.txt has the 0.29 rules"),
        (646, "CommonMark 0.31 HTML comment rules (`<!-->` is a comment); gfm-spec.txt has the 0.29 rules"),
    ]

    static let knownFailures = Dictionary(uniqueKeysWithValues: knownFailureList.map { ($0.example, $0.reason) })

    static func load(_ text: String) -> [Example] {
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var lines = text.components(separatedBy: "\n")[...]
        var number = 0
        while let line = lines.popFirst() {
            guard line.hasPrefix(fence + " example") else { continue }
            let ext = String(line.dropFirst(fence.count + " example".count)).trimmingCharacters(in: .whitespaces)
            var md: [String] = []
            var html: [String] = []
            var inHTML = false
            while let l = lines.popFirst(), l != fence {
                if !inHTML && l == "." { inHTML = true; continue }
                if inHTML { html.append(l) } else { md.append(l) }
            }
            number += 1
            func fix(_ s: [String]) -> String {
                s.isEmpty ? "" : s.joined(separator: "\n").replacingOccurrences(of: "→", with: "\t") + "\n"
            }
            examples.append(Example(number: number, markdown: fix(md), html: fix(html), extensionName: ext))
        }
        return examples
    }

    @Test func gfmSpec() throws {
        guard let url = SharedData.url("commonmark/gfm-spec.txt") else {
            print("GFM spec: skipped: data not found")
            return
        }
        let examples = Self.load(try String(contentsOf: url, encoding: .utf8))
        var failed: [Int] = []
        let verbose = ProcessInfo.processInfo.environment["FOLIO_VERBOSE"] != nil
        for ex in examples {
            let actual = Markdown.html(ex.markdown, options: MarkdownOptions(gfm: true))
            if HTMLNormalizer.normalize(actual) != HTMLNormalizer.normalize(ex.html) {
                failed.append(ex.number)
                if verbose && Self.knownFailures[ex.number] == nil {
                    print("--- gfm example \(ex.number) \(ex.extensionName)\n\(ex.markdown)\n--- expected\n\(ex.html)\n--- actual\n\(actual)")
                }
            }
        }
        // Informational: cmark-gfm's runner mode (extensions only for extension examples).
        var perExampleFailed: [Int] = []
        for ex in examples {
            let opts = ex.extensionName.isEmpty ? MarkdownOptions.commonMark : MarkdownOptions(gfm: true)
            let actual = Markdown.html(ex.markdown, options: opts)
            if HTMLNormalizer.normalize(actual) != HTMLNormalizer.normalize(ex.html) { perExampleFailed.append(ex.number) }
        }
        print("GFM (extensions only on extension examples, like cmark-gfm's runner): \(examples.count - perExampleFailed.count)/\(examples.count) passed; failing: \(perExampleFailed)")
        let passed = examples.count - failed.count
        let rate = Double(passed) * 100 / Double(examples.count)
        print("GFM: \(passed)/\(examples.count) passed (\(String(format: "%.1f", rate))%)")
        print("GFM failing examples: \(failed)")
        #expect(examples.count == 673)
        #expect(rate >= 98.0)
        let unexpected = failed.filter { Self.knownFailures[$0] == nil }
        #expect(unexpected.isEmpty, "unexpected failures: \(unexpected)")
        let nowPassing = Self.knownFailures.keys.filter { !failed.contains($0) }.sorted()
        #expect(nowPassing.isEmpty, "known failures now passing (remove them): \(nowPassing)")
    }

    /// Informational only: cmark-gfm's extra extension and regression test
    /// files (some use options we do not implement, e.g. footnotes,
    /// smart punctuation, sourcepos).
    @Test func gfmExtraFiles() throws {
        for file in ["gfm-extensions.txt", "gfm-regression.txt"] {
            guard let url = SharedData.url("commonmark/" + file) else {
                print("\(file): skipped: data not found")
                continue
            }
            let examples = Self.load(try String(contentsOf: url, encoding: .utf8))
            var failed: [Int] = []
            for ex in examples {
                let actual = Markdown.html(ex.markdown, options: MarkdownOptions(gfm: true))
                if ex.html.hasPrefix("<IGNORE>") { continue }  // "must not crash" examples
                if HTMLNormalizer.normalize(actual) != HTMLNormalizer.normalize(ex.html) {
                    failed.append(ex.number)
                    if ProcessInfo.processInfo.environment["FOLIO_VERBOSE_EXTRA"] != nil {
                        print("--- \(file) example \(ex.number) \(ex.extensionName)\n\(ex.markdown)\n--- expected\n\(ex.html)\n--- actual\n\(actual)")
                    }
                }
            }
            print("\(file) (informational): \(examples.count - failed.count)/\(examples.count) passed; failing: \(failed)")
        }
    }
}
