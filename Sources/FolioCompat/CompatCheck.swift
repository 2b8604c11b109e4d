/// Consistency checks over a loaded data set, in the spirit of BCD's own linters.

/// One problem found by `CompatCheck`: where (`$.css.properties.color.__compat.support.chrome[0].version_added`)
/// and what.
public struct CompatProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// A version written differently from the browser's release (`33.0` for `33`).
        case versionFormat = "version-format"
        /// A version (possibly ranged, `≤N`) that is not among the browser's releases.
        case unknownVersion = "unknown-version"
        /// `preview` for a browser without a preview release.
        case previewNotAllowed = "preview-not-allowed"
        /// `version_removed` at or before `version_added`.
        case removedNotAfterAdded = "removed-not-after-added"
        /// `version_removed` while `version_added` is false or null, or a removed value that is not a version or true.
        case removedWithoutAdded = "removed-without-added"
        /// Flags for a browser whose `accepts_flags` is false.
        case flagsNotAccepted = "flags-not-accepted"
        /// A support entry for a browser that is not in `browsers`.
        case unknownBrowser = "unknown-browser"
        /// An empty (or blank) note.
        case emptyNote = "empty-note"
        /// A feature without support entries, or a browser with an empty list of statements.
        case noSupport = "no-support"
    }

    public var path: String
    public var message: String
    public var kind: Kind

    public init(path: String, message: String, kind: Kind) {
        self.path = path; self.message = message; self.kind = kind
    }

    public var description: String { "\(path): \(message)" }
}

public enum CompatCheck {
    /// All problems, ordered by feature key, then browser id, then statement. Load the data with
    /// `strict: false` to also get unknown browsers listed here instead of failing the load.
    public static func problems(in data: CompatData) -> [CompatProblem] {
        var out: [CompatProblem] = []
        for key in data.features.keys.sorted() {
            let feature = data.features[key]!
            let base = "$.\(key).__compat.support"
            if feature.support.isEmpty {
                out.append(CompatProblem(path: base, message: "no support entries", kind: .noSupport))
                continue
            }
            for browserID in feature.support.keys.sorted() {
                let statements = feature.support[browserID]!
                let bpath = base + "." + browserID
                guard let browser = data.browsers[browserID] else {
                    out.append(CompatProblem(path: bpath, message: "unknown browser \"\(browserID)\"", kind: .unknownBrowser))
                    continue
                }
                if statements.isEmpty {
                    out.append(CompatProblem(path: bpath, message: "empty list of support statements", kind: .noSupport))
                }
                for (i, s) in statements.enumerated() {
                    check(s, browser: browser, path: "\(bpath)[\(i)]", into: &out)
                }
            }
        }
        return out
    }

    static func check(_ s: SupportStatement, browser: Browser, path: String, into out: inout [CompatProblem]) {
        checkVersion(s.versionAdded, browser: browser, path: path + ".version_added", into: &out)
        if let removed = s.versionRemoved {
            checkVersion(removed, browser: browser, path: path + ".version_removed", into: &out)
            switch removed {
            case .no, .unknown:
                out.append(CompatProblem(path: path + ".version_removed", message: "version_removed must be a version or true, not \(removed)",
                                         kind: .removedWithoutAdded))
            default:
                switch s.versionAdded {
                case .no, .unknown:
                    out.append(CompatProblem(path: path + ".version_removed",
                                             message: "version_removed \"\(removed)\" while version_added is \(s.versionAdded)",
                                             kind: .removedWithoutAdded))
                default:
                    if let a = number(s.versionAdded), let r = number(removed), compare(r, a) <= 0 {
                        out.append(CompatProblem(path: path + ".version_removed",
                                                 message: "version_removed \"\(removed)\" is not after version_added \"\(s.versionAdded)\"",
                                                 kind: .removedNotAfterAdded))
                    }
                }
            }
        }
        if let last = s.versionLast {
            let v: VersionValue = last.hasPrefix("≤") ? .upTo(String(last.dropFirst())) : (last == "preview" ? .preview : .version(last))
            checkVersion(v, browser: browser, path: path + ".version_last", into: &out)
        }
        if !s.flags.isEmpty && !browser.acceptsFlags {
            out.append(CompatProblem(path: path + ".flags", message: "\(browser.name) does not accept flags (accepts_flags is false)",
                                     kind: .flagsNotAccepted))
        }
        for (i, note) in s.notes.enumerated() where note.allSatisfy({ $0.isWhitespace }) {
            out.append(CompatProblem(path: s.notes.count == 1 ? path + ".notes" : "\(path).notes[\(i)]", message: "empty note", kind: .emptyNote))
        }
    }

    static func checkVersion(_ value: VersionValue, browser: Browser, path: String, into out: inout [CompatProblem]) {
        let v: String
        switch value {
        case .version(let s), .upTo(let s): v = s
        case .preview:
            if browser.previewName == nil && browser.releases["preview"] == nil {
                out.append(CompatProblem(path: path, message: "\"preview\" but \(browser.name) has no preview release", kind: .previewNotAllowed))
            }
            return
        case .yes, .no, .unknown: return
        }
        if browser.releases[v] != nil { return }
        let shown = value.description
        if let canonical = canonicalRelease(v, in: browser) {
            let fixed = value.description.replacingFirst(v, with: canonical)
            out.append(CompatProblem(path: path, message: "\"\(shown)\" should be written \"\(fixed)\" (as in \(browser.id)'s releases)",
                                     kind: .versionFormat))
        } else {
            out.append(CompatProblem(path: path, message: "\"\(shown)\" is not a release of \(browser.name)", kind: .unknownVersion))
        }
    }

    /// A release of the browser equal to `v` numerically (`33.0` → `33`, `4.4.0` → `4.4`).
    static func canonicalRelease(_ v: String, in browser: Browser) -> String? {
        guard let n = parse(v) else { return nil }
        return browser.releases.keys.sorted().first { parse($0).map { compare($0, n) == 0 } ?? false }
    }

    static func number(_ v: VersionValue) -> [Int]? {
        switch v {
        case .version(let s), .upTo(let s): return parse(s)
        default: return nil
        }
    }

    static func parse(_ s: String) -> [Int]? {
        var parts: [Int] = []
        for p in s.split(separator: ".", omittingEmptySubsequences: false) {
            guard let n = Int(p) else { return nil }
            parts.append(n)
        }
        return parts.isEmpty ? nil : parts
    }

    /// Numeric comparison, missing components counting as 0.
    static func compare(_ a: [Int], _ b: [Int]) -> Int {
        for i in 0..<max(a.count, b.count) {
            let x = i < a.count ? a[i] : 0, y = i < b.count ? b[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }
}

extension String {
    fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return replacingCharacters(in: r, with: replacement)
    }
}
