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
        // Every <a> of every page comes through here: plain ASCII paths without '%' (nearly
        // all of them) are handled on bytes, with the same result as the general code below.
        if case .known(let path) = asciiWikiPath(href) { return path }
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

    /// `wikiPath` for an all-ASCII href whose path part has no '%'; `.unknown` = not
    /// applicable (use the general code). ASCII makes byte and Character operations agree.
    private enum FastPath { case known(String?), unknown }

    private static func asciiWikiPath(_ href: String) -> FastPath {
        var h = href
        return h.withUTF8 { b -> FastPath in
            var end = 0
            while end < b.count {
                let c = b[end]
                if c >= 0x80 { return .unknown }
                if c == UInt8(ascii: "?") || c == UInt8(ascii: "#") { break }
                end += 1
            }
            var k = end
            while k < b.count { if b[k] >= 0x80 { return .unknown }; k += 1 }
            guard end > 0, b[0] == UInt8(ascii: "/"), !(end > 1 && b[1] == UInt8(ascii: "/")) else {
                // hasPrefix("/") looks at the whole href, not just the path.
                if b.count > 0, b[0] == UInt8(ascii: "/"), !(b.count > 1 && b[1] == UInt8(ascii: "/")) {
                    return .unknown
                }
                return .known(nil)
            }
            for i in 0..<end where b[i] == UInt8(ascii: "%") { return .unknown }
            for i in 0..<end where b[i] == UInt8(ascii: "$") { return .known(nil) }
            // Trailing slashes go (the general code drops trailing empty segments).
            while end > 1, b[end - 1] == UInt8(ascii: "/") { end -= 1 }
            // Segments: "" / locale / "docs" / slug...
            var segStarts: [Int] = []
            var segEnds: [Int] = []
            var s0 = 1
            while segStarts.count < 3 {
                var e = s0
                while e < end, b[e] != UInt8(ascii: "/") { e += 1 }
                segStarts.append(s0)
                segEnds.append(e)
                if e >= end { break }
                s0 = e + 1
            }
            guard segStarts.count >= 3, segEnds[0] > segStarts[0] else { return .known(nil) }
            let docs = Array("docs".utf8)
            guard segEnds[1] - segStarts[1] == 4, (0..<4).allSatisfy({ b[segStarts[1] + $0] == docs[$0] }),
                  segEnds[2] > segStarts[2] else { return .known(nil) }
            var lower = Array(b[0..<end])
            for i in lower.indices where lower[i] >= 0x41 && lower[i] <= 0x5A { lower[i] |= 0x20 }
            let slug = String(decoding: lower[segStarts[2]..<segEnds[2]], as: UTF8.self)
            if skippedSlugs.contains(slug) { return .known(nil) }
            return .known(String(decoding: lower, as: UTF8.self))
        }
    }
}
