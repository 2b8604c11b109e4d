import HTTPTypes
import Hummingbird

/// An error answered with a status and a message for the user.
struct HTTPFailure: Error {
    var status: HTTPResponse.Status
    var message: String
    var title: String

    init(_ status: HTTPResponse.Status, _ message: String, title: String? = nil) {
        self.status = status
        self.message = message
        self.title = title ?? Self.title(for: status)
    }

    static func title(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "Bad request"
        case 403: "Not allowed"
        case 404: "Page not found"
        case 405: "Method not allowed"
        case 409: "Conflict"
        case 412: "Precondition failed"
        case 413: "Too large"
        case 503: "Unavailable"
        default: "Error"
        }
    }

    init(_ error: WikiError) {
        switch error {
        case .invalid(let m): self.init(.badRequest, m)
        case .forbidden(let m): self.init(.forbidden, m)
        case .notFound(let m): self.init(.notFound, m)
        case .conflict(let m): self.init(.conflict, m)
        case .preconditionFailed(let m): self.init(.preconditionFailed, m)
        }
    }

    static let methodNotAllowed = HTTPFailure(.methodNotAllowed, "This address does not accept that method.")
    static func notFound(_ message: String = "There is no page at this address.") -> HTTPFailure {
        HTTPFailure(.notFound, message)
    }
}
