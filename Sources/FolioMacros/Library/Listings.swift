extension MacroRegistry {
    static let listingMacros: [any Macro] = []
}
