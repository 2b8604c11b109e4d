import Foundation
import Testing
@testable import FolioHTML

/// Locates /work/shared/data-style test data: $FOLIO_SHARED_DATA, then
/// <package root>/../shared/data, then /work/shared/data. nil (and a visible skip line) if absent.
func sharedDataDirectory(_ sub: String) -> URL? {
    var candidates: [URL] = []
    if let env = ProcessInfo.processInfo.environment["FOLIO_SHARED_DATA"] {
        candidates.append(URL(fileURLWithPath: env))
    }
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    candidates.append(packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data"))
    candidates.append(URL(fileURLWithPath: "/work/shared/data"))
    for c in candidates {
        let u = c.appendingPathComponent(sub)
        if FileManager.default.fileExists(atPath: u.path) { return u }
    }
    print("SKIP: shared test data '\(sub)' not found (set FOLIO_SHARED_DATA)")
    return nil
}

/// Safety properties every sanitizer output must have, whatever the policy.
func expectSafe(_ out: String, policy: SanitizerPolicy = .kuma, _ context: String,
                sourceLocation: SourceLocation = #_sourceLocation) {
    let lower = out.lowercased()
    #expect(!lower.contains("<script"), "script tag: \(context) → \(out)", sourceLocation: sourceLocation)
    #expect(!lower.contains("<!--"), "comment: \(context)", sourceLocation: sourceLocation)
    let tree = HTMLParser.parseFragment(out)
    for n in tree.descendants where n.kind == .element {
        #expect(n.namespace != .svg, "svg: \(context)", sourceLocation: sourceLocation)
        #expect(!["script", "style", "object", "embed", "base", "meta", "link", "form", "frame", "frameset",
                  "noscript", "template", "textarea", "input", "xmp", "title", "plaintext"].contains(n.name),
                "forbidden <\(n.name)>: \(context) → \(out)", sourceLocation: sourceLocation)
        if n.name == "iframe" {
            #expect(URLFilter.iframeSourceAllowed(n.attribute("src") ?? "", hosts: policy.iframeHosts),
                    "iframe: \(context)", sourceLocation: sourceLocation)
            #expect(n.children.isEmpty, sourceLocation: sourceLocation)
        }
        for a in n.attributes {
            #expect(!a.name.hasPrefix("on"), "on* attribute: \(context) → \(out)", sourceLocation: sourceLocation)
            let v = URLFilter.squeezed(CharRef.decodeAll(a.value)).lowercased()
            #expect(!v.hasPrefix("javascript:") && !v.hasPrefix("vbscript:"), "script URL: \(context) → \(out)", sourceLocation: sourceLocation)
            if URLFilter.urlAttributes.contains(a.name) {
                #expect(!v.hasPrefix("file:"), "file URL: \(context)", sourceLocation: sourceLocation)
                #expect(!v.contains("javascript:") || v.contains("/"), "script URL: \(context) → \(out)", sourceLocation: sourceLocation)
                let scheme = URLFilter.scheme(of: v)
                #expect(scheme.map { ["http", "https", "mailto", "irc", "news", "ftp", "ssh", "nntp", "data"].contains($0) } ?? true,
                        "scheme \(scheme ?? ""): \(context) → \(out)", sourceLocation: sourceLocation)
                if v.hasPrefix("data:") {
                    #expect(policy.allowDataImages && n.name == "img" && a.name == "src" && URLFilter.isSafeDataImage(v),
                            "data URL: \(context)", sourceLocation: sourceLocation)
                }
            }
            if a.name == "style" {
                #expect(!v.contains("expression") && !v.contains("url(javascript") && !v.contains("\\"),
                        "style: \(context)", sourceLocation: sourceLocation)
            }
        }
    }
    // Idempotent and a parser fixpoint.
    #expect(Sanitizer.sanitize(out, policy: policy) == out, "not idempotent: \(context) → \(out)", sourceLocation: sourceLocation)
    #expect(HTMLSerializer.serialize(tree) == out, "re-parse differs: \(context)", sourceLocation: sourceLocation)
}
