import Foundation

/// Entry point for an external libFuzzer harness (`LLVMFuzzerTestOneInput` calls this).
/// Traps (via `precondition`) when an invariant breaks.
public enum FuzzEntry {
    public static func tokenizeAndSanitize(_ data: UnsafeRawBufferPointer) {
        let input = String(decoding: data, as: UTF8.self)
        if let failure = check(input) {
            preconditionFailure("FolioHTML invariant broken: \(failure) for input \(input.debugDescription)")
        }
    }

    /// Runs every stage and returns a description of the first broken invariant, or nil.
    public static func check(_ input: String) -> String? {
        let tree = HTMLParser.parseFragment(input)
        let serialized = HTMLSerializer.serialize(tree)
        // Serializer output of a parsed tree is a parser fixpoint.
        let again = HTMLSerializer.serialize(HTMLParser.parseFragment(serialized))
        if again != serialized { return "parse/serialize round trip unstable: \(serialized.debugDescription) → \(again.debugDescription)" }

        let clean = Sanitizer.sanitize(input)
        let twice = Sanitizer.sanitize(clean)
        if twice != clean { return "sanitize not idempotent: \(clean.debugDescription) → \(twice.debugDescription)" }
        if clean.lowercased().contains("<script") { return "script survived: \(clean.debugDescription)" }
        if clean.contains("<!--") { return "comment survived: \(clean.debugDescription)" }
        for n in HTMLParser.parseFragment(clean).descendants where n.kind == .element {
            if n.namespace == .svg { return "svg survived: \(clean.debugDescription)" }
            for a in n.attributes {
                if a.name.hasPrefix("on") { return "event handler survived: \(clean.debugDescription)" }
                if URLFilter.urlAttributes.contains(a.name),
                   !URLFilter.isAllowed(a.value, attribute: a.name, element: n.name, policy: .kuma) {
                    return "disallowed URL survived: \(clean.debugDescription)"
                }
                if a.name == "style", !CSSFilter.splitDeclarations(a.value).allSatisfy({ decl in
                    decl.split(separator: ":", maxSplits: 1).count == 2
                        && CSSFilter.isSafeValue(String(decl.split(separator: ":", maxSplits: 1)[1]).trimmingCharacters(in: .whitespaces))
                }) {
                    return "unsafe style survived: \(clean.debugDescription)"
                }
            }
        }

        let processed = PostProcessor.process(clean, options: PostProcessOptions(tocDepth: 1, existingPaths: []))
        if processed.summary.count > Summary.maxLength { return "summary too long" }
        _ = PostProcessor.wikiLinks(in: clean)
        return nil
    }
}
