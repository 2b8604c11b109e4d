import Foundation

/// Allowlist HTML sanitizer (Kuma's bleach pass, re-implemented on a real HTML5 parse).
///
/// Pipeline: parse → clean (filter attributes in place; rebuild the tree only if elements or
/// comments must go) → serialize → (only if elements were removed) re-parse → serialize.
/// The re-parse normalizes structures that cleaning can create but the parser would never
/// produce (e.g. a <div> left inside a <p> after an unwrapped <button>), so the output is a
/// parser fixpoint and `sanitize(sanitize(x)) == sanitize(x)`.
///
/// Safety does not depend on the browser building the same tree as we do: the output has
/// no comments, no raw-text elements with content, all text has `<`, `>`, `&` escaped and
/// attribute values are double-quoted with `<`, `>`, `&`, `"` escaped. Whatever namespace or
/// nesting a browser assigns (the mXSS family: `<math><style>`, `<math><mglyph>`,
/// `<noscript>` title tricks), no text can turn into markup.
public enum Sanitizer {
    public static func sanitize(_ html: String, policy: SanitizerPolicy = .kuma) -> String {
        HTMLSerializer.serialize(sanitizedTree(html, policy: policy))
    }

    /// The sanitized tree itself, exactly as `sanitize`'s output would parse back, for callers
    /// that go on working on a tree (post-processing) and need not serialize and re-parse.
    public static func sanitizedTree(_ html: String, policy: SanitizerPolicy = .kuma) -> HTMLNode {
        let (cleaned, restructured) = cleanTree(HTMLParser.parseFragment(html), policy: policy)
        // If every element was kept, the tree is still exactly what the parser produced, and
        // parser output already round-trips; re-parsing would only cost time.
        guard restructured else { return cleaned }
        return HTMLParser.parseFragment(HTMLSerializer.serialize(cleaned))
    }

    /// `sanitizedTree(String(decoding: utf8, as: UTF8.self))`, parsing the bytes directly
    /// (the render pipeline hands over Markdown output this way).
    public static func sanitizedTree(utf8: [UInt8], policy: SanitizerPolicy = .kuma) -> HTMLNode {
        let (cleaned, restructured) = cleanTree(HTMLParser.parseFragment(utf8: utf8), policy: policy)
        guard restructured else { return cleaned }
        return HTMLParser.parseFragment(HTMLSerializer.serialize(cleaned))
    }

    /// Removes everything not allowed from `root` (a tree from `HTMLParser`). The input tree
    /// is modified (attributes filtered in place) and may itself be returned.
    public static func clean(_ root: HTMLNode, policy: SanitizerPolicy) -> HTMLNode {
        cleanTree(root, policy: policy).0
    }

    /// The cleaned tree, and whether elements were removed (or parse-relevant attributes
    /// changed), i.e. whether the result may differ from what the parser would build.
    ///
    /// Phase 1 decides every element and filters attributes in place. Only if something has
    /// to go (an element or a comment) does phase 2 build a new tree; clean documents, the
    /// common case, cost one walk and no allocation.
    static func cleanTree(_ root: HTMLNode, policy: SanitizerPolicy) -> (HTMLNode, Bool) {
        var restructured = false
        var rebuild = false
        var removals: [ObjectIdentifier: Bool] = [:]   // true = drop with content, false = unwrap
        var walk: [HTMLNode] = []
        // Per known tag name: the policy's verdict on the name (0 = not yet asked), so each
        // element costs an array lookup instead of two Set<String> lookups.
        var nameVerdicts = [NameVerdict](repeating: .unknown, count: KnownTags.names.count)
        var k = root.children.count - 1
        while k >= 0 { walk.append(root.children[k]); k -= 1 }
        while let node = walk.popLast() {
            switch node.kind {
            case .text:
                continue
            case .comment, .fragment:
                rebuild = true   // comments are removed
            case .element:
                switch decide(node, policy: policy, verdicts: &nameVerdicts) {
                case .drop:
                    restructured = true
                    removals[ObjectIdentifier(node)] = true
                    continue
                case .unwrap:
                    restructured = true
                    removals[ObjectIdentifier(node)] = false
                case .keep(let attrs, let keepChildren):
                    // font's color/face/size and annotation-xml's encoding steer foreign-content parsing.
                    if (node.name == "font" || node.name == "annotation-xml"), attrs.count != node.attributes.count {
                        restructured = true
                    }
                    node.attributes = attrs
                    if !keepChildren {
                        if !node.children.isEmpty { rebuild = true }
                        node.removeAllChildren()
                        continue
                    }
                }
                let children = node.children
                var j = children.count - 1
                while j >= 0 { walk.append(children[j]); j -= 1 }
            }
        }
        guard restructured || rebuild else { return (root, false) }

        let out = HTMLNode.fragment()
        // (source node, output parent). Pre-order DFS appends in document order.
        var stack: [(HTMLNode, HTMLNode)] = []
        func pushChildren(of node: HTMLNode, into parent: HTMLNode) {
            let children = node.children
            var k = children.count - 1
            while k >= 0 { stack.append((children[k], parent)); k -= 1 }
        }
        pushChildren(of: root, into: out)
        while let (node, parent) = stack.popLast() {
            switch node.kind {
            case .text:
                parent.appendText(node.text)
            case .comment, .fragment:
                continue
            case .element:
                if let drop = removals[ObjectIdentifier(node)] {
                    if !drop { pushChildren(of: node, into: parent) }
                    continue
                }
                // Kept: attributes were filtered in phase 1.
                let el = HTMLNode(element: node.name, tagID: node.tagID, namespace: node.namespace, attributes: node.attributes)
                parent.appendChild(el)
                pushChildren(of: node, into: el)
            }
        }
        return (out, restructured)
    }

