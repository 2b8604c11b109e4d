import Foundation

public struct Section: Sendable, Equatable, Codable {
    public var id: String
    public var title: String
    public var level: Int
    public init(id: String, title: String, level: Int) { self.id = id; self.title = title; self.level = level }
}

public struct LiveSample: Sendable, Equatable, Codable {
    public var id: String
    public var html: String
    public var css: String
    public var js: String
    public init(id: String, html: String = "", css: String = "", js: String = "") {
        self.id = id; self.html = html; self.css = css; self.js = js
    }
}

public struct PostProcessOptions: Sendable {
    /// Kuma's Document.toc_depth: 0 → no TOC, 1 → all (h2–h4), 2 → h2, 3 → h2–h3, 4 → h2–h4;
    /// 5 and 6 extend to h5/h6.
    public var tocDepth: Int = 3
    /// Absolute links to this site ("https://wiki.example") are squashed to paths.
    public var siteURL: String? = nil
    /// Lower-cased "/<locale>/docs/<slug>" paths that exist; nil = do not mark missing links.
    public var existingPaths: Set<String>? = nil
    /// Whether to fill `ProcessedHTML.liveSamples`; callers that do not use them (the page
    /// renderer) save a full tree walk and the code-block text extraction.
    public var extractLiveSamples = true

    public init(tocDepth: Int = 3, siteURL: String? = nil, existingPaths: Set<String>? = nil,
                extractLiveSamples: Bool = true) {
        self.tocDepth = tocDepth
        self.siteURL = siteURL
        self.existingPaths = existingPaths
        self.extractLiveSamples = extractLiveSamples
    }
}

/// Codable so callers can cache the derived fields (Kuma stored them as DB columns).
public struct ProcessedHTML: Sendable, Equatable, Codable {
    /// Body HTML: section ids injected, links annotated, the Quick_Links section removed.
    public var html: String
    /// `<ol><li><a href="#id">…</a>…</li></ol>`, or "" when there are no TOC headings.
    public var tocHTML: String
    /// The TOC entries, flat, in document order.
    public var sections: [Section]
    /// Plain-text SEO summary, ≤ 300 characters.
    public var summary: String
    public var summaryHTML: String
    /// The extracted Quick_Links section (heading dropped), links annotated.
    public var sidebarHTML: String?
    public var liveSamples: [String: LiveSample]

    public init(html: String, tocHTML: String = "", sections: [Section] = [], summary: String = "",
                summaryHTML: String = "", sidebarHTML: String? = nil, liveSamples: [String: LiveSample] = [:]) {
        self.html = html
        self.tocHTML = tocHTML
        self.sections = sections
        self.summary = summary
        self.summaryHTML = summaryHTML
        self.sidebarHTML = sidebarHTML
        self.liveSamples = liveSamples
    }
}

/// Kuma's derived-HTML pipeline (§3.2, §3.5, §3.6 of the Kuma inventory) for HTML that has
/// already been rendered and sanitized. It does not sanitize: run `Sanitizer` first.
public enum PostProcessor {
    /// Lower-cased internal `/<locale>/docs/<slug>` paths linked from the HTML, unique, in
    /// document order, for an existence lookup before `process`.
    public static func wikiLinks(in html: String) -> [String] {
        wikiLinks(in: HTMLParser.parseFragment(html))
    }

    public static func wikiLinks(in root: HTMLNode) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        // Pre-order walk without materializing `descendants` (an array of every node).
        var stack: [HTMLNode] = []
        var k = root.children.count - 1
        while k >= 0 { stack.append(root.children[k]); k -= 1 }
        while let n = stack.popLast() {
            if n.kind == .element, n.namespace == .html, n.tagID == KnownTags.a, let href = n.attribute("href"),
               let p = LinkAnnotation.wikiPath(href), seen.insert(p).inserted {
                out.append(p)
            }
            let children = n.children
            var j = children.count - 1
            while j >= 0 { stack.append(children[j]); j -= 1 }
        }
        return out
    }

    /// The live samples of already post-processed HTML (a stored rendering: its section ids are
    /// in place), without the rest of post-processing.
    public static func liveSamples(in html: String) -> [String: LiveSample] {
        LiveSamples.extract(HTMLParser.parseFragment(html))
    }

    public static func process(_ html: String, options: PostProcessOptions = .init()) -> ProcessedHTML {
        process(HTMLParser.parseFragment(html), options: options)
    }

    /// Post-processes a tree (from `HTMLParser` or `Sanitizer.sanitizedTree`), modifying it.
    public static func process(_ root: HTMLNode, options: PostProcessOptions = .init()) -> ProcessedHTML {
        // One walk collects what every pass needs (seven full walks showed up in profiles).
        var index = DocumentIndex(root)
        SectionIDs.inject(index.idCandidates, used: index.usedIDs)
        LinkAnnotation.annotate(index.anchors, siteURL: options.siteURL, existingPaths: options.existingPaths)
        let quickLinks = index.firstWithID("Quick_Links")
        let sidebar = quickLinks.map { SectionExtraction.extract($0) }
        if sidebar != nil { index = DocumentIndex(root) }   // the tree changed
        let toc = TOC.build(index.headings, depth: options.tocDepth)
        let summary = Summary.extract(root, index)
        let samples = index.hasPre && options.extractLiveSamples ? LiveSamples.extract(root) : [:]
        return ProcessedHTML(
            html: HTMLSerializer.serialize(root),
            tocHTML: toc.html,
            sections: toc.sections,
            summary: summary.text,
            summaryHTML: summary.html,
            sidebarHTML: sidebar,
            liveSamples: samples
        )
    }
}

