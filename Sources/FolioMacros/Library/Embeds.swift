import Foundation

extension MacroRegistry {
    static let embedMacros: [any Macro] = [
        EmbedLiveSampleMacro(), LiveSampleLinkMacro(), EmbedGHLiveSampleMacro(), EmbedInteractiveExampleMacro(),
        InteractiveExampleMacro(), EmbedYouTubeMacro(),
    ]
}

enum EmbedHTML {
    /// A sample id as the heading ids Folio gives MDN Markdown headings (and as rari's
    /// `anchorize`): trimmed, lower-cased, whitespace runs → `_`, only letters, digits, `_`, `-`
    /// and `.` kept. Writers pass the heading text (`'Inaccessible, weak link text'`) or the id.
    static func sampleID(_ text: String) -> String {
        var result = ""
        var inSpace = false
        for ch in text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
            if ch.isWhitespace {
                if !inSpace { result.append("_") }
                inSpace = true
                continue
            }
            inSpace = false
            guard ch.isLetter || ch.isNumber || ch == "_" || ch == "-" || ch == "." else { continue }
            result.append(ch)
        }
        return result
    }

    /// The live-sample URL on the samples origin (Kuma's LiveSampleURL):
    /// `<samplesOrigin>/<locale>/docs/<slug>$samples/<id>?revision=<revision>`.
    static func sampleURL(id: String, slug: String?, _ context: MacroContext) -> String {
        let pageSlug = slug.map { MacroHTML.splitAnchor(MacroHTML.normalizeSlug($0)).0 } ?? context.page.slug
        var url = context.settings.samplesOrigin + "/" + context.locale + "/docs/" + MacroHTML.pathEncode(pageSlug)
            + "$samples/" + MacroHTML.pathEncode(id)
        // As Kuma's LiveSampleURL: the revision makes a new sample URL (and CDN entry) per edit.
        if let revision = context.page.revisionID { url += "?revision=\(revision)" }
        return url
    }

    /// A width or height attribute value: a number (`400`, `"400px"` → `400`) or a percentage;
    /// `"auto"` (MDN pages use it for "the default size") leaves the attribute out.
    static func dimension(_ arguments: MacroArguments, _ index: Int, _ name: String, minimum: Int = 0) throws -> String? {
        guard let raw = arguments.string(index)?.trimmingCharacters(in: .whitespaces), !raw.isEmpty,
              raw.lowercased() != "auto" else { return nil }
        if raw.hasSuffix("%"), let percent = Double(raw.dropLast()), percent >= 0, percent <= 100 {
            return Self.number(percent) + "%"
        }
        var digits = Substring(raw)
        if digits.lowercased().hasSuffix("px") { digits = digits.dropLast(2) }
        guard let value = Double(digits.trimmingCharacters(in: .whitespaces)), value >= 0, value < 100_000 else {
            throw MacroFailure(.arguments, "\(arguments.call.name): the \(name) must be a number of pixels or a percentage, not “\(raw)”")
        }
        return String(max(minimum, Int(value.rounded())))
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// A path below an embed origin: relative, no `..`, percent-encoded (query and fragment kept).
    static func embedPath(_ raw: String, _ call: MacroCall) throws -> String {
        var path = Substring(raw.trimmingCharacters(in: .whitespaces))
        while path.hasPrefix("/") { path = path.dropFirst() }
        let end = path.firstIndex { $0 == "?" || $0 == "#" } ?? path.endIndex
        let segments = path[..<end].split(separator: "/", omittingEmptySubsequences: false)
        guard !path.isEmpty, !path.contains("://"), !path.hasPrefix("\\"), !segments.contains("..") else {
            throw MacroFailure(.arguments, "\(call.name): “\(raw)” is not a relative path")
        }
        return MacroHTML.pathEncode(String(path[..<end])) + String(path[end...])
    }

    /// Yari's "Try it" heading above interactive examples (`interactive_example_cta`).
    static func tryItHeading(_ context: MacroContext) -> String {
        let title = context.localized(["en-US": "Try it", "de": "Probieren Sie es aus", "es": "Pruébalo", "fr": "Exemple interactif",
                                       "it": "Prova", "ja": "試してみましょう", "ko": "시도해보기", "pt-BR": "Experimente",
                                       "ru": "Интерактивный пример", "zh-CN": "尝试一下"])
        return "<h2 id=\"try_it\">" + MacroHTML.escape(title) + "</h2>"
    }
}

/// `{{EmbedLiveSample("Examples", "100%", 200)}}` → an iframe showing the sample built from the
/// code blocks under the heading with that id, served from the samples origin.
struct EmbedLiveSampleMacro: Macro {
    let name = "EmbedLiveSample"
    let summary = "Shows a live sample: the HTML, CSS and JavaScript code blocks under a heading, run in a sandboxed frame."
    let parameters = [
        MacroParameter("id", required: true, "id (or text) of the heading the sample's code blocks are under"),
        MacroParameter("width", .any, "frame width: pixels or a percentage"),
        MacroParameter("height", .any, "frame height in pixels (at least 60)"),
        MacroParameter("screenshot", "ignored: Kuma's screenshot URL"),
        MacroParameter("page", "slug of another page whose sample to show"),
        MacroParameter("class", "ignored: Kuma's frame class"),
        MacroParameter("allow", "feature policy for the frame's allow attribute, e.g. \"camera; microphone\""),
        MacroParameter("sandbox", "extra sandbox permissions: allow-forms, allow-modals, allow-popups, allow-downloads"),
    ]
    let example = "{{EmbedLiveSample(\"Examples\", \"100%\", 200)}}"
    let isBlock = true

