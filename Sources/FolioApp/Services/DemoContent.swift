import FolioWiki

/// A few pages written for Folio's demo, so a fresh `folio serve` has something to read. They
/// follow MDN's current structure (`Web/HTML/Reference/Elements/…`) and use its macros, so
/// cross-references, sidebars, badges and live-sample frames show out of the box.
enum DemoContent {
    struct Page {
        var locale: String
        var slug: String
        var title: String
        var tags: [String]
        var source: String
        var pageType: String? = nil
        var browserCompat: [String] = []
        var translates: String? = nil
        var format = "markdown"
    }

    static let pages: [Page] = english + DemoGuides.pages + [
        Page(locale: "it", slug: "Web", title: "Tecnologie web per sviluppatori", tags: ["Landing", "Web"], source: """
            Il web aperto è costruito da poche tecnologie fondamentali. Queste pagine le descrivono per chi scrive pagine e applicazioni web.

            ## Tecnologie

            - [HTML](/it/docs/Web/HTML): la struttura e il contenuto di una pagina.
            - {{Glossary("CSS")}}: l'aspetto dei contenuti.
            """, pageType: "landing-page", translates: "Web"),
        Page(locale: "it", slug: "Web/HTML", title: "HTML: HyperText Markup Language", tags: ["HTML", "Landing"], source: """
            {{HTMLSidebar}}

            **HTML** (HyperText Markup Language) descrive il significato e la struttura dei contenuti web. L'elemento {{HTMLElement("div")}} è il contenitore generico.
            """, pageType: "landing-page", translates: "Web/HTML"),
    ]

