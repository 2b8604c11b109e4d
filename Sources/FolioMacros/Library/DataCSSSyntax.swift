/// `{{csssyntax}}` → the formal syntax of the page's CSS property (or descriptor, at-rule,
/// value type, selector): its value grammar, then the definition of every non-terminal it
/// uses, recursively, from `syntaxes.json` — Yari's "Formal syntax" block.
struct CSSSyntaxMacro: Macro {
    let name = "csssyntax"
    let summary = "The formal syntax of the page's CSS property, with the definitions of every value type it uses."
    let parameters = [
        MacroParameter("name", "property, descriptor or value type name; defaults to the last part of the page's slug"),
        MacroParameter("atRule", "the at-rule of a descriptor, e.g. \"@font-face\"; defaults to the at-rule in the slug"),
    ]
    let example = "{{csssyntax}}"
    let isBlock = true

    /// Limits for the recursive expansion (the grammar is cyclic: `<calc-sum>` ⊃ `<calc-value>` ⊃ …).
    static let maxDepth = 12
    static let maxDefinitions = 200

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let subject = CSSSubject.resolve(name: arguments.string(0), atRule: arguments.string(1), slug: context.page.slug)
        guard let data = context.cssData else { return CSSMacroSupport.noDataNote(context, syntax: true) }
        guard let root = Self.root(subject, data) else { return CSSMacroSupport.unknownNote(context, subject, syntax: true) }
        var blocks: [String] = []
        var seen: Set<String> = [root.key]
        var queue: [(reference: Reference, syntax: String, depth: Int)] = []
        var head = 0
        var links: [String: String] = [:]   // one `context.target` per referenced page
        blocks.append(block(header: root.header, syntax: root.syntax, data, context, links: &links))
        func enqueue(_ syntax: String, depth: Int) {
            guard depth < Self.maxDepth else { return }
            for case .reference(let reference) in Self.tokens(syntax) where !seen.contains(reference.key) {
                guard let definition = reference.definition(data) else { continue }
                seen.insert(reference.key)
                queue.append((reference, definition, depth + 1))
            }
        }
        enqueue(root.syntax, depth: 0)
        while head < queue.count, blocks.count < Self.maxDefinitions {
            let (reference, syntax, depth) = queue[head]
            head += 1
            blocks.append(block(header: "<span class=\"token property\">" + MacroHTML.escape(reference.text) + "</span>",
                                syntax: syntax, data, context, links: &links))
            enqueue(syntax, depth: depth)
        }
        return "<pre class=\"css-formal-syntax\">" + blocks.joined(separator: "\n\n") + "</pre>"
    }

    /// The grammar the subject starts from, with its header (nil when the data lacks it).
    static func root(_ subject: CSSSubject, _ data: CSSData) -> (key: String, header: String, syntax: String)? {
        func header(_ text: String) -> String { "<span class=\"token property\">" + MacroHTML.escape(text) + "</span>" }
        switch subject {
        case .property(let name):
            return data.property(name).map { ("'" + $0.name + "'", header($0.name), $0.syntax) }
        case .descriptor(let atRule, let name):
            return data.atRule(atRule)?.descriptor(name).map { ("@" + $0.name, header($0.name), $0.syntax) }
        case .atRule(let name):
            // An at-rule's syntax is a whole rule (`@media <media-query-list> { … }`): no header.
            return data.atRule(name).map { ($0.name, "", $0.syntax) }
        case .value(let name):
            let bare = name.hasSuffix("()") ? String(name.dropLast(2)) : name
            if let syntax = data.syntax(bare) { return (bare, header("<" + bare + ">"), syntax) }
            if let syntax = data.syntax(bare + "()") ?? data.functions[bare + "()"]?.syntax {
                return (bare + "()", header("<" + bare + "()>"), syntax)
            }
            return nil
        case .selector(let name):
            return data.selectors[name]?.syntax.map { (name, "", $0) }
        }
    }

    /// `<'margin-top'>` (a property's grammar) or `<length-percentage [0,∞]>` (a non-terminal).
    struct Reference: Equatable {
        var name: String
        var isProperty: Bool
        /// As written, range included.
        var text: String
        var key: String { isProperty ? "'" + name + "'" : name }

        func definition(_ data: CSSData) -> String? {
            isProperty ? data.property(name)?.syntax : data.syntax(name)
        }
    }

    enum Token: Equatable {
        case text(String)
        case reference(Reference)
    }

    /// Splits a grammar into literal text and `<…>` references. Quoted literals like `'<'` and
    /// anything that is not a well-formed reference stay text.
    static func tokens(_ syntax: String) -> [Token] {
        // Scans bytes: grammars are long (`<system-color>` lists) and this runs per definition.
        let bytes = Array(syntax.utf8)
        var tokens: [Token] = []
        var textStart = 0
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "<"), let gt = bytes[(i + 1)...].firstIndex(of: UInt8(ascii: ">")),
                  let reference = reference(String(decoding: bytes[(i + 1)..<gt], as: UTF8.self)) else {
                i += 1
                continue
            }
            if textStart < i { tokens.append(.text(String(decoding: bytes[textStart..<i], as: UTF8.self))) }
            tokens.append(.reference(reference))
            i = gt + 1
            textStart = i
        }
        if textStart < bytes.count { tokens.append(.text(String(decoding: bytes[textStart...], as: UTF8.self))) }
        return tokens
    }

    private static func reference(_ inner: String) -> Reference? {
        var body = Substring(inner)
        if let space = body.firstIndex(of: " ") {
            // A numeric range: `<length [0,∞]>`.
            let range = body[space...].trimmingCharacters(in: .whitespaces)
            guard range.hasPrefix("["), range.hasSuffix("]") else { return nil }
            body = body[..<space]
        }
        var isProperty = false
        if body.hasPrefix("'") {
            guard body.count > 2, body.hasSuffix("'") else { return nil }
            body = body.dropFirst().dropLast()
            isProperty = true
        }
        var core = body
        if core.hasSuffix("()") { core = core.dropLast(2) }
        guard !core.isEmpty, core.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        return Reference(name: String(body), isProperty: isProperty, text: "<" + inner + ">")
    }

    /// One `name = \n  grammar` block, continuation lines indented, references linked.
    func block(header: String, syntax: String, _ data: CSSData, _ context: MacroContext, links: inout [String: String]) -> String {
        var body = ""
        for token in Self.tokens(syntax) {
            switch token {
            case .text(let t): body += MacroHTML.escape(t)
            case .reference(let reference):
                if let html = links[reference.text] { body += html; continue }
                let html = link(reference, data, context)
                links[reference.text] = html
                body += html
            }
        }
        let indented = body.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
        return header.isEmpty ? String(indented.dropFirst(2)) : header + " = \n" + indented
    }

    /// Property references link to the property; value types and functions with their own
    /// reference page (in `types.json` / `functions.json`) link there; the rest are defined below.
    func link(_ reference: Reference, _ data: CSSData, _ context: MacroContext) -> String {
        let text = MacroHTML.escape(reference.text)
        if reference.isProperty {
            guard data.property(reference.name) != nil else { return text }
            return MacroHTML.link(context.target("Web/CSS/Reference/Properties/" + reference.name), html: text)
        }
        if data.types[reference.name] != nil || data.functions[reference.name] != nil {
            let page = reference.name.hasSuffix("()") ? String(reference.name.dropLast(2)) : reference.name
            return MacroHTML.link(context.target("Web/CSS/Reference/Values/" + page), html: text)
        }
        return text
    }
}
