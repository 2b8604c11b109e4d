/// Loading BCD's compiled `data.json` into `CompatData`.

import Foundation

/// Why `CompatData.load` failed: a JSON path (`$.browsers.chrome.type`) and a message; for
/// syntax errors also the byte offset, line and column.
public struct CompatDataError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    public var message: String
    public var offset: Int?
    public var line: Int?
    public var column: Int?

    public init(path: String, message: String, offset: Int? = nil, line: Int? = nil, column: Int? = nil) {
        self.path = path; self.message = message; self.offset = offset; self.line = line; self.column = column
    }

    public var description: String {
        if let offset, let line, let column {
            return "invalid JSON at byte \(offset) (line \(line), column \(column)), in \(path): \(message)"
        }
        return "\(path): \(message)"
    }
}

extension CompatData {
    /// Parses BCD's compiled `data.json`. With `strict` (the default), a support entry for a browser
    /// missing from `browsers` is an error; otherwise it is kept (and `CompatCheck` reports it).
    public static func load(_ bytes: [UInt8], strict: Bool = true) throws(CompatDataError) -> CompatData {
        try bytes.withUnsafeBufferPointer { (buf) throws(CompatDataError) -> CompatData in
            var reader = CompatJSONReader(buf)
            return try CompatLoader().load(&reader, strict: strict)
        }
    }

    /// Reads and parses a `data.json` file.
    public static func load(contentsOf path: String, strict: Bool = true) throws -> CompatData {
        let data = try Data(contentsOf: URL(fileURLWithPath: path), options: .mappedIfSafe)
        return try data.withUnsafeBytes { (raw) throws(CompatDataError) -> CompatData in
            var reader = CompatJSONReader(raw.bindMemory(to: UInt8.self))
            return try CompatLoader().load(&reader, strict: strict)
        }
    }
}

final class CompatLoader {
    var version: String?
    var timestamp: String?
    var browsers: [String: Browser] = [:]
    var features: [String: Feature] = [:]

    func load(_ reader: inout CompatJSONReader, strict: Bool) throws(CompatDataError) -> CompatData {
        features.reserveCapacity(25_000)
        guard try reader.peekKind() == .object else { throw reader.error("expected an object") }
        var sawBrowsers = false
        try reader.readObject { (r, key) throws(CompatDataError) in
            switch key {
            case "__meta":
                guard try r.peekKind() == .object else { throw r.error("expected an object") }
                try r.readObject { (r, k) throws(CompatDataError) in
                    switch k {
                    case "version": self.version = try r.string()
                    case "timestamp": self.timestamp = try r.optionalString()
                    default: try r.skipValue()
                    }
                }
            case "browsers":
                sawBrowsers = true
                try self.readBrowsers(&r)
            default:
                _ = try self.readNode(&r, key: key)
            }
        }
        try reader.finish()
        guard let version else { throw CompatDataError(path: "$.__meta.version", message: "missing") }
        guard sawBrowsers else { throw CompatDataError(path: "$.browsers", message: "missing") }
        if strict {
            // Browsers come after `api` in the sorted file, so ids are checked once everything is read.
            for key in features.keys.sorted() {
                let f = features[key]!
                for b in f.support.keys.sorted() where browsers[b] == nil {
                    throw CompatDataError(path: "$.\(key).__compat.support.\(b)", message: "unknown browser \"\(b)\" (not in $.browsers)")
                }
            }
        }
        return CompatData(version: version, timestamp: timestamp, browsers: browsers, features: features)
    }