    static let english: [Page] = [
        Page(locale: "en-US", slug: "Web", title: "Web technology for developers", tags: ["Landing", "Web"], source: """
            The open web is built from a few core technologies. These pages describe them for people who write web pages and applications.

            ## Technologies

            {{SubpagesWithSummaries}}

            ## Contributing

            Anyone with an account can improve these pages. See [Getting started with Folio](/en-US/docs/Folio/Getting_started).
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Web/HTML", title: "HTML: HyperText Markup Language", tags: ["HTML", "Landing"], source: """
            {{HTMLSidebar}}

            **HTML** (HyperText Markup Language) describes the meaning and structure of web content. Other technologies describe its appearance ({{Glossary("CSS")}}) or behavior (JavaScript).

            ## Key resources

            The [element reference](/en-US/docs/Web/HTML/Reference/Elements) lists every element with its attributes.
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Web/HTML/Reference", title: "HTML reference", tags: ["HTML", "Reference"], source: """
            {{HTMLSidebar}}

            The reference pages for HTML's elements and attributes.

            {{ListSubpages}}
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Web/HTML/Reference/Elements", title: "HTML elements reference", tags: ["HTML", "Reference"], source: """
            {{HTMLSidebar}}

            This page lists the HTML elements described on this site. Each is a page below this one, so the list (and the sidebar) grow by themselves.

            {{ListSubpages}}
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Web/HTML/Reference/Elements/div", title: "<div>: The Content Division element",
             tags: ["HTML", "Element", "Reference"], source: """
            {{HTMLSidebar}}

            The **`<div>`** element is the generic container for flow content. It has no effect on the content or layout until styled with {{Glossary("CSS")}}.

            ## Attributes

            This element only includes the global attributes. The `align` attribute is {{Deprecated_Inline}}: use {{cssxref("text-align")}} instead.

            ## Examples

            ### A simple example

            ```html live-sample___a_simple_example
            <div class="warning">
              <p>Beware of the leopard.</p>
            </div>
            ```

            ```css live-sample___a_simple_example
            .warning {
              border: 4px ridge #c00;
              background-color: #ffd;
              padding: 0.5rem;
            }
            ```

            {{EmbedLiveSample("A simple example", "", 90)}}

            ## Accessibility

            Prefer an element with meaning, such as {{HTMLElement("p")}} or {{HTMLElement("nav")}}, when there is one.

            ## Specifications

            {{Specifications}}

            ## Browser compatibility

            {{Compat}}

            ## See also

            - The {{HTMLElement("p")}} element
            - {{cssxref("color")}}
            """, pageType: "html-element", browserCompat: ["html.elements.div"]),
        Page(locale: "en-US", slug: "Web/HTML/Reference/Elements/p", title: "<p>: The Paragraph element",
             tags: ["HTML", "Element", "Reference"], source: """
            {{HTMLSidebar}}

            The **`<p>`** element represents a paragraph. Paragraphs are blocks of text; unlike {{HTMLElement("div")}}, they carry meaning.

            ## Example

            ```html
            <p>This is the first paragraph of text.</p>
            <p>This is the second paragraph.</p>
            ```

            ## Browser compatibility

            {{Compat}}
            """, pageType: "html-element", browserCompat: ["html.elements.p"]),
        Page(locale: "en-US", slug: "Web/CSS", title: "CSS: Cascading Style Sheets", tags: ["CSS", "Landing"], source: """
            {{CSSRef}}

            **Cascading Style Sheets** ({{Glossary("CSS")}}) describe how a document written in HTML is presented: layout, colors, fonts and motion.

            ## Reference

            Start with the {{cssxref("color")}} property.
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Web/CSS/Reference", title: "CSS reference", tags: ["CSS", "Reference"], source: """
            {{CSSRef}}

            {{ListSubpages("", 2)}}
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Web/CSS/Reference/Properties", title: "CSS properties", tags: ["CSS", "Reference"], source: """
            {{CSSRef}}

            {{ListSubpages}}
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Web/CSS/Reference/Properties/color", title: "color", tags: ["CSS", "CSS Property", "Reference"],
             source: """
            {{CSSRef}}

            The **`color`** CSS property sets the foreground color of an element's text and decorations. It applies to any element, such as {{HTMLElement("p")}} or {{HTMLElement("div")}}.

            ## Syntax

            ```css
            color: rebeccapurple;
            color: #00ff00;
            color: rgb(34 12 64 / 60%);
            ```

            ### Values

            - `<color>`
              - : Any color value: a keyword, a hex code, or a function such as `rgb()`.
            - `inherit`, `initial`, `revert`, `unset`
              - : The global keywords.

            > [!NOTE]
            > Text needs enough contrast with its background to be readable; aim for a ratio of at least 4.5:1.

            ## Formal definition

            {{cssinfo}}

            ## Formal syntax

            {{csssyntax}}

            ## Specifications

            {{Specifications}}

            ## Browser compatibility

            {{Compat}}

            ## See also

            - [CSS: Cascading Style Sheets](/en-US/docs/Web/CSS)
            - {{cssxref("background-color")}}, not written yet
            """, pageType: "css-property", browserCompat: ["css.properties.color"]),
        Page(locale: "en-US", slug: "Glossary", title: "Glossary", tags: ["Glossary"], source: """
            {{GlossarySidebar}}

            Definitions of the terms used on this site.

            {{ListSubpages}}
            """, pageType: "landing-page"),
        Page(locale: "en-US", slug: "Glossary/CSS", title: "CSS", tags: ["Glossary"], source: """
            {{GlossarySidebar}}

            **CSS** (Cascading Style Sheets) is a declarative language that controls how webpages look in the browser. See the {{cssxref("color")}} property for an example.
            """, pageType: "glossary-definition"),
        Page(locale: "en-US", slug: "Glossary/HTML", title: "HTML", tags: ["Glossary"], source: """
            {{GlossarySidebar}}

            **HTML** (HyperText Markup Language) is a descriptive language that specifies webpage structure. Its building blocks are elements such as {{HTMLElement("div")}}.
            """, pageType: "glossary-definition"),
    ]

    static func seed(_ wiki: WikiService, author: User?) async throws -> Int {
        var originals: [String: Int] = [:]
        for page in pages {
            let draft = RevisionDraft(title: page.title, source: page.source + "\n", format: page.format,
                                      metadata: PageMetadata(pageType: page.pageType, browserCompat: page.browserCompat), tags: page.tags, comment: "Demo content")
            let document = try await wiki.create(locale: page.locale, slug: page.slug, draft: draft, author: author,
                                                 translationOfID: page.translates.flatMap { originals[$0] })
            if page.locale == Locales.defaultLocale { originals[page.slug] = document.id }
        }
        return pages.count
    }
}
