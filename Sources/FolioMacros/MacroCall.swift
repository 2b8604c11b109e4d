import Foundation

/// One argument of a macro call, as written. KumaScript passed every argument as a string;
/// Folio keeps the kind so macros can check types, and `MacroArguments` converts like KumaScript.
public enum MacroValue: Sendable, Equatable {
    case string(String)
    /// A number literal; `literal` is the text as written (KumaScript passed that text).
    case number(Double, literal: String)
    case bool(Bool)
    /// A JSON object or array argument, e.g. `{{ Foo({"a": 1}) }}`.
    case json(JSONValue)
    case null

    /// The argument as KumaScript's string: numbers as written, booleans as `true`/`false`.
    public var text: String {
        switch self {
        case .string(let s): return s
        case .number(_, let literal): return literal
        case .bool(let b): return b ? "true" : "false"
        case .json(let value): return value.serialized
        case .null: return ""
        }
    }

    /// The source form, for error messages and `{{…}}` reconstruction.
    public var literal: String {
        switch self {
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .number(_, let literal): return literal
        case .bool(let b): return b ? "true" : "false"
        case .json(let value): return value.serialized
        case .null: return "null"
        }
    }
}

/// A small JSON model for object arguments (no Foundation types, so it is Sendable and Equatable).
public indirect enum JSONValue: Sendable, Equatable {
    case object([(String, JSONValue)])
    case array([JSONValue])
    case string(String)
    case number(Double)
    case bool(Bool)
    case null

    public static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null): return true
        default: return false
        }
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    public var stringValue: String? {
        switch self {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    public var serialized: String {
        switch self {
        case .object(let pairs): return "{" + pairs.map { JSONValue.string($0.0).serialized + ": " + $0.1.serialized }.joined(separator: ", ") + "}"
        case .array(let items): return "[" + items.map(\.serialized).joined(separator: ", ") + "]"
        case .string(let s):
            var out = "\""
            for scalar in s.unicodeScalars {
                switch scalar {
                case "\"": out += "\\\""
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\t": out += "\\t"
                case "\r": out += "\\r"
                default:
                    if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
                }
            }
            return out + "\""
        case .number(let n): return stringValue ?? String(n)
        case .bool(let b): return b ? "true" : "false"
        case .null: return "null"
        }
    }
}

/// A parsed `{{ Name(args) }}` call.
public struct MacroCall: Sendable, Equatable {
    /// The name as written (lookups are case-insensitive).
    public var name: String
    public var arguments: [MacroValue]
    /// The exact source text of the call, `{{` to `}}`.
    public var raw: String

    public init(name: String, arguments: [MacroValue] = [], raw: String? = nil) {
        self.name = name
        self.arguments = arguments
        self.raw = raw ?? "{{" + name + (arguments.isEmpty ? "" : "(" + arguments.map(\.literal).joined(separator: ", ") + ")") + "}}"
    }

    /// Calls with the same name (any case) and arguments produce the same output on one page.
    var cacheKey: String {
        var key = name.lowercased()
        for argument in arguments {
            switch argument {   // the kind matters: "1" and 1 may validate differently
            case .string(let s): key += "\u{0}s" + s
            case .number(_, let literal): key += "\u{0}n" + literal
            case .bool(let b): key += b ? "\u{0}t" : "\u{0}f"
            case .json(let value): key += "\u{0}j" + value.serialized
            case .null: key += "\u{0}0"
            }
        }
        return key
    }
}

/// A piece of text after macro parsing.
public enum MacroSegment: Sendable, Equatable {
    case text(String)
    case call(MacroCall)
    /// Something that starts like a macro call but does not parse; the text stays as written.
    case malformed(raw: String, name: String, message: String)
}
