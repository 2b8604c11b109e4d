import FolioHTML

/// A macro that could not be expanded, as stored with the rendered page and shown to editors.
public struct MacroError: Sendable, Codable, Equatable {
    public var kind: MacroFailure.Kind
    /// The macro name as written.
    public var macro: String
    public var arguments: [String]
    public var message: String
    /// 1-based line in the page source, when it could be found.
    public var line: Int?
    /// The call as written.
    public var raw: String

    public init(kind: MacroFailure.Kind, macro: String, arguments: [String], message: String, line: Int?, raw: String) {
        self.kind = kind; self.macro = macro; self.arguments = arguments; self.message = message; self.line = line; self.raw = raw
    }
}

/// The page took longer than its render budget; the caller keeps the last good rendering and
/// leaves the page to a background render.
public struct RenderBudgetExceeded: Error, Sendable, CustomStringConvertible {
    public init() {}
    public var description: String { "rendering took longer than the render budget" }
}

/// Expands the macro calls in a parsed page, in place.
///
/// Text inside `<pre>`, `<code>`, `<kbd>`, `<samp>` and raw-text elements is never expanded.
/// Identical calls on one page are evaluated once (as KumaScript did). Macro reads that need data
/// are batched: every call is evaluated, the data all of them asked for is fetched in one go,
/// and the calls that asked are evaluated again (at most a few rounds).
public struct MacroExpander: Sendable {
    public let registry: MacroRegistry
    static let skipped: Set<String> = ["pre", "code", "kbd", "samp", "script", "style", "textarea", "title", "xmp"]
    static let maxRounds = 6   // Compat reads a feature, then its subfeatures level by level

    public init(registry: MacroRegistry = .builtIn) { self.registry = registry }

    public func expand(_ root: HTMLNode, context: MacroContext, data: any MacroDataSource, source: String? = nil,
                       deadline: ContinuousClock.Instant? = nil) async throws -> [MacroError] {
        try await expandIfPresent(root, context: context, data: data, source: source, deadline: deadline) ?? []
    }

    /// Like `expand`, but nil when the tree holds no calls (and so was not changed).
    public func expandIfPresent(_ root: HTMLNode, context: MacroContext, data: any MacroDataSource, source: String? = nil,
                                deadline: ContinuousClock.Instant? = nil) async throws -> [MacroError]? {
        let planned = plan(root)
        guard !planned.isEmpty else { return nil }
        var calls: [MacroCall] = []
        var index: [String: Int] = [:]
        for item in planned {
            for case .call(let call) in item.segments where index[call.cacheKey] == nil {
                index[call.cacheKey] = calls.count
                calls.append(call)
            }
        }
        var outputs = [Result<String, MacroFailure>?](repeating: nil, count: calls.count)
        var pending = Array(calls.indices)
        let clock = ContinuousClock()
        for round in 0..<Self.maxRounds {
            context.wanted = []
            var waiting: [Int] = []
            for i in pending {
                if let deadline, clock.now > deadline { throw RenderBudgetExceeded() }
                let before = context.misses
                outputs[i] = evaluate(calls[i], context)
                if context.misses > before { waiting.append(i) }
            }
            guard !context.wanted.isEmpty, round + 1 < Self.maxRounds else { break }
            context.add(try await data.fetch(Array(context.wanted)))
            pending = waiting
        }
        context.wanted = []
        var errors: [MacroError] = []
        var lines = LineFinder(source: source)
        for item in planned {
            splice(item, outputs: { outputs[index[$0.cacheKey]!]! }, errors: &errors, lines: &lines)
        }
        return errors
    }

    /// Expands one call (also used for front-matter sidebars).
    func evaluate(_ call: MacroCall, _ context: MacroContext) -> Result<String, MacroFailure> {
        guard let macro = registry.macro(named: call.name) else {
            return .failure(MacroFailure(.unknownMacro, "unknown macro “\(call.name)”"))
        }
        context.record(Dependency(.macro, macro.name.lowercased()))
        do {
            let arguments = try MacroArguments(call: call, parameters: macro.parameters)
            return .success(MacroHTML.trimmed(try macro.expand(arguments, context)))
        } catch let failure as MacroFailure {
            return .failure(failure)
        } catch {
            return .failure(MacroFailure(.failed, "\(macro.name) failed: \(error)"))
        }
    }

    // MARK: Finding calls

    struct Planned {
        let node: HTMLNode
        let segments: [MacroSegment]
    }

    func plan(_ root: HTMLNode) -> [Planned] {
        var planned: [Planned] = []
        var stack: [HTMLNode] = [root]
        while let node = stack.popLast() {
            switch node.kind {
            case .text:
                guard MacroParser.containsCall(node.text) else { continue }
                let segments = MacroParser.parse(node.text)
                if segments != [.text(node.text)] { planned.append(Planned(node: node, segments: segments)) }
            case .element where Self.skipped.contains(node.name):
                // Not expanded, but `\{{` still means a literal `{{` (KumaScript removed the
                // escape everywhere; writers escape calls in code to show them).
                unescapeCalls(in: node)
            case .element, .fragment:
                stack.append(contentsOf: node.children.reversed())
            case .comment:
                continue
            }
        }
        return planned
    }

