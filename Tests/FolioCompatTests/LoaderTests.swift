import Foundation
import Testing
@testable import FolioCompat

/// A small data set in BCD's compiled shape; `extra` is spliced into `css.properties`.
func loaderFixture(browsers: String? = nil, extra: String = "") -> [UInt8] {
    let b = browsers ?? """
    {"chrome":{"name":"Chrome","type":"desktop","accepts_flags":true,"pref_url":"chrome://flags",
      "releases":{"1":{"release_date":"2008-12-11","status":"retired","engine":"WebKit","engine_version":"528"},
                  "33":{"status":"retired"},"40":{"status":"retired"},"118":{"status":"current","engine":"Blink","engine_version":"118"}}},
     "safari":{"name":"Safari","type":"desktop","accepts_flags":false,"preview_name":"TP",
      "releases":{"3":{"status":"retired"},"4":{"status":"retired"},"17":{"status":"current"},"preview":{"status":"nightly"}}}}
    """
    let json = """
    {"__meta":{"timestamp":"2026-08-07T11:06:03.000Z","version":"1.2.3"},
     "browsers":\(b),
     "css":{"properties":{
       "display":{"__compat":{"description":"<code>display</code>","mdn_url":"https://developer.mozilla.org/docs/Web/CSS/display",
          "spec_url":["https://drafts.csswg.org/css-display/#a","https://drafts.csswg.org/css-display/#b"],
          "status":{"deprecated":false,"experimental":true,"standard_track":true},
          "support":{"chrome":[{"version_added":"118"},{"version_added":"1","version_removed":"118","version_last":"40","prefix":"-webkit-",
                       "notes":"Old \\"note\\" \\u00e9\\ud83d\\ude00","flags":[{"type":"preference","name":"x","value_to_set":"true"}],
                       "impl_url":"https://crbug.com/1"}],
                     "safari":{"version_added":"≤4","partial_implementation":true,"alternative_name":"-x-display","notes":["a","b"]}},
          "tags":["web-features:display"],"source_file":"css/properties/display.json"},
         "flex":{"__compat":{"spec_url":"https://x/#flex","support":{"chrome":{"version_added":true},"safari":{"version_added":false}}},
           "nested":{"__compat":{"support":{"chrome":{"version_added":null},"safari":{"version_added":"preview"}}}}},
         "grid":{"__compat":{"support":{"chrome":{"version_added":"33"}}}},
         "nothing":{"deeper":{"__compat":{"support":{"chrome":{"version_added":"40"}}}}}
       },
       "color":{"__compat":{"support":{"chrome":{"version_added":"1"}}}}\(extra)
     }},
     "api":{"Element":{"__compat":{"support":{"safari":{"version_added":"3"}}}}}
    }
    """
    return Array(json.utf8)
}

func loaderError(_ bytes: [UInt8], strict: Bool = true) -> CompatDataError? {
    do { _ = try CompatData.load(bytes, strict: strict); return nil } catch { return error }
}

