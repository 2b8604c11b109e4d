/// The macros a page may call, by lower-cased name and alias.
public struct MacroRegistry: Sendable {
    public let macros: [any Macro]
    private let byName: [String: Int]

    public init(_ macros: [any Macro]) {
        self.macros = macros
        var byName: [String: Int] = [:]
        for (index, macro) in macros.enumerated() {
            for name in [macro.name] + macro.aliases {
                precondition(byName[name.lowercased()] == nil, "duplicate macro name \(name)")
                byName[name.lowercased()] = index
            }
        }
        self.byName = byName
    }

    public func macro(named name: String) -> (any Macro)? {
        byName[name.lowercased()].map { macros[$0] }
    }

    /// Every built-in macro, one list per family (files under `Library/`).
    public static let builtIn = MacroRegistry(
        crossReferenceMacros + badgeMacros + bannerMacros + navigationMacros + sidebarMacros
            + embedMacros + listingMacros + dataMacros)
}
