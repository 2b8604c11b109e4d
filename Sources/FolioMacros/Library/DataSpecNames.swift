import Foundation

/// Names for specification URLs. MDN takes titles from the `web-specs` package; Folio does not
/// import it, so this small table covers the hosts MDN's pages cite most, and derives a name
/// from the path elsewhere:
///
/// - `<x>.spec.whatwg.org` → a WHATWG table (`html` → "HTML"), else "X Standard";
/// - `drafts.csswg.org/<short>` (and `drafts.fxtf.org`, `drafts.css-houdini.org`) → "CSS <Module> Level N";
/// - `tc39.es/ecma262` → "ECMAScript Language Specification", `tc39.es/proposal-x` → "X";
/// - RFCs (`rfc-editor.org`, `datatracker.ietf.org`, `httpwg.org/specs`, `tools.ietf.org`) →
///   a table of HTTP RFCs, else "RFC NNNN";
/// - `w3c.github.io/<x>`, `www.w3.org/TR/<x>`, `wicg.github.io/<x>` → a W3C table, else `x` title-cased;
/// - `svgwg.org/svg2-draft` → "Scalable Vector Graphics (SVG) 2";
/// - any other host → the host.
enum SpecificationNames {
    static let whatwg: [String: String] = [
        "html": "HTML", "dom": "DOM", "fetch": "Fetch", "url": "URL", "streams": "Streams", "xhr": "XMLHttpRequest",
        "console": "Console", "encoding": "Encoding", "infra": "Infra", "notifications": "Notifications API",
        "fullscreen": "Fullscreen API", "storage": "Storage", "websockets": "WebSockets", "compat": "Compatibility",
        "mimesniff": "MIME Sniffing", "quirks": "Quirks Mode", "urlpattern": "URL Pattern", "webidl": "Web IDL",
    ]

    /// CSS modules by short name without level (`css-color-4` → `css-color`).
    static let css: [String: String] = [
        "css2": "Cascading Style Sheets Level 2", "css-color": "CSS Color Module", "css-box": "CSS Box Model Module",
        "css-backgrounds": "CSS Backgrounds and Borders Module", "css-flexbox": "CSS Flexible Box Layout Module",
        "css-grid": "CSS Grid Layout Module", "css-display": "CSS Display Module", "css-position": "CSS Positioned Layout Module",
        "css-fonts": "CSS Fonts Module", "css-text": "CSS Text Module", "css-text-decor": "CSS Text Decoration Module",
        "css-align": "CSS Box Alignment Module", "css-values": "CSS Values and Units Module",
        "css-cascade": "CSS Cascading and Inheritance", "css-sizing": "CSS Box Sizing Module",
        "css-transforms": "CSS Transforms Module", "css-transitions": "CSS Transitions", "css-animations": "CSS Animations",
        "css-overflow": "CSS Overflow Module", "css-ui": "CSS Basic User Interface Module",
        "css-logical": "CSS Logical Properties and Values", "css-variables": "CSS Custom Properties for Cascading Variables Module",
        "css-lists": "CSS Lists and Counters Module", "css-multicol": "CSS Multi-column Layout Module",
        "css-images": "CSS Images Module", "css-easing": "CSS Easing Functions", "css-contain": "CSS Containment Module",
        "css-conditional": "CSS Conditional Rules Module", "css-anchor-position": "CSS Anchor Positioning",
        "css-nesting": "CSS Nesting Module", "css-scroll-snap": "CSS Scroll Snap Module", "css-pseudo": "CSS Pseudo-Elements Module",
        "css-inline": "CSS Inline Layout Module", "css-page": "CSS Paged Media Module", "css-shapes": "CSS Shapes Module",
        "css-writing-modes": "CSS Writing Modes", "css-masking": "CSS Masking Module", "selectors": "Selectors",
        "mediaqueries": "Media Queries", "cssom": "CSS Object Model (CSSOM)", "cssom-view": "CSSOM View Module",
        "filter-effects": "Filter Effects Module", "compositing": "Compositing and Blending", "motion": "Motion Path Module",
        "css-properties-values-api": "CSS Properties and Values API", "css-typed-om": "CSS Typed OM",
        "css-paint-api": "CSS Painting API",
    ]

    static let rfcs: [String: String] = [
        "9110": "HTTP Semantics", "9111": "HTTP Caching", "9112": "HTTP/1.1", "9113": "HTTP/2", "9114": "HTTP/3",
        "6265": "HTTP State Management Mechanism", "6454": "The Web Origin Concept", "6455": "The WebSocket Protocol",
        "7233": "HTTP/1.1: Range Requests", "7235": "HTTP/1.1: Authentication", "7540": "HTTP/2", "7230": "HTTP/1.1: Message Syntax and Routing",
        "7231": "HTTP/1.1: Semantics and Content", "7232": "HTTP/1.1: Conditional Requests", "7234": "HTTP/1.1: Caching",
        "3986": "Uniform Resource Identifier (URI): Generic Syntax", "2397": "The \"data\" URL scheme",
        "8288": "Web Linking", "7034": "HTTP Header Field X-Frame-Options", "6797": "HTTP Strict Transport Security (HSTS)",
        "7617": "The 'Basic' HTTP Authentication Scheme", "7616": "HTTP Digest Access Authentication", "2616": "Hypertext Transfer Protocol -- HTTP/1.1",
    ]

