extension Sanitizer {
    /// Sanitizes a tree the caller already parsed with `HTMLParser.parseFragment` (so the
    /// render pipeline parses a page once). The tree must be parser output: if nothing had to
    /// be removed it is returned as is, being already a parser fixpoint.
    public static func sanitizedTree(parsed root: HTMLNode, policy: SanitizerPolicy = .kuma) -> HTMLNode {
        let (cleaned, restructured) = cleanTree(root, policy: policy)
        guard restructured else { return cleaned }
        return HTMLParser.parseFragment(HTMLSerializer.serialize(cleaned))
    }
}
