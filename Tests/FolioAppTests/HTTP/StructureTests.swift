import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct StructureTests {
    @Test(arguments: TestDatabase.kinds)
    func moveLeavesRedirects(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            try await site.page("Web/CSS", "CSS")
            try await site.page("Web/CSS/color", "color")
            let admin = site.admin
            #expect(try await admin.get("/en-US/docs/Web/CSS$move").status == .ok)
            let moved = try await admin.post("/en-US/docs/Web/CSS$move", [("slug", "Web/Styles")])
            #expect(moved.status == .seeOther)
            #expect(moved.headers[.location] == "/en-US/docs/Web/Styles")

            var response = try await site.anonymous.get("/en-US/docs/Web/CSS/color?x=1")
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/en-US/docs/Web/Styles/color?x=1")
            response = try await site.anonymous.get("/en-US/docs/Web/CSS?redirect=no")
            #expect(response.status == .ok)
            #expect(response.text.contains("This address redirects to"))
            #expect(try await site.anonymous.get("/en-US/docs/Web/Styles/color").status == .ok)
            response = try await site.anonymous.get("/en-US/docs/Web/CSS$json")
            #expect(response.status == .movedPermanently)
            #expect(response.headers[.location] == "/en-US/docs/Web/Styles$json")

            // A conflicting move is refused with the reason.
            try await site.page("Web/Other")
            response = try await admin.post("/en-US/docs/Web/Other$move", [("slug", "Web/Styles")])
            #expect(response.status == .conflict)
            #expect(response.text.contains("already exist"))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func deleteAndRestore(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            try await site.page("Web/Old", "Old page")
            let admin = site.admin
            let confirm = try await admin.get("/en-US/docs/Web/Old$delete")
            #expect(confirm.status == .ok)
            var response = try await admin.post("/en-US/docs/Web/Old$delete", [("reason", "")])
            #expect(response.status == .badRequest)
            #expect(try await site.anonymous.get("/en-US/docs/Web/Old").status == .ok)

            response = try await admin.post("/en-US/docs/Web/Old$delete", [("reason", "Obsolete")])
            #expect(response.status == .seeOther)
            response = try await site.anonymous.get("/en-US/docs/Web/Old")
            #expect(response.status == .notFound)
            #expect(!response.text.contains("Restore this page"))
            response = try await admin.get("/en-US/docs/Web/Old")
            #expect(response.status == .notFound)
            #expect(response.text.contains("Restore this page") && response.text.contains("Obsolete"))

            response = try await admin.request("/en-US/docs/Web/Old$restore", method: .get)
            #expect(response.status == .methodNotAllowed)   // restoring is a POST, never a GET
            response = try await admin.post("/en-US/docs/Web/Old$restore", [])
            #expect(response.status == .seeOther)
            #expect(try await site.anonymous.get("/en-US/docs/Web/Old").status == .ok)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func reviewerClearsReviewFlags(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let document = try await site.page("Web", flags: [.technical, .editorial])
            let page = try await site.reviewer.get("/en-US/docs/Web")
            #expect(page.text.contains("Mark reviewed"))
            #expect(!(try await site.contributor.get("/en-US/docs/Web").text.contains("Mark reviewed")))
            let response = try await site.reviewer.post("/en-US/docs/Web$quick-review",
                                                        [("revision_id", "\(document.currentRevisionID!)"), ("flag", "technical")])
            #expect(response.status == .seeOther)
            let list = try await site.anonymous.get("/en-US/docs/needs-review/technical")
            #expect(!list.text.contains("/en-US/docs/Web\""))
            let editorial = try await site.anonymous.get("/en-US/docs/needs-review/editorial")
            #expect(editorial.text.contains("/en-US/docs/Web\""))
            let history = try await site.anonymous.get("/en-US/docs/Web$history")
            #expect(history.text.contains("Technical review completed."))
            // A stale revision id is refused.
            let stale = try await site.reviewer.post("/en-US/docs/Web$quick-review",
                                                     [("revision_id", "\(document.currentRevisionID!)"), ("flag", "editorial")])
            #expect(stale.status == .conflict)
        }
    }
}
