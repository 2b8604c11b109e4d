import FolioHTML
import Foundation
import Testing
@testable import FolioMacros

@Suite struct EmbedTests {
    let page = MacroPage(locale: "en-US", slug: "Web/CSS/Reference/Properties/color", title: "color", revisionID: 42)

    @Test func embedLiveSample() async throws {
        let html = try await render("{{EmbedLiveSample(\"Basic example\", \"100%\", 200)}}", page: page)
        #expect(html == #"<iframe class="sample-code-frame" title="Basic example sample" id="frame_basic_example" width="100%" height="200" src="http://localhost:8001/en-US/docs/Web/CSS/Reference/Properties/color$samples/basic_example?revision=42"></iframe>"#)
    }

    @Test func embedLiveSampleVariants() async throws {
        // Ids are normalized as Folio's heading ids: lower case, spaces to "_", punctuation dropped.
        let comma = try await render("{{EmbedLiveSample('Inaccessible, weak link text', '100%', '50')}}", slug: "Learn/Links")
        #expect(comma == #"<iframe class="sample-code-frame" title="Inaccessible, weak link text sample" id="frame_inaccessible_weak_link_text" width="100%" height="60" src="http://localhost:8001/en-US/docs/Learn/Links$samples/inaccessible_weak_link_text"></iframe>"#)
        // Another page's sample, "px" heights, feature policy; the sandbox tokens are checked.
        let other = try await render("{{EmbedLiveSample(\"optional-required-styles\", \"\", \"400px\", \"\", \"/en-US/docs/Web/CSS/:required\", \"\", \"camera\", \"allow-forms\")}}",
                                     locale: "fr", page: MacroPage(locale: "fr", slug: "X"))
        #expect(other == #"<iframe class="sample-code-frame" title="optional-required-styles sample" id="frame_optional-required-styles" height="400" src="http://localhost:8001/fr/docs/Web/CSS/:required$samples/optional-required-styles" allow="camera"></iframe>"#)
        // "auto" (used on CSS pages) leaves the attribute out.
        let auto = try await render("{{EmbedLiveSample(\"Flex_layout\", \"auto\", 250)}}", slug: "Web/CSS/gap")
        #expect(auto == #"<iframe class="sample-code-frame" title="Flex layout sample" id="frame_flex_layout" height="250" src="http://localhost:8001/en-US/docs/Web/CSS/gap$samples/flex_layout"></iframe>"#)
        let plain = try await render("{{EmbedLiveSample('Examples')}}")
        #expect(plain == #"<iframe class="sample-code-frame" title="Examples sample" id="frame_examples" src="http://localhost:8001/en-US/docs/Test/Page$samples/examples"></iframe>"#)
    }

    @Test func embedLiveSampleSurvivesTheSanitizer() async throws {
        let html = try await render("{{EmbedLiveSample(\"Basic example\", \"100%\", 200)}}", page: page)
        let policy = SanitizerPolicy.kuma.with(iframeHosts: SanitizerPolicy.kuma.iframeHosts + ["http://localhost:8001/"])
        let clean = Sanitizer.sanitize(html, policy: policy)
        #expect(clean.contains(#"src="http://localhost:8001/en-US/docs/Web/CSS/Reference/Properties/color$samples/basic_example?revision=42""#))
        #expect(clean.contains(#"id="frame_basic_example""#))
    }

    /// What the sanitizer keeps: iframe titles (for screen readers) but not attributes it does not
    /// know (allow, allowfullscreen), and no frames from hosts it does not allow.
    @Test func embedsAgainstTheSanitizer() async throws {
        let interactive = try await render("{{EmbedInteractiveExample(\"pages/js/array-map.html\")}}")
        #expect(Sanitizer.sanitize(interactive).contains(#"<iframe class="interactive is-js-height" height="200" src="https://interactive-examples.mdn.mozilla.net/pages/js/array-map.html" title="MDN Web Docs Interactive Example" sandbox="#))
        let github = try await render("{{EmbedGHLiveSample(\"css-examples/a.html\", 200, 100)}}")
        #expect(Sanitizer.sanitize(github).hasPrefix(#"<iframe class="live-sample-frame" width="200" height="100" src="https://mdn.github.io/css-examples/a.html""#))
        let youtube = try await render("{{EmbedYouTube(\"IK97XMibEws\")}}")
        let policy = SanitizerPolicy.kuma.with(iframeHosts: SanitizerPolicy.kuma.iframeHosts + ["https://www.youtube-nocookie.com/embed/"])
        #expect(Sanitizer.sanitize(youtube, policy: policy).contains(#"src="https://www.youtube-nocookie.com/embed/IK97XMibEws""#))
    }

    @Test func embedLiveSampleErrors() async throws {
        for call in ["{{EmbedLiveSample}}", "{{EmbedLiveSample(\"x\", \"wide\")}}", "{{EmbedLiveSample(\"x\", 100, \"tall\")}}",
                     "{{EmbedLiveSample(\"x\", \"\", \"\", \"\", \"\", \"\", \"\", \"allow-same-origin\")}}", "{{EmbedLiveSample(\"?!\")}}"] {
            let result = try await expand("<p>" + call + "</p>")
            #expect(result.errors.first?.kind == .arguments, "\(call)")
        }
    }

