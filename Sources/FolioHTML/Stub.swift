// TEMPORARY stand-in with the agreed API; replaced by the real library.
import Foundation

public struct SanitizerPolicy: Sendable {
    public var iframeHosts: [String] = []
    public static let kuma = SanitizerPolicy()
    public func with(iframeHosts: [String]) -> SanitizerPolicy { var copy = self; copy.iframeHosts = iframeHosts; return copy }
}
public enum Sanitizer { public static func sanitize(_ html: String, policy: SanitizerPolicy = .kuma) -> String { html } }
public struct Section: Sendable, Equatable, Codable { public var id: String; public var title: String; public var level: Int }
public struct LiveSample: Sendable, Equatable { public var id: String; public var html: String; public var css: String; public var js: String }
public struct PostProcessOptions: Sendable {
    public var tocDepth: Int = 3
    public var siteURL: String? = nil
    public var existingPaths: Set<String>? = nil
    public init(tocDepth: Int = 3, siteURL: String? = nil, existingPaths: Set<String>? = nil) {
        self.tocDepth = tocDepth; self.siteURL = siteURL; self.existingPaths = existingPaths
    }
}
public struct ProcessedHTML: Sendable, Equatable {
    public var html: String
    public var tocHTML: String
    public var sections: [Section]
    public var summary: String
    public var summaryHTML: String
    public var sidebarHTML: String?
    public var liveSamples: [String: LiveSample]
}
public enum PostProcessor {
    public static func wikiLinks(in html: String) -> [String] { [] }
    public static func process(_ html: String, options: PostProcessOptions = .init()) -> ProcessedHTML {
        ProcessedHTML(html: html, tocHTML: "", sections: [], summary: "", summaryHTML: "", sidebarHTML: nil, liveSamples: [:])
    }
}
