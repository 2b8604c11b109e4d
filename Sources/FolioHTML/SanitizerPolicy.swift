import Foundation

/// What the sanitizer lets through. Everything not listed is removed: the element is
/// unwrapped (text kept, escaped) unless it is in `dropWithContent`.
public struct SanitizerPolicy: Sendable {
    public var allowedTags: Set<String>
    /// Per-tag attribute allowlists; the key "*" applies to every allowed tag.
    public var allowedAttributes: [String: Set<String>]
    /// CSS properties allowed in style="".
    public var allowedStyles: Set<String>
    /// URL schemes allowed in URL-valued attributes (relative URLs are always allowed).
    public var allowedProtocols: Set<String>
    /// Allowed iframe src prefixes ("https://www.youtube.com/embed/"). Compared after parsing
    /// scheme, host, port and path, so look-alike hosts and userinfo tricks do not match.
    /// Must never contain the wiki's own origin: allowed iframes get `iframeSandbox`, and
    /// allow-scripts + allow-same-origin on a same-origin frame would void the sandbox.
    public var iframeHosts: [String]
    /// data:image/(png|gif|jpeg|webp);base64 URLs in <img src> only.
    public var allowDataImages: Bool
    /// Value forced onto every kept iframe's `sandbox` attribute (nil keeps the author's
    /// value if `sandbox` is an allowed attribute).
    public var iframeSandbox: String?
    /// Elements removed together with everything inside them.
    public var dropWithContent: Set<String>

    public init(allowedTags: Set<String>, allowedAttributes: [String: Set<String>],
                allowedStyles: Set<String>, allowedProtocols: Set<String>,
                iframeHosts: [String] = [], allowDataImages: Bool = false,
                iframeSandbox: String? = "allow-scripts allow-same-origin allow-popups",
                dropWithContent: Set<String> = SanitizerPolicy.defaultDropWithContent) {
        self.allowedTags = allowedTags
        self.allowedAttributes = allowedAttributes
        self.allowedStyles = allowedStyles
        self.allowedProtocols = allowedProtocols
        self.iframeHosts = iframeHosts
        self.allowDataImages = allowDataImages
        self.iframeSandbox = iframeSandbox
        self.dropWithContent = dropWithContent
    }

    /// Elements whose content is code or otherwise never meant to be shown as text.
    public static let defaultDropWithContent: Set<String> = [
        "script", "style", "template", "noscript", "xmp", "noembed", "noframes", "plaintext",
        "title", "textarea", "iframe", "svg", "object", "embed", "applet", "frameset", "frame",
        "base", "meta", "link", "head",
    ]

    public func with(iframeHosts: [String]) -> SanitizerPolicy {
        var p = self
        p.iframeHosts = iframeHosts
        return p
    }

    public func with(allowDataImages: Bool) -> SanitizerPolicy {
        var p = self
        p.allowDataImages = allowDataImages
        return p
    }

    func isAttributeAllowed(_ attr: String, on tag: String) -> Bool {
        if allowedAttributes[tag]?.contains(attr) == true { return true }
        return allowedAttributes["*"]?.contains(attr) == true
    }
}
