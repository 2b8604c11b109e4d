// YAML front matter of MDN pages (`---` … `---` at the very top), parsed
// with Yams.

import Foundation
import Yams

public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var slug: String?
    public var pageType: String?          // "page-type"
    public var browserCompat: [String]    // "browser-compat": string or list
    public var specURLs: [String]         // "spec-urls": string or list
    public var sidebar: String?
    public var tags: [String]             // older pages: "tags" list
    public var l10nSourceCommit: String?  // "l10n: { sourceCommit: … }"
    public var raw: [String: String]      // every top-level scalar field as text

    public init(title: String? = nil, slug: String? = nil, pageType: String? = nil,
                browserCompat: [String] = [], specURLs: [String] = [], sidebar: String? = nil,
                tags: [String] = [], l10nSourceCommit: String? = nil, raw: [String: String] = [:]) {
        self.title = title
        self.slug = slug
        self.pageType = pageType
        self.browserCompat = browserCompat
        self.specURLs = specURLs
        self.sidebar = sidebar
        self.tags = tags
        self.l10nSourceCommit = l10nSourceCommit
        self.raw = raw
    }
}

public struct FrontMatterError: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(description: String) { self.description = description }
}

public enum MarkdownDocument {
    /// Splits `---\n…\n---\n` YAML front matter (parsed with Yams) from the body. No front matter → (nil, text).
    /// Invalid YAML → throws FrontMatterError with a one-line reason including the line number.
    public static func split(_ text: String) throws -> (frontMatter: FrontMatter?, body: String) {
        var text = text
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return (nil, text) }
        // Find the closing `---` line.
        var yamlLines: [Substring] = []
        var bodyStart: String.Index?
        var index = text.startIndex
        var first = true
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            var line = text[index..<lineEnd]
            if line.hasSuffix("\r") { line = line.dropLast() }
            let next = lineEnd < text.endIndex ? text.index(after: lineEnd) : text.endIndex
            if first {
                first = false
            } else if line == "---" || line == "..." {
                bodyStart = next
                break
            } else {
                yamlLines.append(line)
            }
            index = next
        }
        guard let start = bodyStart else { return (nil, text) }
        let yaml = yamlLines.joined(separator: "\n")
        let body = String(text[start...])
        let node: Yams.Node?
        do {
            node = try loadYAML(yaml)
        } catch let error as YamlError {
            throw FrontMatterError(description: "invalid front matter: " + reason(error))
        } catch {
            throw FrontMatterError(description: "invalid front matter: \(error)".replacingOccurrences(of: "\n", with: " "))
        }
        guard let node else { return (FrontMatter(), body) }
        guard case let .mapping(mapping) = node else {
            throw FrontMatterError(description: "invalid front matter: line 2: expected a mapping of fields")
        }
        return (frontMatter(from: mapping), body)
    }

    /// Loads YAML; on failure retries once with top-level plain scalars that
    /// contain `": "` quoted. Real MDN pages have titles such as
    /// `title: <math>: The MathML element`, which MDN's js-yaml based tooling
    /// accepts but strict YAML (libyaml) rejects.
    /// The YAML is only composed into a node tree (not constructed into
    /// Swift values): Yams' constructor traps on non-string mapping keys.
    static func loadYAML(_ yaml: String) throws -> Yams.Node? {
        do {
            return try Yams.compose(yaml: yaml)
        } catch {
            var changed = false
            let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                guard let first = line.first, first != " ", first != "#", first != "-",
                      let colon = line.range(of: ": ") else { return String(line) }
                let key = line[..<colon.lowerBound]
                let value = line[colon.upperBound...].trimmingCharacters(in: .whitespaces)
                guard !key.contains(" "), value.contains(": "),
                      let v = value.first, !"'\"[{|>&*!".contains(v) else { return String(line) }
                changed = true
                return "\(key): '" + value.replacingOccurrences(of: "'", with: "''") + "'"
            }
            guard changed, let retried = try? Yams.compose(yaml: lines.joined(separator: "\n")) else { throw error }
            return retried
        }
    }

    /// One-line reason; line numbers are file lines (the opening `---` is line 1).
    static func reason(_ error: YamlError) -> String {
        func located(_ context: YamlError.Context?, _ problem: String, _ mark: Mark) -> String {
            var s = "line \(mark.line + 1), column \(mark.column): \(problem)"
            if let context { s += " (\(context.text))" }
            return s
        }
        switch error {
        case let .scanner(context, problem, mark, _): return located(context, problem, mark)
        case let .parser(context, problem, mark, _): return located(context, problem, mark)
        case let .composer(context, problem, mark, _): return located(context, problem, mark)
        case let .duplicatedKeysInMapping(duplicates, context):
            return "line \(context.mark.line + 1): duplicated keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)".replacingOccurrences(of: "\n", with: " ")
        }
    }

    /// Text of a scalar node; nil for YAML null and non-scalars.
    static func scalarText(_ node: Yams.Node?) -> String? {
        guard let node, case let .scalar(scalar) = node, node.null == nil else { return nil }
        return scalar.string
    }

    /// A scalar or a sequence of scalars as a list of strings.
    static func stringList(_ node: Yams.Node?) -> [String] {
        guard let node else { return [] }
        if case let .sequence(sequence) = node { return sequence.compactMap { scalarText($0) } }
        return scalarText(node).map { [$0] } ?? []
    }

    static func frontMatter(from mapping: Yams.Node.Mapping) -> FrontMatter {
        var fm = FrontMatter()
        var fields: [String: Yams.Node] = [:]
        for (key, value) in mapping {
            guard case let .scalar(k) = key else { continue }
            fields[k.string] = value
            if let text = scalarText(value) { fm.raw[k.string] = text }
        }
        fm.title = scalarText(fields["title"])
        fm.slug = scalarText(fields["slug"])
        fm.pageType = scalarText(fields["page-type"])
        fm.sidebar = scalarText(fields["sidebar"])
        fm.browserCompat = stringList(fields["browser-compat"])
        fm.specURLs = stringList(fields["spec-urls"])
        fm.tags = stringList(fields["tags"])
        if let l10n = fields["l10n"], case let .mapping(m) = l10n {
            for (key, value) in m {
                if case let .scalar(k) = key, k.string == "sourceCommit" { fm.l10nSourceCommit = scalarText(value) }
            }
        }
        return fm
    }
}