@Test func loadsFixture() throws {
    let d = try CompatData.load(loaderFixture())
    #expect(d.version == "1.2.3")
    #expect(d.timestamp == "2026-08-07T11:06:03.000Z")
    #expect(d.browsers.count == 2)
    let chrome = try #require(d.browsers["chrome"])
    #expect(chrome.name == "Chrome" && chrome.kind == .desktop && chrome.acceptsFlags && chrome.prefURL == "chrome://flags")
    #expect(chrome.releases["1"] == Release(date: "2008-12-11", status: "retired", engine: "WebKit", engineVersion: "528"))
    #expect(d.browsers["safari"]?.previewName == "TP")
    #expect(d.browsers["safari"]?.acceptsFlags == false)
    #expect(Set(d.features.keys) == ["css.properties.display", "css.properties.display.flex", "css.properties.display.flex.nested",
                                     "css.properties.display.grid", "css.properties.display.nothing.deeper", "css.properties.color",
                                     "api.Element"])

    let f = try #require(d.feature("css.properties.display"))
    #expect(f.name == "display")
    #expect(f.description == "<code>display</code>")
    #expect(f.mdnURL == "https://developer.mozilla.org/docs/Web/CSS/display")
    #expect(f.specURLs == ["https://drafts.csswg.org/css-display/#a", "https://drafts.csswg.org/css-display/#b"])
    #expect(f.status == FeatureStatus(experimental: true, standardTrack: true, deprecated: false))
    #expect(f.subfeatures == ["css.properties.display.flex", "css.properties.display.grid"])
    let c = try #require(f.support["chrome"])
    #expect(c.count == 2)
    #expect(c[0] == SupportStatement(versionAdded: .version("118")))
    #expect(c[1] == SupportStatement(versionAdded: .version("1"), versionRemoved: .version("118"), versionLast: "40", prefix: "-webkit-",
                                     flags: [Flag(type: "preference", name: "x", valueToSet: "true")],
                                     notes: ["Old \"note\" é😀"], implURL: ["https://crbug.com/1"]))
    #expect(f.support["safari"] == [SupportStatement(versionAdded: .upTo("4"), partialImplementation: true, alternativeName: "-x-display",
                                                     notes: ["a", "b"])])
    let flex = try #require(d.feature("css.properties.display.flex"))
    #expect(flex.specURLs == ["https://x/#flex"])
    #expect(flex.status == nil)
    #expect(flex.support["chrome"]?.first?.versionAdded == .yes)
    #expect(flex.support["safari"]?.first?.versionAdded == VersionValue.no)
    #expect(flex.subfeatures == ["css.properties.display.flex.nested"])
    let nested = try #require(d.feature("css.properties.display.flex.nested"))
    #expect(nested.support["chrome"]?.first?.versionAdded == .unknown)
    #expect(nested.support["safari"]?.first?.versionAdded == .preview)
    #expect(d.feature("css.properties") == nil)
    #expect(d.feature("css.properties.display.nothing") == nil)
}

@Test func versionValueDescriptions() {
    #expect(VersionValue.upTo("37").description == "≤37")
    #expect(VersionValue.preview.description == "preview")
    #expect(VersionValue.unknown.description == "null")
}

@Test func descendants() throws {
    let d = try CompatData.load(loaderFixture())
    #expect(d.descendants(of: "css.properties.display", depth: 1).map(\.key) == ["css.properties.display.flex", "css.properties.display.grid"])
    #expect(d.descendants(of: "css.properties.display", depth: 2).map(\.key)
            == ["css.properties.display.flex", "css.properties.display.flex.nested", "css.properties.display.grid"])
    #expect(d.descendants(of: "css.properties.display", depth: 0).isEmpty)
    // Not a feature: its topmost features, in key order.
    #expect(d.descendants(of: "css.properties", depth: 1).map(\.key) == ["css.properties.color", "css.properties.display"])
    #expect(d.descendants(of: "css", depth: 2).map(\.key)
            == ["css.properties.color", "css.properties.display", "css.properties.display.flex", "css.properties.display.grid"])
    #expect(d.descendants(of: "nope", depth: 3).isEmpty)
}

