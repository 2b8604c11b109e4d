import Foundation
import Testing
@testable import FolioCompat

/// Against the real data (when ../shared/data is present): every `browser-compat` key of the MDN
/// pages renders a table, and five features match the raw JSON, in the model and in the table.
@Suite(.serialized) struct CorpusCompatTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data").path
    static let dataPath = shared + "/bcd/data.json"
    static let present = FileManager.default.fileExists(atPath: dataPath)
    nonisolated(unsafe) static var cached: CompatData?
    static func data() throws -> CompatData {
        if let cached { return cached }
        let data = try CompatData.load(contentsOf: dataPath)
        cached = data
        return data
    }

    /// `browser-compat:` front matter values (a scalar or a YAML list) of every page.
    static func corpusKeys() throws -> [String] {
        var keys: [String] = []
        let root = shared + "/mdn-content"
        for file in FileManager.default.enumerator(atPath: root)?.compactMap({ $0 as? String }) ?? [] where file.hasSuffix("index.md") {
            let lines = try String(contentsOfFile: root + "/" + file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.first == "---" else { continue }
            var inList = false
            for line in lines.dropFirst() {
                if line == "---" { break }
                if line.hasPrefix("browser-compat:") {
                    let value = line.dropFirst("browser-compat:".count).trimmingCharacters(in: .whitespaces)
                    if value.isEmpty { inList = true } else { keys.append(value) }
                } else if inList, line.hasPrefix("  - ") || line.hasPrefix("- ") {
                    keys.append(line.drop { $0 == " " || $0 == "-" }.trimmingCharacters(in: .whitespaces))
                } else {
                    inList = false
                }
            }
        }
        return Array(Set(keys)).sorted()
    }

    @Test(.enabled(if: present)) func everyCorpusKeyRendersATable() throws {
        let data = try Self.data()
        let keys = try Self.corpusKeys()
        #expect(keys.count >= 100, "found only \(keys.count) browser-compat keys")
        let table = CompatTable(browsers: data.browsers, locale: "en-US")
        var missing: [String] = []
        for key in keys {
            guard let root = data.feature(key) else { missing.append(key); continue }
            let html = table.html(features: [root] + data.descendants(of: key, depth: 1), queryKey: key)
            if !html.contains("bc-table") { missing.append(key) }
        }
        #expect(missing.isEmpty, "keys without a table: \(missing)")
        print("compat tables: \(keys.count) browser-compat keys of the corpus rendered")
    }

    /// The raw JSON of one feature's `__compat`.
    nonisolated(unsafe) static var rawJSON: [String: Any]?
    static func raw(_ key: String) throws -> [String: Any] {
        let json = try rawJSON ?? (JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dataPath))) as! [String: Any])
        rawJSON = json
        var node: Any = json
        for part in key.split(separator: ".") { node = (node as! [String: Any])[String(part)]! }
        return (node as! [String: Any])["__compat"] as! [String: Any]
    }

    static func statements(_ compat: [String: Any], _ browser: String) -> [[String: Any]] {
        let support = (compat["support"] as! [String: Any])[browser]!
        return (support as? [[String: Any]]) ?? [support as! [String: Any]]
    }

    @Test(.enabled(if: present), arguments: [
        ("css.properties.display", "chrome"),                        // a plain version
        ("css.properties.user-select", "safari"),                   // prefixes, a removed statement (history)
        ("css.properties.backdrop-filter", "firefox"),              // notes
        ("api.ANGLE_instanced_arrays", "chrome"),                   // partial implementation with notes
        ("api.AmbientLightSensor.AmbientLightSensor", "chrome"),    // flags
    ])
    func featuresMatchTheRawData(key: String, browser: String) throws {
        let data = try Self.data()
        let feature = try #require(data.feature(key))
        let raw = Self.statements(try Self.raw(key), browser)
        let model = try #require(feature.support[browser])
        #expect(model.count == raw.count)
        let html = CompatTable(browsers: data.browsers, locale: "en-US").html(features: [feature], queryKey: key)
        for (statement, rawStatement) in zip(model, raw) {
            switch rawStatement["version_added"] {
            case let version as String:
                #expect(statement.versionAdded.description == version)
                if case .version(let v) = statement.versionAdded { #expect(html.contains(v)) }
            case let flag as Bool: #expect(statement.versionAdded == (flag ? .yes : .no))
            default: #expect(statement.versionAdded == .unknown)
            }
            #expect(statement.partialImplementation == (rawStatement["partial_implementation"] as? Bool ?? false))
            #expect(statement.prefix == rawStatement["prefix"] as? String)
            if let prefix = statement.prefix { #expect(html.contains(prefix)) }
            let flags = (rawStatement["flags"] as? [[String: Any]] ?? []).map { $0["name"] as! String }
            #expect(statement.flags.map(\.name) == flags)
            for flag in flags { #expect(html.contains(flag)) }
            let notes = (rawStatement["notes"] as? [String]) ?? (rawStatement["notes"] as? String).map { [$0] } ?? []
            #expect(statement.notes == notes)
        }
    }
}
