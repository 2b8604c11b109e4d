extension MacroRegistry {
    static let bannerMacros: [any Macro] = []
}
