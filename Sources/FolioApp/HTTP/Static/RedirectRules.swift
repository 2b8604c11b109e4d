import Foundation
import FolioWiki
import Yams

/// Static redirects from a YAML file (`FOLIO_REDIRECTS_FILE`), tried before any route, as
/// Kuma's `redirects.py` was. A rule is a regular expression over the path (without its first
/// `/`), a target with `{name}` or `{1}` holes for the groups, a status, and `locale: true` for
/// rules that match after a locale segment and keep it:
///
///     - from: '^media/(?:redesign/)?img(?P<suffix>.*)$'
///       to: '/static/img{suffix}'
///     - from: '^web/?$'
///       to: '/docs/Web'
///       locale: true
///     - from: '^contests'
///       to: 'http://www.mozillalabs.com/'
///       status: 302
///
/// Chains are followed to their end, so a reader gets one redirect; a file whose rules loop
/// is refused at start, and a loop only some paths reach is refused when met.
struct RedirectRules: Sendable {
    struct Rule: @unchecked Sendable {   // NSRegularExpression is immutable and thread-safe
        let number: Int
        let from: String
        let regex: NSRegularExpression
        let groupNames: [String]
        let to: String
        let status: Int
        let locale: Bool
        /// The literal start every match must have (a cheap test before the regex).
        let prefix: String
    }

    struct Problem: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    struct Target: Equatable, Sendable {
        var location: String
        /// 301, 302, 307 or 308: the first rule's, made temporary if any later one is.
        var status: Int

        var permanent: Bool { status == 301 || status == 308 }

    }

    /// Chains longer than this are treated as loops (a hole can grow a path forever).
    static let maxHops = 10

    let rules: [Rule]

    init(rules: [Rule]) { self.rules = rules }

