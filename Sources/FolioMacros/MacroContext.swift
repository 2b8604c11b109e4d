import FolioCompat
import FolioWiki

/// What macros know about another page (KumaScript got this from `$json`).
public struct PageInfo: Sendable, Equatable, Codable {
    public var locale: String
    public var slug: String
    public var title: String
    /// Plain-text summary (used for link tooltips and listings).
    public var summary: String
    public var tags: [String]
    public var pageType: String?

    public init(locale: String, slug: String, title: String, summary: String = "", tags: [String] = [], pageType: String? = nil) {
        self.locale = locale; self.slug = slug; self.title = title; self.summary = summary; self.tags = tags; self.pageType = pageType
    }

    public var path: String { "/" + locale + "/docs/" + MacroHTML.pathEncode(slug) }

    /// Listing order: by title, ignoring the markup and sigils titles start with
    /// ("`color` CSS property", "<div>: …", ":hover", "@media") so they sort by their names.
    public static func listingOrder(_ a: PageInfo, _ b: PageInfo) -> Bool {
        let (x, y) = (a.sortKey, b.sortKey)
        return x == y ? a.slug < b.slug : x.localizedStandardCompare(y) == .orderedAscending
    }

    var sortKey: Substring {
        title.drop { !($0.isLetter || $0.isNumber) }
    }
}

/// A page with its subpages, for listings and sidebars.
public struct PageTree: Sendable, Equatable {
    public var page: PageInfo
    public var children: [PageTree]
    public init(page: PageInfo, children: [PageTree] = []) { self.page = page; self.children = children }
}

/// The page being rendered.
public struct MacroPage: Sendable, Equatable, Codable {
    public var locale: String
    public var slug: String
    public var title: String
    public var tags: [String]
    public var pageType: String?
    public var browserCompat: [String]
    public var specURLs: [String]
    /// Front matter `sidebar:` (a sidebar macro's name).
    public var sidebar: String?
    public var revisionID: Int?

    public init(locale: String = "en-US", slug: String = "", title: String = "", tags: [String] = [], pageType: String? = nil,
                browserCompat: [String] = [], specURLs: [String] = [], sidebar: String? = nil, revisionID: Int? = nil) {
        self.locale = locale; self.slug = slug; self.title = title; self.tags = tags; self.pageType = pageType
        self.browserCompat = browserCompat; self.specURLs = specURLs; self.sidebar = sidebar; self.revisionID = revisionID
    }

    public var path: String { "/" + locale + "/docs/" + MacroHTML.pathEncode(slug) }
}

/// Site settings macros need (origins of embedded content).
public struct MacroSettings: Sendable, Equatable {
    /// The untrusted origin that serves live samples (`{{EmbedLiveSample}}` iframes point there).
    public var samplesOrigin: String
    public var interactiveExamplesURL: String
    public var githubSamplesURL: String

    public init(samplesOrigin: String = "http://localhost:8001", interactiveExamplesURL: String = "https://interactive-examples.mdn.mozilla.net",
                githubSamplesURL: String = "https://mdn.github.io") {
        self.samplesOrigin = samplesOrigin.hasSuffix("/") ? String(samplesOrigin.dropLast()) : samplesOrigin
        self.interactiveExamplesURL = interactiveExamplesURL
        self.githubSamplesURL = githubSamplesURL
    }
}

/// Something a render read; stored with the page so a change re-renders exactly its dependents.
public struct Dependency: Hashable, Sendable, Codable, Comparable {
    public enum Kind: String, Sendable, Codable, Comparable {
        /// A page's existence, title, summary, tags or page type (`<locale>/<slug key>`).
        case page
        /// The list of a page's subpages (`<locale>/<slug key>`).
        case children
        /// The translations of an English page (`<slug key>`).
        case translations
        /// A macro by lower-cased name.
        case macro
        /// An imported data set (`css`, or `bcd:<feature key>`).
        case data
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    public var kind: Kind
    public var key: String
    public init(_ kind: Kind, _ key: String) { self.kind = kind; self.key = key }
    public static func < (a: Dependency, b: Dependency) -> Bool { (a.kind, a.key) < (b.kind, b.key) }

