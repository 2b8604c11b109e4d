import Foundation

/// MDN's CSS definitions (the `mdn-data` package's `css/*.json` and `l10n/css.json`), which an
/// operator imports with `folio import css-data`. `cssinfo` and `csssyntax` read them.
///
/// Parsed once into immutable value types (the app caches one instance per imported version),
/// so lookups are plain dictionary reads. The shapes follow the package's `*.schema.json`.
public final class CSSData: Sendable {
    /// Files `init(files:)` needs, as paths inside the mdn-data package.
    public static let requiredFiles = ["css/properties.json", "css/syntaxes.json", "l10n/css.json"]
    /// Files read when present (at-rule descriptors, type/function pages, selectors, units).
    public static let optionalFiles = ["css/at-rules.json", "css/types.json", "css/functions.json",
                                       "css/selectors.json", "css/units.json"]

    public let properties: [String: CSSProperty]
    /// Non-terminals of the value grammar (`length-percentage` → `<length> | <percentage>`).
    public let syntaxes: [String: String]
    public let types: [String: CSSEntry]
    public let functions: [String: CSSEntry]
    public let selectors: [String: CSSEntry]
    public let units: [String: CSSEntry]
    public let atRules: [String: CSSAtRule]
    /// `l10n/css.json`: key → locale → HTML (may hold `<code>`, links and KumaScript calls).
    public let strings: [String: [String: String]]

    /// Parses the files (keys are paths inside the mdn-data folder, e.g. `css/properties.json`).
    public init(files: [String: [UInt8]]) throws {
        for file in Self.requiredFiles where files[file] == nil {
            throw CSSDataError(file: file, path: "", message: "required file is missing")
        }
        func objects(_ file: String) throws -> [(String, [String: CSSJSONNode], CSSDataReader)] {
            guard let bytes = files[file] else { return [] }
            let root = try CSSDataReader.parse(bytes, file: file)
            let reader = CSSDataReader(file: file, path: "$")
            return try reader.object(root).map { key, value in
                let r = reader.child(key)
                return (key, try r.object(value), r)
            }
        }
        var properties: [String: CSSProperty] = [:]
        for (name, object, r) in try objects("css/properties.json") { properties[name] = try CSSProperty(name: name, object, r) }
        var syntaxes: [String: String] = [:]
        for (name, object, r) in try objects("css/syntaxes.json") { syntaxes[name] = try r.string(object, "syntax") }
        var atRules: [String: CSSAtRule] = [:]
        for (name, object, r) in try objects("css/at-rules.json") { atRules[name] = try CSSAtRule(name: name, object, r) }
        func entries(_ file: String, syntax: Bool) throws -> [String: CSSEntry] {
            var out: [String: CSSEntry] = [:]
            for (name, object, r) in try objects(file) { out[name] = try CSSEntry(name: name, object, r, requiresSyntax: syntax) }
            return out
        }
        self.types = try entries("css/types.json", syntax: false)
        self.functions = try entries("css/functions.json", syntax: true)
        self.selectors = try entries("css/selectors.json", syntax: true)
        self.units = try entries("css/units.json", syntax: false)
        var strings: [String: [String: String]] = [:]
        let l10n = CSSDataReader(file: "l10n/css.json", path: "$")
        for (key, value) in try l10n.object(try CSSDataReader.parse(files["l10n/css.json"]!, file: "l10n/css.json")) {
            let r = l10n.child(key)
            var byLocale: [String: String] = [:]
            for (locale, text) in try r.object(value) { byLocale[locale] = try r.child(locale).string(text) }
            strings[key] = byLocale
        }
        self.properties = properties
        self.syntaxes = syntaxes
        self.atRules = atRules
        self.strings = strings
    }

    /// Reads the files from an unpacked mdn-data package (the folder holding `css/` and `l10n/`).
    public static func load(folder: String) throws -> CSSData {
        var files: [String: [UInt8]] = [:]
        let base = URL(fileURLWithPath: folder)
        for file in requiredFiles + optionalFiles {
            let url = base.appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: url.path) else {
                if requiredFiles.contains(file) {
                    throw CSSDataError(file: file, path: "", message: "required file is missing in \(folder)")
                }
                continue
            }
            do { files[file] = Array(try Data(contentsOf: url)) } catch {
                throw CSSDataError(file: file, path: "", message: "cannot be read: \(error.localizedDescription)")
            }
        }
        return try CSSData(files: files)
    }

    public func property(_ name: String) -> CSSProperty? { properties[name] ?? properties[name.lowercased()] }

    /// A grammar non-terminal's syntax (`length-percentage`, `abs()`).
    public func syntax(_ name: String) -> String? { syntaxes[name] }

    public func type(_ name: String) -> CSSEntry? { types[name] }

    /// `@font-face` (the `@` is optional).
    public func atRule(_ name: String) -> CSSAtRule? { atRules[name.hasPrefix("@") ? name : "@" + name] }

    /// A localized string from `l10n/css.json`, English when the locale has none; nil for unknown keys.
    /// The text is HTML as MDN wrote it (it may hold `<code>`, links and `{{cssxref}}` calls).
    public func string(_ key: String, locale: String) -> String? {
        guard let table = strings[key] else { return nil }
        return table[locale] ?? table.first { $0.key.lowercased() == locale.lowercased() }?.value
            ?? table[String(locale.split(separator: "-").first ?? "")] ?? table["en-US"]
    }
}

