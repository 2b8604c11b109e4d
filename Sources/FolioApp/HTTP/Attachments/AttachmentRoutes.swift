import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird
import NIOCore

/// Attachments: `…$files` lists a page's files and takes uploads (contributors, CSRF-checked
/// multipart forms); the files themselves are served only by the untrusted origin at
/// `/files/<id>/<name>`, and the main site redirects there (Kuma's ATTACHMENT_HOST).
enum AttachmentRoutes {
    static func files(_ req: Req, slug: String) async throws -> Response {
        let document = try await WikiRoutes.live(req, slug: slug)
        if req.isGet { return try await list(req, document: document, error: nil, status: .ok) }
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let user = try req.require(.editPage)
        guard let session = req.session else { throw HTTPFailure(.forbidden, "Sign in first. Nothing was saved.") }
        guard let boundary = req.request.headers[.contentType].flatMap(Multipart.boundary) else {
            throw HTTPFailure(.unsupportedMediaType, "Upload files with a multipart/form-data form. Nothing was saved.")
        }
        let body: ByteBuffer
        do {
            body = try await req.request.body.collect(upTo: req.services.config.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw HTTPFailure(.contentTooLarge, "The file is larger than the \(req.services.config.maxBodyBytes)-byte limit. Nothing was saved.")
        }
        guard let form = Multipart(body: Array(body.readableBytesView), boundary: boundary) else {
            throw HTTPFailure(.badRequest, "The upload could not be read. Nothing was saved.")
        }
        guard let token = form["csrf"]?.text, Secrets.constantTimeEqual(token, session.csrfToken) else {
            throw HTTPFailure(.forbidden, "The form's security token is missing or out of date. Reload the page and try again. Nothing was saved.")
        }
        guard let file = form["file"], let original = file.filename, !original.isEmpty, !file.data.isEmpty else {
            return try await list(req, document: document, error: "Choose a file to upload.", status: .badRequest)
        }
        let name = FileTypes.safeName(original)
        let kind: FileTypes.Kind
        switch FileTypes.kind(filename: name, data: file.data) {
        case .success(let found): kind = found
        case .failure(let failure): return try await list(req, document: document, error: failure.message, status: failure.status)
        }
        // Bytes first (content-addressed, renamed into place), then the row: a failure between
        // the two leaves an unreferenced file, never a row without its file.
        let sha = try FileStore(dataDirectory: req.services.config.dataDirectory).store(file.data)
        _ = try await req.services.database.transaction { sql in
            try await AttachmentStore.insert(sql, documentID: document.id, filename: name, mimeType: kind.mime, size: file.data.count,
                                             sha256: sha, uploadedBy: user.id)
        }
        return Reply.redirect(document.path + "$files")
    }

    static func list(_ req: Req, document: Document, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let attachments = try await req.services.database.read { try await AttachmentStore.list($0, documentID: document.id) }
        let origin = req.services.config.publicUntrustedURL
        var context: [String: Any] = [
            "document": WikiRoutes.link(document),
            "files": attachments.map { ["filename": $0.filename, "url": origin + $0.path, "mime": $0.mimeType,
                                        "size": ByteCountFormatter.string(fromByteCount: Int64($0.size), countStyle: .file),
                                        "added": Views.date($0.createdAt)] },
            "hasFiles": !attachments.isEmpty,
            "canUpload": req.user?.role.may(.editPage) == true && !req.services.config.readOnly,
            "limit": ByteCountFormatter.string(fromByteCount: Int64(req.services.config.maxBodyBytes), countStyle: .file),
            "types": FileTypes.allowedExtensions,
        ]
        if let error { context["error"] = error }
        return req.page("files", title: "Files of “\(document.title)”", context, status: status)
    }

    /// `/files/<id>/<name>` on the main site: the file lives on the untrusted origin.
    static func redirect(_ req: Req, rest: String) throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let parts = rest.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let id = Int(first), id > 0 else { throw HTTPFailure.notFound() }
        let name = parts.count > 1 ? "/" + URLPath.encodeSlug(String(parts[1])) : ""
        return Reply.redirect(req.services.config.publicUntrustedURL + "/files/\(id)" + name, status: .movedPermanently,
                              headers: [.cacheControl: "public, max-age=86400"])
    }

    /// The file, on the untrusted origin. Its bytes never change (a new upload is a new id).
    static func serve(_ services: FolioServices, path: String) async throws -> Response {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[1] == "files", let id = Int(parts[2]), id > 0 else {
            throw HTTPFailure.notFound("This origin serves only live samples and attachments.")
        }
        guard let attachment = try await services.database.read({ try await AttachmentStore.find($0, id: id) }) else {
            throw HTTPFailure.notFound("There is no file \(id).")
        }
        // Another name for the same file: the canonical one (so caches keep one copy).
        guard parts[3] == attachment.filename else {
            return Reply.redirect(attachment.path, status: .movedPermanently, headers: [.cacheControl: "public, max-age=86400"])
        }
        guard let data = FileStore(dataDirectory: services.config.dataDirectory).read(attachment.sha256) else {
            services.logger.error("attachment file missing", metadata: ["id": "\(id)", "sha256": "\(attachment.sha256)"])
            throw HTTPFailure(.notFound, "The file \(id) is missing from storage.")
        }
        let inline = FileTypes.all[(attachment.filename as NSString).pathExtension.lowercased()]?.inline ?? false
        return Reply.bytes(Array(data), contentType: attachment.mimeType, headers: [
            .eTag: "\"\(attachment.sha256.prefix(32))\"",
            .cacheControl: "public, max-age=31536000, immutable",
            .lastModified: HTTPDate.format(attachment.createdAt),
            .contentDisposition: (inline ? "inline" : "attachment") + "; filename=\"\(attachment.filename)\"",
            // An SVG or text file opened on its own runs nothing and reaches nothing.
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
            .accessControlAllowOrigin: "*",
            .surrogateKey: "file-\(attachment.id) doc-\(attachment.documentID)",
        ])
    }
}
