/// Writes `Feature` and `Browser` as JSON that `JSONDecoder` reads back into the same values (the
/// shape of their synthesized `Codable`), without `JSONEncoder`: encoding 20,000 features through
/// `JSONEncoder` took two thirds of a full `folio bcd import`. Keys are written sorted, so equal
/// values give equal text (the import compares stored and new text to find changed features).
public enum CompatJSONWriter {
    public static func json(_ feature: Feature) -> String {
        var out = ""
        out.reserveCapacity(512)
        out += "{"
        var first = true
        func key(_ name: String) { out += (first ? "\"" : ",\"") + name + "\":"; first = false }
        if let description = feature.description { key("description"); string(description, &out) }
        key("key"); string(feature.key, &out)
        if let url = feature.mdnURL { key("mdnURL"); string(url, &out) }
        key("specURLs"); strings(feature.specURLs, &out)
        if let status = feature.status {
            key("status")
            out += "{\"deprecated\":" + bool(status.deprecated) + ",\"experimental\":" + bool(status.experimental)
                + ",\"standardTrack\":" + bool(status.standardTrack) + "}"
        }
        key("subfeatures"); strings(feature.subfeatures, &out)
        key("support")
        out += "{"
        for (index, browser) in feature.support.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            string(browser, &out)
            out += ":["
            for (n, statement) in feature.support[browser]!.enumerated() {
                if n > 0 { out += "," }
                write(statement, &out)
            }
            out += "]"
        }
        out += "}}"
        return out
    }

    public static func json(_ browser: Browser) -> String {
        var out = "{\"acceptsFlags\":" + bool(browser.acceptsFlags) + ",\"id\":"
        string(browser.id, &out)
        out += ",\"kind\":"
        string(browser.kind.rawValue, &out)
        out += ",\"name\":"
        string(browser.name, &out)
        if let url = browser.prefURL { out += ",\"prefURL\":"; string(url, &out) }
        if let name = browser.previewName { out += ",\"previewName\":"; string(name, &out) }
        out += ",\"releases\":{"
        for (index, version) in browser.releases.keys.sorted().enumerated() {
            if index > 0 { out += "," }
            let release = browser.releases[version]!
            string(version, &out)
            out += ":{"
            var fields: [String] = []
            if let date = release.date { fields.append("\"date\":" + quoted(date)) }
            if let engine = release.engine { fields.append("\"engine\":" + quoted(engine)) }
            if let version = release.engineVersion { fields.append("\"engineVersion\":" + quoted(version)) }
            fields.append("\"status\":" + quoted(release.status))
            out += fields.joined(separator: ",") + "}"
        }
        return out + "}}"
    }

    private static func write(_ s: SupportStatement, _ out: inout String) {
        out += "{"
        if let name = s.alternativeName { out += "\"alternativeName\":"; string(name, &out); out += "," }
        out += "\"flags\":["
        for (index, flag) in s.flags.enumerated() {
            if index > 0 { out += "," }
            out += "{\"name\":"; string(flag.name, &out)
            out += ",\"type\":"; string(flag.type, &out)
            if let value = flag.valueToSet { out += ",\"valueToSet\":"; string(value, &out) }
            out += "}"
        }
        out += "],\"implURL\":"; strings(s.implURL, &out)
        out += ",\"notes\":"; strings(s.notes, &out)
        out += ",\"partialImplementation\":" + bool(s.partialImplementation)
        if let prefix = s.prefix { out += ",\"prefix\":"; string(prefix, &out) }
        out += ",\"versionAdded\":"; version(s.versionAdded, &out)
        if let last = s.versionLast { out += ",\"versionLast\":"; string(last, &out) }
        if let removed = s.versionRemoved { out += ",\"versionRemoved\":"; version(removed, &out) }
        out += "}"
    }

    /// The synthesized `Codable` shape of an enum with associated values: `{"version":{"_0":"1"}}`.
    private static func version(_ value: VersionValue, _ out: inout String) {
        switch value {
        case .version(let v): out += "{\"version\":{\"_0\":"; string(v, &out); out += "}}"
        case .upTo(let v): out += "{\"upTo\":{\"_0\":"; string(v, &out); out += "}}"
        case .preview: out += "{\"preview\":{}}"
        case .yes: out += "{\"yes\":{}}"
        case .no: out += "{\"no\":{}}"
        case .unknown: out += "{\"unknown\":{}}"
        }
    }

    private static func bool(_ value: Bool) -> String { value ? "true" : "false" }

    private static func strings(_ values: [String], _ out: inout String) {
        out += "["
        for (index, value) in values.enumerated() {
            if index > 0 { out += "," }
            string(value, &out)
        }
        out += "]"
    }

    private static func quoted(_ value: String) -> String {
        var out = ""
        string(value, &out)
        return out
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func string(_ value: String, _ out: inout String) {
        out += "\""
        var needsEscaping = false
        for byte in value.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C { needsEscaping = true; break }
        guard needsEscaping else { out += value; out += "\""; return }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = Array("0123456789abcdef".unicodeScalars)
                    out += "\\u00"
                    out.unicodeScalars.append(hex[Int(scalar.value >> 4)])
                    out.unicodeScalars.append(hex[Int(scalar.value & 15)])
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