@Test func errorsNameThePath() {
    let bad1 = loaderFixture(extra: #","x":{"__compat":{"support":{"chrome":[{"version_added":12}]}}}"#)
    #expect(loaderError(bad1)?.description == "$.css.properties.x.__compat.support.chrome[0].version_added: expected a string, true, false or null")

    let bad2 = loaderFixture(browsers: #"{"chrome":{"name":"Chrome","type":"tablet","releases":{}}}"#)
    #expect(loaderError(bad2)?.description == #"$.browsers.chrome.type: unknown browser type "tablet""#)

    let bad3 = loaderFixture(extra: #","x":{"__compat":{"support":{"netscape":{"version_added":"4"}}}}"#)
    #expect(loaderError(bad3)?.description == #"$.css.properties.x.__compat.support.netscape: unknown browser "netscape" (not in $.browsers)"#)
    #expect(loaderError(bad3, strict: false) == nil)

    let bad4 = loaderFixture(extra: #","x":{"__compat":{"spec_url":3,"support":{}}}"#)
    #expect(loaderError(bad4)?.description == "$.css.properties.x.__compat.spec_url: expected a string or a list of strings")

    let bad5 = loaderFixture(extra: #","x":{"__compat":{"support":{"chrome":{"version_removed":"4"}}}}"#)
    #expect(loaderError(bad5)?.description == #"$.css.properties.x.__compat.support.chrome: missing "version_added""#)

    let bad6 = loaderFixture(extra: #","x":{"__compat":{"support":{"chrome":{"version_added":"1","flags":[{"type":"preference"}]}}}}"#)
    #expect(loaderError(bad6)?.description == #"$.css.properties.x.__compat.support.chrome.flags[0]: missing "name""#)
}

@Test func syntaxErrorsGiveOffsetAndLine() throws {
    let e = try #require(loaderError(Array("{\"__meta\":{\"version\":\"1\"},\n\"browsers\":{} x}".utf8)))
    #expect(e.offset == 41)
    #expect(e.line == 2)
    #expect(e.column == 15)
    #expect(e.description == "invalid JSON at byte 41 (line 2, column 15), in $: expected ',' or '}', found 'x'")

    let e2 = try #require(loaderError(Array(#"{"__meta":{"version":"1"},"browsers":{},"api":{"A":{"__compat":{"support":{"#.utf8)))
    #expect(e2.message == "unexpected end of input")
    #expect(e2.path == "$.api.A.__compat.support")
    #expect(loaderError(Array(#"{"__meta":{"version":"1"},"browsers":{}} []"#.utf8))?.message == "unexpected '[' after the top-level value")
    #expect(loaderError(Array(#"{"__meta":{"version":"1"},"browsers":{},"a":{"\q":{}}}"#.utf8))?.message == "invalid escape 'q'")
    #expect(loaderError(Array(#"{"browsers":{}}"#.utf8))?.description == "$.__meta.version: missing")
    #expect(loaderError(Array("".utf8))?.message == "unexpected end of input")
}

@Test func codableRoundTrip() throws {
    let d = try CompatData.load(loaderFixture())
    let enc = JSONEncoder(), dec = JSONDecoder()
    for f in d.features.values {
        #expect(try dec.decode(Feature.self, from: enc.encode(f)) == f)
    }
    for b in d.browsers.values {
        #expect(try dec.decode(Browser.self, from: enc.encode(b)) == b)
    }
}

let bcdFullDataPath = "/work/shared/data/bcd/data.json"
let bcdSubsetDataPath = "/work/shared/data/bcd/subset-html-css.json"

@Test(.enabled(if: FileManager.default.fileExists(atPath: bcdFullDataPath)))
func loadsRealData() throws {
    let d = try CompatData.load(contentsOf: bcdFullDataPath)
    #expect(d.features.count == 20_268)
    #expect(d.browsers.count == 17)
    #expect(d.version == "8.0.10")
    #expect(d.timestamp == "2026-08-07T11:06:03.000Z")
    let display = try #require(d.feature("css.properties.display"))
    #expect(display.support["chrome"]?.first?.versionAdded == .version("1"))
    #expect(!display.subfeatures.isEmpty)
    #expect(display.subfeatures.allSatisfy { $0.hasPrefix("css.properties.display.") && d.feature($0) != nil })
    // Every feature's subfeatures are features; every feature but the top ones is someone's subfeature
    // or sits under a non-feature node.
    var count = 0
    for f in d.features.values { count += f.subfeatures.count; #expect(f.subfeatures.allSatisfy { d.features[$0] != nil }) }
    #expect(count > 5_000)
    let groups = Dictionary(grouping: d.features.keys, by: { $0.split(separator: ".").first.map(String.init) ?? "" }).mapValues(\.count)
    #expect(groups["api"] == 10_061 && groups["css"] == 4_048 && groups["html"] == 813 && groups["mediatypes"] == 17)
    #expect(d.descendants(of: "css.properties", depth: 1).count > 500)

    // Codable round trip over every feature.
    let enc = JSONEncoder(), dec = JSONDecoder()
    var mismatches = 0
    for f in d.features.values where try dec.decode(Feature.self, from: enc.encode(f)) != f { mismatches += 1 }
    #expect(mismatches == 0)
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: bcdSubsetDataPath)))
func loadsRealSubset() throws {
    let d = try CompatData.load(contentsOf: bcdSubsetDataPath)
    #expect(d.features.count == 4_861)
    #expect(d.browsers.count == 17)
}