/// Invalid or mis-shaped data, naming the file and the place inside it.
public struct CSSDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// A JSONPath-like location (`$.color.inherited`); empty for whole-file problems.
    public var path: String
    public var message: String
    public init(file: String, path: String, message: String) { self.file = file; self.path = path; self.message = message }
    public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

/// A value that is either a key into `l10n/css.json` (or a literal CSS value), or — for
/// shorthands — the list of longhands it is taken from.
public enum CSSDefinitionValue: Sendable, Equatable {
    case value(String)
    case longhands([String])
}

public struct CSSProperty: Sendable, Equatable {
    public let name: String
    public let syntax: String
    public let media: [String]
    public let inherited: Bool
    public let animationType: CSSDefinitionValue
    public let percentages: CSSDefinitionValue
    public let groups: [String]
    public let initial: CSSDefinitionValue
    public let appliesTo: String
    public let alsoAppliesTo: [String]
    public let computed: CSSDefinitionValue
    public let order: String
    public let status: String
    public let stacking: Bool
    public let mdnURL: String?

    /// Shorthands list their longhands as the initial value.
    public var isShorthand: Bool { if case .longhands = initial { return true } else { return false } }

    init(name: String, _ o: [String: CSSJSONNode], _ r: CSSDataReader) throws {
        self.name = name
        syntax = try r.string(o, "syntax")
        media = try r.stringOrList(o, "media", required: false) ?? []
        inherited = try r.bool(o, "inherited")
        animationType = try r.definition(o, "animationType")
        percentages = try r.definition(o, "percentages")
        groups = try r.strings(o, "groups")
        initial = try r.definition(o, "initial")
        appliesTo = try r.string(o, "appliesto")
        alsoAppliesTo = try r.strings(o, "alsoAppliesTo", required: false)
        computed = try r.definition(o, "computed")
        order = try r.string(o, "order")
        status = try r.string(o, "status")
        stacking = try r.bool(o, "stacking", required: false)
        mdnURL = try r.optionalString(o, "mdn_url")
    }
}

public struct CSSDescriptor: Sendable, Equatable {
    public let name: String
    public let syntax: String
    public let media: [String]
    public let initial: CSSDefinitionValue
    public let percentages: CSSDefinitionValue
    public let computed: CSSDefinitionValue
    public let order: String
    public let status: String
    public let mdnURL: String?

    init(name: String, _ o: [String: CSSJSONNode], _ r: CSSDataReader) throws {
        self.name = name
        syntax = try r.string(o, "syntax")
        media = try r.stringOrList(o, "media", required: false) ?? []
        initial = try r.definition(o, "initial")
        percentages = try r.definition(o, "percentages")
        computed = try r.definition(o, "computed")
        order = try r.string(o, "order")
        status = try r.string(o, "status")
        mdnURL = try r.optionalString(o, "mdn_url")
    }
}

public struct CSSAtRule: Sendable, Equatable {
    public let name: String
    public let syntax: String
    public let interfaces: [String]
    public let groups: [String]
    public let descriptors: [String: CSSDescriptor]
    public let status: String
    public let mdnURL: String?

    public func descriptor(_ name: String) -> CSSDescriptor? { descriptors[name] ?? descriptors[name.lowercased()] }

    init(name: String, _ o: [String: CSSJSONNode], _ r: CSSDataReader) throws {
        self.name = name
        syntax = try r.string(o, "syntax")
        interfaces = try r.strings(o, "interfaces", required: false)
        groups = try r.strings(o, "groups")
        status = try r.string(o, "status")
        mdnURL = try r.optionalString(o, "mdn_url")
        var descriptors: [String: CSSDescriptor] = [:]
        if let node = o["descriptors"] {
            let dr = r.child("descriptors")
            for (key, value) in try dr.object(node) {
                let cr = dr.child(key)
                descriptors[key] = try CSSDescriptor(name: key, try cr.object(value), cr)
            }
        }
        self.descriptors = descriptors
    }
}

