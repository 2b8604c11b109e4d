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
    static func accepted(by header: String?) -> Bool {
        guard let header else { return false }
        var wildcard = false
        for part in header.split(separator: ",") {
            let pieces = part.split(separator: ";")
            let coding = pieces.first?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            let q = pieces.dropFirst().compactMap { piece -> Double? in
                let item = piece.trimmingCharacters(in: .whitespaces).lowercased()
                return item.hasPrefix("q=") ? Double(item.dropFirst(2)) : nil
            }.first ?? 1
            if coding == "gzip" || coding == "x-gzip" { return q > 0 }
            if coding == "*" { wildcard = q > 0 }
        }
        return wildcard
    }
}
