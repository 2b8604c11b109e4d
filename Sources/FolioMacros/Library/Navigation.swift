extension MacroRegistry {
    static let navigationMacros: [any Macro] = []
}
