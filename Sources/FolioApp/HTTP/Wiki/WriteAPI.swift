import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// `PUT /<locale>/docs/<slug>` with an API key: create (201) or update (205) a page.
///
/// Body: `application/json` (`title`, `content`, optional `tags`, `review_tags`, `comment`) or
/// `text/html` (title from `<title>`, content from `<body>`). `If-Match` takes the page's ETag
/// and answers 412 when the page changed since.
enum WriteAPI {
    struct Payload: Decodable {
        var title: String?
        var content: String
        var format: String?
        var tags: TagList?
        var review_tags: [String]?
        var comment: String?
    }

    /// Tags as a JSON list or a comma-separated string.
    enum TagList: Decodable {
        case list([String])
        var values: [String] { if case .list(let v) = self { return v }; return [] }
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let list = try? container.decode([String].self) { self = .list(list) }
            else { self = .list(Tags.parse(try container.decode(String.self))) }
        }
    }

    struct Created: Encodable { var url: String; var revision: Int }

    static func put(_ req: Req, slug: String) async throws -> Response {
        guard let user = try await authenticate(req) else {
            return Reply.json(JSONRoutes.ErrorBody(error: "An API key is required: Authorization: Bearer folio_…"),
                              status: .unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"Folio API\""])
        }
        let body = try await req.bodyText()
        let contentType = (req.request.headers[.contentType] ?? "").lowercased()
        var draft: RevisionDraft
        var formatGiven = false, flagsGiven = false
        if contentType.hasPrefix("application/json") {
            let payload: Payload
            do { payload = try JSONDecoder().decode(Payload.self, from: Data(body.utf8)) } catch {
                throw HTTPFailure(.badRequest, "The JSON body needs at least a \"content\" string.")
            }
            formatGiven = payload.format != nil
            flagsGiven = payload.review_tags != nil
            draft = RevisionDraft(title: payload.title ?? "", source: payload.content, format: payload.format ?? "html",
                                  tags: Tags.parse((payload.tags?.values ?? []).joined(separator: ",")),
                                  reviewFlags: (payload.review_tags ?? []).compactMap(ReviewFlag.init(rawValue:)),
                                  comment: payload.comment ?? "")
        } else if contentType.hasPrefix("text/html") {
            draft = RevisionDraft(title: element("title", in: body).map(decodeBasicEntities) ?? "",
                                  source: element("body", in: body) ?? body)
        } else {
            throw HTTPFailure(.unsupportedMediaType, "Send application/json or text/html.")
        }
        let locale = req.locale
        let existing = try await req.services.database.read { try await DocumentStore.find($0, locale: locale, slug: slug) }
        let ifMatch = req.request.headers[.ifMatch]
        if let existing, !existing.isDeleted, !existing.isRedirect {
            guard user.role.may(.editPage) else { throw HTTPFailure(.forbidden, "This key's user may not edit pages.") }
            if let ifMatch, !matches(ifMatch, existing) {
                throw HTTPFailure(.preconditionFailed, "ETag precondition failed: the page changed since you read it.")
            }
            let revision = try await WikiRoutes.revision(req, id: existing.currentRevisionID)
            if draft.title.isEmpty { draft.title = existing.title }
            if !formatGiven, let revision { draft.format = revision.format }
            if !flagsGiven { draft.reviewFlags = revision?.reviewFlags ?? [] }   // only reviewers clear flags on purpose
            if draft.tags.isEmpty { draft.tags = revision?.tags ?? [] }
            let outcome = try await req.services.wiki.edit(documentID: existing.id, draft: draft,
                                                           basedOn: ifMatch == nil ? nil : existing.currentRevisionID,
                                                           author: user)
            if case .conflict = outcome {
                throw HTTPFailure(.preconditionFailed, "ETag precondition failed: the page changed since you read it.")
            }
            return Response(status: .resetContent)
        }
        if let existing, existing.isDeleted {
            throw HTTPFailure(.conflict, "A deleted page exists at \(existing.path); an administrator can restore it.")
        }
        if let ifMatch, ifMatch.trimmingCharacters(in: .whitespaces) != "" {
            throw HTTPFailure(.preconditionFailed, "ETag precondition failed: the page does not exist.")
        }
        guard user.role.may(.createPage) else { throw HTTPFailure(.forbidden, "This key's user may not create pages.") }
        if draft.title.isEmpty { draft.title = Slug.lastSegment(of: slug).replacingOccurrences(of: "_", with: " ") }
        let document = try await req.services.wiki.create(locale: locale, slug: slug, draft: draft, author: user)
        return Reply.json(Created(url: document.path, revision: document.currentRevisionID ?? 0), status: .created,
                          headers: [.location: document.path])
    }

    static func matches(_ condition: String, _ document: Document) -> Bool {
        condition.split(separator: ",").contains { raw in
            var tag = raw.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            tag = tag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            // Accept both the `?raw` ETag and the page view's `<content>-<layout>` ETag.
            return tag.split(separator: "-").first.map(String.init) == document.etag
        }
    }

    static func authenticate(_ req: Req) async throws -> User? {
        guard let header = req.request.headers[.authorization] else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2 else { return nil }
        var token: String
        switch parts[0].lowercased() {
        case "bearer": token = String(parts[1])
        case "basic":
            guard let data = Data(base64Encoded: String(parts[1])), let text = String(data: data, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return nil }
            let name = text[..<colon], secret = text[text.index(after: colon)...]
            token = secret.hasPrefix("folio_") ? String(secret) : "folio_\(name)_\(secret)"
        default: return nil
        }
        token = token.trimmingCharacters(in: .whitespaces)
        return try await req.services.accounts.userForAPIToken(token)
    }

    /// Enough entity decoding for a `<title>`; the body goes through the real parser when rendered.
    static func decodeBasicEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        return text.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The inner HTML of the first `<name>` element (case-insensitive), if any.
    static func element(_ name: String, in html: String) -> String? {
        guard let open = html.range(of: "<\(name)", options: .caseInsensitive),
              let openEnd = html.range(of: ">", range: open.upperBound..<html.endIndex),
              let close = html.range(of: "</\(name)>", options: [.caseInsensitive, .backwards]),
              close.lowerBound >= openEnd.upperBound else { return nil }
        return String(html[openEnd.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
