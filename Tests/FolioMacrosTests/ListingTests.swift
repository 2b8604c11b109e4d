import FolioHTML
import Foundation
import Testing
@testable import FolioMacros

/// Checks every call in the MDN content corpus to a family's macros against their parameters.
enum NavSidebarCensus {
    static let root = "/work/shared/data/mdn-content"

    /// Calls that do not validate ("file: call: message"); empty when the corpus is absent.
    /// Reports "no calls found" when the corpus holds no call to these macros (a vacuous scan).
    static func failures(for macros: [any Macro], expectCalls: Bool = true) throws -> [String] {
        try scan(macros, expectCalls: expectCalls).failures
    }

    /// Calls the parser rejects (e.g. empty arguments `("x", , "400px")`, which KumaScript accepted).
    static func malformed(for macros: [any Macro]) throws -> [String] {
        try scan(macros, expectCalls: false).malformed
    }

    static func scan(_ macros: [any Macro], expectCalls: Bool) throws -> (failures: [String], malformed: [String]) {
        guard FileManager.default.fileExists(atPath: root) else { return ([], []) }
        var byName: [String: any Macro] = [:]
        for macro in macros { for name in [macro.name] + macro.aliases { byName[name.lowercased()] = macro } }
        var failures: [String] = []
        var malformed: [String] = []
        var calls = 0
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix("index.md") } ?? []
        for file in files {
            guard let text = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) else { continue }
            for segment in MacroParser.parse(stripCode(text)) {
                if case .malformed(let raw, let name, let message) = segment, byName[name.lowercased()] != nil {
                    malformed.append("\(file): \(raw): \(message)")
                }
                guard case .call(let call) = segment, let macro = byName[call.name.lowercased()] else { continue }
                calls += 1
                do { _ = try MacroArguments(call: call, parameters: macro.parameters) } catch {
                    failures.append("\(file): \(call.raw): \(error)")
                }
            }
        }
        if expectCalls && calls == 0 { failures.append("no calls found") }
        return (failures, malformed)
    }

    /// Expands every corpus call to these macros on its own page, with every corpus page known
    /// (title and slug from the front matter): "file: call: message" for each error.
    static func expansionFailures(for macros: [any Macro]) async throws -> [String] {
        guard FileManager.default.fileExists(atPath: root) else { return [] }
        let names = Set(macros.flatMap { [$0.name.lowercased()] + $0.aliases.map { $0.lowercased() } })
        let files = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter { $0.hasSuffix("index.md") } ?? []
        var pages: [PageInfo] = []
        var texts: [(file: String, page: PageInfo, text: String)] = []
        for file in files {
            guard let text = try? String(contentsOfFile: root + "/" + file, encoding: .utf8) else { continue }
            let locale = file.hasPrefix("en-us/") ? "en-US" : String(file.prefix { $0 != "/" })
            var slug = "", title = ""
            for line in text.split(separator: "\n").prefix(30) {
                if line.hasPrefix("slug:") { slug = line.dropFirst(5).trimmingCharacters(in: .whitespaces) }
                if line.hasPrefix("title:") {
                    title = line.dropFirst(6).trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                }
            }
            guard !slug.isEmpty else { continue }
            let page = PageInfo(locale: locale, slug: slug, title: title)
            pages.append(page)
            texts.append((file, page, text))
        }
        let data = InMemoryMacroData(pages: pages)
        var failures: [String] = []
        for (file, page, text) in texts {
            for case .call(let call) in MacroParser.parse(stripCode(text)) where names.contains(call.name.lowercased()) {
                let root = HTMLParser.parseFragment("<p>" + MacroHTML.escape(call.raw) + "</p>")
                let context = MacroContext(page: MacroPage(locale: page.locale, slug: page.slug, title: page.title, revisionID: 1))
                let errors = try await MacroExpander().expand(root, context: context, data: data)
                failures += errors.map { "\(file): \($0.raw): \($0.message)" }
            }
        }
        return failures
    }

    /// Drops fenced code blocks and inline code spans (roughly), where calls are examples.
    static func stripCode(_ text: String) -> String {
        var out: [Substring] = []
        var fence: Substring? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.drop { $0 == " " }
            if let open = fence {
                if trimmed.hasPrefix(open) { fence = nil }
                continue
            }
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                fence = trimmed.prefix { $0 == "`" || $0 == "~" }
                continue
            }
            out.append(line)
        }
        // Inline code: remove `…` spans on each line.
        return out.map { line -> String in
            var result = ""
            var inCode = false
            for ch in line {
                if ch == "`" { inCode.toggle(); continue }
                if !inCode { result.append(ch) }
            }
            return result
        }.joined(separator: "\n")
    }
}