/// An entry of `types.json`, `functions.json`, `selectors.json` or `units.json`.
public struct CSSEntry: Sendable, Equatable {
    public let name: String
    public let syntax: String?
    public let groups: [String]
    public let status: String
    public let mdnURL: String?

    init(name: String, _ o: [String: CSSJSONNode], _ r: CSSDataReader, requiresSyntax: Bool) throws {
        self.name = name
        syntax = requiresSyntax ? try r.string(o, "syntax") : try r.optionalString(o, "syntax")
        groups = try r.strings(o, "groups")
        status = try r.string(o, "status")
        mdnURL = try r.optionalString(o, "mdn_url")
    }
}

/// A parsed JSON value (JSONDecoder keeps booleans and numbers apart, which the schema needs).
enum CSSJSONNode: Decodable, Sendable {
    case null, bool(Bool), number(Double), string(String), array([CSSJSONNode]), object([String: CSSJSONNode])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else if let s = try? c.decode(String.self) { self = .string(s) }
        else if let a = try? c.decode([CSSJSONNode].self) { self = .array(a) }
        else { self = .object(try c.decode([String: CSSJSONNode].self)) }
    }

    var kind: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// Typed reads at a path, throwing `CSSDataError`s that say where and what was expected.
struct CSSDataReader {
    let file: String
    let path: String

    static func parse(_ bytes: [UInt8], file: String) throws -> CSSJSONNode {
        do { return try JSONDecoder().decode(CSSJSONNode.self, from: Data(bytes)) } catch {
            var detail = "\(error)"
            if case DecodingError.dataCorrupted(let context) = error {
                detail = (context.underlyingError.map { "\($0)" }) ?? context.debugDescription
            }
            throw CSSDataError(file: file, path: "", message: "not valid JSON (\(detail))")
        }
    }

    func child(_ key: String) -> CSSDataReader {
        let plain = !key.isEmpty && key.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
        return CSSDataReader(file: file, path: path + (plain ? "." + key : "[\"" + key + "\"]"))
    }

    func fail(_ message: String) -> CSSDataError { CSSDataError(file: file, path: path, message: message) }

    func object(_ node: CSSJSONNode) throws -> [String: CSSJSONNode] {
        guard case .object(let o) = node else { throw fail("expected an object, found \(node.kind)") }
        return o
    }

    func string(_ node: CSSJSONNode) throws -> String {
        guard case .string(let s) = node else { throw fail("expected a string, found \(node.kind)") }
        return s
    }

    private func value(_ o: [String: CSSJSONNode], _ key: String) throws -> CSSJSONNode {
        guard let node = o[key] else { throw fail("missing required key “\(key)”") }
        return node
    }

    func string(_ o: [String: CSSJSONNode], _ key: String) throws -> String {
        let node = try value(o, key)
        guard case .string(let s) = node else { throw child(key).fail("expected a string, found \(node.kind)") }
        return s
    }

    func optionalString(_ o: [String: CSSJSONNode], _ key: String) throws -> String? {
        guard o[key] != nil else { return nil }
        return try string(o, key)
    }

    func bool(_ o: [String: CSSJSONNode], _ key: String, required: Bool = true) throws -> Bool {
        guard let node = o[key] else { if required { throw fail("missing required key “\(key)”") }; return false }
        guard case .bool(let b) = node else { throw child(key).fail("expected a boolean, found \(node.kind)") }
        return b
    }

    func strings(_ o: [String: CSSJSONNode], _ key: String, required: Bool = true) throws -> [String] {
        guard let node = o[key] else { if required { throw fail("missing required key “\(key)”") }; return [] }
        let r = child(key)
        guard case .array(let items) = node else { throw r.fail("expected an array of strings, found \(node.kind)") }
        return try items.enumerated().map { index, item in
            guard case .string(let s) = item else {
                throw CSSDataError(file: file, path: r.path + "[\(index)]", message: "expected a string, found \(item.kind)")
            }
            return s
        }
    }

    func stringOrList(_ o: [String: CSSJSONNode], _ key: String, required: Bool = true) throws -> [String]? {
        guard let node = o[key] else { if required { throw fail("missing required key “\(key)”") }; return nil }
        if case .string(let s) = node { return [s] }
        guard case .array = node else { throw child(key).fail("expected a string or an array of strings, found \(node.kind)") }
        return try strings(o, key)
    }

    /// A string (l10n key or literal value) or an array of longhand names.
    func definition(_ o: [String: CSSJSONNode], _ key: String) throws -> CSSDefinitionValue {
        let node = try value(o, key)
        if case .string(let s) = node { return .value(s) }
        guard case .array = node else { throw child(key).fail("expected a string or an array of property names, found \(node.kind)") }
        return .longhands(try strings(o, key))
    }
}