    @Test func liveSampleLink() async throws {
        let html = try await render("{{LiveSampleLink('Using_the_srcset_and_sizes_attributes', 'view the example &amp; more')}}", page: page)
        #expect(html == #"<a href="http://localhost:8001/en-US/docs/Web/CSS/Reference/Properties/color$samples/using_the_srcset_and_sizes_attributes?revision=42">view the example &amp; more</a>"#)
        let missing = try await expand("<p>{{LiveSampleLink('x')}}</p>")
        #expect(missing.errors.first?.kind == .arguments)
    }

    @Test func embedGHLiveSample() async throws {
        let html = try await render("{{EmbedGHLiveSample(\"css-examples/flexbox/basics/the-flex-container.html\", '100%', 400)}}")
        #expect(html == #"<iframe class="live-sample-frame" width="100%" height="400" src="https://mdn.github.io/css-examples/flexbox/basics/the-flex-container.html"></iframe>"#)
        let query = try await render("{{EmbedGHLiveSample(\"/dom-examples/a b/?x=1&y=2\")}}")
        #expect(query == #"<iframe class="live-sample-frame" src="https://mdn.github.io/dom-examples/a%20b/?x=1&amp;y=2"></iframe>"#)
        for call in ["{{EmbedGHLiveSample(\"https://evil.example/\")}}", "{{EmbedGHLiveSample(\"a/../../x\")}}",
                     "{{EmbedGHLiveSample(\"a\", \"1e9\")}}"] {
            let result = try await expand("<p>" + call + "</p>")
            #expect(result.errors.first?.kind == .arguments, "\(call)")
        }
    }

    @Test func embedInteractiveExample() async throws {
        let html = try await render("{{EmbedInteractiveExample(\"pages/js/array-map.html\", \"taller\")}}")
        #expect(html == """
            <h2 id="try_it">Try it</h2>
            <iframe class="interactive is-taller-height" height="200" src="https://interactive-examples.mdn.mozilla.net/pages/js/array-map.html" title="MDN Web Docs Interactive Example"></iframe>
            """)
        let js = try await render("{{EmbedInteractiveExample(\"pages/js/json-parse.html\")}}", locale: "it")
        #expect(js.contains(#"<h2 id="try_it">Prova</h2>"#) && js.contains(#"class="interactive is-js-height""#))
        let css = try await render("{{EmbedInteractiveExample(\"pages/css/color.html\")}}")
        #expect(css.contains(#"class="interactive is-default-height""#))
        let bad = try await expand("<p>{{EmbedInteractiveExample(\"pages/css/color.html\", \"huge\")}}</p>")
        #expect(bad.errors.first?.kind == .arguments)
    }

    @Test func interactiveExample() async throws {
        let html = try await render("{{InteractiveExample(\"HTML Demo: &lt;a&gt;\", \"tabbed-shorter\")}}")
        #expect(html == """
            <h2 id="try_it">Try it</h2>
            <section class="interactive-example is-tabbed-shorter-height"><h3>HTML Demo: &lt;a&gt;</h3>\
            <p>The code of this example is shown below; an interactive editor is not available on this site yet.</p></section>
            """)
        let de = try await render("{{InteractiveExample(\"CSS Demo: border\")}}", locale: "de")
        #expect(de.contains(#"<section class="interactive-example"><h3>CSS Demo: border</h3><p>Der Code"#))
        let bad = try await expand("<p>{{InteractiveExample(\"x\", \"huge\")}}</p>")
        #expect(bad.errors.first?.kind == .arguments)
    }

    @Test func embedYouTube() async throws {
        #expect(try await render("{{EmbedYouTube(\"IK97XMibEws\")}}") == #"<iframe width="560" height="315" src="https://www.youtube-nocookie.com/embed/IK97XMibEws" title="YouTube video" allowfullscreen=""></iframe>"#)
        #expect(try await render("{{EmbedYouTube(\"IK97XMibEws\", \"4:3\")}}").contains(#"height="420""#))
        for call in ["{{EmbedYouTube(\"abc\")}}", "{{EmbedYouTube(\"IK97XMib\\\"Ews\")}}", "{{EmbedYouTube(\"../../evil\")}}",
                     "{{EmbedYouTube(\"IK97XMibEws\", \"wide\")}}"] {
            let result = try await expand("<p>" + call + "</p>")
            #expect(result.errors.first?.kind == .arguments, "\(call)")
        }
    }

    @Test func corpusCallsValidate() async throws {
        let failures = try NavSidebarCensus.failures(for: MacroRegistry.embedMacros)
        #expect(failures.isEmpty, "\(failures.prefix(10))")
        let expansion = try await NavSidebarCensus.expansionFailures(for: MacroRegistry.embedMacros)
        #expect(expansion.isEmpty, "\(expansion.prefix(10))")
        // Three Italian calls skip arguments (`("x", , "400px")`), which KumaScript accepted but
        // MacroParser does not read yet; one has an unescaped quote in its id (a content bug).
        let malformed = try NavSidebarCensus.malformed(for: MacroRegistry.embedMacros)
        #expect(malformed.isEmpty, "\(malformed.prefix(5))")
    }
}
