/// Failures a user can act on. The HTTP layer maps each to a 4xx status with the message shown.
public enum WikiError: Error, Equatable, CustomStringConvertible {
    case invalid(String)             // 400
    case forbidden(String)           // 403
    case notFound(String)            // 404
    case conflict(String)            // 409
    case preconditionFailed(String)  // 412

    public var description: String {
        switch self {
        case .invalid(let m), .forbidden(let m), .notFound(let m), .conflict(let m), .preconditionFailed(let m): m
        }
    }
}
