import Foundation

/// `multipart/form-data` (RFC 7578), as browsers send file uploads: the parts' names, file
/// names, types and bytes. Malformed bodies give nil, never a partial result.
struct Multipart {
    struct Part {
        var name: String
        var filename: String?
        var contentType: String?
        var data: [UInt8]
        var text: String? { String(validating: data, as: UTF8.self) }
    }

    var parts: [Part]

    subscript(name: String) -> Part? { parts.first { $0.name == name } }

    /// The boundary of a `multipart/form-data; boundary=…` content type.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() where piece.lowercased().hasPrefix("boundary=") {
            var value = piece.dropFirst("boundary=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = value.dropFirst().dropLast() }
            return (1...70).contains(value.count) ? String(value) : nil
        }
        return nil
    }

    init?(body: [UInt8], boundary: String) {
        let delimiter = Array(("--" + boundary).utf8)
        let crlf: [UInt8] = [13, 10]
        guard var position = Self.find(delimiter, in: body, from: 0) else { return nil }
        var parts: [Part] = []
        while true {
            position += delimiter.count
            // "--" after a delimiter ends the body.
            if position + 1 < body.count, body[position] == UInt8(ascii: "-"), body[position + 1] == UInt8(ascii: "-") { break }
            guard position + 1 < body.count, Array(body[position..<position + 2]) == crlf else { return nil }
            position += 2
            guard let headerEnd = Self.find([13, 10, 13, 10], in: body, from: position),
                  let headerText = String(validating: body[position..<headerEnd], as: UTF8.self) else { return nil }
            let dataStart = headerEnd + 4
            guard let next = Self.find(crlf + delimiter, in: body, from: dataStart) else { return nil }
            var part = Part(name: "", filename: nil, contentType: nil, data: Array(body[dataStart..<next]))
            for line in headerText.components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let field = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                if field == "content-disposition" {
                    part.name = Self.parameter("name", in: value) ?? ""
                    part.filename = Self.parameter("filename", in: value)
                } else if field == "content-type" {
                    part.contentType = value
                }
            }
            guard !part.name.isEmpty else { return nil }
            parts.append(part)
            position = next + 2
        }
        self.parts = parts
    }

    /// `name="value"` in a Content-Disposition value (quoted, with `\"` escapes).
    static func parameter(_ name: String, in value: String) -> String? {
        var rest = Substring(value)
        while let range = rest.range(of: name + "=") {
            let before = rest[..<range.lowerBound].last
            rest = rest[range.upperBound...]
            guard before == nil || before == ";" || before == " " else { continue }
            if rest.hasPrefix("\"") {
                var result = "", escaped = false
                for character in rest.dropFirst() {
                    if escaped { result.append(character); escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { return result } else { result.append(character) }
                }
                return nil
            }
            return String(rest.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var index = start
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
