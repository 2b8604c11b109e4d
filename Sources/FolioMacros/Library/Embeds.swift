extension MacroRegistry {
    static let embedMacros: [any Macro] = []
}