@Suite struct ListingTests {
    let pages = [
        PageInfo(locale: "en-US", slug: "Web/API/Fetch_API", title: "Fetch API", summary: "The Fetch API fetches."),
        PageInfo(locale: "en-US", slug: "Web/API/Fetch_API/Using_Fetch", title: "Using the Fetch API", summary: "How to use <fetch>."),
        PageInfo(locale: "en-US", slug: "Web/API/Fetch_API/Basic_concepts", title: "Basic concepts", summary: "Concepts."),
        PageInfo(locale: "en-US", slug: "Web/API/Fetch_API/Basic_concepts/CORS", title: "CORS and fetch", tags: ["Experimental"]),
        PageInfo(locale: "en-US", slug: "Web/API/Fetch_API/Old", title: "Old way", tags: ["deprecated"]),
    ]

    @Test func listSubpages() async throws {
        let html = try await render("{{ListSubpages}}", slug: "Web/API/Fetch_API", pages: pages)
        #expect(html == """
            <ul><li><a href="/en-US/docs/Web/API/Fetch_API/Basic_concepts">Basic concepts</a></li>\
            <li><a href="/en-US/docs/Web/API/Fetch_API/Old">Old way</a> <abbr class="icon icon-deprecated" title="Deprecated"><span class="visually-hidden">Deprecated</span></abbr></li>\
            <li><a href="/en-US/docs/Web/API/Fetch_API/Using_Fetch">Using the Fetch API</a></li></ul>
            """)
    }

    @Test func listSubpagesVariants() async throws {
        let nested = try await render("{{ListSubpages(\"/en-US/docs/Web/API/Fetch_API\", 2, 0, 1)}}", pages: pages)
        #expect(nested.hasPrefix(#"<ol><li><a href="/en-US/docs/Web/API/Fetch_API/Basic_concepts">Basic concepts</a><ol><li><a href="/en-US/docs/Web/API/Fetch_API/Basic_concepts/CORS">CORS and fetch</a> <abbr class="icon icon-experimental""#))
        let reversed = try await render("{{ListSubpages(\"Web/API/Fetch_API\", 1, true)}}", pages: pages)
        #expect(reversed.hasPrefix(#"<ul><li><a href="/en-US/docs/Web/API/Fetch_API/Using_Fetch">"#))
        // A page that does not exist (or has no subpages) lists nothing, without an error.
        #expect(try await render("{{ListSubpages(\"Web/Nowhere\")}}", pages: pages) == "<ul></ul>")
        #expect(try await render("{{ListSubpages(\"Web/API/Fetch_API/Using_Fetch\")}}", pages: pages) == "<ul></ul>")
        let bad = try await expand("<p>{{ListSubpages(\"Web/API/Fetch_API\", 9)}}</p>", pages: pages)
        #expect(bad.errors.first?.kind == .arguments)
        let notNumber = try await expand("<p>{{ListSubpages(\"Web/API/Fetch_API\", \"deep\")}}</p>", pages: pages)
        #expect(notNumber.errors.first?.kind == .arguments)
    }

    @Test func listingsAreDependencies() async throws {
        let result = try await expand("<p>{{ListSubpages(\"Web/API/Fetch_API\")}}</p>", pages: pages)
        #expect(result.context.dependencies.contains(.children(locale: "en-US", slug: "Web/API/Fetch_API")))
    }

    @Test func listSubpagesForSidebar() async throws {
        let html = try await render("{{ListSubpagesForSidebar(\"Web/API/Fetch_API\")}}", pages: pages)
        #expect(html == """
            <ol><li><a href="/en-US/docs/Web/API/Fetch_API/Basic_concepts"><code>Basic concepts</code></a></li>\
            <li><a href="/en-US/docs/Web/API/Fetch_API/Old"><code>Old way</code></a> <abbr class="icon icon-deprecated" title="Deprecated"><span class="visually-hidden">Deprecated</span></abbr></li>\
            <li><a href="/en-US/docs/Web/API/Fetch_API/Using_Fetch"><code>Using the Fetch API</code></a></li></ol>
            """)
        let withParent = try await render("{{ListSubpagesForSidebar(\"Web/API/Fetch_API\", 1, 1)}}", slug: "Web/API/Fetch_API/Old", pages: pages)
        #expect(withParent.hasPrefix(#"<ol><li><a href="/en-US/docs/Web/API/Fetch_API">Fetch API</a></li>"#))
        #expect(withParent.contains(#"<a href="/en-US/docs/Web/API/Fetch_API/Old" class="current">Old way</a>"#))
        #expect(try await render("{{ListSubpagesForSidebar(\"Nope\")}}") == "<ol></ol>")
    }

    @Test func subpagesWithSummaries() async throws {
        let html = try await render("{{SubpagesWithSummaries}}", slug: "Web/API/Fetch_API", pages: pages)
        #expect(html == """
            <dl><dt class="landingPageList"><a href="/en-US/docs/Web/API/Fetch_API/Basic_concepts">Basic concepts</a></dt>\
            <dd class="landingPageList"><p>Concepts.</p></dd>\
            <dt class="landingPageList"><a href="/en-US/docs/Web/API/Fetch_API/Old">Old way</a></dt><dd class="landingPageList"><p></p></dd>\
            <dt class="landingPageList"><a href="/en-US/docs/Web/API/Fetch_API/Using_Fetch">Using the Fetch API</a></dt>\
            <dd class="landingPageList"><p>How to use &lt;fetch&gt;.</p></dd></dl>
            """)
        // The other name, and a path argument.
        #expect(try await render("{{LandingPageListSubpages(\"Web/API/Fetch_API\")}}", pages: pages) == html)
        #expect(try await render("{{SubpagesWithSummaries}}", slug: "Nope", pages: pages) == "<dl></dl>")
    }

    @Test func listsOnlyThisLocalesSubpages() async throws {
        let it = pages + [PageInfo(locale: "it", slug: "Web/API/Fetch_API", title: "API Fetch"),
                          PageInfo(locale: "it", slug: "Web/API/Fetch_API/Using_Fetch", title: "Usare Fetch", summary: "Come usare fetch.")]
        let html = try await render("{{SubpagesWithSummaries}}", locale: "it", slug: "Web/API/Fetch_API", pages: it)
        #expect(html == #"<dl><dt class="landingPageList"><a href="/it/docs/Web/API/Fetch_API/Using_Fetch">Usare Fetch</a></dt><dd class="landingPageList"><p>Come usare fetch.</p></dd></dl>"#)
    }

    @Test func inheritanceDiagramIsANote() async throws {
        #expect(try await render("{{InheritanceDiagram}}", slug: "Web/API/EventTarget") == #"<div class="inheritance-diagram"><p>This information is not available on this site yet.</p></div>"#)
        let it = try await render("{{InheritanceDiagram(\"PointerEvent\")}}", locale: "it")
        #expect(it.contains("Questa informazione non è ancora disponibile su questo sito."))
    }

    @Test func corpusCallsValidate() async throws {
        let failures = try NavSidebarCensus.failures(for: MacroRegistry.listingMacros)
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        let expansion = try await NavSidebarCensus.expansionFailures(for: MacroRegistry.listingMacros)
        #expect(expansion.isEmpty, "\(expansion.prefix(10))")
    }
}
