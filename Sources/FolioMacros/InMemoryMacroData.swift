import FolioCompat
import FolioWiki

/// A `MacroDataSource` over a list of pages held in memory: for tests, the benchmark and
/// previews without a database. Subpages are derived from slugs; translations are pages in other
/// locales with the same slug (as in MDN's content repositories).
public struct InMemoryMacroData: MacroDataSource, Sendable {
    private var pages: [String: PageInfo] = [:]          // "<locale>/<slug key>"
    private var children: [String: [String]] = [:]       // parent key → child keys
    public var cssData: CSSData?
    public var compat: CompatData?

    public init(pages: [PageInfo] = [], cssData: CSSData? = nil, compat: CompatData? = nil) {
        self.cssData = cssData
        self.compat = compat
        for page in pages { add(page) }
    }

    public mutating func add(_ page: PageInfo) {
        let key = page.locale + "/" + Slug.key(page.slug)
        if pages[key] == nil, let parent = Slug.parent(of: page.slug) {
            children[page.locale + "/" + Slug.key(parent), default: []].append(key)
        }
        pages[key] = page
    }

    public func fetch(_ requests: [DataRequest]) async throws -> [DataRequest: DataResult] {
        var results: [DataRequest: DataResult] = [:]
        for request in requests {
            switch request {
            case .page(let locale, let key):
                results[request] = .page(pages[locale + "/" + key])
            case .children(let locale, let key, let depth):
                results[request] = .children(pages[locale + "/" + key] == nil ? nil : tree(locale + "/" + key, depth: depth))
            case .translations(let key):
                results[request] = .translations(pages.filter { $0.key.hasSuffix("/" + key) && !$0.key.hasPrefix("en-US/") }
                    .map(\.value).sorted { $0.locale < $1.locale })
            case .cssData:
                results[request] = .cssData(cssData)
            case .compatFeature(let key):
                results[request] = .compatFeature(compat?.features[key])
            case .compatBrowsers:
                results[request] = .compatBrowsers(compat?.browsers ?? [:])
            }
        }
        return results
    }

    private func tree(_ key: String, depth: Int) -> [PageTree] {
        guard depth > 0 else { return [] }
        return (children[key] ?? []).compactMap { childKey in
            pages[childKey].map { PageTree(page: $0, children: tree(childKey, depth: depth - 1)) }
        }.sorted { PageInfo.listingOrder($0.page, $1.page) }
    }
}

import Foundation
