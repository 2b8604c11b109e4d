import Foundation
import Logging
import Synchronization

/// One JSON object per line on stderr (`FOLIO_LOG_FORMAT=json`): time, level, label, message
/// and the metadata as fields, for log collectors in production.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    let label: String
    /// Where lines go: stderr, one write per line (or per batch) under a lock so lines never
    /// interleave.
    let writer: Writer
    private static let lock = Mutex<Void>(())
    static let standardError = Writer { data in lock.withLock { _ in FileHandle.standardError.write(data) } }

    /// A destination of lines (a class, so a batch can tell destinations apart).
    final class Writer: Sendable {
        let write: @Sendable (Data) -> Void
        init(_ write: @escaping @Sendable (Data) -> Void) { self.write = write }
    }

    public init(label: String) { self.init(label: label, writer: Self.standardError) }

    init(label: String, write: @escaping @Sendable (Data) -> Void) { self.init(label: label, writer: Writer(write)) }

    init(label: String, writer: Writer) {
        self.label = label
        self.writer = writer
    }

    /// Lines logged by `body` (on this task) are written when it returns, each destination's
    /// in writes of up to 64 KB: the request log's writer hands over thousands of lines a
    /// second, and a system call per line cost more than making them. Inside a batch, a
    /// nested `batching` joins it.
    static func batching(_ body: () -> Void) {
        if batch != nil { return body() }
        let batch = Batch()
        $batch.withValue(batch) { body() }
        batch.flush()
    }

    @TaskLocal static var batch: Batch?

    /// Lines waiting for the end of a batch. Tasks started inside `body` inherit it, so it is
    /// locked, and a line added after the flush is written at once rather than lost.
    final class Batch: Sendable {
        private struct State {
            var pending: [(Writer, Data)] = []
            var flushed = false
        }
        private let state = Mutex(State())
        static let chunk = 65_536

        func add(_ line: [UInt8], to writer: Writer) {
            let late = state.withLock { state -> Bool in
                if state.flushed { return true }
                if let last = state.pending.indices.last, state.pending[last].0 === writer,
                   state.pending[last].1.count + line.count <= Self.chunk {
                    state.pending[last].1.append(contentsOf: line)
                } else {
                    state.pending.append((writer, Data(line)))
                }
                return false
            }
            if late { writer.write(Data(line)) }
        }

        func flush() {
            let pending = state.withLock { state in
                state.flushed = true
                defer { state.pending = [] }
                return state.pending
            }
            for (writer, data) in pending { writer.write(data) }
        }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// One line, written by hand rather than with `JSONEncoder` and a date formatter: at a busy
    /// web pod's one request line per answer, those cost more CPU than the answers did. Keys
    /// are sorted; a key given at several levels takes the call's value over the metadata
    /// provider's over the logger's, and the four standard keys win over all of them.
    public func log(event: LogEvent) {
        var fields: [(key: String, rank: Int, value: String)] = [
            ("time", 0, Self.now()), ("level", 0, event.level.rawValue), ("logger", 0, label), ("message", 0, event.message.description),
        ]
        for (key, value) in event.metadata ?? [:] { fields.append((key, 1, "\(value)")) }
        for (key, value) in metadataProvider?.get() ?? [:] { fields.append((key, 2, "\(value)")) }
        for (key, value) in metadata { fields.append((key, 3, "\(value)")) }
        if let error = event.error { fields.append(("error", 4, "\(error)")) }
        fields.sort { $0.key != $1.key ? $0.key < $1.key : $0.rank < $1.rank }
        var line: [UInt8] = [UInt8(ascii: "{")]
        line.reserveCapacity(256)
        var previous: String?
        for field in fields where field.key != previous {
            if previous != nil { line.append(UInt8(ascii: ",")) }
            previous = field.key
            Self.appendJSONString(field.key, to: &line)
            line.append(UInt8(ascii: ":"))
            Self.appendJSONString(field.value, to: &line)
        }
        line.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        if let batch = Self.batch { batch.add(line, to: writer) } else { writer.write(Data(line)) }
    }

    /// `text` as a JSON string: quotes, backslashes and control characters escaped, the rest
    /// (slashes and non-ASCII included) as it is.
    static func appendJSONString(_ text: String, to line: inout [UInt8]) {
        line.append(UInt8(ascii: "\""))
        defer { line.append(UInt8(ascii: "\"")) }
        // Most values need no escape: copied at once.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            line.append(contentsOf: text.utf8)
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: line.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                line.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
            default: line.append(byte)
            }
        }
    }

    /// Now in ISO 8601, UTC, with milliseconds (`2026-12-06T12:38:32.995Z`); all but the
    /// milliseconds are formatted once a second.
    static func now() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let second = Int(now.tv_sec), millis = Int(now.tv_nsec) / 1_000_000
        let prefix = secondCache.withLock { cache in
            if cache.second != second {
                var seconds = time_t(second)
                var t = tm()
                gmtime_r(&seconds, &t)
                let two = { (n: Int32) in n < 10 ? "0\(n)" : "\(n)" }
                cache = (second, "\(t.tm_year + 1900)-\(two(t.tm_mon + 1))-\(two(t.tm_mday))T\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)).")
            }
            return cache.prefix
        }
        return prefix + (millis < 10 ? "00" : millis < 100 ? "0" : "") + String(millis) + "Z"
    }

    private static let secondCache = Mutex<(second: Int, prefix: String)>((-1, ""))
}