    static let sandboxTokens: Set<String> = ["allow-downloads", "allow-modals", "allow-forms", "allow-popups"]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let raw = arguments.string(0)!
        let id = EmbedHTML.sampleID(raw)
        guard !id.isEmpty else { throw MacroFailure(.arguments, "EmbedLiveSample: “\(raw)” is not a sample id") }
        let width = try EmbedHTML.dimension(arguments, 1, "width")
        let height = try EmbedHTML.dimension(arguments, 2, "height", minimum: 60)
        if let sandbox = arguments.string(7) {
            // Folio's sanitizer forces its own sandbox on every frame; the tokens are only checked.
            for token in sandbox.split(whereSeparator: \.isWhitespace) where !Self.sandboxTokens.contains(String(token)) {
                throw MacroFailure(.arguments, "EmbedLiveSample: “\(token)” is not an allowed sandbox permission")
            }
        }
        let title = raw.replacingOccurrences(of: "_", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        var out = "<iframe class=\"sample-code-frame\" title=\"" + MacroHTML.text(title) + " sample\" id=\"frame_" + MacroHTML.escape(id) + "\""
        if let width { out += " width=\"" + width + "\"" }
        if let height { out += " height=\"" + height + "\"" }
        out += " src=\"" + MacroHTML.escape(EmbedHTML.sampleURL(id: id, slug: arguments.string(4), context)) + "\""
        if let allow = arguments.string(6) { out += " allow=\"" + MacroHTML.escape(allow) + "\"" }
        return out + "></iframe>"
    }
}

/// `{{LiveSampleLink("Examples", "Open the example")}}` → a link to the sample's own page.
struct LiveSampleLinkMacro: Macro {
    let name = "LiveSampleLink"
    let summary = "Links to a live sample of this page, opened on its own."
    let parameters = [
        MacroParameter("id", required: true, "id (or text) of the heading the sample's code blocks are under"),
        MacroParameter("text", required: true, "link text"),
    ]
    let example = "{{LiveSampleLink(\"Examples\", \"Open the example in a new window\")}}"

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let id = EmbedHTML.sampleID(arguments.string(0)!)
        guard !id.isEmpty else { throw MacroFailure(.arguments, "LiveSampleLink: “\(arguments.string(0)!)” is not a sample id") }
        return "<a href=\"" + MacroHTML.escape(EmbedHTML.sampleURL(id: id, slug: nil, context)) + "\">"
            + MacroHTML.text(arguments.string(1)!) + "</a>"
    }
}

/// `{{EmbedGHLiveSample("css-examples/flexbox/basic.html", "100%", 400)}}` → an iframe of a
/// demo hosted on MDN's GitHub pages.
struct EmbedGHLiveSampleMacro: Macro {
    let name = "EmbedGHLiveSample"
    let summary = "Embeds a demo hosted on MDN's GitHub pages (mdn.github.io) in a frame."
    let parameters = [
        MacroParameter("path", required: true, "path below mdn.github.io, e.g. \"css-examples/flexbox/basics/\""),
        MacroParameter("width", .any, "frame width: pixels or a percentage"),
        MacroParameter("height", .any, "frame height: pixels or a percentage"),
    ]
    let example = "{{EmbedGHLiveSample(\"css-examples/flexbox/basics/the-flex-container.html\", \"100%\", 400)}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let path = try EmbedHTML.embedPath(arguments.string(0)!, arguments.call)
        var base = context.settings.githubSamplesURL
        while base.hasSuffix("/") { base.removeLast() }
        var out = "<iframe class=\"live-sample-frame\""
        if let width = try EmbedHTML.dimension(arguments, 1, "width") { out += " width=\"" + width + "\"" }
        if let height = try EmbedHTML.dimension(arguments, 2, "height") { out += " height=\"" + height + "\"" }
        return out + " src=\"" + MacroHTML.escape(base + "/" + path) + "\"></iframe>"
    }
}

/// `{{EmbedInteractiveExample("pages/js/array-map.html", "taller")}}` → Yari's "Try it" heading
/// and the interactive-examples frame.
struct EmbedInteractiveExampleMacro: Macro {
    let name = "EmbedInteractiveExample"
    let summary = "The \"Try it\" section: an interactive example from MDN's interactive-examples site."
    let parameters = [
        MacroParameter("path", required: true, "path below the interactive-examples site, e.g. \"pages/js/array-map.html\""),
        MacroParameter("height", "size: shorter, taller, tabbed-shorter, tabbed-standard or tabbed-taller"),
    ]
    let example = "{{EmbedInteractiveExample(\"pages/js/array-map.html\", \"taller\")}}"
    let isBlock = true

