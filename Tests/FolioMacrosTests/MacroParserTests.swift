import Testing
@testable import FolioMacros

@Suite struct MacroParserTests {
    @Test func plainTextHasNoCalls() {
        #expect(MacroParser.parse("no macros here") == [.text("no macros here")])
        #expect(MacroParser.parse("") == [.text("")])
    }

    @Test func callsWithAndWithoutArguments() {
        let segments = MacroParser.parse("a {{ Compat }} b {{cssxref(\"color\", 'the color', 1.5, true)}} c")
        #expect(segments.count == 5)
        #expect(segments[1] == .call(MacroCall(name: "Compat", arguments: [], raw: "{{ Compat }}")))
        guard case .call(let call) = segments[3] else { Issue.record("no call"); return }
        #expect(call.name == "cssxref")
        #expect(call.arguments == [.string("color"), .string("the color"), .number(1.5, literal: "1.5"), .bool(true)])
        #expect(call.raw == "{{cssxref(\"color\", 'the color', 1.5, true)}}")
        #expect(segments[4] == .text(" c"))
    }

    @Test func namesMayHoldColonsAndDashes() {
        guard case .call(let call) = MacroParser.parse("{{L10n:Common}}").first else { Issue.record("no call"); return }
        #expect(call.name == "L10n:Common")
        guard case .call(let other) = MacroParser.parse("{{Non-standard_Inline}}").first else { Issue.record("no call"); return }
        #expect(other.name == "Non-standard_Inline")
    }

    @Test func stringEscapesAndBracesInsideStrings() {
        guard case .call(let call) = MacroParser.parse(#"{{Foo("a \"b\" }} c", 'it\'s')}}"#).first else { Issue.record("no call"); return }
        #expect(call.arguments == [.string("a \"b\" }} c"), .string("it's")])
    }

    @Test func jsonObjectArguments() {
        guard case .call(let call) = MacroParser.parse(#"{{Foo({"a": 1, "b": ["x", true, null]})}}"#).first,
              case .json(let json) = call.arguments.first else { Issue.record("no json"); return }
        #expect(json["a"] == .number(1))
        #expect(json["b"] == .array([.string("x"), .bool(true), .null]))
    }

    @Test func escapedCallsStayLiteral() {
        #expect(MacroParser.parse(#"see \{{Foo}} here"#) == [.text("see "), .text("{{"), .text("Foo}} here")])
    }

    @Test func textThatOnlyLooksLikeACall() {
        // Not a name after `{{`, or never closed: prose, not an error.
        #expect(MacroParser.parse("{{ }} and {{{x}}}").allSatisfy { if case .text = $0 { true } else { false } })
        #expect(MacroParser.parse("templates use {{name").allSatisfy { if case .text = $0 { true } else { false } })
    }

    @Test func malformedCallsAreReported() {
        let segments = MacroParser.parse(#"x {{Foo("unterminated)}} y"#)
        guard case .malformed(let raw, let name, _) = segments[1] else { Issue.record("not malformed: \(segments)"); return }
        #expect(name == "Foo")
        #expect(raw == #"{{Foo("unterminated)}}"#)
        #expect(segments.last == .text(" y"))
        guard case .malformed = MacroParser.parse("{{Foo(1,)}}").first else { Issue.record("trailing comma accepted"); return }
        guard case .malformed = MacroParser.parse("{{Foo bar}}").first else { Issue.record("junk accepted"); return }
    }

    @Test func strayQuotesInsideStringsAreText() {
        guard case .call(let call) = MacroParser.parse("{{EmbedLiveSample('con l'attributo title', '100%', 150)}}").first else {
            Issue.record("no call"); return
        }
        #expect(call.arguments == [.string("con l'attributo title"), .string("100%"), .number(150, literal: "150")])
    }

    @Test func emptyArgumentsAreNull() {
        guard case .call(let call) = MacroParser.parse(#"{{EmbedLiveSample("x", , "400px")}}"#).first else { Issue.record("no call"); return }
        #expect(call.arguments == [.string("x"), .null, .string("400px")])
    }

    @Test func deepJSONIsRefusedNotRecursed() {
        let deep = "{{Foo(" + String(repeating: "[", count: 100_000) + ")}}"
        guard case .malformed = MacroParser.parse(deep).first else { Issue.record("deep JSON accepted"); return }
    }

    @Test func manyOpenBracesAreLinear() {
        let text = String(repeating: "{{a", count: 50_000)
        #expect(MacroParser.parse(text).count >= 1)
    }
}
