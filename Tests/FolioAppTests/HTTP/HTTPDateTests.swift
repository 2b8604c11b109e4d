import Testing
@testable import FolioApp

@Suite struct HTTPDateTests {
    @Test func formatsAndParsesIMFFixdates() {
        #expect(HTTPDate.format(0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.format(1_796_580_692_999) == "Sun, 06 Dec 2026 18:11:32 GMT")
        #expect(HTTPDate.parse("Sun, 06 Dec 2026 18:11:32 GMT") == 1_796_580_692)
        for millis in stride(from: 0, to: 4_000_000_000_000, by: 86_399_123_457) {
            #expect(HTTPDate.parse(HTTPDate.format(millis)) == millis / 1000)
        }
        for bad in ["yesterday", "Sun, 06 Dec 2026 18:11:32 UTC", "Sun, 06 Foo 2026 18:11:32 GMT", "Sun, 06 Dec 2026 18:11 GMT", ""] {
            #expect(HTTPDate.parse(bad) == nil, "\(bad)")
        }
    }
}
