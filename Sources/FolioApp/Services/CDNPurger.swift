import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends a purge log row's surrogate keys to every CDN endpoint (`FOLIO_CDN_PURGE_URL`), as the
/// `cdn-purge` job: `PURGE` (or `BAN`) with the keys in `Surrogate-Key` (Fastly) and `xkey-purge`
/// (Varnish's xkey module). Any endpoint failing fails the job, which the queue retries with
/// backoff; purging twice is harmless.
struct CDNPurger: Sendable {
    let urls: [String]
    let method: String
    var client: HTTPClient = RemoteRenderer.sharedClient

    func purge(_ database: Database, job: JobStore.Job) async throws {
        guard let id = Int(job.payload) else { throw JobError("bad cdn-purge job payload “\(job.payload)”") }
        // Queued by a process that has FOLIO_CDN_PURGE_URL: a worker without it must not drop
        // the purge as done. Failing keeps it visible in `folio jobs list --failed`.
        guard !urls.isEmpty else { throw JobError("FOLIO_CDN_PURGE_URL is not set on this worker; the purge was not sent") }
        // Cleaned up already (a day old): pages have long been re-cached since.
        guard let keys = try await database.read({ try await PurgeStore.keys($0, id: id) }), !keys.isEmpty else { return }
        try await send(keys: keys)
    }

    func send(keys: [String]) async throws {
        let joined = keys.joined(separator: " ")
        for url in urls {
            var request = HTTPClientRequest(url: url)
            request.method = HTTPMethod(rawValue: method)
            request.headers.add(name: "Surrogate-Key", value: joined)
            request.headers.add(name: "xkey-purge", value: joined)
            let response: HTTPClientResponse
            do { response = try await client.execute(request, timeout: .seconds(10)) } catch {
                throw JobError("CDN purge at \(url) failed: \(error)")
            }
            _ = try? await response.body.collect(upTo: 64 * 1024)
            guard (200..<300).contains(Int(response.status.code)) else {
                throw JobError("CDN purge at \(url) answered \(response.status.code)")
            }
        }
    }
}
