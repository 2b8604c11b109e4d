import Foundation

/// The files pages may attach, by extension: the type they are served with comes from here,
/// never from the uploader. Images are also checked by their first bytes, so that a page
/// cannot pass HTML off as a picture.
enum FileTypes {
    struct Kind {
        let mime: String
        /// Shown in the browser (else downloaded).
        let inline: Bool
        let signatures: [[UInt8]]
    }

    static let all: [String: Kind] = [
        "png": Kind(mime: "image/png", inline: true, signatures: [[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]]),
        "jpg": Kind(mime: "image/jpeg", inline: true, signatures: [[0xFF, 0xD8, 0xFF]]),
        "jpeg": Kind(mime: "image/jpeg", inline: true, signatures: [[0xFF, 0xD8, 0xFF]]),
        "gif": Kind(mime: "image/gif", inline: true, signatures: [Array("GIF87a".utf8), Array("GIF89a".utf8)]),
        "webp": Kind(mime: "image/webp", inline: true, signatures: [Array("RIFF".utf8)]),
        "svg": Kind(mime: "image/svg+xml", inline: true, signatures: []),
        "mp3": Kind(mime: "audio/mpeg", inline: true, signatures: []),
        "ogg": Kind(mime: "audio/ogg", inline: true, signatures: []),
        "wav": Kind(mime: "audio/wav", inline: true, signatures: []),
        "mp4": Kind(mime: "video/mp4", inline: true, signatures: []),
        "webm": Kind(mime: "video/webm", inline: true, signatures: []),
        "ogv": Kind(mime: "video/ogg", inline: true, signatures: []),
        "vtt": Kind(mime: "text/vtt; charset=utf-8", inline: true, signatures: []),
        "woff": Kind(mime: "font/woff", inline: true, signatures: []),
        "woff2": Kind(mime: "font/woff2", inline: true, signatures: []),
        "ttf": Kind(mime: "font/ttf", inline: true, signatures: []),
        "otf": Kind(mime: "font/otf", inline: true, signatures: []),
        "pdf": Kind(mime: "application/pdf", inline: true, signatures: [Array("%PDF".utf8)]),
        "txt": Kind(mime: "text/plain; charset=utf-8", inline: true, signatures: []),
        "csv": Kind(mime: "text/csv; charset=utf-8", inline: true, signatures: []),
        "json": Kind(mime: "application/json", inline: true, signatures: []),
        "css": Kind(mime: "text/css; charset=utf-8", inline: true, signatures: []),
        "js": Kind(mime: "text/javascript; charset=utf-8", inline: true, signatures: []),
        "zip": Kind(mime: "application/zip", inline: false, signatures: [[0x50, 0x4B]]),
    ]

    static var allowedExtensions: String { all.keys.sorted().joined(separator: ", ") }

    /// A name safe in a URL and a header: the last path component, letters, digits, `.-_`.
    static func safeName(_ name: String) -> String {
        // The end of the name only (it holds the extension): a name may be megabytes long.
        let last = name.suffix(300).split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var out = ""
        for scalar in last.unicodeScalars {
            let ok = scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "." || scalar == "-" || scalar == "_")
            out += ok ? String(scalar) : (out.hasSuffix("_") ? "" : "_")
        }
        return String(out.drop { $0 == "." || $0 == "_" }.suffix(100))
    }

    /// The kind of an upload, or a reason to refuse it.
    static func kind(filename: String, data: [UInt8]) -> Result<Kind, HTTPFailure> {
        let ext = (filename as NSString).pathExtension.lowercased()
        guard let kind = all[ext] else {
            return .failure(HTTPFailure(.unsupportedMediaType, "“\(filename)” is not a file type pages may attach (\(allowedExtensions)). Nothing was saved."))
        }
        if !kind.signatures.isEmpty, !kind.signatures.contains(where: { data.starts(with: $0) }) {
            return .failure(HTTPFailure(.unsupportedMediaType, "“\(filename)” is not a \(ext.uppercased()) file. Nothing was saved."))
        }
        return .success(kind)
    }
}
