import Foundation
import HTTPTypes

/// Which origin a request is for, by its Host header. Only configured names are served: a
/// domain someone else points at this server gets 421, never a copy of the site (nor a page a
/// DNS-rebinding script could read). Folio never builds a URL from the Host header; this check
/// is about what it answers, not what it links to.
struct HostPolicy: Sendable {
    enum Origin: Sendable, Equatable { case main, untrusted, unknown }

    /// Host names of the main site: its URL's, plus `FOLIO_ALLOWED_HOSTS`.
    let main: Set<String>
    /// `.svc.cluster.local` in `FOLIO_ALLOWED_HOSTS`: that domain and every name under it (as in
    /// Django's ALLOWED_HOSTS), for in-cluster callers whose names depend on the namespace.
    let mainSuffixes: [String]
    /// Host names of the untrusted origin.
    let untrusted: Set<String>

    /// A `Host` field left among the headers: the conversion moved the first into the
    /// authority, so this is a second one.
    static let hostField = HTTPField.Name("Host")!

    static let loopbackNames: Set<String> = ["localhost", "127.0.0.1", "[::1]", "::1"]

    init(config: FolioConfig) {
        main = Set([Self.hostname(config.publicURL.hostPart)].compactMap { $0 } + config.allowedHosts.filter { !$0.hasPrefix(".") })
        mainSuffixes = config.allowedHosts.filter { $0.hasPrefix(".") }
        untrusted = Set([Self.hostname(config.publicUntrustedURL.hostPart)].compactMap { $0 })
    }

    /// The origin of a request that arrived on `listener`'s port. Loopback names from a
    /// loopback peer (a developer's curl, a proxy on the same machine, the tests) get the
    /// listener's own origin: nobody elsewhere can connect from 127.0.0.1.
    func origin(authority: String?, listener: Origin, loopbackPeer: Bool) -> Origin {
        guard let name = authority.flatMap(Self.hostname) else { return .unknown }
        // Loopback names only ever from this machine, even when a default URL uses one.
        if Self.loopbackNames.contains(name) { return loopbackPeer ? listener : .unknown }
        switch listener {
        case .main:
            if main.contains(name) || mainSuffixes.contains(where: { name.hasSuffix($0) || name == $0.dropFirst() }) {
                return .main
            }
            // One port may carry both origins when a proxy routes both names to it.
            if untrusted.contains(name) { return .untrusted }
        case .untrusted:
            if untrusted.contains(name) { return .untrusted }
        case .unknown:
            return .unknown
        }
        return .unknown
    }

    /// Paths answered whatever the Host: probes (kubelets use the pod's address), `/metrics`
    /// (which checks its callers itself) and the renderer's endpoint (which checks its secret).
    static func isHostless(_ path: String) -> Bool {
        path == "/healthz" || path == "/readiness" || path == "/metrics" || path == "/internal/render"
    }

    /// `Example.ORG.:8000` → `example.org`; `[::1]:8000` → `[::1]`; nil for anything that is
    /// not a plain host name or address.
    static func hostname(_ authority: String) -> String? {
        var text = Substring(authority.lowercased())
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let rest = text[text.index(after: close)...]
            guard rest.isEmpty || (rest.first == ":" && rest.dropFirst().allSatisfy(\.isNumber)) else { return nil }
            return String(text[...close])
        }
        if let colon = text.lastIndex(of: ":") {
            guard text[text.index(after: colon)...].allSatisfy(\.isNumber) else { return nil }
            text = text[..<colon]
        }
        if text.hasSuffix(".") { text = text.dropLast() }
        guard !text.isEmpty, text.utf8.count <= 253,
              text.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) || $0 == 45 || $0 == 46 || $0 == 95 })
        else { return nil }
        return String(text)
    }

    /// The refusal, which never echoes the caller's name.
    static let refusalBody = "This server does not serve that host name.\n"
}

private extension String {
    /// `https://docs.example.org:8443/x` → `docs.example.org:8443`.
    var hostPart: String {
        guard let url = URL(string: self), let host = url.host else { return "" }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[" + host + "]" : host
        return url.port.map { bracketed + ":\($0)" } ?? bracketed
    }
}
