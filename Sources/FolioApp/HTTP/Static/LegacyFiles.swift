import Foundation
import HTTPTypes
import Hummingbird

/// Old files served as they are (Kuma's LEGACY_ROOT: `/diagrams/…`, `/presentations/…`,
/// `/samples/…`). They are old demos with their own scripts, so they live on the untrusted
/// origin; the main site redirects there. A request never leaves the folder: dot segments and
/// hidden names are refused, and the real path (symbolic links resolved) must stay inside it.
struct LegacyFiles: Sendable {
    static let prefixes: Set<String> = ["diagrams", "presentations", "samples"]

    /// The folder's real path.
    let root: String
    /// Old demos were framed by the site's pages; nobody else may frame them.
    let frameAncestors: String

    init(folder: String, siteURL: String) throws {
        frameAncestors = "frame-ancestors 'self' " + siteURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
              let real = Self.realPath(folder) else {
            throw FolioConfig.Problem(key: "FOLIO_LEGACY_DIR", message: "\(folder) is not a folder")
        }
        root = real
    }

    static func isLegacy(_ path: String) -> Bool {
        let first = path.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return prefixes.contains(first)
    }

    /// The file at `path` (decoded, starting with `/`), or a redirect to a folder's `/`. Files
    /// are streamed from disk in chunks (old presentations can be large).
    func serve(path: String, request: Request, context: some RequestContext) async throws -> Response {
        guard request.method == .get || request.method == .head else { throw HTTPFailure.methodNotAllowed }
        let segments = path.split(separator: "/", omittingEmptySubsequences: true)
        guard let first = segments.first, Self.prefixes.contains(String(first)),
              !segments.contains(where: { $0.hasPrefix(".") || $0.contains("\\") }), !path.contains("\0") else {
            throw HTTPFailure.notFound("No such file.")
        }
        let clean = "/" + segments.joined(separator: "/")
        var candidate = root + clean
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory) else {
            throw HTTPFailure.notFound("No such file.")
        }
        if isDirectory.boolValue {
            guard path.hasSuffix("/") else {
                // Built from the cleaned segments: never `//host/…`.
                return Reply.redirect(URLPath.encodeSlug(clean) + "/", status: .movedPermanently,
                                      headers: [.cacheControl: "public, max-age=86400"])
            }
            candidate += "/index.html"
        }
        // Symbolic links may point anywhere; only what really lies inside the folder is served.
        guard let real = Self.realPath(candidate), real.hasPrefix(root + "/"),
              let attributes = try? FileManager.default.attributesOfItem(atPath: real),
              attributes[.type] as? FileAttributeType == .typeRegular,
              let size = (attributes[.size] as? NSNumber)?.intValue else { throw HTTPFailure.notFound("No such file.") }
        let seconds = Int((attributes[.modificationDate] as? Date ?? Date(timeIntervalSince1970: 0)).timeIntervalSince1970)
        let headers: HTTPFields = [
            .contentType: Self.type(of: real),
            .contentLength: String(size),
            .eTag: "\"\(String(size, radix: 16))-\(String(seconds, radix: 16))\"",
            .lastModified: HTTPDate.format(seconds * 1000),
            .cacheControl: "public, max-age=86400",
            .surrogateKey: "legacy",
            .contentSecurityPolicy: frameAncestors,
        ]
        let body = size == 0 ? ResponseBody() : try await FileIO().loadFile(path: real, context: context)
        return Response(status: .ok, headers: headers, body: body)
    }

    static func type(of path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "xhtml": return "application/xhtml+xml"
        case "xml", "xsl": return "application/xml"
        case "mjs": return "text/javascript; charset=utf-8"
        default: return FileTypes.all[ext]?.mime ?? "application/octet-stream"
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
