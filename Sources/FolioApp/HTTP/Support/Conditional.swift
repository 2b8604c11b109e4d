import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// Conditional GETs (RFC 9110 §13.2.2): `If-None-Match` decides when present; otherwise
/// `If-Modified-Since` against `Last-Modified`, for answers whose date says everything that
/// changes them (`modifiedSince`): attachments and sitemaps, not page views, which also show
/// children, breadcrumbs and translations. Both origins answer 304 through here.
enum Conditional {
    static func notModified(_ request: Request, _ response: Response, modifiedSince: Bool = false) -> Response? {
        guard request.method == .get || request.method == .head, response.status == .ok else { return nil }
        if let condition = request.headers[.ifNoneMatch] {
            guard let etag = response.headers[.eTag], etagMatches(condition, etag) else { return nil }
        } else if modifiedSince, let since = request.headers[.ifModifiedSince].flatMap(HTTPDate.parse),
                  let modified = response.headers[.lastModified].flatMap(HTTPDate.parse) {
            guard modified <= since else { return nil }
        } else {
            return nil
        }
        return Response(status: .notModified, headers: notModifiedHeaders(response.headers))
    }

    /// What a 304 carries of the full answer's headers (RFC 9110 §15.4.5): the fields that
    /// update a cache's stored copy, and no more — the security headers are on the stored copy.
    static func notModifiedHeaders(_ headers: HTTPFields) -> HTTPFields {
        HTTPFields(headers.filter { keptOnNotModified.contains($0.name) })
    }

    static let keptOnNotModified: Set<HTTPField.Name> = [
        .cacheControl, .eTag, .vary, .lastModified, .expires, .contentLocation, .surrogateKey, .accessControlAllowOrigin,
        .requestID, .connection,
        .setCookie,   // a session cookie being cleared still must be
    ]

    static func etagMatches(_ condition: String, _ etag: String) -> Bool {
        let strip = { (tag: Substring) -> Substring in
            var tag = tag.drop { $0 == " " }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag
        }
        return condition.split(separator: ",").contains { strip($0) == "*" || strip($0) == strip(Substring(etag)) }
    }
}

/// HTTP dates (IMF-fixdate, `Sun, 06 Dec 2026 18:11:32 GMT`), by hand: a DateFormatter per call
/// cost an allocation and ICU set-up on every page view, and one shared formatter is not safe
/// across threads.
enum HTTPDate {
    static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func format(_ millis: Int) -> String {
        var seconds = time_t(millis / 1000)
        var t = tm()
        gmtime_r(&seconds, &t)
        let two = { (n: Int32) in n < 10 ? "0\(n)" : "\(n)" }
        return "\(days[Int(t.tm_wday)]), \(two(t.tm_mday)) \(months[Int(t.tm_mon)]) \(t.tm_year + 1900) "
            + "\(two(t.tm_hour)):\(two(t.tm_min)):\(two(t.tm_sec)) GMT"
    }

    /// Now, formatted once a second (every direct answer carries it in `Date`).
    static func current() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        let second = Int(now.tv_sec)
        return currentCache.withLock { cache in
            if cache.second != second { cache = (second, format(second * 1000)) }
            return cache.text
        }
    }

    private static let currentCache = Mutex<(second: Int, text: String)>((0, ""))

    /// Seconds since 1970 of an IMF-fixdate, the only form servers send; anything else is nil
    /// (the request is then unconditional).
    static func parse(_ text: String) -> Int? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[5] == "GMT", let day = Int32(parts[1]), let month = months.firstIndex(of: String(parts[2])),
              let year = Int32(parts[3]) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int32($0) }
        guard clock.count == 3 else { return nil }
        var t = tm()
        t.tm_year = year - 1900; t.tm_mon = Int32(month); t.tm_mday = day
        t.tm_hour = clock[0]; t.tm_min = clock[1]; t.tm_sec = clock[2]
        return Int(timegm(&t))
    }
}
