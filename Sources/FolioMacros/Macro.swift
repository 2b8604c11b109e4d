/// A built-in macro: a small type with typed parameters, its own documentation and an `expand`
/// that returns HTML. The HTML is parsed and sanitized with the page (same policy), so a macro can
/// only add what the sanitizer allows.
public protocol Macro: Sendable {
    /// The canonical name, as MDN spells it (`HTMLElement`); lookups ignore case.
    var name: String { get }
    /// Other names for the same macro (`httpheader` for `HTTPHeader` needs none; `Note` has `note`).
    var aliases: [String] { get }
    /// One sentence for writers: what the macro produces.
    var summary: String { get }
    var parameters: [MacroParameter] { get }
    /// A call as a writer would type it.
    var example: String { get }
    /// Block output (tables, notes, sidebars) replaces a paragraph that holds only the call.
    var isBlock: Bool { get }
    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String
}

extension Macro {
    public var aliases: [String] { [] }
    public var isBlock: Bool { false }
}

public struct MacroParameter: Sendable, Equatable {
    public enum Kind: String, Sendable { case string, number, boolean, json, any }
    public var name: String
    public var kind: Kind
    public var required: Bool
    public var description: String

    public init(_ name: String, _ kind: Kind = .string, required: Bool = false, _ description: String = "") {
        self.name = name; self.kind = kind; self.required = required; self.description = description
    }

    /// A string parameter.
    public init(_ name: String, required: Bool = false, _ description: String) {
        self.init(name, .string, required: required, description)
    }
}

/// Why a macro could not produce its output; shown to editors with the call.
public struct MacroFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Codable { case unknownMacro = "unknown-macro", arguments, failed, syntax }
    public var kind: Kind
    public var message: String
    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }
    public var description: String { message }
}

/// A call's arguments checked against the macro's parameters. KumaScript passed strings; these
/// accessors convert the way its macros did (`1`/`"true"` are true, numbers as written).
public struct MacroArguments: Sendable {
    public let call: MacroCall
    let values: [MacroValue]
    let parameters: [MacroParameter]

    /// Checks count, required parameters and kinds; throws `MacroFailure(.arguments)`.
    init(call: MacroCall, parameters: [MacroParameter]) throws {
        self.call = call
        self.parameters = parameters
        var values = call.arguments
        // KumaScript ignored trailing empty arguments (`{{Foo("a", "")}}`); so do we.
        while values.count > parameters.count, let last = values.last, last.text.isEmpty { values.removeLast() }
        guard values.count <= parameters.count else {
            throw MacroFailure(.arguments, parameters.isEmpty
                ? "\(call.name) takes no arguments, but got \(values.count)"
                : "\(call.name) takes at most \(parameters.count) argument\(parameters.count == 1 ? "" : "s"), but got \(values.count)")
        }
        for (index, parameter) in parameters.enumerated() {
            let value = index < values.count ? values[index] : nil
            if parameter.required, value == nil || value?.text.isEmpty == true {
                throw MacroFailure(.arguments, "\(call.name): the argument “\(parameter.name)” (\(index + 1)) is required")
            }
            guard let value else { continue }
            switch parameter.kind {
            case .number:
                if case .null = value { continue }
                if value.text.isEmpty { continue }
                if Self.number(value) == nil {
                    throw MacroFailure(.arguments, "\(call.name): the argument “\(parameter.name)” must be a number, not \(value.literal)")
                }
            case .boolean:
                if Self.bool(value) == nil {
                    throw MacroFailure(.arguments, "\(call.name): the argument “\(parameter.name)” must be true or false, not \(value.literal)")
                }
            case .json:
                if case .json = value { continue }
                if case .null = value { continue }
                throw MacroFailure(.arguments, "\(call.name): the argument “\(parameter.name)” must be a JSON object, not \(value.literal)")
            case .string, .any:
                if case .json = value, parameter.kind == .string {
                    throw MacroFailure(.arguments, "\(call.name): the argument “\(parameter.name)” must be a string, not a JSON value")
                }
            }
        }
        self.values = values
    }

    public var count: Int { values.count }

    public func value(_ index: Int) -> MacroValue? { index < values.count ? values[index] : nil }

    /// The argument as text; nil when absent or empty.
    public func string(_ index: Int) -> String? {
        guard let value = value(index) else { return nil }
        let text = value.text
        return text.isEmpty ? nil : text
    }

    public func string(_ index: Int, default fallback: String) -> String { string(index) ?? fallback }

    public func number(_ index: Int) -> Double? { value(index).flatMap(Self.number) }

    public func int(_ index: Int) -> Int? { number(index).map { Int($0) } }

    /// KumaScript truthiness for flags: absent, empty, `0`, `false` are false.
    public func bool(_ index: Int) -> Bool { value(index).flatMap(Self.bool) ?? false }

    public func json(_ index: Int) -> JSONValue? {
        if case .json(let v) = value(index) { return v }
        return nil
    }

    static func number(_ value: MacroValue) -> Double? {
        switch value {
        case .number(let n, _): return n
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "px", with: ""))
        default: return nil
        }
    }

    static func bool(_ value: MacroValue) -> Bool? {
        switch value {
        case .bool(let b): return b
        case .number(let n, _): return n != 0
        case .null: return false
        case .string(let s):
            switch s.lowercased().trimmingCharacters(in: .whitespaces) {
            case "", "0", "false", "no": return false
            case "1", "true", "yes": return true
            default: return true   // KumaScript treated any other non-empty string as true
            }
        case .json: return nil
        }
    }
}

import Foundation
