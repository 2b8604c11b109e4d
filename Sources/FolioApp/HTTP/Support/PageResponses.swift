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
        var headers = entry.headers
        headers[.vary] = "Accept-Encoding"
        // The stored headers carry the plain body's length; Response keeps a length it is given.
        headers[.contentLength] = nil
        if let gzip = entry.gzip, Gzip.accepted(by: request.headers[.acceptEncoding]) {
            headers[.contentEncoding] = "gzip"
            if let etag = headers[.eTag], etag.hasSuffix("\"") {
                headers[.eTag] = etag.dropLast() + "-gz\""
            }
            return Response(status: entry.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: gzip)))
        }
        return Response(status: entry.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: entry.body)))
    }
}