    public static func page(locale: String, slug: String) -> Dependency { Dependency(.page, locale + "/" + Slug.key(slug)) }
    public static func children(locale: String, slug: String) -> Dependency { Dependency(.children, locale + "/" + Slug.key(slug)) }
}

/// A question a render asks the site. The app answers them in batches (`MacroDataSource`).
public enum DataRequest: Hashable, Sendable {
    case page(locale: String, key: String)
    case children(locale: String, key: String, depth: Int)
    /// Translations of the English page with this slug key.
    case translations(key: String)
    /// MDN's CSS definitions (`folio import css-data`).
    case cssData
    /// A browser-compat feature by its dotted key (`css.properties.display`).
    case compatFeature(key: String)
    /// The browsers of the compat data.
    case compatBrowsers
}

public enum DataResult: Sendable {
    case page(PageInfo?)
    case children([PageTree]?)
    case translations([PageInfo])
    case cssData(CSSData?)
    case compatFeature(Feature?)
    case compatBrowsers([String: Browser])
}

/// Answers macros' data requests. The app implements it over its database (inside the render's
/// transaction); tests and the benchmark use `InMemoryMacroData`.
public protocol MacroDataSource {
    /// Must answer every request (nil results for things that do not exist).
    func fetch(_ requests: [DataRequest]) async throws -> [DataRequest: DataResult]
}

/// Everything a macro reads goes through here, so every read is recorded as a dependency.
///
/// Reads are synchronous: a read of something not fetched yet returns nil and is remembered in
/// `wanted`; the expander fetches all wanted data in one batch and evaluates the page again.
public final class MacroContext {
    public let page: MacroPage
    public let settings: MacroSettings
    public private(set) var dependencies: Set<Dependency> = []
    var wanted: Set<DataRequest> = []
    /// Reads that found nothing fetched yet (counted per read, so every call that missed is
    /// evaluated again, even when an earlier call already asked for the same data).
    var misses = 0
    var results: [DataRequest: DataResult] = [:]

    public init(page: MacroPage, settings: MacroSettings = MacroSettings()) {
        self.page = page
        self.settings = settings
    }

    public var locale: String { page.locale }

    public func record(_ dependency: Dependency) { dependencies.insert(dependency) }

    func add(_ fetched: [DataRequest: DataResult]) { results.merge(fetched) { _, new in new } }

    private func lookup(_ request: DataRequest) -> DataResult? {
        if let result = results[request] { return result }
        wanted.insert(request)
        misses += 1
        return nil
    }

    /// Another page's metadata, or nil when it does not exist (or is not fetched yet).
    public func page(_ slug: String, locale: String? = nil) -> PageInfo? {
        let locale = locale ?? page.locale
        record(.page(locale: locale, slug: slug))
        if case .page(let info)? = lookup(.page(locale: locale, key: Slug.key(slug))) { return info }
        return nil
    }

    /// Where a link to `slug` should go: the page in this locale, else the English original
    /// (marked, as MDN marks links to untranslated pages), else this locale (a missing page).
    public func target(_ slug: String) -> LinkTarget {
        let slug = MacroHTML.normalizeSlug(slug)
        let (base, anchor) = MacroHTML.splitAnchor(slug)
        if let info = page(base) { return LinkTarget(href: info.path + anchor, page: info, state: .exists) }
        if page.locale != "en-US", let info = page(base, locale: "en-US") {
            return LinkTarget(href: info.path + anchor, page: info, state: .onlyInEnglish)
        }
        return LinkTarget(href: "/" + page.locale + "/docs/" + MacroHTML.pathEncode(base) + anchor, page: nil, state: .missing)
    }

