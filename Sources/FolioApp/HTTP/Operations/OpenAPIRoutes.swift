import Foundation
import HTTPTypes
import Hummingbird

/// The API role's routes and their OpenAPI 3.1 description (`Resources/openapi.json`, served at
/// `/api/openapi.json`). `APIRoutes.all` is what the router serves to the `api` role; a test
/// checks that each is in the document and that each documented path answers.
enum APIRoutes {
    /// Page-level `$action`s that are JSON and belong to the API.
    static let pageJSONActions: Set<String> = ["json", "children", "toc"]

    /// Every route of the `api` role, as OpenAPI method and path template.
    static let all: [(method: String, path: String)] =
        pageJSONActions.sorted().map { ("get", "/{locale}/docs/{slug}$" + $0) } + [
            ("put", "/{locale}/docs/{slug}"),
            ("get", "/api/openapi.json"),
            ("get", "/healthz"),
            ("get", "/readiness"),
        ]
}

enum OpenAPIRoutes {
    static let document: [UInt8]? = Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources")
        .flatMap { try? Data(contentsOf: $0) }.map { Array($0) }

    static func document(_ req: Req) throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        guard let document else { throw HTTPFailure(.internalServerError, "The OpenAPI document is missing from this build.") }
        return Reply.bytes(document, contentType: "application/json; charset=utf-8",
                           headers: [.cacheControl: "public, max-age=300"])
    }
}
