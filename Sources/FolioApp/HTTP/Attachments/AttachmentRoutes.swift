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
        let action = form["action"]?.text ?? "upload"
        guard ["upload", "replace", "delete"].contains(action) else {
            throw HTTPFailure(.badRequest, "Unknown action “\(action)”. Nothing was changed.")
        }
        var target: Attachment? = nil
        if action != "upload" {
            guard let id = form["attachment"]?.text.flatMap({ Int($0) }),
                  let found = try await req.services.database.read({ try await AttachmentStore.find($0, id: id) }),
                  found.documentID == document.id else {
                throw HTTPFailure.notFound("That file is not attached to this page (any more). Nothing was changed.")
            }
            target = found
        }
        if action == "delete", let target { return try await delete(req, document: document, attachment: target, user: user) }
        return try await upload(req, document: document, form: form, replacing: target, user: user)
    }

    static func upload(_ req: Req, document: Document, form: Multipart, replacing: Attachment?, user: User) async throws -> Response {
        guard let file = form["file"], let original = file.filename, !original.isEmpty, !file.data.isEmpty else {
            return try await list(req, document: document, error: "Choose a file to upload.", status: .badRequest)
        }
        let name = FileTypes.safeName(original)
        let kind: FileTypes.Kind
        switch FileTypes.kind(filename: name, data: file.data) {
        case .success(let found): kind = found
        case .failure(let failure): return try await list(req, document: document, error: failure.message, status: failure.status)
        }
        // A new version keeps the address pages link to, so it must be the same kind of file.
        if let replacing, Self.ext(name) != Self.ext(replacing.filename) {
            let message = "A new version of \(replacing.filename) must be a .\(Self.ext(replacing.filename)) file too. Nothing was saved."
            return try await list(req, document: document, error: message, status: .badRequest)
        }
        let services = req.services
        let quota = user.role == .admin ? 0 : services.config.uploadQuotaMegabytes << 20
        let comment = String((form["comment"]?.text ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(255))
        // Bytes first (content-addressed, renamed into place), then the row: a failure between
        // the two leaves an unreferenced file, never a row without its file.
        let sha = try await services.blobs.store(file.data)
        let purgesCDN = services.wiki.purgesCDN
        let databaseKind = services.database.kind
        let lockUser = databaseKind == .postgres
        struct OverQuota: Error { let used: Int }
        do {
            try await services.database.transaction { sql in
                // Equal bytes of a file deleted long ago may have been removed since they were
                // found stored; with the lock held, a removal either saw this row or is over.
                try await AttachmentStore.lockBlobs(sql, kind: databaseKind, exclusive: false)
                if try await !services.blobs.contains(sha) { _ = try await services.blobs.store(file.data) }
                if quota > 0 {
                    // Counted inside the write, with the uploader's row locked (SQLite's writes
                    // are serial anyway), so parallel uploads cannot each pass the check.
                    if lockUser { try await sql.raw("SELECT id FROM users WHERE id = \(bind: user.id) FOR UPDATE").run() }
                    let since = Clock.nowMillis() - 86_400_000
                    let used = try await AttachmentStore.uploadedBytes(sql, userID: user.id, since: since)
                    if used + file.data.count > quota { throw OverQuota(used: used) }
                }
                if let replacing {
                    _ = try await AttachmentStore.replace(sql, attachmentID: replacing.id, mimeType: kind.mime, size: file.data.count,
                                                          sha256: sha, comment: comment, uploadedBy: user.id)
                    try await PurgeStore.record(sql, keys: ["file-\(replacing.id)"], cdn: purgesCDN)
                } else {
                    _ = try await AttachmentStore.insert(sql, documentID: document.id, filename: name, mimeType: kind.mime,
                                                         size: file.data.count, sha256: sha, uploadedBy: user.id, comment: comment)
                }
            }
        } catch let over as OverQuota {
            let message = "That would pass your upload allowance of \(Self.size(quota)) a day (\(Self.size(over.used)) used). "
                + "Try again tomorrow, or ask an administrator. Nothing was saved."
            return try await list(req, document: document, error: message, status: .tooManyRequests)
        }
        return Reply.redirect(document.path + "$files")
    }

    /// The uploader may take a file back; reviewers may remove anyone's.
    static func delete(_ req: Req, document: Document, attachment: Attachment, user: User) async throws -> Response {
        guard attachment.uploadedBy == user.id || user.role >= .reviewer else {
            throw HTTPFailure(.forbidden, "Only the person who uploaded \(attachment.filename), or a reviewer, may delete it. Nothing was deleted.")
        }
        let purgesCDN = req.services.wiki.purgesCDN
        try await req.services.database.transaction { sql in
            if try await AttachmentStore.delete(sql, attachmentID: attachment.id, by: user.id) {
                try await PurgeStore.record(sql, keys: ["file-\(attachment.id)"], cdn: purgesCDN)
            }
        }
        return Reply.redirect(document.path + "$files")
    }

    static func list(_ req: Req, document: Document, error: String?, status: HTTPResponse.Status) async throws -> Response {
        let files = try await req.services.database.read { sql in
            var files: [(Attachment, [AttachmentRevision])] = []
            for attachment in try await AttachmentStore.list(sql, documentID: document.id) {
                files.append((attachment, try await AttachmentStore.revisions(sql, attachmentID: attachment.id)))
            }
            return files
        }
        let origin = req.services.config.publicUntrustedURL
        let user = req.user
        let canUpload = user?.role.may(.editPage) == true && !req.services.config.readOnly
        var context: [String: Any] = [
            "document": WikiRoutes.link(document),
            "files": files.map { attachment, revisions -> [String: Any] in
                [
                    "id": attachment.id, "filename": attachment.filename, "url": origin + attachment.path, "mime": attachment.mimeType,
                    "size": Self.size(attachment.size), "added": Views.date(attachment.createdAt),
                    "revision": attachment.revision, "hasHistory": revisions.count > 1,
                    "history": revisions.map { revision -> [String: Any] in
                        ["revision": revision.revision, "url": origin + attachment.path(revision: revision.revision),
                         "size": Self.size(revision.size), "added": Views.date(revision.createdAt),
                         "uploader": revision.uploader ?? "—", "comment": revision.comment]
                    },
                    "canReplace": canUpload,
                    "canDelete": canUpload && (attachment.uploadedBy == user?.id || (user?.role ?? .contributor) >= .reviewer),
                ]
            },
            "hasFiles": !files.isEmpty,
            "canUpload": canUpload,
            "limit": Self.size(req.services.config.maxBodyBytes),
            "types": FileTypes.allowedExtensions,
        ]
        if let error { context["error"] = error }
        return req.page("files", title: "Files of “\(document.title)”", context, status: status)
    }

    static func size(_ bytes: Int) -> String { ByteCountFormatter.string(fromByteCount: Int64(bytes), countStyle: .file) }

    static func ext(_ name: String) -> String { (name as NSString).pathExtension.lowercased() }

    /// `/files/<id>/<name>` on the main site: the file lives on the untrusted origin.
    static func redirect(_ req: Req, rest: String) throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let parts = rest.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let id = Int(first), id > 0 else { throw HTTPFailure.notFound() }
        let name = parts.count > 1 ? "/" + URLPath.encodeSlug(String(parts[1])) : ""
        return Reply.redirect(req.services.config.publicUntrustedURL + "/files/\(id)" + name, status: .movedPermanently,
                              headers: [.cacheControl: "public, max-age=86400"])
    }

    /// The file, on the untrusted origin: `/files/<id>/<name>` is the current revision (purged
    /// at the CDN when replaced), `/files/<id>/v<n>/<name>` one revision, whose bytes never change.
    static func serve(_ services: FolioServices, path: String) async throws -> Response {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4 || parts.count == 5, parts[1] == "files", let id = Int(parts[2]), id > 0 else {
            throw HTTPFailure.notFound("This origin serves only live samples and attachments.")
        }
        var pinned: Int? = nil
        if parts.count == 5 {
            guard parts[3].hasPrefix("v"), let number = Int(parts[3].dropFirst()), number > 0 else {
                throw HTTPFailure.notFound("There is no such file.")
            }
            pinned = number
        }
        let found = try await services.database.read { sql -> (Attachment, AttachmentRevision?)? in
            guard let attachment = try await AttachmentStore.find(sql, id: id) else { return nil }
            guard let pinned else { return (attachment, nil) }
            return (attachment, try await AttachmentStore.revisions(sql, attachmentID: id, only: pinned).first)
        }
        guard let (attachment, revision) = found, pinned == nil || revision != nil else {
            throw HTTPFailure.notFound("There is no file \(id)" + (pinned.map { " version \($0)" } ?? "") + ".")
        }
        // Another name for the same file: the canonical one (so caches keep one copy).
        guard parts.last.map(String.init) == attachment.filename else {
            return Reply.redirect(pinned.map { attachment.path(revision: $0) } ?? attachment.path, status: .movedPermanently,
                                  headers: [.cacheControl: "public, max-age=86400"])
        }
        let sha = revision?.sha256 ?? attachment.sha256
        guard let data = try await services.blobs.read(sha) else {
            services.logger.error("attachment file missing", metadata: ["id": "\(id)", "sha256": "\(sha)"])
            throw HTTPFailure(.notFound, "The file \(id) is missing from storage.")
        }
        let inline = FileTypes.all[Self.ext(attachment.filename)]?.inline ?? false
        return Reply.bytes(Array(data), contentType: revision?.mimeType ?? attachment.mimeType, headers: [
            .eTag: "\"\(sha.prefix(32))\"",
            // Browsers re-check the current address hourly; the CDN keeps it until purged.
            .cacheControl: pinned == nil ? "public, max-age=3600, s-maxage=86400" : "public, max-age=31536000, immutable",
            .lastModified: HTTPDate.format(revision?.createdAt ?? attachment.createdAt),
            .contentDisposition: (inline ? "inline" : "attachment") + "; filename=\"\(attachment.filename)\"",
            // An SVG or text file opened on its own runs nothing and reaches nothing.
            .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox",
            .accessControlAllowOrigin: "*",
            .surrogateKey: "file-\(attachment.id) doc-\(attachment.documentID)",
        ])
    }
}