    private func unescapeCalls(in element: HTMLNode) {
        var stack = [element]
        while let node = stack.popLast() {
            if node.kind == .text, let unescaped = Self.unescaped(node.text) { node.text = unescaped }
            stack.append(contentsOf: node.children)
        }
    }

    /// The text with each `\{{` turned into `{{`; nil when there is none (the common case).
    static func unescaped(_ text: String) -> String? {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        var found = false
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x5C, i + 2 < bytes.count, bytes[i + 1] == 0x7B, bytes[i + 2] == 0x7B {
                if !found { found = true; out.reserveCapacity(bytes.count); out.append(contentsOf: bytes[0..<i]) }
                i += 1   // drop the backslash
                continue
            }
            if found { out.append(bytes[i]) }
            i += 1
        }
        return found ? String(decoding: out, as: UTF8.self) : nil
    }

    // MARK: Splicing output into the tree

    private func splice(_ item: Planned, outputs: (MacroCall) -> Result<String, MacroFailure>,
                        errors: inout [MacroError], lines: inout LineFinder) {
        guard let parent = item.node.parent else { return }
        var pieces: [(nodes: [HTMLNode], block: Bool)] = []
        for segment in item.segments {
            switch segment {
            case .text(let text):
                pieces.append(([HTMLNode.textNode(text)], false))
            case .call(let call):
                switch outputs(call) {
                case .success(let html):
                    let fragment = HTMLParser.parseFragment(html)
                    let nodes = fragment.children
                    fragment.removeAllChildren()
                    let block = registry.macro(named: call.name)?.isBlock == true
                    pieces.append((nodes, block))
                case .failure(let failure):
                    pieces.append(([errorMarker(call.raw, index: errors.count)], false))
                    errors.append(MacroError(kind: failure.kind, macro: call.name, arguments: call.arguments.map(\.text),
                                             message: failure.message, line: lines.line(of: call.raw), raw: call.raw))
                }
            case .malformed(let raw, let name, let message):
                pieces.append(([errorMarker(raw, index: errors.count)], false))
                errors.append(MacroError(kind: .syntax, macro: name, arguments: [], message: "cannot parse the macro call: \(message)",
                                         line: lines.line(of: raw), raw: raw))
            }
        }
        let position = parent.children.firstIndex { $0 === item.node } ?? parent.children.count
        var children = parent.children
        let replacement = pieces.flatMap(\.nodes)
        children.replaceSubrange(position...position, with: replacement)
        parent.setChildren(children)
        if parent.name == "p", pieces.contains(where: { $0.block && !$0.nodes.isEmpty }) {
            splitParagraph(parent, blocks: Set(pieces.filter(\.block).flatMap(\.nodes).map(ObjectIdentifier.init)))
        }
    }

    private func errorMarker(_ raw: String, index: Int) -> HTMLNode {
        let span = HTMLNode.element("span", [HTMLAttribute(name: "class", value: "macro-error"),
                                             HTMLAttribute(name: "id", value: "macro-error-\(index)")])
        span.appendChild(.textNode(raw))
        return span
    }

    /// Block output (a table, a note, a sidebar) cannot sit inside `<p>`: the paragraph is split
    /// around it, and parts holding only whitespace are dropped.
    private func splitParagraph(_ paragraph: HTMLNode, blocks: Set<ObjectIdentifier>) {
        guard let container = paragraph.parent else { return }
        var result: [HTMLNode] = []
        var run: [HTMLNode] = []
        func flush() {
            defer { run = [] }
            guard run.contains(where: { $0.kind != .text || !$0.text.allSatisfy(\.isWhitespace) }) else { return }
            let copy = HTMLNode.element("p", paragraph.attributes)
            copy.setChildren(run)
            result.append(copy)
        }
        for child in paragraph.children {
            if blocks.contains(ObjectIdentifier(child)) { flush(); result.append(child) } else { run.append(child) }
        }
        flush()
        let kept = paragraph.children
        paragraph.removeAllChildren()
        _ = kept
        var siblings = container.children
        let position = siblings.firstIndex { $0 === paragraph } ?? siblings.count
        siblings.replaceSubrange(position...position, with: result)
        container.setChildren(siblings)
    }
}

/// Finds the source line of each reported call: the n-th report of the same text is the n-th
/// occurrence in the source.
struct LineFinder {
    let source: [UInt8]?
    var searchFrom: [String: Int] = [:]

    init(source: String?) { self.source = source.map { Array($0.utf8) } }

    mutating func line(of raw: String) -> Int? {
        guard let source, !raw.isEmpty else { return nil }
        let needle = Array(raw.utf8)
        var i = searchFrom[raw] ?? 0
        while i + needle.count <= source.count {
            if source[i] == needle[0], Array(source[i..<i + needle.count]) == needle {
                searchFrom[raw] = i + needle.count
                return source[..<i].reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
            }
            i += 1
        }
        return nil
    }
}

import Foundation
