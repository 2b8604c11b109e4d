// TEMPORARY stand-in with the agreed API; replaced by the real library.
import Foundation
import Yams

public struct MarkdownOptions: Sendable, Equatable {
    public var gfm: Bool
    public var mdn: Bool
    public init(gfm: Bool = true, mdn: Bool = false) { self.gfm = gfm; self.mdn = mdn }
    public static let commonMark = MarkdownOptions(gfm: false, mdn: false)
}
public enum Markdown {
    public static func html(_ markdown: String, options: MarkdownOptions = .init()) -> String { "<p>" + markdown + "</p>" }
}
public struct FrontMatter: Sendable, Equatable {
    public var title: String?
    public var slug: String?
    public var pageType: String?
    public var browserCompat: [String] = []
    public var specURLs: [String] = []
    public var sidebar: String?
    public var tags: [String] = []
    public var l10nSourceCommit: String?
    public var raw: [String: String] = [:]
}
public struct FrontMatterError: Error, Sendable, CustomStringConvertible { public var description: String }
public enum MarkdownDocument {
    public static func split(_ text: String) throws -> (frontMatter: FrontMatter?, body: String) { (nil, text) }
}