    func readBrowsers(_ r: inout CompatJSONReader) throws(CompatDataError) {
        guard try r.peekKind() == .object else { throw r.error("expected an object") }
        try r.readObject { (r, id) throws(CompatDataError) in
            guard try r.peekKind() == .object else { throw r.error("expected an object") }
            var name: String?, kind: Browser.Kind?, previewName: String?, prefURL: String?, acceptsFlags = false
            var releases: [String: Release] = [:]
            try r.readObject { (r, k) throws(CompatDataError) in
                switch k {
                case "name": name = try r.string()
                case "type":
                    let t = try r.string()
                    guard let kk = Browser.Kind(rawValue: t) else { throw r.error("unknown browser type \"\(t)\"") }
                    kind = kk
                case "preview_name": previewName = try r.optionalString()
                case "pref_url": prefURL = try r.optionalString()
                case "accepts_flags": acceptsFlags = try r.bool()
                case "releases":
                    guard try r.peekKind() == .object else { throw r.error("expected an object") }
                    try r.readObject { (r, v) throws(CompatDataError) in
                        guard try r.peekKind() == .object else { throw r.error("expected an object") }
                        var rel = Release(status: "")
                        var sawStatus = false
                        try r.readObject { (r, f) throws(CompatDataError) in
                            switch f {
                            case "release_date": rel.date = try r.optionalString()
                            case "status": rel.status = try r.string(); sawStatus = true
                            case "engine": rel.engine = try r.optionalString()
                            case "engine_version": rel.engineVersion = try r.optionalString()
                            default: try r.skipValue()
                            }
                        }
                        if !sawStatus { throw r.error("missing \"status\"") }
                        releases[v] = rel
                    }
                default: try r.skipValue()
                }
            }
            guard let name else { throw r.error("missing \"name\"") }
            guard let kind else { throw r.error("missing \"type\"") }
            self.browsers[id] = Browser(id: id, name: name, kind: kind, previewName: previewName, prefURL: prefURL,
                                        acceptsFlags: acceptsFlags, releases: releases)
        }
    }

    /// Reads a data node at `key`; returns whether it is a feature (has `__compat`).
    func readNode(_ r: inout CompatJSONReader, key: String) throws(CompatDataError) -> Bool {
        guard try r.peekKind() == .object else { throw r.error("expected an object") }
        var feature: Feature?
        var subfeatures: [String] = []
        try r.readObject { (r, k) throws(CompatDataError) in
            if k == "__compat" {
                feature = try Self.readCompat(&r, key: key)
            } else {
                let child = key + "." + k
                if try self.readNode(&r, key: child) { subfeatures.append(child) }
            }
        }
        guard var feature else { return false }
        feature.subfeatures = subfeatures
        features[key] = feature
        return true
    }

    static func readCompat(_ r: inout CompatJSONReader, key: String) throws(CompatDataError) -> Feature {
        guard try r.peekKind() == .object else { throw r.error("expected an object") }
        var f = Feature(key: key)
        var sawSupport = false
        try r.readObject { (r, k) throws(CompatDataError) in
            switch k {
            case "description": f.description = try r.string()
            case "mdn_url": f.mdnURL = try r.string()
            case "spec_url": f.specURLs = try r.stringOrList()
            case "status":
                guard try r.peekKind() == .object else { throw r.error("expected an object") }
                var s = FeatureStatus()
                try r.readObject { (r, sk) throws(CompatDataError) in
                    switch sk {
                    case "experimental": s.experimental = try r.bool()
                    case "standard_track": s.standardTrack = try r.bool()
                    case "deprecated": s.deprecated = try r.bool()
                    default: try r.skipValue()
                    }
                }
                f.status = s
            case "support":
                sawSupport = true
                guard try r.peekKind() == .object else { throw r.error("expected an object") }
                try r.readObject { (r, browser) throws(CompatDataError) in
                    switch try r.peekKind() {
                    case .object: f.support[browser] = [try readStatement(&r)]
                    case .array:
                        var list: [SupportStatement] = []
                        try r.readArray { (r, _) throws(CompatDataError) in
                            guard try r.peekKind() == .object else { throw r.error("expected a support statement object") }
                            list.append(try readStatement(&r))
                        }
                        f.support[browser] = list
                    default: throw r.error("expected a support statement or a list of them")
                    }
                }
            default: try r.skipValue()
            }
        }
        if !sawSupport { throw r.error("missing \"support\"") }
        return f
    }