    init(file: String) throws {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw Problem(message: "FOLIO_REDIRECTS_FILE: cannot read \(file)")
        }
        try self.init(yaml: text, name: file)
    }

    init(yaml: String, name: String = "redirects") throws {
        let node: Any?
        do { node = try Yams.load(yaml: yaml) } catch {
            throw Problem(message: "\(name): not valid YAML (\(error))")
        }
        let list: [Any]
        if let items = node as? [Any] { list = items }
        else if let map = node as? [String: Any], let items = map["redirects"] as? [Any] { list = items }
        else if node == nil { list = [] }
        else { throw Problem(message: "\(name): expected a list of rules (from, to, status, locale)") }
        var rules: [Rule] = []
        for (index, item) in list.enumerated() {
            let number = index + 1
            guard let map = item as? [String: Any], let from = map["from"] as? String, let to = map["to"] as? String else {
                throw Problem(message: "\(name): rule \(number) needs `from` and `to`")
            }
            rules.append(try Self.rule(number: number, from: from, to: to, status: map["status"] ?? 301,
                                       locale: map["locale"] ?? false, name: name))
        }
        self.rules = rules
        try checkLoops(name: name)
    }

    static func rule(number: Int, from: String, to: String, status: Any, locale: Any, name: String) throws -> Rule {
        // Kuma's patterns are Python's: `(?P<name>…)` is `(?<name>…)` here.
        let pattern = from.replacingOccurrences(of: "(?P<", with: "(?<")
        let regex: NSRegularExpression
        do { regex = try NSRegularExpression(pattern: pattern) } catch {
            throw Problem(message: "\(name): rule \(number): `\(from)` is not a valid regular expression")
        }
        guard let code = status as? Int, [301, 302, 307, 308].contains(code) else {
            throw Problem(message: "\(name): rule \(number): status must be 301, 302, 307 or 308")
        }
        guard let keepsLocale = locale as? Bool else { throw Problem(message: "\(name): rule \(number): locale must be true or false") }
        let lower = to.lowercased()
        guard to.hasPrefix("/") && !to.hasPrefix("//") || lower.hasPrefix("https://") || lower.hasPrefix("http://") else {
            throw Problem(message: "\(name): rule \(number): `to` must be a path starting with / or an http(s) URL")
        }
        let names = groupNames(in: pattern)
        for hole in holes(in: to) {
            let known = Int(hole).map { (0...regex.numberOfCaptureGroups).contains($0) } ?? names.contains(hole)
            guard known else { throw Problem(message: "\(name): rule \(number): `{\(hole)}` is not a group of `\(from)`") }
        }
        return Rule(number: number, from: from, regex: regex, groupNames: names, to: to, status: code, locale: keepsLocale,
                    prefix: literalPrefix(pattern))
    }

    /// Where `path` (as requested, starting with `/`, without the query) redirects to, if a
    /// rule matches; nil when none does or the chain loops.
    func target(for path: String) -> Target? {
        guard !rules.isEmpty, var current = apply(path) else { return nil }
        var seen: Set<String> = [path, current.location]
        // A target that another rule redirects again: follow it here, so one hop does.
        while current.location.hasPrefix("/"), let next = apply(current.location) {
            guard seen.insert(next.location).inserted, seen.count <= Self.maxHops else { return nil }
            let status = current.permanent && !next.permanent ? (current.status == 308 ? 307 : 302) : current.status
            current = Target(location: next.location, status: status)
        }
        return current
    }

    /// One rule's answer for `path`.
    func apply(_ path: String) -> Target? {
        let bare = path.hasPrefix("/") ? String(path.dropFirst()) : path
        let segments = bare.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
        let locale = segments.count > 0 ? Locales.canonical(String(segments[0])) : nil
        let afterLocale = locale == nil ? nil : (segments.count > 1 ? String(segments[1]) : "")
        for rule in rules {
            let subject: String
            if rule.locale, let afterLocale { subject = afterLocale } else { subject = bare }
            // By code points, as the regular expression compares (not by Swift's characters).
            guard subject.unicodeScalars.starts(with: rule.prefix.unicodeScalars) else { continue }
            let range = NSRange(subject.startIndex..., in: subject)
            guard let match = rule.regex.firstMatch(in: subject, range: range) else { continue }
            var location = Self.fill(rule.to, match: match, names: rule.groupNames, in: subject)
            if rule.locale, let locale, afterLocale != nil, location.hasPrefix("/") { location = "/" + locale + location }
            // A group may bring slashes (`/%2Fevil.example` decodes to `//evil.example`): a path
            // target stays a path on this site, never a scheme-relative URL to another.
            if location.hasPrefix("/") { location = "/" + location.drop { $0 == "/" || $0 == "\\" } }
            return Target(location: location, status: rule.status)
        }
        return nil
    }

    /// Refuses rules whose fixed targets lead back to themselves (tried with and without a locale).
    func checkLoops(name: String) throws {
        for rule in rules where rule.to.hasPrefix("/") && Self.holes(in: rule.to).isEmpty {
            for start in rule.locale ? ["/en-US" + rule.to, rule.to] : [rule.to] {
                var seen: [String] = [start]
                var current = start
                while let next = apply(current)?.location, next.hasPrefix("/") {
                    if seen.contains(next) {
                        throw Problem(message: "\(name): rule \(rule.number) (`\(rule.from)`) loops: "
                                      + (seen + [next]).joined(separator: " → "))
                    }
                    seen.append(next)
                    current = next
                }
            }
        }
    }

    static func fill(_ template: String, match: NSTextCheckingResult, names: [String], in subject: String) -> String {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            out += rest[..<open]
            let hole = String(rest[rest.index(after: open)..<close])
            let range = Int(hole).map { $0 <= match.numberOfRanges - 1 ? match.range(at: $0) : NSRange(location: NSNotFound, length: 0) }
                ?? match.range(withName: hole)
            if range.location != NSNotFound, let swiftRange = Range(range, in: subject) { out += subject[swiftRange] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    static func holes(in template: String) -> [String] {
        var found: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return found
    }

    static func groupNames(in pattern: String) -> [String] {
        var names: [String] = []
        var rest = Substring(pattern)
        while let start = rest.range(of: "(?<") {
            let after = rest[start.upperBound...]
            // `(?<=` and `(?<!` are lookbehinds, not names.
            if let close = after.firstIndex(of: ">"), let first = after.first, first.isLetter {
                names.append(String(after[..<close]))
            }
            rest = after
        }
        return names
    }

    /// `^samples/canvas-tutorial/2_1` → `samples/canvas-tutorial/2_1`; `^webs?` → `web`; "" when
    /// the pattern is not anchored or starts with something other than plain characters.
    static func literalPrefix(_ pattern: String) -> String {
        // An alternation may start anywhere; only a plain anchored start is a prefix.
        guard pattern.hasPrefix("^"), !pattern.contains("|") else { return "" }
        var prefix = ""
        var characters = pattern.dropFirst().makeIterator()
        while let character = characters.next() {
            if "?*{".contains(character) { if !prefix.isEmpty { prefix.removeLast() }; break }
            if "\\.^$|+()[]".contains(character) { break }
            prefix.append(character)
        }
        return prefix
    }
}
