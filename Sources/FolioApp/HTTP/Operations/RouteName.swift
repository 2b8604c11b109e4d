import FolioWiki

/// A request's route as a short name from a small fixed set, for metrics labels and logs
/// (paths themselves would make one time series per page).
enum RouteName {
    static let fixed: Set<String> = ["healthz", "readiness", "metrics", "static", "users", "admin", "internal", "api",
                                     "favicon.ico", "robots.txt", "sitemap.xml", "sitemaps", "files", "humans.txt"]

    static func of(path: String) -> String {
        let segments = path.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false).dropFirst()
        guard let first = segments.first.map(String.init), !first.isEmpty else { return "root" }
        if fixed.contains(first) { return first }
        guard Locales.canonical(first) != nil else { return "other" }
        let rest = segments.dropFirst().first ?? ""
        if rest.isEmpty { return "home" }
        guard rest == "docs" else { return "other" }
        guard let dollar = path.lastIndex(of: "$") else { return "docs" }
        let action = path[path.index(after: dollar)...].prefix { $0 != "/" }
        // Only action-like names become labels; anything else is one bucket.
        guard (1...20).contains(action.count), action.allSatisfy({ $0.isLetter && $0.isASCII || $0 == "-" }) else {
            return "docs$other"
        }
        return "docs$" + action.lowercased()
    }

    static func milliseconds(_ duration: Duration) -> Double {
        let milliseconds = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return (milliseconds * 1000).rounded() / 1000
    }
}
