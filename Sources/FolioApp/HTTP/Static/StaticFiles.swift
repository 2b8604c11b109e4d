import Foundation
import HTTPTypes
import Hummingbird

/// The app's own CSS, JavaScript and images, loaded into memory at start. Only files shipped in
/// the build are served, so no request path ever reaches the file system.
struct StaticFiles: Sendable {
    private let files: [String: (bytes: [UInt8], type: String)]

    init() throws {
        guard let root = Bundle.module.url(forResource: "static", withExtension: nil, subdirectory: "Resources") else {
            throw DatabaseError.unsupported("The static folder is missing from the Folio build.")
        }
        var files: [String: (bytes: [UInt8], type: String)] = [:]
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        for name in names where !name.hasPrefix(".") {
            let data = try Data(contentsOf: root.appendingPathComponent(name))
            files[name] = (Array(data), Self.type(of: name))
        }
        self.files = files
    }

    static func type(of name: String) -> String {
        switch name.split(separator: ".").last.map(String.init) ?? "" {
        case "css": "text/css; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "ico": "image/x-icon"
        default: "application/octet-stream"
        }
    }

    func serve(path: String, request: Request) throws -> Response {
        guard request.method == .get || request.method == .head else { throw HTTPFailure.methodNotAllowed }
        guard let file = files[path] else { throw HTTPFailure.notFound("No such file.") }
        return Reply.bytes(file.bytes, contentType: file.type, headers: [.cacheControl: "public, max-age=3600"])
    }
}
