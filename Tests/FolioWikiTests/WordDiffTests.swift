import Testing
@testable import FolioWiki

@Suite struct WordDiffTests {
    @Test func identicalTextsHaveNoChanges() {
        let diff = WordDiff(from: "<p>Hello world</p>\n", to: "<p>Hello world</p>\n")
        #expect(!diff.hasChanges)
        #expect(diff.segments == [.init(.equal, "<p>Hello world</p>\n")])
    }

    @Test func changedWordIsMarkedInsideItsLine() {
        let diff = WordDiff(from: "The quick brown fox\n", to: "The quick red fox\n")
        #expect(diff.segments == [
            .init(.equal, "The quick "), .init(.removed, "brown"), .init(.inserted, "red"),
            .init(.equal, " fox\n"),
        ])
        #expect(diff.insertedWords == 1 && diff.removedWords == 1)
    }

    @Test func segmentsRebuildBothTexts() {
        let old = "line one\nline two\nshared\nthird line here\n"
        let new = "line one\nline 2\nshared\nthird line there\nadded\n"
        let diff = WordDiff(from: old, to: new)
        let rebuiltOld = diff.segments.filter { $0.kind != .inserted }.map(\.text).joined()
        let rebuiltNew = diff.segments.filter { $0.kind != .removed }.map(\.text).joined()
        #expect(rebuiltOld == old)
        #expect(rebuiltNew == new)
    }

    @Test func htmlIsEscapedAndMarked() {
        let html = WordDiff(from: "<b>old</b>", to: "<b>new</b>").html()
        #expect(html == "&lt;b&gt;<del>old</del><ins>new</ins>&lt;/b&gt;")
    }

    @Test func longUnchangedStretchesAreCollapsed() {
        let body = (1...40).map { "line \($0)\n" }.joined()
        let html = WordDiff(from: body + "end old\n", to: body + "end new\n").html(context: 2)
        #expect(html.contains("unchanged lines"))
        #expect(html.contains("line 40"))
        #expect(!html.contains("line 5\n"))
    }

    @Test func completeRewritesOfLargeTextsStayCheap() {
        // Unique words anchor the alignment (patience diff), so only the changed words are marked.
        let old = (1...50_000).map { "old \($0)\n" }.joined()
        let new = (1...50_000).map { "new \($0)\n" }.joined()
        let diff = WordDiff(from: "same\n" + old + "end\n", to: "same\n" + new + "end\n")
        #expect(diff.segments.first == .init(.equal, "same\n"))
        #expect(diff.segments.last?.text.hasSuffix("end\n") == true)
        #expect(diff.removedWords == 50_000 && diff.insertedWords == 50_000)

        // Nothing unique to anchor on: the block is shown removed and inserted wholesale.
        let blank = WordDiff(from: String(repeating: "a b\n", count: 100_000), to: String(repeating: "c d\n", count: 100_000))
        #expect(blank.removedWords == 200_000 && blank.insertedWords == 200_000)
        #expect(blank.segments.count <= 3)
    }

    @Test func largeInputsStayFast() {
        // 20,000 lines with a change every 100 lines: the line pass keeps this cheap.
        let old = (1...20_000).map { "paragraph \($0) text\n" }.joined()
        let new = (1...20_000).map { $0 % 100 == 0 ? "paragraph \($0) changed\n" : "paragraph \($0) text\n" }.joined()
        let diff = WordDiff(from: old, to: new)
        #expect(diff.insertedWords == 200)
        #expect(diff.removedWords == 200)
    }
}
