import Testing
@testable import FolioApp

@Suite struct TitleTests {
    @Test func backticksInTitlesBecomeCode() {
        #expect(WikiRoutes.titleHTML("`color` CSS property") == "<code>color</code> CSS property")
        #expect(WikiRoutes.titleHTML("<div>: the `div` & co") == "&lt;div&gt;: the <code>div</code> &amp; co")
        #expect(WikiRoutes.titleHTML("a `b` c `d") == "a <code>b</code> c `d")
        #expect(WikiRoutes.titleHTML("plain") == "plain")
    }
}