    enum Decision { case drop, unwrap, keep([HTMLAttribute], keepChildren: Bool) }

    /// What the policy says about an element name, before looking at attributes.
    enum NameVerdict: UInt8 { case unknown, drop, unwrap, keep, iframe }

    static func nameVerdict(_ name: String, policy: SanitizerPolicy) -> NameVerdict {
        if name == "iframe" { return .iframe }
        if policy.dropWithContent.contains(name) { return .drop }
        guard policy.allowedTags.contains(name) else { return .unwrap }
        return .keep
    }

    static func decide(_ el: HTMLNode, policy: SanitizerPolicy) -> Decision {
        var verdicts: [NameVerdict] = []
        return decide(el, policy: policy, verdicts: &verdicts)
    }

    /// `verdicts`: cache of `nameVerdict` by `KnownTags` id (empty: no cache).
    static func decide(_ el: HTMLNode, policy: SanitizerPolicy, verdicts: inout [NameVerdict]) -> Decision {
        let name = el.name
        // SVG is not allowed at all (Kuma never allowed it); its content is not text.
        if el.namespace == .svg { return .drop }
        let id = Int(el.tagID)
        var verdict: NameVerdict
        if id != 0, id < verdicts.count {
            verdict = verdicts[id]
            if verdict == .unknown {
                verdict = nameVerdict(name, policy: policy)
                verdicts[id] = verdict
            }
        } else {
            verdict = nameVerdict(name, policy: policy)
        }
        switch verdict {
        case .drop: return .drop
        case .unwrap: return .unwrap
        case .keep: return .keep(filterAttributes(el, policy: policy), keepChildren: true)
        case .iframe, .unknown: break   // `nameVerdict` never answers .unknown
        }
        guard policy.allowedTags.contains("iframe"), let src = el.attribute("src"),
              URLFilter.iframeSourceAllowed(src, hosts: policy.iframeHosts) else { return .drop }
        var attrs = filterAttributes(el, policy: policy)
        if let sandbox = policy.iframeSandbox {
            attrs.removeAll { $0.name == "sandbox" }
            attrs.append(HTMLAttribute(name: "sandbox", value: sandbox))
        }
        return .keep(attrs, keepChildren: false)   // iframe "content" is never rendered
    }

    static func filterAttributes(_ el: HTMLNode, policy: SanitizerPolicy) -> [HTMLAttribute] {
        var out: [HTMLAttribute] = []
        let isMath = el.namespace == .mathml || KnownTags.flags[Int(el.tagID)] & KnownTags.mathAllowlisted != 0
        for a in el.attributes {
            let n = a.name
            if n.hasPrefix("on") { continue }                       // event handlers, always
            if isMath, n == "href" || n.hasSuffix(":href") { continue }   // MathML links
            guard policy.isAttributeAllowed(n, on: el.name) else { continue }
            // Defense in depth: no attribute at all may carry a script URL, even a title
            // (values that some script could later copy into a URL sink).
            if URLFilter.hasScriptPrefix(a.value) { continue }
            if URLFilter.urlAttributes.contains(n) {
                guard URLFilter.isAllowed(a.value, attribute: n, element: el.name, policy: policy) else { continue }
            }
            if n == "style" {
                let css = CSSFilter.filter(a.value, allowed: policy.allowedStyles)
                if css.isEmpty { continue }
                out.append(HTMLAttribute(name: n, value: css))
                continue
            }
            out.append(a)
        }
        return out
    }
}
