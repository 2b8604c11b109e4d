import Crypto
import Foundation
import HTTPTypes
import Hummingbird

/// The app's own CSS, JavaScript and images, loaded into memory at start. Only files shipped in
/// the build are served, so no request path ever reaches the file system.
///
/// Each file is also served under a fingerprinted name (`folio.3f9c2a81d0.css`, a hash of its
/// bytes) that templates use, cached for a year as `immutable`: a new build changes the name, so
/// browsers and CDNs never hold a stale copy. Text files are gzipped once, at start.
struct StaticFiles: Sendable {
    struct File: Sendable {
        let bytes: [UInt8]
        let gzip: [UInt8]?
        let type: String
        let hash: String
        let fingerprinted: String
    }

    private let files: [String: File]
    private let fingerprinted: [String: String]

    static let immutable = "public, max-age=31536000, immutable"
    /// Plain names (old links, bookmarks) may change with any build.
    static let shortLived = "public, max-age=300, s-maxage=300"

    init() throws {
        guard let root = Bundle.module.url(forResource: "static", withExtension: nil, subdirectory: "Resources") else {
            throw DatabaseError.unsupported("The static folder is missing from the Folio build.")
        }
        var files: [String: File] = [:]
        var fingerprinted: [String: String] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            let bytes = Array(try Data(contentsOf: root.appendingPathComponent(name)))
            let hash = SHA256.hash(data: bytes).prefix(5).map { String(format: "%02x", $0) }.joined()
            let type = Self.type(of: name)
            let compressible = type.hasPrefix("text/") || type.hasPrefix("image/svg") || type.hasPrefix("application/json")
            let file = File(bytes: bytes, gzip: compressible ? Gzip.compress(bytes) : nil, type: type, hash: hash,
                            fingerprinted: Self.fingerprint(name, hash))
            files[name] = file
            fingerprinted[file.fingerprinted] = name
        }
        self.files = files
        self.fingerprinted = fingerprinted
    }

    /// `folio.css` + hash → `folio.<hash>.css`.
    static func fingerprint(_ name: String, _ hash: String) -> String {
        guard let dot = name.lastIndex(of: ".") else { return name + "." + hash }
        return name[..<dot] + "." + hash + name[dot...]
    }

    /// The URL templates use for a shipped file: its fingerprinted name.
    func url(_ name: String) -> String {
        "/static/" + (files[name]?.fingerprinted ?? name)
    }

    /// Every shipped file's URL by plain name (`folio.css` → `/static/folio.3f9c2a81d0.css`).
    var urls: [String: String] {
        Dictionary(uniqueKeysWithValues: files.keys.map { ($0, url($0)) })
    }

    static func type(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        case "txt": "text/plain; charset=utf-8"
        default: "application/octet-stream"
        }
    }

    func serve(path: String, request: Request) throws -> Response {
        guard request.method == .get || request.method == .head else { throw HTTPFailure.methodNotAllowed }
        let cacheControl: String
        let file: File
        if let name = fingerprinted[path], let found = files[name] {
            file = found
            cacheControl = Self.immutable
        } else if let found = files[path] {
            file = found
            cacheControl = Self.shortLived
        } else {
            throw HTTPFailure.notFound("No such file.")
        }
        var headers: HTTPFields = [.cacheControl: cacheControl, .vary: "Accept-Encoding"]
        // One strong validator per representation.
        if let gzip = file.gzip, Gzip.accepted(by: request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            headers[.eTag] = "\"\(file.hash)-gz\""
            return Reply.bytes(gzip, contentType: file.type, headers: headers)
        }
        headers[.eTag] = "\"\(file.hash)\""
        return Reply.bytes(file.bytes, contentType: file.type, headers: headers)
    }
}