    static func readVersion(_ r: inout CompatJSONReader) throws(CompatDataError) -> VersionValue {
        switch try r.peekKind() {
        case .string:
            let s = try r.rawString()
            if s == "preview" { return .preview }
            if s.hasPrefix("≤") { return .upTo(String(s.dropFirst())) }
            return .version(s)
        case .bool: return try r.bool() ? .yes : .no
        case .null: try r.literal("null"); return .unknown
        default: throw r.error("expected a string, true, false or null")
        }
    }

    static func readStatement(_ r: inout CompatJSONReader) throws(CompatDataError) -> SupportStatement {
        var s = SupportStatement(versionAdded: .unknown)
        var sawAdded = false
        try r.readObject { (r, k) throws(CompatDataError) in
            switch k {
            case "version_added": s.versionAdded = try readVersion(&r); sawAdded = true
            case "version_removed": s.versionRemoved = try readVersion(&r)
            case "version_last":
                switch try r.peekKind() {
                case .string: s.versionLast = try r.rawString()
                case .null: try r.literal("null")
                default: throw r.error("expected a string")
                }
            case "partial_implementation": s.partialImplementation = try r.bool()
            case "prefix": s.prefix = try r.string()
            case "alternative_name": s.alternativeName = try r.string()
            case "flags":
                guard try r.peekKind() == .array else { throw r.error("expected a list of flags") }
                try r.readArray { (r, _) throws(CompatDataError) in
                    guard try r.peekKind() == .object else { throw r.error("expected a flag object") }
                    var type: String?, name: String?, value: String?
                    try r.readObject { (r, fk) throws(CompatDataError) in
                        switch fk {
                        case "type": type = try r.string()
                        case "name": name = try r.string()
                        case "value_to_set": value = try r.string()
                        default: try r.skipValue()
                        }
                    }
                    guard let type else { throw r.error("missing \"type\"") }
                    guard let name else { throw r.error("missing \"name\"") }
                    s.flags.append(Flag(type: type, name: name, valueToSet: value))
                }
            case "notes": s.notes = try r.stringOrList()
            case "impl_url": s.implURL = try r.stringOrList()
            default: try r.skipValue()
            }
        }
        if !sawAdded { throw r.error("missing \"version_added\"") }
        return s
    }
}

extension CompatData {
    /// The feature at a dotted key (`css.properties.display`).
    public func feature(_ key: String) -> Feature? { features[key] }

    /// Features below `key`, depth-first in data order. `depth` 1 gives the direct subfeatures,
    /// 2 also their subfeatures, and so on; `depth <= 0` gives none. `key` need not be a feature
    /// itself (`css.properties`): then its topmost descendant features are the first level, in key order
    /// (the data's keys are sorted).
    public func descendants(of key: String, depth: Int) -> [Feature] {
        guard depth > 0 else { return [] }
        let top: [String]
        if let f = features[key] {
            top = f.subfeatures
        } else {
            top = topFeatures(under: key)
        }
        var out: [Feature] = []
        func walk(_ keys: [String], _ level: Int) {
            for k in keys {
                guard let f = features[k] else { continue }
                out.append(f)
                if level < depth { walk(f.subfeatures, level + 1) }
            }
        }
        walk(top, 1)
        return out
    }

    /// Features under a non-feature node that have no feature ancestor below it, sorted segment-wise.
    func topFeatures(under key: String) -> [String] {
        let prefix = key.isEmpty ? "" : key + "."
        var result: [[Substring]] = []
        for k in features.keys where k.hasPrefix(prefix) {
            let parts = k.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
            var hasFeatureAncestor = false
            var acc = key
            for p in parts.dropLast() {
                acc = acc.isEmpty ? String(p) : acc + "." + p
                if features[acc] != nil { hasFeatureAncestor = true; break }
            }
            if !hasFeatureAncestor { result.append(parts) }
        }
        result.sort { $0.lexicographicallyPrecedes($1) }
        return result.map { prefix + $0.joined(separator: ".") }
    }
}
