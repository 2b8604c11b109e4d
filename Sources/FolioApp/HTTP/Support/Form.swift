import Foundation

/// A decoded `application/x-www-form-urlencoded` body or query string. Repeated names keep
/// every value (checkbox groups).
public struct Form: Sendable {
    private var fields: [String: [String]] = [:]

    public init(fields: [String: [String]] = [:]) { self.fields = fields }

    /// Parses `a=1&b=x+y`; nil if a name or value is not valid percent-encoded UTF-8.
    public init?(encoded: String) {
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                return nil
            }
            fields[name, default: []].append(value)
        }
    }

    /// Percent-decodes; NUL is refused (PostgreSQL cannot store it and no form needs it).
    private static func decode(_ text: Substring) -> String? {
        guard let value = String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding,
              !value.contains("\u{0}") else { return nil }
        return value
    }

    public subscript(_ name: String) -> String? { fields[name]?.first }
    public func all(_ name: String) -> [String] { fields[name] ?? [] }
    public func has(_ name: String) -> Bool { fields[name] != nil }

    /// A field as an Int, or nil when absent or not a number.
    public func int(_ name: String) -> Int? { self[name].flatMap { Int($0) } }

    /// Text with Windows line endings normalized (browsers submit textareas with CRLF).
    public func text(_ name: String) -> String {
        (self[name] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
    }
}
