import Foundation
import Logging
import Synchronization
import Testing
@testable import FolioApp

@Suite struct JSONLogHandlerTests {
    @Test func eachEntryIsOneJSONObjectOnOneLine() throws {
        let lines = Mutex<[Data]>([])
        var logger = Logger(label: "folio") { JSONLogHandler(label: $0, write: { data in lines.withLock { $0.append(data) } }) }
        logger[metadataKey: "role"] = "web"
        logger.info("request", metadata: ["status": "200", "path": "/en-US/docs/a\"b\nc"])
        logger.debug("not at info level")
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.last == 0x0A && !line.dropLast().contains(0x0A))
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        #expect(object["message"] == "request")
        #expect(object["level"] == "info")
        #expect(object["status"] == "200")
        #expect(object["role"] == "web")
        #expect(object["path"] == "/en-US/docs/a\"b\nc")
        let time = try #require(object["time"])
        #expect(time.hasSuffix("Z") && time.contains("."))
    }
}
