import Foundation
import HTTPTypes
import NIOCore
import Synchronization

/// A bounded in-memory cache of anonymous page views: the finished response (status, headers,
/// body) and its gzip form, computed once when the page enters the cache. A hit does no database
/// work. Entries are found by URL and evicted by surrogate key when the purge log says what
/// they show changed (`CacheInvalidator`), least recently used first when over the byte budget,
/// and after `maxAge` in case a purge was missed.
public final class PageCache: Sendable {
    /// A stored view, both forms ready to send: their headers (own ETag, length, `Vary`) and
    /// bodies are built once, and a hit shares the bytes (ByteBuffer) rather than copying them.
    public final class Entry: Sendable {
        struct Variant: Sendable {
            let body: ByteBuffer
            /// The headers as sent, the standard ones added: the responder's cache hits send
            /// these, and the direct path (`CachedPageHandler`) sends them as HTTP/1.1 bytes
            /// (status line and fields, also for a 304), so neither adds anything per request
            /// but the request id, date and server name.
            let headers: HTTPFields
            let wireHead: ByteBuffer
            let wireNotModifiedHead: ByteBuffer
            let etag: String?
            /// Body and header bytes kept.
            let size: Int

            init(status: HTTPResponse.Status, headers: HTTPFields, body: ByteBuffer, finish: ((inout HTTPFields) -> Void)?) {
                var headers = headers
                finish?(&headers)
                self.headers = headers
                self.body = body
                self.wireHead = Self.wire(status, headers)
                self.wireNotModifiedHead = Self.wire(.notModified, Conditional.notModifiedHeaders(headers))
                self.etag = headers[.eTag]
                let fieldBytes = headers.reduce(64) { $0 + $1.name.rawName.utf8.count + $1.value.utf8.count + 4 }
                self.size = body.readableBytes + fieldBytes + wireHead.readableBytes + wireNotModifiedHead.readableBytes
            }

            /// A status line and fields as HTTP/1.1 sends them, each line ending in CRLF.
            static func wire(_ status: HTTPResponse.Status, _ fields: HTTPFields) -> ByteBuffer {
                var buffer = ByteBuffer()
                buffer.writeString("HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n")
                for field in fields {
                    buffer.writeString(field.name.rawName)
                    buffer.writeStaticString(": ")
                    buffer.writeString(field.value)
                    buffer.writeStaticString("\r\n")
                }
                return buffer
            }
        }
        let status: HTTPResponse.Status
        let plain: Variant
        let gzip: Variant?
        let keys: [String]
        let storedAt: ContinuousClock.Instant
        var size: Int { plain.size + (gzip?.size ?? 0) }

        init(status: HTTPResponse.Status, headers: HTTPFields, body: [UInt8], keys: [String],
             finish: ((inout HTTPFields) -> Void)? = nil) {
            var headers = headers
            headers[.vary] = "Accept-Encoding"
            headers[.contentLength] = String(body.count)
            self.status = status
            self.plain = Variant(status: status, headers: headers, body: ByteBuffer(bytes: body), finish: finish)
            if let compressed = Gzip.compress(body) {
                var zipped = headers
                zipped[.contentEncoding] = "gzip"
                zipped[.contentLength] = String(compressed.count)
                if let etag = headers[.eTag], etag.hasSuffix("\"") { zipped[.eTag] = etag.dropLast() + "-gz\"" }
                self.gzip = Variant(status: status, headers: zipped, body: ByteBuffer(bytes: compressed), finish: finish)
            } else {
                self.gzip = nil
            }
            self.keys = keys
            self.storedAt = .now
        }
    }

    private struct State {
        var entries: [String: (entry: Entry, used: UInt64)] = [:]
        var byKey: [String: Set<String>] = [:]
        var bytes = 0
        var tick: UInt64 = 0
        /// Counts evictions by key. A view rendered while one happened may show what was just
        /// purged (it read the database before the change, the purge came before its store), so
        /// `store` refuses it.
        var epoch: UInt64 = 0
    }

    private let state = Mutex(State())
    let budget: Int
    let maxAge: Duration

    public init(budgetBytes: Int, maxAge: Duration = .seconds(300)) {
        self.budget = budgetBytes
        self.maxAge = maxAge
    }

    public var isEnabled: Bool { budget > 0 }

    func lookup(_ url: String) -> Entry? {
        let now = ContinuousClock.now
        let found: Entry? = state.withLock { state in
            guard let (entry, _) = state.entries[url] else { return nil }
            if now - entry.storedAt > maxAge {
                Self.remove(url, from: &state)
                return nil
            }
            state.tick &+= 1
            state.entries[url]?.used = state.tick
            return entry
        }
        return found
    }

    /// The eviction count now: taken before a view reads the database, handed back to `store`.
    var epoch: UInt64 { state.withLock { $0.epoch } }

    /// Stores a view; gzips it first (outside the lock). Returns the entry (nil when disabled);
    /// the entry is served but not kept when an eviction happened since `epoch`.
    @discardableResult
    func store(_ url: String, status: HTTPResponse.Status, headers: HTTPFields, body: [UInt8], keys: [String],
               epoch: UInt64? = nil, finish: ((inout HTTPFields) -> Void)? = nil) -> Entry? {
        guard isEnabled else { return nil }
        let entry = Entry(status: status, headers: headers, body: body, keys: keys, finish: finish)
        guard entry.size <= budget / 4 else { return entry }   // one huge page must not flush the rest
        state.withLock { state in
            if let epoch, epoch != state.epoch { return }
            Self.remove(url, from: &state)
            state.tick &+= 1
            state.entries[url] = (entry, state.tick)
            state.bytes += entry.size
            for key in keys { state.byKey[key, default: []].insert(url) }
            if state.bytes > budget { Self.evictOldest(&state, toFit: budget) }
        }
        return entry
    }

    /// Drops every entry carrying one of `keys`; returns how many.
    @discardableResult
    func evict(keys: [String]) -> Int {
        state.withLock { state in
            state.epoch &+= 1
            var urls = Set<String>()
            for key in keys { urls.formUnion(state.byKey[key] ?? []) }
            for url in urls { Self.remove(url, from: &state) }
            return urls.count
        }
    }

    /// Drops every entry (and, like `evict`, refuses views rendered before); returns how many.
    @discardableResult
    func evictAll() -> Int {
        state.withLock { state in
            let count = state.entries.count
            state.entries = [:]
            state.byKey = [:]
            state.bytes = 0
            state.epoch &+= 1
            return count
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
    var bytes: Int { state.withLock { $0.bytes } }

    private static func remove(_ url: String, from state: inout State) {
        guard let (entry, _) = state.entries.removeValue(forKey: url) else { return }
        state.bytes -= entry.size
        for key in entry.keys {
            state.byKey[key]?.remove(url)
            if state.byKey[key]?.isEmpty == true { state.byKey[key] = nil }
        }
    }

    /// Evicts the least recently used entries down to 90% of the budget (so eviction, which
    /// sorts, runs once per many stores rather than on each).
    private static func evictOldest(_ state: inout State, toFit budget: Int) {
        let target = budget / 10 * 9
        for (url, _) in state.entries.sorted(by: { $0.value.used < $1.value.used }) {
            if state.bytes <= target { break }
            remove(url, from: &state)
        }
    }
}