/// Kuma's SectionFilter notion of a section: an element with the id (its content), or a
/// heading with the id (the siblings after it up to the next heading of equal or higher rank).
enum SectionExtraction {
    static func headingLevel(_ n: HTMLNode) -> Int? {
        // Byte checks, not `String.count`: grapheme counting on every node is slow.
        guard n.kind == .element, n.namespace == .html else { return nil }
        let u = n.name.utf8
        guard u.count == 2, u.first == UInt8(ascii: "h"), let d = u.last, d >= UInt8(ascii: "1"), d <= UInt8(ascii: "6") else { return nil }
        return Int(d - UInt8(ascii: "0"))
    }

    /// Siblings forming the implicit section of heading `h` (excluding `h`).
    /// `position`: index of `h` in its parent's children when known (avoids a linear search,
    /// which would make per-heading callers quadratic).
    static func implicitSection(of h: HTMLNode, position: Int? = nil) -> [HTMLNode] {
        guard let level = headingLevel(h), let parent = h.parent else { return [] }
        let start: Int
        if let position, position < parent.children.count, parent.children[position] === h {
            start = position
        } else if let found = parent.children.firstIndex(where: { $0 === h }) {
            start = found
        } else {
            return []
        }
        var out: [HTMLNode] = []
        for sib in parent.children[(start + 1)...] {
            if let l = headingLevel(sib), l <= level { break }
            out.append(sib)
        }
        return out
    }

    /// Removes the section of `el` (an element with an id) from the tree and returns its HTML
    /// (heading dropped).
    static func extract(_ el: HTMLNode) -> String {
        var out = ""
        if headingLevel(el) != nil {
            let parts = implicitSection(of: el)
            for p in parts { out += HTMLSerializer.serialize(p) }
            if let parent = el.parent {
                let remove = Set(parts.map { ObjectIdentifier($0) } + [ObjectIdentifier(el)])
                parent.setChildren(parent.children.filter { !remove.contains(ObjectIdentifier($0)) })
            }
        } else {
            out = HTMLSerializer.innerHTML(el)
            el.removeFromParent()
        }
        return out
    }
}

/// Elements of a document in order, with the subsets the post-processing passes use.
struct DocumentIndex {
    var elements: [HTMLNode] = []
    var headings: [HTMLNode] = []
    var anchors: [HTMLNode] = []
    /// Headings and section/hgroup elements without an id, in document order.
    var idCandidates: [HTMLNode] = []
    var usedIDs = Set<String>()
    var firstSEOSummary: HTMLNode?
    var hasPre = false

    init(_ root: HTMLNode) {
        var stack: [HTMLNode] = []
        var k = root.children.count - 1
        while k >= 0 { stack.append(root.children[k]); k -= 1 }
        while let n = stack.popLast() {
            guard n.kind == .element else { continue }
            elements.append(n)
            var hasID = false
            var hasClass = false
            for a in n.attributes {
                if a.name == "id", !a.value.isEmpty { usedIDs.insert(a.value); hasID = true }
                if a.name == "class" { hasClass = true }
            }
            if hasClass, firstSEOSummary == nil, n.hasClass("seoSummary") { firstSEOSummary = n }
            if n.namespace == .html {
                if SectionExtraction.headingLevel(n) != nil {
                    headings.append(n)
                    if !hasID { idCandidates.append(n) }
                } else if n.name == "a" {
                    anchors.append(n)
                } else if n.name == "pre" {
                    hasPre = true
                } else if !hasID, n.name == "section" || n.name == "hgroup" {
                    idCandidates.append(n)
                }
            }
            let children = n.children
            var j = children.count - 1
            while j >= 0 { stack.append(children[j]); j -= 1 }
        }
    }

    func firstWithID(_ id: String) -> HTMLNode? {
        guard usedIDs.contains(id) || headings.contains(where: { $0.attribute("id") == id }) else { return nil }
        return elements.first { $0.attribute("id") == id }
    }
}
