import Foundation
import FolioMacros
import Testing
@testable import FolioApp

/// Macros in the app: dependencies re-render exactly the affected pages, errors are shown to
/// editors only, and the render budget leaves slow pages to the background queue.
@Suite struct MacroRenderingTests {
    /// Polls until `condition` holds (the background queue renders asynchronously).
    func eventually(_ what: String, _ condition: () async throws -> Bool) async throws {
        for _ in 0..<100 {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("timed out waiting until \(what)")
    }

    @Test(arguments: TestDatabase.kinds)
    func changingATitleUpdatesThePagesThatListIt(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Guide", html: "<p>Chapters:</p><p>{{ListSubpages}}</p>")
            try await site.page("Guide/Intro", "Intro, first edition")
            try await site.page("Elsewhere", html: "<p>Unrelated {{HTMLElement(\"div\")}}</p>")
            // Creating the child re-rendered the parent (it lists subpages).
            try await eventually("the parent lists its child") {
                try await site.anonymous.get("/en-US/docs/Guide").text.contains("Intro, first edition")
            }
            let unrelated = try #require(try await site.document("Elsewhere"))

            let form = try await site.contributor.get("/en-US/docs/Guide/Intro$edit")
            let basedOn = try #require(Browser.hidden("based_on", in: form.text))
            let saved = try await site.contributor.post("/en-US/docs/Guide/Intro$edit", [
                ("title", "Intro, second edition"), ("content", "<p>Text</p>"), ("based_on", basedOn)])
            #expect(saved.status == .seeOther)
            try await eventually("the parent shows the new title") {
                let page = try await site.anonymous.get("/en-US/docs/Guide").text
                return page.contains("Intro, second edition") && !page.contains("Intro, first edition")
            }
            // Only dependents were re-rendered: the unrelated page kept its rendering time.
            let after = try await site.services.database.read { sql in
                try await sql.raw("SELECT rendered_at FROM documents WHERE id = \(bind: unrelated.id)").first()!
                    .decode(column: "rendered_at", as: Int.self)
            }
            let before = try await site.services.database.read { sql in
                try await sql.raw("SELECT created_at FROM documents WHERE id = \(bind: unrelated.id)").first()!
                    .decode(column: "created_at", as: Int.self)
            }
            #expect(after - before < 5_000)
            let dependencies = try await site.services.database.read { sql in
                try await sql.raw("SELECT kind, key FROM render_dependencies WHERE document_id = \(bind: unrelated.id)").all()
                    .map { "\(try $0.decode(column: "kind", as: String.self)):\(try $0.decode(column: "key", as: String.self))" }
            }
            #expect(dependencies.contains("page:en-US/web/html/reference/elements/div"))
            #expect(dependencies.contains("macro:htmlelement"))
            #expect(!dependencies.contains { $0.contains("guide") })
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func creatingAMissingPageUpdatesTheLinksToIt(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Links", html: "<p>See {{HTMLElement(\"marquee\")}}.</p>")
            let before = try await site.anonymous.get("/en-US/docs/Links?raw").text
            #expect(before.contains("class=\"new\""))
            try await site.page("Web")
            try await site.page("Web/HTML")
            try await site.page("Web/HTML/Reference")
            try await site.page("Web/HTML/Reference/Elements")
            try await site.page("Web/HTML/Reference/Elements/marquee", "<marquee>",
                                html: "<p>The marquee element scrolls text.</p>")
            try await eventually("the link is no longer marked missing and has the summary as tooltip") {
                let raw = try await site.anonymous.get("/en-US/docs/Links?raw").text
                return !raw.contains("class=\"new\"") && raw.contains("The marquee element scrolls text.")
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func macroErrorsAreShownToEditorsAndListed(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Broken", html: "<p>Before {{NoSuchMacro(\"x\")}} after {{HTMLElement}}.</p>")
            let reader = try await site.anonymous.get("/en-US/docs/Broken").text
            #expect(reader.contains("{{NoSuchMacro(&quot;x&quot;)}}") || reader.contains("{{NoSuchMacro(\"x\")}}"))
            #expect(!reader.contains("macro-error-shown"))
            #expect(!reader.contains("Macro errors on this page"))

            let editor = try await site.contributor.get("/en-US/docs/Broken").text
            #expect(editor.contains("Macro errors on this page"))
            #expect(editor.contains("unknown macro “NoSuchMacro”"))
            #expect(editor.contains("macro-error-shown"))
            #expect(editor.contains("is required"))

            let listing = try await site.anonymous.get("/en-US/docs/with-errors").text
            #expect(listing.contains("/en-US/docs/Broken"))
            try await site.page("Fine", html: "<p>No macros.</p>")
            #expect(!(try await site.anonymous.get("/en-US/docs/with-errors").text.contains("/en-US/docs/Fine")))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func slowRendersAreLeftToTheBackground(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            // A zero budget: any page with macros runs over it.
            let slow = WikiService(database: services.database, renderer: services.wiki.renderer, renderBudget: .zero)
            let document = try await slow.create(locale: "en-US", slug: "Slow", draft: RevisionDraft(
                title: "Slow", source: "<p>{{HTMLElement(\"div\")}}</p>"), author: nil)
            #expect(document.renderedHTML.isEmpty)   // saved, but not rendered yet
            #expect(document.currentRevisionID != nil)
            let queue = services.jobRunner()
            #expect(try await queue.drain() >= 1)
            let rendered = try #require(try await services.database.read { try await DocumentStore.find($0, id: document.id) })
            #expect(rendered.renderedHTML.contains("<code>&lt;div&gt;</code>"))
            // Once deferred, later saves leave rendering to the queue too; readers keep the last good rendering.
            let outcome = try await slow.edit(documentID: document.id, draft: RevisionDraft(
                title: "Slow", source: "<p>{{HTMLElement(\"span\")}}</p>"), basedOn: nil, author: nil)
            guard case .saved = outcome else { Issue.record("not saved: \(outcome)"); return }
            let kept = try #require(try await services.database.read { try await DocumentStore.find($0, id: document.id) })
            #expect(kept.renderedHTML.contains("&lt;div&gt;"))
        }
    }
}
