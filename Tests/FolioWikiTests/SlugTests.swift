import Testing
@testable import FolioWiki

@Suite struct SlugTests {
    @Test(arguments: ["Web", "Web/HTML/Element/div", "Glossary/Récursion", "Web/API/Window.open()",
                      "Web/CSS/:hover", "Web/news", "Web/new", "Mozilla/Firefox/Releases/3.6"])
    func acceptsRealSlugs(slug: String) {
        #expect(Slug.problem(in: slug) == nil)
    }

    @Test func rejectsBadCharacters() {
        for bad in ["Web HTML", "Web/a'b", "Web/\"x\"", "50%", "What?", "Price$", "a#b", "tab\there", "a<b"] {
            #expect(Slug.problem(in: bad) != nil, "\(bad) should be refused")
        }
        #expect(Slug.problem(in: "a b") == .invalidCharacter(" "))
    }

    @Test func rejectsEmptySegmentsAndLength() {
        #expect(Slug.problem(in: "") == .empty)
        #expect(Slug.problem(in: "/Web") == .emptySegment)
        #expect(Slug.problem(in: "Web/") == .emptySegment)
        #expect(Slug.problem(in: "Web//HTML") == .emptySegment)
        #expect(Slug.problem(in: "Web/../etc") == .dotSegment)
        #expect(Slug.problem(in: String(repeating: "a", count: 255)) == nil)
        #expect(Slug.problem(in: String(repeating: "a", count: 256)) == .tooLong(256))
    }

    @Test func rejectsReservedNames() {
        for reserved in ["new", "NEW", "all", "tags", "tag/css", "templates", "with-errors",
                         "needs-review", "needs-review/technical", "feeds/atom/all", "category/12",
                         "ckeditor_config.js", "data.json"] {
            #expect(Slug.problem(in: reserved) != nil, "\(reserved) should be reserved")
        }
        #expect(Slug.problem(in: "Web/tag/css") == nil)
        #expect(Slug.problem(in: "category/abc") == nil)
    }

    @Test func keyIsCaseAndAccentInsensitive() {
        #expect(Slug.key("Glossaire/Récursion") == Slug.key("glossaire/recursion"))
        #expect(Slug.key("Web/HTML") == "web/html")
        #expect(Slug.key("Ünïcödé") == "unicode")
        #expect(Slug.key("Web/HTML") != Slug.key("Web/HTM"))
    }

    @Test func hierarchy() {
        #expect(Slug.parent(of: "Web/HTML/Element") == "Web/HTML")
        #expect(Slug.parent(of: "Web") == nil)
        #expect(Slug.lastSegment(of: "Web/HTML/Element") == "Element")
        #expect(Slug.join("Web", "CSS") == "Web/CSS")
        #expect(Slug.join(nil, "Web") == "Web")
        #expect(Slug.segment(fromTitle: "  Getting started?  with HTML ") == "Getting_started_with_HTML")
    }
}
