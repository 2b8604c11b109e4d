import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// Building responses.
enum Reply {
    static func html(_ body: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(Array(body.utf8), contentType: "text/html; charset=utf-8", status: status, headers: headers)
    }

    static func text(_ body: String, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        bytes(Array(body.utf8), contentType: "text/plain; charset=utf-8", status: status, headers: headers)
    }

    static func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(value)) ?? Data("{}".utf8)
        return bytes(Array(data), contentType: "application/json; charset=utf-8", status: status, headers: headers)
    }

    static func bytes(_ bytes: [UInt8], contentType: String, status: HTTPResponse.Status = .ok,
                      headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        // No validator for answers that must not be stored (health, metrics): a probe sending
        // If-None-Match would otherwise get a 304 instead of the current state.
        if status == .ok, headers[.eTag] == nil, headers[.cacheControl] != "no-store" {
            headers[.eTag] = "\"" + digest(bytes) + "\""
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A redirect. `location` must be a path on this site (never taken from a Host header).
    static func redirect(_ location: String, status: HTTPResponse.Status = .seeOther, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.location] = location
        return Response(status: status, headers: headers)
    }

    static func digest(_ bytes: [UInt8]) -> String {
        SHA256.hash(data: bytes).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// Thrown by a handler to answer with a redirect (for example to the login page).
struct RedirectTo: Error {
    var location: String
    var status: HTTPResponse.Status = .seeOther
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xRobotsTag = Self("X-Robots-Tag")!
    static let xFolioRevision = Self("X-Folio-Revision")!
}
