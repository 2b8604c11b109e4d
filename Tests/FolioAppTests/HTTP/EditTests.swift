import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct EditTests {
    @Test(arguments: TestDatabase.kinds)
    func createWithParentThroughTheForm(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            let browser = site.contributor
            let form = try await browser.get("/en-US/docs/new?parent=Web")
            #expect(form.status == .ok)
            #expect(form.text.contains("value=\"Web/\""))

            // Preview saves nothing.
            let preview = try await browser.post("/en-US/docs/new", [("title", "Grid Layout"), ("slug", "Web/"),
                                                                     ("content", "<p>Grid</p>"), ("preview", "1")])
            #expect(preview.status == .ok)
            #expect(preview.text.contains("<div class=\"document-body\"><p>Grid</p>"))
            #expect(try await site.document("Web/Grid_Layout") == nil)

            let saved = try await browser.post("/en-US/docs/new", [("title", "Grid Layout"), ("slug", "Web/"),
                                                                   ("content", "<p>Grid</p>"), ("tags", "CSS, Layout"),
                                                                   ("review", "technical"), ("comment", "New page")])
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location]?.hasPrefix("/en-US/docs/Web/Grid_Layout?rev_saved=") == true)
            let document = try #require(try await site.document("Web/Grid_Layout"))
            #expect(document.title == "Grid Layout")
            let page = try await browser.get("/en-US/docs/Web/Grid_Layout?rev_saved=1")
            #expect(page.text.contains("Your changes were saved."))
            #expect(page.text.contains("technical"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func badCreateInputIsRefusedAndKept(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            let browser = site.contributor
            let before = try await site.count("documents")

            var response = try await browser.post("/en-US/docs/new", [("title", "Orphan"), ("slug", "Nowhere/Orphan"),
                                                                      ("content", "<p>keep me</p>")])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("does not exist"))
            #expect(response.text.contains("&lt;p&gt;keep me&lt;/p&gt;"))   // the author's text is kept

            response = try await browser.post("/en-US/docs/new", [("title", "Bad"), ("slug", "Web/Bad Slug"), ("content", "x")])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("whitespace"))

            response = try await browser.post("/en-US/docs/new", [("title", "Dup"), ("slug", "web"), ("content", "x")])
            #expect(response.status == .conflict)

            response = try await browser.post("/en-US/docs/new", [("title", ""), ("slug", "Web/Empty"), ("content", "x")])
            #expect(response.status == .badRequest)

            response = try await browser.post("/en-US/docs/new", [("title", "No token"), ("slug", "Web/NoToken"), ("content", "x")],
                                              csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("security token"))

            response = try await browser.post("/en-US/docs/new", [("title", "Forged"), ("slug", "Web/Forged"), ("content", "x"),
                                                                  ("csrf", "forged")], csrf: false)
            #expect(response.status == .forbidden)

            response = try await browser.request("/en-US/docs/new", method: .post,
                                                 headers: [.contentType: "application/x-www-form-urlencoded"],
                                                 bytes: Array("title=Bad&slug=Web/Utf&content=".utf8) + [0xC3, 0x28]
                                                    + Array("&csrf=\(browser.csrf ?? "")".utf8))
            #expect(response.status == .badRequest)
            #expect(response.text.contains("UTF-8"))

            response = try await browser.post("/en-US/docs/new", [("title", "Nul"), ("slug", "Web/Nul"), ("content", "a\u{0}b")])
            #expect(response.status == .badRequest)

            let big = String(repeating: "a", count: 70 * 1024)
            response = try await browser.post("/en-US/docs/new", [("title", "Big"), ("slug", "Web/Big"), ("content", big)])
            #expect(response.status == .contentTooLarge)

            #expect(try await site.count("documents") == before)
            #expect(try await site.count("revisions") == before)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func editHistoryCompareAndRevert(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let document = try await site.page("Web", html: "<p>The quick brown fox</p>")
            let browser = site.contributor
            let form = try await browser.get("/en-US/docs/Web$edit")
            #expect(form.status == .ok)
            let basedOn = try #require(Browser.hidden("based_on", in: form.text))
            #expect(basedOn == "\(document.currentRevisionID!)")

            let saved = try await browser.post("/en-US/docs/Web$edit", [("title", "Web"), ("content", "<p>The quick red fox</p>"),
                                                                         ("comment", "colour"), ("based_on", basedOn)])
            #expect(saved.status == .seeOther)
            let view = try await site.anonymous.get("/en-US/docs/Web")
            #expect(view.text.contains("quick red fox"))

            let history = try await site.anonymous.get("/en-US/docs/Web$history")
            #expect(history.status == .ok)
            #expect(history.headers[.xRobotsTag] == "noindex")
            #expect(history.text.contains("colour"))
            let updated = try #require(try await site.document("Web"))
            let second = try #require(updated.currentRevisionID)
            let first = try #require(document.currentRevisionID)

            let compare = try await site.anonymous.get("/en-US/docs/Web$compare?from=\(first)&to=\(second)")
            #expect(compare.status == .ok)
            #expect(compare.text.contains("<del>brown</del><ins>red</ins>"))
            #expect(try await site.anonymous.get("/en-US/docs/Web$compare").status == .badRequest)
            #expect(try await site.anonymous.get("/en-US/docs/Web$compare?from=\(first)&to=999999").status == .notFound)

            let old = try await site.anonymous.get("/en-US/docs/Web$revision/\(first)")
            #expect(old.text.contains("quick brown fox"))

            let confirm = try await browser.get("/en-US/docs/Web$revert/\(first)")
            #expect(confirm.status == .ok)
            let reverted = try await browser.post("/en-US/docs/Web$revert/\(first)", [])
            #expect(reverted.status == .seeOther)
            let after = try #require(try await site.document("Web"))
            #expect(after.currentRevisionID! > second)
            #expect(try await site.anonymous.get("/en-US/docs/Web").text.contains("quick brown fox"))
            let historyAfter = try await site.anonymous.get("/en-US/docs/Web$history")
            #expect(historyAfter.text.contains("Revert to revision of"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func historyIsPaginated(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let document = try await site.page("Web", html: "v0")
            for n in 1...24 {
                _ = try await site.services.wiki.edit(documentID: document.id, draft: .init(title: "Web", source: "v\(n)",
                                                                                            comment: "edit \(n)"),
                                                      basedOn: nil, author: nil)
            }
            let first = try await site.anonymous.get("/en-US/docs/Web$history")
            #expect(first.text.contains("25 revision(s), newest first. Page 1 of 2."))
            #expect(first.text.contains("<td>edit 24 ") && first.text.contains("<td>edit 5 ") && !first.text.contains("<td>edit 4 "))
            #expect(first.text.contains("$history?page=2"))
            let second = try await site.anonymous.get("/en-US/docs/Web$history?page=2")
            #expect(second.text.contains("<td>edit 4 ") && !second.text.contains("<td>edit 5 "))
            #expect(second.text.components(separatedBy: "<tr>").count - 1 == 1 + 5)   // header + 5 rows
            #expect(try await site.anonymous.get("/en-US/docs/Web$history?page=3").status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func midAirCollisionNeverOverwrites(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let document = try await site.page("Web", html: "<p>Original text</p>")
            let base = "\(document.currentRevisionID!)"
            // The reviewer saves first…
            let first = try await site.reviewer.post("/en-US/docs/Web$edit", [("title", "Web"), ("content", "<p>Reviewer text</p>"),
                                                                              ("based_on", base)])
            #expect(first.status == .seeOther)
            let revisions = try await site.count("revisions")
            // …then the contributor, from the same base.
            let second = try await site.contributor.post("/en-US/docs/Web$edit", [("title", "Web"),
                                                                                   ("content", "<p>Contributor text</p>"),
                                                                                   ("based_on", base)])
            #expect(second.status == .conflict)
            #expect(second.text.contains("Someone else saved this page"))
            #expect(second.text.contains("<del>Reviewer</del><ins>Contributor</ins>"))
            #expect(second.text.contains("Contributor text"))      // the author's text is kept
            #expect(try await site.count("revisions") == revisions)
            #expect(try await site.anonymous.get("/en-US/docs/Web").text.contains("Reviewer text"))
            // The form now carries the newer base, so a deliberate resubmit goes through.
            let newBase = try #require(Browser.hidden("based_on", in: second.text))
            let resubmit = try await site.contributor.post("/en-US/docs/Web$edit", [("title", "Web"),
                                                                                     ("content", "<p>Merged text</p>"),
                                                                                     ("based_on", newBase)])
            #expect(resubmit.status == .seeOther)
        }
    }
}