    static let heights: Set<String> = ["shorter", "taller", "tabbed-shorter", "tabbed-standard", "tabbed-taller"]

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let raw = arguments.string(0)!
        let path = try EmbedHTML.embedPath(raw, arguments.call)
        let height: String
        if let given = arguments.string(1)?.trimmingCharacters(in: .whitespaces) {
            guard Self.heights.contains(given) else {
                throw MacroFailure(.arguments, "EmbedInteractiveExample: the height must be one of \(Self.heights.sorted().joined(separator: ", ")), not “\(given)”")
            }
            height = given
        } else {
            height = raw.contains("/js/") ? "js" : "default"   // as Yari
        }
        var base = context.settings.interactiveExamplesURL
        while base.hasSuffix("/") { base.removeLast() }
        return EmbedHTML.tryItHeading(context) + "\n<iframe class=\"interactive is-" + height + "-height\" height=\"200\" src=\""
            + MacroHTML.escape(base + "/" + path) + "\" title=\"MDN Web Docs Interactive Example\"></iframe>"
    }
}

/// `{{InteractiveExample("CSS Demo: border")}}` → the "Try it" heading and a box naming the demo.
///
/// Reduced: modern MDN builds a live editor from the page's `interactive-example` code blocks;
/// Folio has no such runner yet, so the box says the demo's code follows on the page.
struct InteractiveExampleMacro: Macro {
    let name = "InteractiveExample"
    let summary = "The \"Try it\" section of a reference page; the demo's code blocks follow it (no live editor on Folio yet)."
    let parameters = [
        MacroParameter("title", required: true, "the demo's title, e.g. \"CSS Demo: border\""),
        MacroParameter("size", "size: shorter, taller, tabbed-shorter, tabbed-standard or tabbed-taller"),
    ]
    let example = "{{InteractiveExample(\"JavaScript Demo: Array.prototype.map()\", \"taller\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        var classes = "interactive-example"
        if let size = arguments.string(1)?.trimmingCharacters(in: .whitespaces) {
            guard EmbedInteractiveExampleMacro.heights.contains(size) else {
                throw MacroFailure(.arguments, "InteractiveExample: the size must be one of \(EmbedInteractiveExampleMacro.heights.sorted().joined(separator: ", ")), not “\(size)”")
            }
            classes += " is-" + size + "-height"
        }
        let note = context.localized([
            "en-US": "The code of this example is shown below; an interactive editor is not available on this site yet.",
            "de": "Der Code dieses Beispiels steht unten; ein interaktiver Editor ist auf dieser Website noch nicht verfügbar.",
            "es": "El código de este ejemplo se muestra a continuación; en este sitio aún no hay un editor interactivo.",
            "fr": "Le code de cet exemple figure ci-dessous ; aucun éditeur interactif n'est encore disponible sur ce site.",
            "it": "Il codice di questo esempio è riportato qui sotto; su questo sito non è ancora disponibile un editor interattivo.",
            "ja": "この例のコードは以下に示します。このサイトではまだ対話型エディターを利用できません。",
            "zh-CN": "此示例的代码见下文；本站尚未提供交互式编辑器。",
        ])
        return EmbedHTML.tryItHeading(context) + "\n<section class=\"" + classes + "\"><h3>" + MacroHTML.text(arguments.string(0)!)
            + "</h3><p>" + MacroHTML.escape(note) + "</p></section>"
    }
}

/// `{{EmbedYouTube("IK97XMibEws")}}` → a privacy-enhanced YouTube player frame.
struct EmbedYouTubeMacro: Macro {
    let name = "EmbedYouTube"
    let summary = "Embeds a YouTube video (privacy-enhanced youtube-nocookie.com player)."
    let parameters = [
        MacroParameter("id", required: true, "the video id, e.g. \"IK97XMibEws\""),
        MacroParameter("aspect", "aspect ratio: \"16:9\" (default) or \"4:3\""),
    ]
    let example = "{{EmbedYouTube(\"IK97XMibEws\")}}"
    let isBlock = true

    func expand(_ arguments: MacroArguments, _ context: MacroContext) throws -> String {
        let id = arguments.string(0)!.trimmingCharacters(in: .whitespaces)
        let valid = (6...20).contains(id.count) && id.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }
        guard valid else { throw MacroFailure(.arguments, "EmbedYouTube: “\(id)” is not a YouTube video id") }
        let height: Int
        switch arguments.string(1)?.trimmingCharacters(in: .whitespaces) {
        case nil, "16:9", "169", "16/9": height = 315
        case "4:3", "43", "4/3": height = 420
        case let other?: throw MacroFailure(.arguments, "EmbedYouTube: the aspect must be \"16:9\" or \"4:3\", not “\(other)”")
        }
        return "<iframe width=\"560\" height=\"\(height)\" src=\"https://www.youtube-nocookie.com/embed/" + id
            + "\" title=\"YouTube video\" allowfullscreen></iframe>"
    }
}
