import FolioWiki

/// A few pages written for Folio's demo, so a fresh `folio serve` has something to read.
enum DemoContent {
    struct Page {
        var locale: String
        var slug: String
        var title: String
        var tags: [String]
        var html: String
        var translates: String? = nil
        var format = "html"
    }

    static let pages: [Page] = [
        Page(locale: "en-US", slug: "Web", title: "Web technology for developers", tags: ["Landing", "Web"], html: """
            <p>The open web is built from a few core technologies. These pages describe them for people who write web pages and applications.</p>
            <h2 id="Technologies">Technologies</h2>
            <ul>
              <li><a href="/en-US/docs/Web/HTML">HTML</a>: the structure and content of a page.</li>
              <li><a href="/en-US/docs/Web/CSS">CSS</a>: how the content looks.</li>
            </ul>
            <h2 id="Contributing">Contributing</h2>
            <p>Anyone with an account can improve these pages. See <a href="/en-US/docs/Folio/Getting_started">Getting started with Folio</a>.</p>
            """),
        Page(locale: "en-US", slug: "Web/HTML", title: "HTML: HyperText Markup Language", tags: ["HTML", "Landing"], html: """
            <p><strong>HTML</strong> (HyperText Markup Language) describes the meaning and structure of web content. Other technologies describe its appearance (CSS) or behaviour (JavaScript).</p>
            <h2 id="Key_resources">Key resources</h2>
            <p>The <a href="/en-US/docs/Web/HTML/Element">element reference</a> lists every element with its attributes.</p>
            """),
        Page(locale: "en-US", slug: "Web/HTML/Element", title: "HTML elements reference", tags: ["HTML", "Reference"], html: """
            <p>This page lists HTML elements, grouped by what they do.</p>
            <h2 id="Content_sectioning">Content sectioning</h2>
            <p>Sectioning elements organize a document into logical parts.</p>
            <h2 id="Text_content">Text content</h2>
            <p>Block-level elements such as <code>&lt;div&gt;</code> and <code>&lt;p&gt;</code> group flow content.</p>
            """),
        Page(locale: "en-US", slug: "Web/HTML/Element/div", title: "<div>: The Content Division element", tags: ["HTML", "Element", "Reference"], html: """
            <p>The <code>&lt;div&gt;</code> element is the generic container for flow content. It has no effect on the content or layout until styled with CSS.</p>
            <h2 id="Attributes">Attributes</h2>
            <p>This element only includes the global attributes.</p>
            <h2 id="Examples">Examples</h2>
            <h3 id="A_simple_example">A simple example</h3>
            <pre>&lt;div&gt;
              &lt;p&gt;Any kind of content here.&lt;/p&gt;
            &lt;/div&gt;</pre>
            <h2 id="Accessibility">Accessibility</h2>
            <p>Prefer an element with meaning, such as <code>&lt;article&gt;</code> or <code>&lt;nav&gt;</code>, when there is one.</p>
            """),
        Page(locale: "en-US", slug: "Web/CSS", title: "CSS: Cascading Style Sheets", tags: ["CSS", "Landing"], html: """
            <p><strong>Cascading Style Sheets</strong> (CSS) describe how a document written in HTML is presented: layout, colours, fonts and motion.</p>
            <h2 id="Reference">Reference</h2>
            <p>Start with the <a href="/en-US/docs/Web/CSS/color">color</a> property.</p>
            """),
        Page(locale: "en-US", slug: "Web/CSS/color", title: "color", tags: ["CSS", "CSS Property", "Reference"], html: """
            The **`color`** CSS property sets the foreground colour of an element's text and decorations.

            ## Syntax

            ```css
            color: rebeccapurple;
            color: #00ff00;
            color: rgb(34 12 64 / 60%);
            ```

            ## Values

            - `<color>`
              - : Any colour value: a keyword, a hex code, or a function such as `rgb()`.
            - `inherit`, `initial`, `revert`, `unset`
              - : The global keywords.

            > [!NOTE]
            > Text needs enough contrast with its background to be readable; aim for a ratio of at least 4.5:1.

            ## See also

            - [CSS: Cascading Style Sheets](/en-US/docs/Web/CSS)
            - [`background-color`](/en-US/docs/Web/CSS/background-color), not written yet
            """, format: "markdown"),
        Page(locale: "en-US", slug: "Folio", title: "About Folio", tags: ["Folio"], html: """
            <p>Folio is the wiki these pages live in: every change is kept as a revision you can compare or revert.</p>
            """),
        Page(locale: "en-US", slug: "Folio/Getting_started", title: "Getting started with Folio", tags: ["Folio", "Guide"], html: """
            Sign in, open any page, and choose **Edit**. Write Markdown (or HTML), add a comment saying what you changed, and save.

            ## Creating pages

            A new page lives below an existing one: its address is the parent's address plus a last segment, such as `Web/CSS/margin`.

            ## Reviews

            Ask for a technical or editorial review with the check boxes in the editor; reviewers clear the flags when they are done.

            > [!WARNING]
            > Every save is public at once. Use the **Preview** button to check your changes first.
            """, format: "markdown"),
        Page(locale: "it", slug: "Web", title: "Tecnologie web per sviluppatori", tags: ["Landing", "Web"], html: """
            <p>Il web aperto è costruito da poche tecnologie fondamentali. Queste pagine le descrivono per chi scrive pagine e applicazioni web.</p>
            <h2 id="Tecnologie">Tecnologie</h2>
            <ul>
              <li><a href="/it/docs/Web/HTML">HTML</a>: la struttura e il contenuto di una pagina.</li>
            </ul>
            """, translates: "Web"),
        Page(locale: "it", slug: "Web/HTML", title: "HTML: HyperText Markup Language", tags: ["HTML", "Landing"], html: """
            <p><strong>HTML</strong> (HyperText Markup Language) descrive il significato e la struttura dei contenuti web.</p>
            """, translates: "Web/HTML"),
    ]

    static func seed(_ wiki: WikiService, author: User?) async throws -> Int {
        var originals: [String: Int] = [:]
        for page in pages {
            let draft = RevisionDraft(title: page.title, source: page.html + "\n", format: page.format, tags: page.tags,
                                      comment: "Demo content")
            let document = try await wiki.create(locale: page.locale, slug: page.slug, draft: draft, author: author,
                                                 translationOfID: page.translates.flatMap { originals[$0] })
            if page.locale == Locales.defaultLocale { originals[page.slug] = document.id }
        }
        return pages.count
    }
}
