extension MacroRegistry {
    static let badgeMacros: [any Macro] = []
}
