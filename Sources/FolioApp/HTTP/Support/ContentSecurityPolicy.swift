import Foundation

/// The main site's Content-Security-Policy, built once from the configuration. Everything is
/// denied by default; scripts and styles come only from the site's own files (no inline code,
/// so an injected `<script>` or `style=` does nothing); frames only from the untrusted origin
/// and the configured embed hosts, which is where live samples and videos live.
enum ContentSecurityPolicy {
    static func main(config: FolioConfig, frameSources: [String]) -> String {
        let untrusted = origin(of: config.publicUntrustedURL)
        let frames = ([untrusted] + frameSources.map(origin(of:))).compactMap { $0 }
        var seen = Set<String>()
        let frameList = frames.filter { seen.insert($0).inserted }
        let files = untrusted.map { " " + $0 } ?? ""
        return [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self'",
            // Pages show images and media from anywhere secure, and attachments from the untrusted origin.
            "img-src 'self' data: https:" + files,
            "media-src 'self' https:" + files,
            "font-src 'self'",
            "connect-src 'self'",
            "manifest-src 'self'",
            "frame-src " + (frameList.isEmpty ? "'none'" : frameList.joined(separator: " ")),
            "form-action 'self'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
        ].joined(separator: "; ")
    }

    /// `https://example.org/embed/` → `https://example.org`.
    static func origin(of url: String) -> String? {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), let host = parsed.host?.lowercased() else {
            return nil
        }
        let bracketed = host.contains(":") && !host.hasPrefix("[") ? "[" + host + "]" : host   // IPv6
        return scheme + "://" + bracketed + (parsed.port.map { ":\($0)" } ?? "")
    }
}
