import Testing
@testable import FolioWiki

@Suite struct PermissionsTests {
    @Test func rolesIncludeLowerRoles() {
        #expect(Role.contributor.may(.editPage))
        #expect(!Role.contributor.may(.clearReviewFlags))
        #expect(Role.reviewer.may(.clearReviewFlags) && Role.reviewer.may(.createPage))
        #expect(!Role.reviewer.may(.movePage))
        #expect(WikiAction.allCases.allSatisfy { Role.admin.may($0) })
    }

    @Test func tagsAreDedupedCaseInsensitively() {
        #expect(Tags.parse(" CSS, Reference ,css,, Layout ") == ["CSS", "Reference", "Layout"])
        #expect(Tags.parse("") == [])
    }

    @Test func reviewFlagsParse() {
        #expect(ReviewFlag.parse("editorial, technical, bogus") == [.technical, .editorial])
        #expect(ReviewFlag.serialize([.editorial]) == "editorial")
    }
}
