/// The head of one HTTP/1.1 request read straight from a connection's bytes, for
/// `CachedPageHandler`: enough to frame requests (where one ends and the next begins) and to
/// answer a cached page view without NIO's decoder. It accepts only a strict subset of what
/// NIO's decoder (llhttp) accepts — CRLF line ends, token names, no folded lines, no
/// Transfer-Encoding, one numeric Content-Length — so on everything it accepts both read the
/// same request boundaries. Anything else is `.opaque`: the handler then passes the connection's
/// bytes to the decoder unread from there on, and the decoder decides, as it always did.
struct WireRequest {
    enum Frame {
        /// The head has not all arrived yet.
        case incomplete
        /// Not something to frame here (see above).
        case opaque
        /// A whole head of `headLength` bytes; `contentLength` body bytes follow it.
        case request(headLength: Int, WireRequest)
    }

    enum Method { case get, head, other }
    var method = Method.other
    var http11 = true
    /// Byte ranges of the head (relative to its start).
    var target = 0..<0
    var host: Range<Int>?
    var hostCount = 0
    var acceptEncoding: Range<Int>?
    var ifNoneMatch: Range<Int>?
    var requestID: Range<Int>?
    var requestIDCount = 0
    var contentLength = 0
    /// Something only the responder handles: credentials, a session, a body, `Expect`,
    /// `If-Modified-Since` alone, a header given twice that is read here.
    var needsResponder = false
    /// The connection ends after this request (`Connection: close`, or HTTP/1.0).
    var closes = false

    /// Whether a cached page may answer it directly (a plain GET or HEAD of HTTP/1.1).
    var isSimpleView: Bool {
        (method == .get || method == .head) && http11 && !needsResponder && !closes && hostCount == 1
    }

    /// Heads longer than this are left to the decoder (and its limits).
    static let maxHeadLength = 16_384

    static func frame(_ bytes: UnsafeRawBufferPointer) -> Frame {
        var request = WireRequest()
        var sawContentLength = false, sawModifiedSince = false, sawIfNoneMatch = false, sawAcceptEncoding = false
        var position = 0
        // Request line: token SP target SP HTTP/1.x CRLF.
        let lineEnd: Int
        switch Self.lineEnd(bytes, from: 0) {
        case .at(let end): lineEnd = end
        case .bare: return .opaque
        case .missing: return bytes.count > maxHeadLength ? .opaque : .incomplete
        }
        guard let methodEnd = firstIndex(of: 0x20, in: bytes, 0..<lineEnd), methodEnd > 0,
              (0..<methodEnd).allSatisfy({ isToken(bytes[$0]) }) else { return .opaque }
        // The methods the decoder knows and the site uses (CONNECT and the WebDAV ones go
        // to the decoder).
        let method = UnsafeRawBufferPointer(rebasing: bytes[0..<methodEnd])
        if method.elementsEqual(getBytes) { request.method = .get }
        else if method.elementsEqual(headBytes) { request.method = .head }
        else if !otherMethods.contains(where: { method.elementsEqual($0) }) { return .opaque }
        // Origin form only: a path.
        let targetStart = methodEnd + 1
        guard let targetEnd = firstIndex(of: 0x20, in: bytes, targetStart..<lineEnd), targetEnd > targetStart,
              bytes[targetStart] == UInt8(ascii: "/"),
              (targetStart..<targetEnd).allSatisfy({ (0x21...0x7E).contains(bytes[$0]) }) else { return .opaque }
        request.target = targetStart..<targetEnd
        let version = UnsafeRawBufferPointer(rebasing: bytes[(targetEnd + 1)..<lineEnd])
        if version.elementsEqual(http11Bytes) { request.http11 = true }
        else if version.elementsEqual(http10Bytes) { request.http11 = false; request.closes = true }
        else { return .opaque }
        position = lineEnd + 2

        // Header lines until the empty one.
        while true {
            let end: Int
            switch Self.lineEnd(bytes, from: position) {
            case .at(let found): end = found
            case .bare: return .opaque
            case .missing: return bytes.count > maxHeadLength ? .opaque : .incomplete
            }
            if end == position { position += 2; break }
            guard let colon = firstIndex(of: UInt8(ascii: ":"), in: bytes, position..<end), colon > position,
                  (position..<colon).allSatisfy({ isToken(bytes[$0]) }) else { return .opaque }
            // Whitespace around a value is not part of it (the responder's HTTP types trim it;
            // Content-Length is stricter, below).
            var valueStart = colon + 1, valueEnd = end
            while valueStart < valueEnd, bytes[valueStart] == 0x20 || bytes[valueStart] == 0x09 { valueStart += 1 }
            while valueEnd > valueStart, bytes[valueEnd - 1] == 0x20 || bytes[valueEnd - 1] == 0x09 { valueEnd -= 1 }
            for index in valueStart..<valueEnd {
                let byte = bytes[index]
                if byte < 0x20 && byte != 0x09 || byte == 0x7F { return .opaque }
            }
            let value = valueStart..<valueEnd
            switch name(bytes, position..<colon) {
            case .host: request.host = value; request.hostCount += 1
            case .contentLength:
                // Digits to the line's end (the decoder refuses whitespace after them).
                guard !sawContentLength, valueEnd == end, let length = number(bytes, value) else { return .opaque }
                sawContentLength = true
                request.contentLength = length
                if length > 0 { request.needsResponder = true }
            case .transferEncoding, .upgrade: return .opaque
            case .connection:
                var upgrade = false
                forEachToken(bytes, value) { token in
                    if equalsLowercased(bytes, token, closeBytes) { request.closes = true }
                    if equalsLowercased(bytes, token, upgradeBytes) { upgrade = true }
                }
                if upgrade { return .opaque }
            case .expect, .authorization: request.needsResponder = true
            case .cookie:
                if contains(bytes, value, FolioServices.sessionCookiePrefix) { request.needsResponder = true }
            case .acceptEncoding:
                if sawAcceptEncoding { request.needsResponder = true }
                sawAcceptEncoding = true
                request.acceptEncoding = value
            case .ifNoneMatch:
                if sawIfNoneMatch { request.needsResponder = true }
                sawIfNoneMatch = true
                request.ifNoneMatch = value
            case .ifModifiedSince: sawModifiedSince = true
            case .requestID: request.requestID = value; request.requestIDCount += 1
            case .other: break
            }
            position = end + 2
        }
        // If-Modified-Since counts only without If-None-Match (RFC 9110 §13.1.3); the
        // responder compares dates.
        if sawModifiedSince && !sawIfNoneMatch { request.needsResponder = true }
        return .request(headLength: position, request)
    }