    /// The subpages of `slug` down to `depth` levels, sorted by title; nil if the page is unknown.
    public func children(of slug: String, depth: Int = 1, locale: String? = nil) -> [PageTree]? {
        let locale = locale ?? page.locale
        record(.children(locale: locale, slug: slug))
        if case .children(let tree)? = lookup(.children(locale: locale, key: Slug.key(slug), depth: max(1, min(depth, 5)))) { return tree }
        return nil
    }

    /// The translations of an English page (its own locale excluded).
    public func translations(of slug: String) -> [PageInfo] {
        record(Dependency(.translations, Slug.key(slug)))
        if case .translations(let list)? = lookup(.translations(key: Slug.key(slug))) { return list }
        return []
    }

    /// MDN's CSS definitions, when an operator imported them.
    public var cssData: CSSData? {
        record(Dependency(.data, "css"))
        if case .cssData(let data)? = lookup(.cssData) { return data }
        return nil
    }

    /// A browser-compat feature (nil when the data has no such key, or none was imported).
    public func compatFeature(_ key: String) -> Feature? {
        record(Dependency(.data, "bcd:" + key))
        if case .compatFeature(let feature)? = lookup(.compatFeature(key: key)) { return feature }
        return nil
    }

    /// The browsers of the compat data (empty when none was imported).
    public var compatBrowsers: [String: Browser] {
        record(Dependency(.data, "bcd-browsers"))
        if case .compatBrowsers(let browsers)? = lookup(.compatBrowsers) { return browsers }
        return [:]
    }

    /// KumaScript's `mdn.localString`: the string for this page's locale, else English.
    public func localized(_ strings: [String: String]) -> String {
        strings[page.locale] ?? strings[Self.languageOnly(page.locale)] ?? strings["en-US"] ?? strings.values.first ?? ""
    }

    /// A label from a shared string table (`L10n`), with English fallback.
    public func string(_ key: String) -> String { L10n.string(key, locale: page.locale) }

    static func languageOnly(_ locale: String) -> String { String(locale.split(separator: "-").first ?? "") }
}

public struct LinkTarget: Sendable, Equatable {
    public enum State: Sendable, Equatable { case exists, onlyInEnglish, missing }
    public var href: String
    public var page: PageInfo?
    public var state: State

    /// `class` and `title` attributes as MDN set them (tooltip = the target's summary).
    public var attributes: String {
        switch state {
        case .exists:
            return page.map { $0.summary.isEmpty ? "" : " title=\"" + MacroHTML.escape($0.summary) + "\"" } ?? ""
        case .onlyInEnglish:
            return " class=\"only-in-en-us\" title=\"Currently only available in English (US)\""
        case .missing:
            return ""   // post-processing marks links to missing pages (class "new", rel="nofollow")
        }
    }
}

extension MacroContext {
    /// Which of the given wiki paths (lower-cased `/<locale>/docs/<slug>`, as the post-processor
    /// collects links) name existing pages. Each becomes a dependency, so creating a missing page
    /// re-renders the pages that link to it.
    public func existingPages(_ paths: [String], data: any MacroDataSource) async throws -> Set<String> {
        var keyed: [(path: String, request: DataRequest)] = []
        for path in paths.prefix(2000) {
            let parts = path.split(separator: "/", maxSplits: 2, omittingEmptySubsequences: true)
            guard parts.count == 3, parts[1] == "docs", let locale = Locales.canonical(String(parts[0])) else { continue }
            let slug = String(parts[2])
            record(.page(locale: locale, slug: slug))
            keyed.append((path, .page(locale: locale, key: Slug.key(slug))))
        }
        let missing = Set(keyed.map(\.request)).filter { results[$0] == nil }
        if !missing.isEmpty { add(try await data.fetch(Array(missing))) }
        var found = Set<String>()
        for (path, request) in keyed {
            if case .page(let info)? = results[request], info != nil { found.insert(path) }
        }
        return found
    }
}
