import Foundation
import Testing
@testable import FolioCompat
import FolioHTML

// The table uses only what the Kuma allowlist keeps: sanitizing it changes nothing.
// (Needs FolioHTML as a test dependency of FolioCompatTests.)

@Test func compatTableSurvivesSanitizer() {
    var support = TableFixture.allYes()
    support["firefox"] = [SupportStatement(versionAdded: .version("1"), versionRemoved: .version("53"), versionLast: "52",
                                           notes: ["See <a href=\"https://bugzil.la/1\">bug 1</a>."]),
                          SupportStatement(versionAdded: .version("50"), flags: [Flag(type: "preference", name: "layout.css.foo", valueToSet: "true")])]
    support["safari"] = [SupportStatement(versionAdded: .preview)]
    support["chrome"] = [SupportStatement(versionAdded: .version("118"), partialImplementation: true, prefix: "-webkit-", alternativeName: "y")]
    support["nodejs"] = [SupportStatement(versionAdded: .unknown)]
    let root = Feature(key: "api.x", status: FeatureStatus(experimental: true, standardTrack: false, deprecated: true), support: support)
    let sub = Feature(key: "api.x.y", description: "<code>y</code> option", mdnURL: "https://developer.mozilla.org/docs/Web/API/y",
                      support: support)
    // The check is not vacuous: what the allowlist forbids does change.
    #expect(Sanitizer.sanitize("<summary class=\"x\">s</summary>") == "<summary>s</summary>")
    #expect(Sanitizer.sanitize("<td class=\"a\" onclick=\"x()\">c</td>") != "<td class=\"a\" onclick=\"x()\">c</td>")
    for locale in CompatLabels.locales {
        let html = CompatTable(browsers: TableFixture.browsers, locale: locale).html(features: [root, sub], queryKey: "api.x")
        #expect(Sanitizer.sanitize(html) == html, "\(locale)")
        let missing = CompatTable.missingData(key: "api.x", locale: locale)
        #expect(Sanitizer.sanitize(missing) == missing, "\(locale)")
    }
}

@Test func realCompatTablesSurviveSanitizer() {
    for key in ["css.properties.display", "css.properties.gap", "html.elements.dialog", "css.properties.backdrop-filter"] {
        guard let (browsers, features) = TableFixture.realTable(key) else { Issue.record("no \(key)"); continue }
        let html = CompatTable(browsers: browsers, locale: "en-US").html(features: features, queryKey: key)
        let clean = Sanitizer.sanitize(html)
        if clean != html {
            let a = Array(html.utf8), b = Array(clean.utf8)
            let i = zip(a, b).prefixMatch()
            Issue.record("\(key) differs at \(i): \(String(decoding: a[max(0, i - 80)..<min(a.count, i + 120)], as: UTF8.self)) vs \(String(decoding: b[max(0, i - 80)..<min(b.count, i + 120)], as: UTF8.self))")
        }
    }
}

private extension Zip2Sequence where Sequence1.Element == UInt8, Sequence2.Element == UInt8 {
    func prefixMatch() -> Int { var n = 0; for (x, y) in self { if x != y { break }; n += 1 }; return n }
}
