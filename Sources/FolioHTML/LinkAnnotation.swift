import Foundation

/// Kuma's LinkAnnotationFilter.
enum LinkAnnotation {
    /// First slug segments that are wiki actions or listings, not documents.
    static let skippedSlugs: Set<String> = ["new", "tag", "feeds", "templates", "needs-review", "with-errors"]

    /// `anchors`: the document's <a> elements.
    static func annotate(_ anchors: [HTMLNode], siteURL: String?, existingPaths: Set<String>?) {
        let site = siteURL.map { s -> String in
            var t = s.trimmingCharacters(in: .whitespaces)
            while t.hasSuffix("/") { t.removeLast() }
            return t.lowercased()
        }
        for a in anchors {
            guard var href = a.attribute("href") else { continue }
            if let site, !site.isEmpty {
                let lower = href.lowercased()
                if lower == site {
                    href = "/"
                    a.setAttribute("href", href)
                } else if lower.hasPrefix(site),
                          let next = lower.dropFirst(site.count).first, next == "/" || next == "?" || next == "#" {
                    href = String(href.dropFirst(site.count))
                    if !href.hasPrefix("/") { href = "/" + href }
                    a.setAttribute("href", href)
                }
            }
            let scheme = URLFilter.scheme(of: URLFilter.squeezed(href))
            if let scheme, scheme == "http" || scheme == "https" || scheme == "ftp" {
                a.addClass("external")
                continue
            }
            if let existingPaths, let path = wikiPath(href), !existingPaths.contains(path) {
                a.addClass("new")
                var rel = (a.attribute("rel") ?? "").split(separator: " ").map(String.init)
                if !rel.contains("nofollow") { rel.append("nofollow") }
                a.setAttribute("rel", rel.joined(separator: " "))
            }
        }
    }

    /// "/en-US/docs/Web/CSS?x#y" → "/en-us/docs/web/css"; nil if not a document link
    /// (other paths, `$action` links, `new`/`tag/`/`feeds/`/`templates`/`needs-review`).
    /// The path is percent-decoded, since slugs are stored decoded.
    static func wikiPath(_ href: String) -> String? {
        guard href.hasPrefix("/"), !href.hasPrefix("//") else { return nil }
        var path = Substring(href)
        if let cut = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<cut] }
        let decoded = path.contains("%") ? (String(path).removingPercentEncoding ?? String(path)) : String(path)
        if decoded.contains("$") { return nil }
        var segs = decoded.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while segs.count > 1, segs.last == "" { segs.removeLast() }
        guard segs.count >= 4, segs[0].isEmpty, !segs[1].isEmpty, segs[2] == "docs", !segs[3].isEmpty else { return nil }
        if skippedSlugs.contains(segs[3].lowercased()) { return nil }
        return segs.joined(separator: "/").lowercased()
    }
}
