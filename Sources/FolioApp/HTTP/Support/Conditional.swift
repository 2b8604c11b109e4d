import Foundation
import HTTPTypes
import Hummingbird

/// Conditional GETs (RFC 9110 §13.2.2): `If-None-Match` decides when present; otherwise
/// `If-Modified-Since` against `Last-Modified`, for answers whose date says everything that
/// changes them (`modifiedSince`): attachments and sitemaps, not page views, which also show
/// children, breadcrumbs and translations. Both origins answer 304 through here.
enum Conditional {
    static func notModified(_ request: Request, _ response: Response, modifiedSince: Bool = false) -> Response? {
        guard request.method == .get || request.method == .head, response.status == .ok else { return nil }
        if let condition = request.headers[.ifNoneMatch] {
            guard let etag = response.headers[.eTag], etagMatches(condition, etag) else { return nil }
        } else if modifiedSince, let since = request.headers[.ifModifiedSince].flatMap(parseHTTPDate),
                  let modified = response.headers[.lastModified].flatMap(parseHTTPDate) {
            guard modified <= since else { return nil }
        } else {
            return nil
        }
        var notModified = Response(status: .notModified, headers: response.headers)
        notModified.headers[.contentLength] = nil
        notModified.headers[.contentType] = nil
        return notModified
    }

    static func etagMatches(_ condition: String, _ etag: String) -> Bool {
        let strip = { (tag: Substring) -> Substring in
            var tag = tag.drop { $0 == " " }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag
        }
        return condition.split(separator: ",").contains { strip($0) == "*" || strip($0) == strip(Substring(etag)) }
    }

    /// An IMF-fixdate (`Sun, 06 Dec 2026 18:11:32 GMT`), the only form servers send; other
    /// forms are ignored (the request is then unconditional).
    static func parseHTTPDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter.date(from: text)
    }
}
