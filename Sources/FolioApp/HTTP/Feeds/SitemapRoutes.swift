import FolioWiki
import Foundation
import HTTPTypes
import Hummingbird

/// `/sitemap.xml` (the index) and `/sitemaps/<locale>/sitemap[-N].xml`, as the daily `sitemaps`
/// job wrote them. URLs in them use the configured site URL, never the request's Host.
enum SitemapRoutes {
    /// Crawlers fetch these rarely; an hour at the CDN keeps them off the origin.
    static let cacheControl = "public, max-age=3600"

    static func index(_ req: Req) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        let files = try await req.services.database.read { try await SitemapStore.list($0) }
        let xml = SitemapStore.index(files: files, siteURL: req.services.config.publicURL)
        var headers: HTTPFields = [.cacheControl: cacheControl]
        if let newest = files.map(\.generatedAt).max() { headers[.lastModified] = HTTPDate.format(newest) }
        return Reply.bytes(Array(xml.utf8), contentType: "application/xml; charset=utf-8", headers: headers)
    }

    static func file(_ req: Req, path: String) async throws -> Response {
        guard req.isGet else { throw HTTPFailure.methodNotAllowed }
        // Only names the job writes: `<locale>/sitemap.xml` or `<locale>/sitemap-<n>.xml`.
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, Locales.canonical(String(parts[0])) == String(parts[0]),
              parts[1] == "sitemap.xml" || (parts[1].hasPrefix("sitemap-") && parts[1].hasSuffix(".xml")) else {
            throw HTTPFailure.notFound()
        }
        guard let file = try await req.services.database.read({ try await SitemapStore.file($0, name: path) }) else {
            throw HTTPFailure(.notFound, "This sitemap does not exist (yet: sitemaps are rebuilt daily by the worker).")
        }
        return Reply.bytes(Array(file.xml.utf8), contentType: "application/xml; charset=utf-8",
                           headers: [.cacheControl: cacheControl, .lastModified: HTTPDate.format(file.generatedAt)])
    }
}
