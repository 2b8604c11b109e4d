/// Browser compatibility data (BCD, `@mdn/browser-compat-data`'s compiled `data.json`), as
/// immutable value types. Pure: no HTTP, no SQL. The app stores each feature's JSON and builds
/// these on demand.

/// One browser of `browsers` in the data.
public struct Browser: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable { case desktop, mobile, server, xr }
    public var id: String
    public var name: String
    public var kind: Kind
    public var previewName: String?
    public var prefURL: String?
    public var acceptsFlags: Bool
    /// Releases by version string ("118", "15.4", "preview").
    public var releases: [String: Release]

    public init(id: String, name: String, kind: Kind, previewName: String? = nil, prefURL: String? = nil, acceptsFlags: Bool = false,
                releases: [String: Release] = [:]) {
        self.id = id; self.name = name; self.kind = kind; self.previewName = previewName; self.prefURL = prefURL
        self.acceptsFlags = acceptsFlags; self.releases = releases
    }
}

public struct Release: Sendable, Equatable, Codable {
    /// `YYYY-MM-DD`, when known.
    public var date: String?
    /// retired, current, exclusive, beta, nightly, esr, planned.
    public var status: String
    public var engine: String?
    public var engineVersion: String?
    public init(date: String? = nil, status: String = "retired", engine: String? = nil, engineVersion: String? = nil) {
        self.date = date; self.status = status; self.engine = engine; self.engineVersion = engineVersion
    }
}

/// A BCD version value: `"118"`, `"≤37"`, `"preview"`, `true` (supported, version unknown),
/// `false` (not supported) or `null` (unknown).
public enum VersionValue: Sendable, Equatable, Codable, CustomStringConvertible {
    case version(String)
    /// `≤N`: supported in N at the latest; the first version is not known.
    case upTo(String)
    case preview
    case yes
    case no
    case unknown

    public var description: String {
        switch self {
        case .version(let v): return v
        case .upTo(let v): return "≤" + v
        case .preview: return "preview"
        case .yes: return "true"
        case .no: return "false"
        case .unknown: return "null"
        }
    }
}

public struct Flag: Sendable, Equatable, Codable {
    /// preference, runtime_flag
    public var type: String
    public var name: String
    public var valueToSet: String?
    public init(type: String, name: String, valueToSet: String? = nil) { self.type = type; self.name = name; self.valueToSet = valueToSet }
}

/// One support statement for one browser (a browser may have several: a history).
public struct SupportStatement: Sendable, Equatable, Codable {
    public var versionAdded: VersionValue
    public var versionRemoved: VersionValue?
    /// The last version with support when removed (added by BCD's build).
    public var versionLast: String?
    public var partialImplementation: Bool
    public var prefix: String?
    public var alternativeName: String?
    public var flags: [Flag]
    /// Notes as HTML (BCD's build renders their Markdown); sanitize before display.
    public var notes: [String]
    public var implURL: [String]

    public init(versionAdded: VersionValue, versionRemoved: VersionValue? = nil, versionLast: String? = nil,
                partialImplementation: Bool = false, prefix: String? = nil, alternativeName: String? = nil,
                flags: [Flag] = [], notes: [String] = [], implURL: [String] = []) {
        self.versionAdded = versionAdded; self.versionRemoved = versionRemoved; self.versionLast = versionLast
        self.partialImplementation = partialImplementation; self.prefix = prefix; self.alternativeName = alternativeName
        self.flags = flags; self.notes = notes; self.implURL = implURL
    }
}

public struct FeatureStatus: Sendable, Equatable, Codable {
    public var experimental: Bool
    public var standardTrack: Bool
    public var deprecated: Bool
    public init(experimental: Bool = false, standardTrack: Bool = true, deprecated: Bool = false) {
        self.experimental = experimental; self.standardTrack = standardTrack; self.deprecated = deprecated
    }
}

/// A feature: a node of the data that carries `__compat` (`css.properties.display`).
public struct Feature: Sendable, Equatable, Codable {
    /// Dotted path, e.g. `api.Element.querySelector`.
    public var key: String
    /// HTML description (BCD renders Markdown), e.g. "`display: flex`".
    public var description: String?
    public var mdnURL: String?
    public var specURLs: [String]
    public var status: FeatureStatus?
    /// Browser id → statements, newest first as in BCD.
    public var support: [String: [SupportStatement]]
    /// Keys of the direct subfeatures, in data order.
    public var subfeatures: [String]

    public init(key: String, description: String? = nil, mdnURL: String? = nil, specURLs: [String] = [], status: FeatureStatus? = nil,
                support: [String: [SupportStatement]] = [:], subfeatures: [String] = []) {
        self.key = key; self.description = description; self.mdnURL = mdnURL; self.specURLs = specURLs; self.status = status
        self.support = support; self.subfeatures = subfeatures
    }

    /// The last path segment (`display` for `css.properties.display`).
    public var name: String { key.split(separator: ".").last.map(String.init) ?? key }
}

/// A whole data set.
public struct CompatData: Sendable, Equatable {
    public var version: String
    public var timestamp: String?
    public var browsers: [String: Browser]
    public var features: [String: Feature]

    public init(version: String, timestamp: String? = nil, browsers: [String: Browser], features: [String: Feature]) {
        self.version = version; self.timestamp = timestamp; self.browsers = browsers; self.features = features
    }
}

/// What a re-import changes.
public struct CompatDiff: Sendable, Equatable {
    public var added: [String]
    public var removed: [String]
    public var changed: [String]
    public init(added: [String] = [], removed: [String] = [], changed: [String] = []) {
        self.added = added; self.removed = removed; self.changed = changed
    }
    public var isEmpty: Bool { added.isEmpty && removed.isEmpty && changed.isEmpty }
}