    static let w3c: [String: String] = [
        "aria": "Accessible Rich Internet Applications (WAI-ARIA)", "mathml-core": "MathML Core", "webappsec-csp": "Content Security Policy",
        "csp3": "Content Security Policy Level 3", "ServiceWorker": "Service Workers", "IndexedDB": "Indexed Database API",
        "clipboard-apis": "Clipboard API and events", "uievents": "UI Events", "pointerevents": "Pointer Events",
        "geolocation": "Geolocation", "webauthn": "Web Authentication", "permissions": "Permissions",
        "mediacapture-main": "Media Capture and Streams", "webrtc-pc": "WebRTC: Real-Time Communication in Browsers",
        "touch-events": "Touch Events", "FileAPI": "File API", "hr-time": "High Resolution Time", "IntersectionObserver": "Intersection Observer",
        "selection-api": "Selection API", "payment-request": "Payment Request API", "gamepad": "Gamepad",
        "screen-orientation": "Screen Orientation", "resize-observer": "Resize Observer", "webvtt": "WebVTT: The Web Video Text Tracks Format",
        "SVG2": "Scalable Vector Graphics (SVG) 2", "wai-aria-1.2": "Accessible Rich Internet Applications (WAI-ARIA) 1.2",
        "html-aam": "HTML Accessibility API Mappings", "core-aam": "Core Accessibility API Mappings", "web-share": "Web Share API",
        "push-api": "Push API", "webcodecs": "WebCodecs", "media-source": "Media Source Extensions", "encrypted-media": "Encrypted Media Extensions",
    ]

    /// The display name and the fragment (without `#`) of a specification URL.
    static func name(of url: String) -> (name: String, fragment: String?) {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let host = components.host?.lowercased(), !host.isEmpty else {
            return (trimmed, nil)
        }
        let fragment = components.fragment.flatMap { $0.isEmpty ? nil : ($0.removingPercentEncoding ?? $0) }
        let segments = components.path.split(separator: "/").map(String.init)
        return (name(host: host, segments: segments), fragment)
    }

    static func name(host: String, segments: [String]) -> String {
        let first = segments.first ?? ""
        if host.hasSuffix(".spec.whatwg.org") {
            let short = String(host.dropLast(".spec.whatwg.org".count))
            return whatwg[short] ?? titled(short) + " Standard"
        }
        if ["drafts.csswg.org", "drafts.fxtf.org", "drafts.css-houdini.org"].contains(host), !first.isEmpty {
            return cssName(first)
        }
        if host == "tc39.es" {
            switch first {
            case "ecma262", "": return "ECMAScript Language Specification"
            case "ecma402": return "ECMAScript Internationalization API Specification"
            default: return titled(first.hasPrefix("proposal-") ? String(first.dropFirst(9)) : first)
            }
        }
        if let number = rfcNumber(host: host, segments: segments) { return rfcs[number] ?? "RFC " + number }
        if host == "svgwg.org" {
            if first == "svg2-draft" { return "Scalable Vector Graphics (SVG) 2" }
            if first == "specs", segments.count > 1 { return "SVG " + titled(segments[1]) }
            return "SVG"
        }
        if host == "w3c.github.io" || host == "wicg.github.io", !first.isEmpty { return w3c[first] ?? titled(first) }
        if host == "www.w3.org" || host == "w3.org", first == "TR", segments.count > 1 {
            return w3c[segments[1]] ?? w3cTR(segments[1])
        }
        if host == "webassembly.github.io" { return "WebAssembly" }
        if host == "gpuweb.github.io" { return first == "gpuweb" && segments.contains("wgsl") ? "WebGPU Shading Language" : "WebGPU" }
        if host == "registry.khronos.org" || host == "www.khronos.org" { return "WebGL" }
        return host
    }

    /// `css-grid-2` → "CSS Grid Layout Module Level 2"; unknown modules are title-cased.
    static func cssName(_ short: String) -> String {
        var base = short
        var level: String?
        if let dash = short.lastIndex(of: "-"), short[short.index(after: dash)...].allSatisfy(\.isNumber), dash != short.startIndex {
            base = String(short[..<dash])
            level = String(short[short.index(after: dash)...])
        } else if let digits = short.last, digits.isNumber, let known = css.keys.first(where: { short.hasPrefix($0) && short.dropFirst($0.count).allSatisfy(\.isNumber) }), known != short {
            base = known
            level = String(short.dropFirst(known.count))
        }
        let title = css[base] ?? (base.hasPrefix("css-") ? "CSS " + titled(String(base.dropFirst(4))) : titled(base))
        return level.map { title + " Level " + $0 } ?? title
    }

    static func rfcNumber(host: String, segments: [String]) -> String? {
        guard ["www.rfc-editor.org", "rfc-editor.org", "datatracker.ietf.org", "tools.ietf.org", "httpwg.org"].contains(host) else { return nil }
        for segment in segments.reversed() {
            let lower = segment.lowercased()
            guard lower.hasPrefix("rfc") else { continue }
            let digits = lower.dropFirst(3).prefix { $0.isNumber }
            if !digits.isEmpty { return String(digits) }
        }
        return nil
    }

    /// `www.w3.org/TR/css-color-4/` and friends: CSS short names get CSS titles.
    static func w3cTR(_ short: String) -> String {
        if short.hasPrefix("css") || css[short] != nil { return cssName(short) }
        return titled(short)
    }

    /// `pointer-events` → "Pointer Events".
    static func titled(_ short: String) -> String {
        short.split(whereSeparator: { $0 == "-" || $0 == "_" }).map { word in
            word.count <= 3 && word.allSatisfy(\.isLetter) && ["api", "dom", "css", "svg", "url", "ui", "xr", "csp"].contains(word.lowercased())
                ? word.uppercased() : word.prefix(1).uppercased() + word.dropFirst()
        }.joined(separator: " ")
    }
}
