import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

@Suite struct JSONTests {
    @Test(arguments: TestDatabase.kinds)
    func jsonChildrenAndToc(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web", "Web docs", html: "<p>Summary here.</p><h2 id=\"A\">Alpha</h2><h3>Beta &amp; more</h3>", tags: ["Landing"])
            for slug in ["Web/B", "Web/A", "Web/A/1", "Web/A/1/x", "Web/A/1/x/y", "Web/A/1/x/y/z", "Web/A/1/x/y/z/deep"] {
                try await site.page(slug, String(slug.split(separator: "/").last!))
            }
            var response = try await site.anonymous.get("/en-US/docs/Web$json")
            #expect(response.status == .ok)
            #expect(response.headers[.accessControlAllowOrigin] == "*")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(json["title"] as? String == "Web docs")
            #expect(json["slug"] as? String == "Web")
            #expect(json["locale"] as? String == "en-US")
            #expect(json["url"] as? String == "/en-US/docs/Web")
            #expect(json["summary"] as? String == "Summary here.")
            #expect(json["tags"] as? [String] == ["Landing"])
            let sections = try #require(json["sections"] as? [[String: String]])
            #expect(sections == [["id": "A", "title": "Alpha"], ["id": "Beta_more", "title": "Beta & more"]])
            for key in ["id", "uuid", "label", "review_tags", "translations", "modified", "last_edit"] {
                #expect(json[key] != nil, "missing \(key)")
            }

            response = try await site.anonymous.get("/en-US/docs/Web$children?depth=2")
            let tree = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            let subpages = try #require(tree["subpages"] as? [[String: Any]])
            #expect(subpages.map { $0["title"] as? String } == ["A", "B"])   // sorted by title
            let a = try #require(subpages.first?["subpages"] as? [[String: Any]])
            #expect(a.count == 1)
            #expect((a[0]["subpages"] as? [Any])?.isEmpty == true)          // depth 2 stops here

            response = try await site.anonymous.get("/en-US/docs/Web$children?depth=50")
            #expect(!response.text.contains("\"deep\""))                     // capped at 5

            response = try await site.anonymous.get("/en-US/docs/Nope$json")
            #expect(response.status == .notFound)
            #expect(response.text.contains("Document does not exist."))

            response = try await site.anonymous.get("/en-US/docs/Web$toc")
            #expect(response.text.hasPrefix("<ol>"))
            #expect(response.text.contains("href=\"#A\">Alpha</a>"))
            #expect(response.text.contains("href=\"#Beta_more\">Beta &amp; more</a>"))
        }
    }
}
