extension MacroRegistry {
    static let sidebarMacros: [any Macro] = []
}
