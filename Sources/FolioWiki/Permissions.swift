/// Who may do what. Roles are ordered: each includes everything the ones before it may do.
public enum Role: String, Sendable, CaseIterable, Comparable, Codable {
    case contributor, reviewer, admin

    private var rank: Int {
        switch self { case .contributor: 1; case .reviewer: 2; case .admin: 3 }
    }
    public static func < (a: Role, b: Role) -> Bool { a.rank < b.rank }
}

/// Every state-changing action, with the least role that may perform it.
public enum WikiAction: String, Sendable, CaseIterable {
    case createPage, editPage, revertPage, clearReviewFlags
    case movePage, deletePage, restorePage, manageUsers, manageAPIKeys

    public var requiredRole: Role {
        switch self {
        case .createPage, .editPage, .revertPage: .contributor
        case .clearReviewFlags: .reviewer
        case .movePage, .deletePage, .restorePage, .manageUsers, .manageAPIKeys: .admin
        }
    }
}

extension Role {
    public func may(_ action: WikiAction) -> Bool { self >= action.requiredRole }
}

/// Review flags on a revision: advisory requests for a technical or editorial review.
public enum ReviewFlag: String, Sendable, CaseIterable, Codable {
    case technical, editorial

    /// Parses a comma/space separated list, ignoring unknown words.
    public static func parse(_ text: String) -> [ReviewFlag] {
        let words = text.split { $0 == "," || $0.isWhitespace }.map { $0.lowercased() }
        return allCases.filter { words.contains($0.rawValue) }
    }

    public static func serialize(_ flags: [ReviewFlag]) -> String {
        allCases.filter(flags.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// Document tags: free text, compared case-insensitively (the first spelling wins).
public enum Tags {
    public static let maxLength = 80
    public static let maxCount = 50

    public static func parse(_ text: String) -> [String] {
        var seen = Set<String>(), result: [String] = []
        for raw in text.split(separator: ",") {
            let tag = String(raw.trimmingSpaces().prefix(maxLength))
            if tag.isEmpty || !seen.insert(tag.lowercased()).inserted { continue }
            result.append(tag)
            if result.count == maxCount { break }
        }
        return result
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
