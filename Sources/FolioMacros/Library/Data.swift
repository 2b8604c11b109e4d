extension MacroRegistry {
    static let dataMacros: [any Macro] = []
}
