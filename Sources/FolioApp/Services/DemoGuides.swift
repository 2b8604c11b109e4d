/// The demo's pages about Folio itself (kept apart from the reference pages for length).
enum DemoGuides {
    typealias Page = DemoContent.Page

    static let pages: [Page] = [
        Page(locale: "en-US", slug: "Folio", title: "About Folio", tags: ["Folio"], source: """
            Folio is the wiki these pages live in: every change is kept as a revision you can compare or revert.

            {{ListSubpages}}
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Folio/Getting_started", title: "Getting started with Folio", tags: ["Folio", "Guide"], source: """
            Sign in, open any page, and choose **Edit**. Write Markdown (or HTML), add a comment saying what you changed, and save.

            ## Creating pages

            A new page lives below an existing one: its address is the parent's address plus a last segment, such as `Web/CSS/Reference/Properties/margin`.

            ## Reviews

            Ask for a technical or editorial review with the check boxes in the editor; reviewers clear the flags when they are done.

            > [!WARNING]
            > Every save is public at once. Use the **Preview** button to check your changes first.

            {{PreviousNext("Folio", "Folio/Macros")}}
            """, pageType: "guide"),
        Page(locale: "en-US", slug: "Folio/Macros", title: "Writing with macros", tags: ["Folio", "Guide"], source: """
            Pages use MDN's macros to link to other pages, build sidebars and embed examples. A macro is written in double braces; to show one without running it, put a backslash before it: `\\{{HTMLElement("div")}}`.

            | You write | You get |
            | --- | --- |
            | `\\{{HTMLElement("div")}}` | {{HTMLElement("div")}} |
            | `\\{{cssxref("color")}}` | {{cssxref("color")}} |
            | `\\{{Glossary("HTML", "markup")}}` | {{Glossary("HTML", "markup")}} |
            | `\\{{HTTPStatus("404")}}` | {{HTTPStatus("404")}} |
            | `\\{{Experimental_Inline}}` | {{Experimental_Inline}} |
            | `\\{{optional_inline}}` | {{optional_inline}} |

            Links to pages that do not exist yet are shown in red; when someone writes the page, the links update by themselves.

            Block macros make notes and banners:

            {{SeeCompatTable}}

            The full list of macros, with their arguments, is printed by `folio macros`.

            {{PreviousNext("Folio/Getting_started", "Folio")}}
            """, pageType: "guide"),
    ]
}
