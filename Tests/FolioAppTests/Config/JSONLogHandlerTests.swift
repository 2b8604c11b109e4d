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

    @Test func keysAreSortedTheCallWinsAndEverythingIsEscaped() throws {
        let lines = Mutex<[Data]>([])
        let provider = Logger.MetadataProvider { ["zone": "from the provider", "role": "provider", "trace": "t1"] }
        var logger = Logger(label: "folio") {
            var handler = JSONLogHandler(label: $0, write: { data in lines.withLock { $0.append(data) } })
            handler.metadataProvider = provider
            return handler
        }
        logger[metadataKey: "role"] = "web"
        logger[metadataKey: "zone"] = "b"
        logger[metadataKey: "shard"] = "s1"
        struct Broken: Error, CustomStringConvertible { var description: String { "disk \"full\"" } }
        logger.error("failed \u{1}\t", error: Broken(), metadata: ["role": "api", "message": "not this", "path": "/a/é"])
        let line = try #require(lines.withLock { $0.first })
        let text = String(decoding: line, as: UTF8.self)
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: String])
        // The call's over the provider's over the logger's; the standard keys over all.
        #expect(object["role"] == "api" && object["zone"] == "from the provider" && object["shard"] == "s1" && object["trace"] == "t1")
        #expect(object["message"] == "failed \u{1}\t")
        for key in ["role", "zone", "message"] {
            #expect(text.components(separatedBy: "\"\(key)\":").count == 2, "\(key) once: \(text)")
        }
        #expect(object["path"] == "/a/é" && text.contains("\"/a/é\""), "slashes and non-ASCII as they are")
        #expect(object["error"] == "disk \"full\"" && text.contains("\\u0001"))
        let keys = ["error", "level", "logger", "message", "path", "role", "shard", "time", "trace", "zone"]
        let positions = keys.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
        #expect(positions.count == keys.count && positions == positions.sorted(), "\(text)")
        // The time: ISO 8601 with milliseconds, now.
        let time = try #require(object["time"])
        #expect(time.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/) != nil, "\(time)")
        let parsed = try #require(try? Date(time, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)))
        #expect(abs(parsed.timeIntervalSinceNow) < 5)
    }
}

@Suite struct JSONLogBatchTests {
    @Test func linesLoggedInABatchAreWrittenTogetherAndInOrder() throws {
        let writes = Mutex<[Data]>([])
        let logger = Logger(label: "folio") { JSONLogHandler(label: $0, write: { data in writes.withLock { $0.append(data) } }) }
        JSONLogHandler.batching {
            for index in 0..<3 { logger.info("line \(index)") }
            #expect(writes.withLock { $0.isEmpty }, "nothing written before the batch ends")
        }
        logger.info("alone")
        let written = writes.withLock { $0 }
        #expect(written.count == 2)
        let batch = try #require(written.first).split(separator: 0x0A)
        let messages = try batch.map { try #require(try JSONSerialization.jsonObject(with: Data($0)) as? [String: String])["message"] }
        #expect(messages == ["line 0", "line 1", "line 2"])
    }
}

@Suite struct RequestLogQueueTests {
    @Test func linesFromEventLoopsAreWrittenByATaskInOrder() async throws {
        let lines = Mutex<[[String: String]]>([])
        let logger = Logger(label: "folio") {
            JSONLogHandler(label: $0, write: { data in
                for line in data.split(separator: 0x0A) {   // a batch holds several
                    if let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: String] { lines.withLock { $0.append(object) } }
                }
            })
        }
        let queue = RequestLogQueue(logger: logger)
        for index in 0..<3 {
            queue.add(.init(requestID: "r\(index)", method: "GET", path: "/en-US/docs/Web", route: "docs", status: 200, milliseconds: 0.25))
        }
        for _ in 0..<200 where lines.withLock({ $0.count }) < 3 { try await Task.sleep(for: .milliseconds(10)) }
        // More, while the writer may be busy: every line once, in order.
        for index in 3..<2000 {
            queue.add(.init(requestID: "r\(index)", method: "GET", path: "/en-US/docs/Web", route: "docs", status: 200, milliseconds: 0.25))
        }
        for _ in 0..<500 where lines.withLock({ $0.count }) < 2000 { try await Task.sleep(for: .milliseconds(10)) }
        let all = lines.withLock { $0 }
        #expect(all.map { $0["request_id"] ?? "" } == (0..<2000).map { "r\($0)" })
        let written = Array(all.prefix(3))
        #expect(written.map { $0["request_id"] } == ["r0", "r1", "r2"])
        #expect(written.first?["message"] == "request" && written.first?["route"] == "docs" && written.first?["status"] == "200")
        #expect(written.first?["duration_ms"] == "0.25")
        // Finishing waits for what is queued.
        queue.add(.init(requestID: "last", method: "GET", path: "/", route: "home", status: 200, milliseconds: 1))
        await queue.finish()
        #expect(lines.withLock { $0.last?["request_id"] } == "last")
        #expect(!queue.add(.init(requestID: "after", method: "GET", path: "/", route: "home", status: 200, milliseconds: 1)))
        #expect(queue.queued == 0, "nothing is queued after the end")
    }
}
