import HTTPTypes
import Hummingbird
import NIOCore

extension HTTPField.Name {
    /// The keys a CDN purges this response by (Fastly's and Varnish xkey's convention).
    static let surrogateKey = HTTPField.Name("Surrogate-Key")!
}

/// Responses from page-cache entries: the gzip form when the client takes it, each form with
/// its own strong ETag.
enum PageResponses {
    static func response(for entry: PageCache.Entry, request: Request) -> Response {
        let variant = entry.gzip.flatMap { Gzip.accepted(by: request.headers[.acceptEncoding]) ? $0 : nil } ?? entry.plain
        return Response(status: entry.status, headers: variant.headers, body: .init(byteBuffer: variant.body))
    }
}