    // MARK: - Bytes

    private enum LineEnd { case at(Int), missing, bare }

    /// Where the first line at or after `from` ends (the index of its CR). A lone LF is `.bare`
    /// (the caller answers `.opaque`); a lone CR inside a line fails the value check.
    private static func lineEnd(_ bytes: UnsafeRawBufferPointer, from: Int) -> LineEnd {
        var index = from
        while index < bytes.count {
            if bytes[index] == 0x0A { return index > from && bytes[index - 1] == 0x0D ? .at(index - 1) : .bare }
            index += 1
        }
        return .missing
    }

    private static func firstIndex(of byte: UInt8, in bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        range.first { bytes[$0] == byte }
    }

    private static func isToken(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"), UInt8(ascii: "'"),
             UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "^"), UInt8(ascii: "_"),
             UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"): true
        default: false
        }
    }

    private static func number(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 15 else { return nil }
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// Comma-separated tokens of a value, spaces trimmed.
    private static func forEachToken(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ body: (Range<Int>) -> Void) {
        var start = range.lowerBound
        for index in range.lowerBound...range.upperBound where index == range.upperBound || bytes[index] == UInt8(ascii: ",") {
            var lower = start, upper = index
            while lower < upper, bytes[lower] == 0x20 || bytes[lower] == 0x09 { lower += 1 }
            while upper > lower, bytes[upper - 1] == 0x20 || bytes[upper - 1] == 0x09 { upper -= 1 }
            if lower < upper { body(lower..<upper) }
            start = index + 1
        }
    }

    static func equalsLowercased(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ lowercase: [UInt8]) -> Bool {
        guard range.count == lowercase.count else { return false }
        var offset = 0
        for index in range {
            var byte = bytes[index]
            if (0x41...0x5A).contains(byte) { byte |= 0x20 }
            if byte != lowercase[offset] { return false }
            offset += 1
        }
        return true
    }

    private static func contains(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, _ needle: [UInt8]) -> Bool {
        guard range.count >= needle.count else { return false }
        for start in range.lowerBound...(range.upperBound - needle.count) where bytes[start] == needle[0] {
            if UnsafeRawBufferPointer(rebasing: bytes[start..<start + needle.count]).elementsEqual(needle) { return true }
        }
        return false
    }

    private enum Name {
        case host, contentLength, transferEncoding, upgrade, connection, expect, authorization, cookie
        case acceptEncoding, ifNoneMatch, ifModifiedSince, requestID, other
    }

    /// The header names read here; the length picks the candidates, so most names cost one
    /// comparison of a count.
    private static func name(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> Name {
        let match = { (name: [UInt8]) in equalsLowercased(bytes, range, name) }
        switch range.count {
        case 4: return match(hostName) ? .host : .other
        case 6: return match(expectName) ? .expect : match(cookieName) ? .cookie : .other
        case 7: return match(upgradeBytes) ? .upgrade : .other
        case 10: return match(connectionName) ? .connection : .other
        case 12: return match(requestIDName) ? .requestID : .other
        case 13: return match(authorizationName) ? .authorization : match(ifNoneMatchName) ? .ifNoneMatch : .other
        case 14: return match(contentLengthName) ? .contentLength : .other
        case 15: return match(acceptEncodingName) ? .acceptEncoding : .other
        case 16: return match(proxyConnectionName) ? .connection : .other   // llhttp reads it as Connection
        case 17: return match(transferEncodingName) ? .transferEncoding : match(ifModifiedSinceName) ? .ifModifiedSince : .other
        default: return .other
        }
    }

    private static let getBytes = Array("GET".utf8), headBytes = Array("HEAD".utf8)
    private static let otherMethods = ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"].map { Array($0.utf8) }
    private static let http11Bytes = Array("HTTP/1.1".utf8), http10Bytes = Array("HTTP/1.0".utf8)
    private static let closeBytes = Array("close".utf8), upgradeBytes = Array("upgrade".utf8)
    private static let hostName = Array("host".utf8), expectName = Array("expect".utf8), cookieName = Array("cookie".utf8)
    private static let connectionName = Array("connection".utf8), requestIDName = Array("x-request-id".utf8)
    private static let authorizationName = Array("authorization".utf8), ifNoneMatchName = Array("if-none-match".utf8)
    private static let contentLengthName = Array("content-length".utf8), acceptEncodingName = Array("accept-encoding".utf8)
    private static let transferEncodingName = Array("transfer-encoding".utf8), proxyConnectionName = Array("proxy-connection".utf8)
    private static let ifModifiedSinceName = Array("if-modified-since".utf8)
}
