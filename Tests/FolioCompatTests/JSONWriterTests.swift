import Foundation
import Testing
@testable import FolioCompat

@Suite struct JSONWriterTests {
    static let feature = Feature(
        key: "css.properties.x", description: "<code>x</code> \"quoted\" \\ and\ttab", mdnURL: "https://example.org/x",
        specURLs: ["https://drafts.csswg.org/x/#a"], status: FeatureStatus(experimental: true, standardTrack: false, deprecated: true),
        support: ["chrome": [SupportStatement(versionAdded: .version("118"), versionRemoved: .upTo("120"), versionLast: "119",
                                              partialImplementation: true, prefix: "-webkit-", alternativeName: "y",
                                              flags: [Flag(type: "preference", name: "a.b", valueToSet: "true")],
                                              notes: ["note \u{1}"], implURL: ["https://bugs.example/1"]),
                             SupportStatement(versionAdded: .preview)],
                  "firefox": [SupportStatement(versionAdded: .yes), SupportStatement(versionAdded: .no, versionRemoved: .unknown)]],
        subfeatures: ["css.properties.x.y"])

    @Test func featuresRoundTripThroughJSONDecoder() throws {
        let json = CompatJSONWriter.json(Self.feature)
        #expect(try JSONDecoder().decode(Feature.self, from: Data(json.utf8)) == Self.feature)
        let bare = Feature(key: "a.b")
        #expect(try JSONDecoder().decode(Feature.self, from: Data(CompatJSONWriter.json(bare).utf8)) == bare)
    }

    @Test func browsersRoundTripThroughJSONDecoder() throws {
        let browser = Browser(id: "firefox", name: "Firefox", kind: .desktop, previewName: "Nightly", prefURL: "about:config",
                              acceptsFlags: true, releases: ["1": Release(date: "2004-11-09", status: "retired", engine: "Gecko",
                                                                         engineVersion: "1.7"), "150": Release(status: "planned")])
        #expect(try JSONDecoder().decode(Browser.self, from: Data(CompatJSONWriter.json(browser).utf8)) == browser)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/work/shared/data/bcd/subset-html-css.json")))
    func realFeaturesRoundTrip() throws {
        let data = try CompatData.load(contentsOf: "/work/shared/data/bcd/subset-html-css.json")
        let decoder = JSONDecoder()
        for feature in data.features.values {
            #expect(try decoder.decode(Feature.self, from: Data(CompatJSONWriter.json(feature).utf8)) == feature)
        }
        for browser in data.browsers.values {
            #expect(try decoder.decode(Browser.self, from: Data(CompatJSONWriter.json(browser).utf8)) == browser)
        }
    }
}
