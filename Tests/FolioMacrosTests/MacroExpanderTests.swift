import FolioHTML
import Testing
@testable import FolioMacros

@Suite struct MacroExpanderTests {
    let div = PageInfo(locale: "en-US", slug: "Web/HTML/Reference/Elements/div", title: "<div>: The Content Division element",
                       summary: "The <div> element is the generic container.")

    @Test func expandsCallsInText() async throws {
        let result = try await expand("<p>Use {{HTMLElement(\"div\")}} here.</p>", pages: [div])
        #expect(result.errors.isEmpty)
        #expect(result.html == #"<p>Use <a href="/en-US/docs/Web/HTML/Reference/Elements/div" title="The &lt;div&gt; element is the generic container."><code>&lt;div&gt;</code></a> here.</p>"#)
        #expect(result.context.dependencies.contains(.page(locale: "en-US", slug: "Web/HTML/Reference/Elements/div")))
        #expect(result.context.dependencies.contains(Dependency(.macro, "htmlelement")))
    }

    @Test func namesAreCaseInsensitive() async throws {
        let result = try await expand("<p>{{htmlelement(\"div\")}}</p>", pages: [div])
        #expect(result.errors.isEmpty)
        #expect(result.html.contains("<code>&lt;div&gt;</code>"))
    }

    @Test func codeIsNeverExpanded() async throws {
        let source = "<pre>{{HTMLElement(\"div\")}}</pre><p><code>{{HTMLElement(\"div\")}}</code></p>"
        let result = try await expand(source)
        #expect(result.html == source.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "&quot;div&quot;", with: "\"div\""))
        #expect(result.errors.isEmpty)
    }

    @Test func escapedCallsLoseTheirBackslash() async throws {
        let result = try await expand(#"<p>Write \{{HTMLElement("div")}} to link.</p>"#)
        #expect(result.html == #"<p>Write {{HTMLElement("div")}} to link.</p>"#)
        #expect(result.errors.isEmpty)
    }

    @Test func escapesInCodeLoseTheirBackslashToo() async throws {
        let result = try await expand(#"<p><code>\{{Glossary("HTML")}}</code></p><pre>\{{Compat}}</pre>"#)
        #expect(result.html == #"<p><code>{{Glossary("HTML")}}</code></p><pre>{{Compat}}</pre>"#)
    }

    @Test func unknownMacrosAreRecordedWithTheirPosition() async throws {
        let source = "<p>one</p>\n<p>two {{NoSuchMacro(\"x\", 2)}}</p>"
        let result = try await expand(source)
        #expect(result.errors == [MacroError(kind: .unknownMacro, macro: "NoSuchMacro", arguments: ["x", "2"],
                                             message: "unknown macro “NoSuchMacro”", line: 2, raw: "{{NoSuchMacro(\"x\", 2)}}")])
        #expect(result.html.contains(#"<span class="macro-error" id="macro-error-0">{{NoSuchMacro("x", 2)}}</span>"#))
    }

    @Test func wrongArgumentsAreErrors() async throws {
        let missing = try await expand("<p>{{HTMLElement}}</p>")
        #expect(missing.errors.first?.kind == .arguments)
        let tooMany = try await expand("<p>{{HTMLElement(\"a\", \"b\", \"c\", 1, 5)}}</p>")
        #expect(tooMany.errors.first?.message.contains("at most 4") == true)
        let notBool = try await expand("<p>{{HTMLElement(\"a\", \"b\", \"c\", {\"x\": 1})}}</p>")
        #expect(notBool.errors.first?.kind == .arguments)
    }

    @Test func malformedCallsStayAsText() async throws {
        let result = try await expand("<p>{{HTMLElement(\"div\"}}</p>")
        #expect(result.errors.first?.kind == .syntax)
        #expect(result.html.contains("{{HTMLElement(\"div\"}}"))
    }

    @Test func missingPagesLinkInTheLocaleAndFallBackToEnglish() async throws {
        let it = try await expand("<p>{{HTMLElement(\"div\")}} {{HTMLElement(\"nope\")}}</p>", locale: "it", pages: [div])
        #expect(it.html.contains(#"href="/en-US/docs/Web/HTML/Reference/Elements/div" class="only-in-en-us""#))
        #expect(it.html.contains(#"href="/it/docs/Web/HTML/Reference/Elements/nope""#))
        #expect(it.context.dependencies.contains(.page(locale: "it", slug: "Web/HTML/Reference/Elements/div")))
    }

    @Test func budgetIsEnforced() async throws {
        let root = HTMLParser.parseFragment("<p>{{HTMLElement(\"div\")}}</p>")
        let context = MacroContext(page: MacroPage())
        await #expect(throws: RenderBudgetExceeded.self) {
            _ = try await MacroExpander().expand(root, context: context, data: InMemoryMacroData(),
                                                 deadline: ContinuousClock.now - .seconds(1))
        }
    }
}

@Suite struct UnescapeTests {
    @Test func backslashesBeforeDoubleBracesGo() {
        #expect(MacroExpander.unescaped("no escapes {here}") == nil)
        #expect(MacroExpander.unescaped(#"\{{A}}"#) == "{{A}}")
        #expect(MacroExpander.unescaped(#"x \{{A}} y \{{B}} \{z"#) == #"x {{A}} y {{B}} \{z"#)
        #expect(MacroExpander.unescaped(#"é \{{"#) == "é {{")
    }
}
