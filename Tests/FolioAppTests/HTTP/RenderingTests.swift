import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct RenderingTests {
    @Test(arguments: TestDatabase.kinds)
    func markdownAndHTMLPagesRenderSanitized(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            let saved = try await site.contributor.post("/en-US/docs/new", [
                ("title", "Guide"), ("slug", "Web/Guide"), ("format", "markdown"),
                ("content", """
                    ## First steps

                    See [Web](/en-US/docs/Web), [Missing](/en-US/docs/Web/Missing) and [MDN](https://developer.mozilla.org/).

                    > [!NOTE]
                    > Take care.

                    <img src="x" onerror="alert(1)"> {{Glossary("HTML")}}
                    """),
            ])
            #expect(saved.status == .seeOther)
            let raw = try await site.anonymous.get("/en-US/docs/Web/Guide?raw").text
            #expect(raw.contains("<h2 id=\"first_steps\">") || raw.contains("id=\"First_steps\""))
            #expect(!raw.contains("onerror"))
            #expect(raw.contains("notecard"))
            // Macros expand (the glossary page does not exist, so the link is marked as missing).
            #expect(raw.contains("href=\"/en-US/docs/Glossary/HTML\""))
            #expect(!raw.contains("{{Glossary"))
            // Links to pages that do not exist are marked; external links are annotated.
            #expect(raw.range(of: #"<a[^>]*class="new"[^>]*href="/en-US/docs/Web/Missing"|<a[^>]*href="/en-US/docs/Web/Missing"[^>]*class="new""#,
                              options: .regularExpression) != nil)
            #expect(raw.range(of: #"<a[^>]*href="/en-US/docs/Web"[^>]*>"#, options: .regularExpression) != nil)
            #expect(!raw.contains("href=\"/en-US/docs/Web\" class=\"new\""))
            #expect(raw.contains("external"))

            let json = try await site.anonymous.get("/en-US/docs/Web/Guide$json").text
            #expect(json.contains("First steps"))

            // HTML pages are sanitized the same way.
            let html = try await site.contributor.post("/en-US/docs/new", [
                ("title", "Unsafe"), ("slug", "Web/Unsafe"), ("format", "html"),
                ("content", "<p onclick=\"x()\">Hi <a href=\"javascript:alert(1)\">link</a></p><script>alert(2)</script>"),
            ])
            #expect(html.status == .seeOther)
            let unsafe = try await site.anonymous.get("/en-US/docs/Web/Unsafe?raw").text
            #expect(!unsafe.contains("onclick") && !unsafe.contains("javascript:") && !unsafe.contains("alert(2)"))
            #expect(unsafe.contains("Hi"))
        }
    }
}
