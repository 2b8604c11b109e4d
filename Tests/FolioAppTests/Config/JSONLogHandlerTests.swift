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

@Suite struct RequestLogQueueTests {
    @Test func linesFromEventLoopsAreWrittenByATaskInOrder() async throws {
        let lines = Mutex<[[String: String]]>([])
        let logger = Logger(label: "folio") {
            JSONLogHandler(label: $0, write: { data in
                if let object = try? JSONSerialization.jsonObject(with: data) as? [String: String] { lines.withLock { $0.append(object) } }
            })
        }
        let queue = RequestLogQueue(logger: logger)
        for index in 0..<3 {
            queue.add(.init(requestID: "r\(index)", method: "GET", path: "/en-US/docs/Web", route: "docs", status: 200, milliseconds: 0.25))
        }
        for _ in 0..<200 where lines.withLock({ $0.count }) < 3 { try await Task.sleep(for: .milliseconds(10)) }
        let written = lines.withLock { $0 }
        #expect(written.map { $0["request_id"] } == ["r0", "r1", "r2"])
        #expect(written.first?["message"] == "request" && written.first?["route"] == "docs" && written.first?["status"] == "200")
        #expect(written.first?["duration_ms"] == "0.25")
        queue.finish()
    }
}
