import CompressNIO
import NIOCore

/// Gzip for responses: computed once per body and kept (static files at start, cached pages when
/// they enter the page cache), never per request.
enum Gzip {
    /// Bodies smaller than this gain nothing from compression (headers and CPU cost more).
    static let minimumSize = 512

    /// The gzip form of `bytes`, or nil when it is not worth it (small, or not smaller).
    static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= minimumSize else { return nil }
        var buffer = ByteBuffer(bytes: bytes)
        guard let compressed = try? buffer.compress(with: .gzip()), compressed.readableBytes < bytes.count else { return nil }
        return Array(compressed.readableBytesView)
    }

    /// Whether `Accept-Encoding` admits gzip (`gzip`, `x-gzip` or `*`, with a non-zero q).
    /// Parsed over the bytes without Foundation: it runs for every page view.
    static func accepted(by header: String?) -> Bool {
        guard let header else { return false }
        if header == "gzip" || header == "gzip, deflate" || header == "gzip, deflate, br" || header == "gzip, deflate, br, zstd" {
            return true   // what browsers and tools send, as is
        }
        var wildcard = false
        for part in header.utf8.split(separator: UInt8(ascii: ",")) {
            let pieces = part.split(separator: UInt8(ascii: ";"))
            guard let first = pieces.first else { continue }
            let coding = trimmedLowercase(first)
            var q = 1.0
            for piece in pieces.dropFirst() {
                let item = trimmedLowercase(piece)
                if item.starts(with: qPrefix) { q = Double(String(decoding: item.dropFirst(2), as: UTF8.self)) ?? 0 }
            }
            if coding == gzipName || coding == xGzipName { return q > 0 }
            if coding == [UInt8(ascii: "*")] { wildcard = q > 0 }
        }
        return wildcard
    }

    private static let gzipName = Array("gzip".utf8), xGzipName = Array("x-gzip".utf8), qPrefix = Array("q=".utf8)

    private static func trimmedLowercase(_ bytes: Substring.UTF8View.SubSequence) -> [UInt8] {
        let isSpace = { (byte: UInt8) in byte == 32 || byte == 9 }
        return bytes.drop(while: isSpace).reversed().drop(while: isSpace).reversed()
            .map { (65...90).contains($0) ? $0 + 32 : $0 }
    }
}
