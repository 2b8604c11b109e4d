import Testing
@testable import FolioWiki

@Suite struct LocalesTests {
    @Test func servesMDNs62Locales() {
        #expect(Locales.all.count == 62)
        #expect(Set(Locales.all).count == 62)
        #expect(Locales.all.first == "en-US")
    }

    @Test(arguments: [
        ("en-us", "en-US"), ("EN-US", "en-US"), ("en", "en-US"), ("zh", "zh-CN"), ("cn", "zh-CN"),
        ("zh_cn", "zh-CN"), ("zh-Hant", "zh-TW"), ("pt", "pt-PT"), ("PT-br", "pt-BR"), ("fr", "fr"),
        ("sr-latn", "sr-Latn"), ("iw", "he"),
    ])
    func canonicalizesCaseAndAliases(input: String, expected: String) {
        #expect(Locales.canonical(input) == expected)
    }

    @Test func unknownLocalesAreNotServed() {
        #expect(Locales.canonical("xx") == nil)
        #expect(Locales.canonical("docs") == nil)
        #expect(Locales.canonical("") == nil)
    }

    @Test func regionFallsBackToLanguage() {
        #expect(Locales.match("fr-FR") == "fr")
        #expect(Locales.match("de-CH") == "de")
        #expect(Locales.match("es-419") == "es")
        #expect(Locales.match("sv") == "sv-SE")
        #expect(Locales.match("bn-XX") == "bn-BD")
        #expect(Locales.match("tlh") == nil)
    }

    @Test func langParameterWinsOverAcceptLanguage() {
        #expect(Locales.negotiate(langParameter: "ja", acceptLanguage: "fr") == "ja")
        #expect(Locales.negotiate(langParameter: "nonsense", acceptLanguage: "fr") == "fr")
    }

    @Test func acceptLanguageIsOrderedByQuality() {
        #expect(Locales.parseAcceptLanguage("de;q=0.5, it-IT, fr;q=0.9") == ["it-IT", "fr", "de"])
        #expect(Locales.negotiate(langParameter: nil, acceptLanguage: "tlh, it;q=0.2, de;q=0") == "it")
        #expect(Locales.negotiate(langParameter: nil, acceptLanguage: "xx-YY, *") == "en-US")
        #expect(Locales.negotiate(langParameter: nil, acceptLanguage: nil) == "en-US")
        #expect(Locales.negotiate(langParameter: nil, acceptLanguage: ";;;,,q=") == "en-US")
    }
}
