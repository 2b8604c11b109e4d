import Foundation
import Testing
@testable import FolioMacros

/// Small mdn-data-shaped files for exact-output tests (the real package is used when present).
enum CSSFixture {
    static let properties = #"""
    {
      "color": {"syntax": "<color>", "media": "visual", "inherited": true, "animationType": "byComputedValueType",
                "percentages": "no", "groups": ["CSS Color"], "initial": "canvastext", "appliesto": "allElementsAndText",
                "computed": "computedColor", "order": "perGrammar", "alsoAppliesTo": ["::first-line"], "status": "standard",
                "mdn_url": "https://developer.mozilla.org/docs/Web/CSS/color"},
      "margin": {"syntax": "<'margin-top'>{1,4}", "media": "visual", "inherited": false, "animationType": "length",
                 "percentages": "referToWidthOfContainingBlock", "groups": ["CSS Box Model"],
                 "initial": ["margin-bottom", "margin-top"], "appliesto": "allElements",
                 "computed": ["margin-bottom", "margin-top"], "order": "uniqueOrder", "status": "standard"},
      "margin-top": {"syntax": "<length-percentage> | auto", "media": "visual", "inherited": false, "animationType": "length",
                     "percentages": "referToWidthOfContainingBlock", "groups": ["CSS Box Model"], "initial": "0",
                     "appliesto": "allElements", "computed": "asSpecified", "order": "uniqueOrder", "status": "standard"},
      "margin-bottom": {"syntax": "<length-percentage> | auto", "media": "visual", "inherited": false, "animationType": "length",
                        "percentages": "referToWidthOfContainingBlock", "groups": ["CSS Box Model"], "initial": "0",
                        "appliesto": "allElements", "computed": "asSpecified", "order": "uniqueOrder", "status": "standard"},
      "opacity": {"syntax": "<alpha-value>", "media": "visual", "inherited": false, "animationType": "byComputedValueType",
                  "percentages": "no", "groups": ["CSS Color"], "initial": "1.0", "appliesto": "allElements",
                  "computed": "asSpecified", "order": "lengthOrPercentageBeforeKeywords", "stacking": true, "status": "standard"},
      "loop": {"syntax": "<loop-a> | <'loop'>", "inherited": false, "animationType": "discrete", "percentages": "no",
               "groups": ["CSS Color"], "initial": "a", "appliesto": "allElements", "computed": "asSpecified",
               "order": "uniqueOrder", "status": "standard"}
    }
    """#
    static let syntaxes = #"""
    {
      "color": {"syntax": "<named-color> | currentColor"},
      "named-color": {"syntax": "red | blue"},
      "length-percentage": {"syntax": "<length> | <percentage>"},
      "alpha-value": {"syntax": "<number [0,1]> | <percentage>"},
      "loop-a": {"syntax": "<loop-b> | '<' x"},
      "loop-b": {"syntax": "<loop-a> & y"}
    }
    """#
    static let types = #"""
    {
      "length": {"groups": ["CSS Types"], "status": "standard"},
      "percentage": {"groups": ["CSS Types"], "status": "standard"},
      "number": {"groups": ["CSS Types"], "status": "standard"},
      "color": {"groups": ["CSS Types"], "status": "standard"}
    }
    """#
    static let atRules = #"""
    {
      "@font-face": {"syntax": "@font-face {\n  [ font-display: <font-display>; ]\n}", "groups": ["CSS Fonts"], "status": "standard",
        "descriptors": {"font-display": {"syntax": "auto | block | swap", "media": "visual", "percentages": "no",
                        "initial": "auto", "computed": "asSpecified", "order": "uniqueOrder", "status": "standard"}}}
    }
    """#
    static let l10n = #"""
    {
      "appliesTo": {"en-US": "Applies to", "de": "Anwendbar auf"},
      "allElementsAndText": {"en-US": "all elements and text", "fr": "tous les éléments et le texte"},
      "allElements": {"en-US": "all elements", "it": "tutti gli elementi"},
      "computedColor": {"en-US": "computed color"},
      "byComputedValueType": {"en-US": "by computed value type"},
      "yes": {"en-US": "yes", "de": "Ja"},
      "no": {"en-US": "no", "de": "Nein"},
      "asSpecified": {"en-US": "as specified", "de": "wie angegeben"},
      "length": {"en-US": "a <a href=\"/en-US/docs/Web/CSS/Reference/Values/length#interpolation\">length</a>"},
      "referToWidthOfContainingBlock": {"en-US": "refer to the width of the containing block"},
      "asLonghands": {"en-US": "as each of the properties of the shorthand:"},
      "applyingToMultiple": {"en-US": "$1$. It also applies to $2$."},
      "listSeparator": {"en-US": ", "},
      "andInEnumeration": {"en-US": " and "},
      "percentages": {"en-US": "Percentages"},
      "animationType": {"en-US": "Animation type", "de": "Animationstyp"},
      "canonicalOrder": {"en-US": "Canonical order"},
      "lengthOrPercentageBeforeKeywords": {"en-US": "a length or percentage before keywords"},
      "createsStackingContext": {"en-US": "Creates <a href=\"/en-US/docs/Web/CSS/Guides/Positioned_layout/Stacking_context\">stacking context</a>"},
      "bare": {"en-US": "a computed <length-percentage> value, <code>calc()</code> & 1 < 2"},
      "discrete": {"en-US": "discrete"}
    }
    """#

    static var files: [String: [UInt8]] {
        ["css/properties.json": Array(properties.utf8), "css/syntaxes.json": Array(syntaxes.utf8),
         "css/types.json": Array(types.utf8), "css/at-rules.json": Array(atRules.utf8), "l10n/css.json": Array(l10n.utf8)]
    }

    static let data: CSSData = try! CSSData(files: files)

    static let realFolder = "/work/shared/data/mdn-data"
    static let realDataPresent = FileManager.default.fileExists(atPath: realFolder + "/css/properties.json")
    static let real: CSSData? = realDataPresent ? try? CSSData.load(folder: realFolder) : nil
}

@Suite struct CSSDataTests {
    @Test func parsesTheFixture() throws {
        let data = CSSFixture.data
        let color = try #require(data.property("color"))
        #expect(color.syntax == "<color>")
        #expect(color.inherited)
        #expect(color.initial == .value("canvastext"))
        #expect(color.alsoAppliesTo == ["::first-line"])
        #expect(color.media == ["visual"])
        #expect(color.mdnURL == "https://developer.mozilla.org/docs/Web/CSS/color")
        #expect(!color.isShorthand)
        let margin = try #require(data.property("margin"))
        #expect(margin.isShorthand)
        #expect(margin.initial == .longhands(["margin-bottom", "margin-top"]))
        #expect(data.property("opacity")?.stacking == true)
        #expect(data.syntax("length-percentage") == "<length> | <percentage>")
        #expect(data.type("length")?.status == "standard")
        #expect(data.atRule("font-face")?.descriptor("font-display")?.initial == .value("auto"))
        #expect(data.atRule("@font-face")?.descriptors.count == 1)
        #expect(data.property("nope") == nil)
        #expect(data.functions.isEmpty && data.selectors.isEmpty && data.units.isEmpty)
    }

    @Test func localizedStringsFallBackToEnglish() {
        let data = CSSFixture.data
        #expect(data.string("allElements", locale: "it") == "tutti gli elementi")
        #expect(data.string("allElements", locale: "de") == "all elements")
        #expect(data.string("yes", locale: "de-CH") == "Ja")
        #expect(data.string("missing", locale: "en-US") == nil)
        // Values stay HTML as MDN wrote them.
        #expect(data.string("length", locale: "en-US")?.hasPrefix("a <a href=") == true)
    }

    @Test func fileLists() {
        #expect(CSSData.requiredFiles == ["css/properties.json", "css/syntaxes.json", "l10n/css.json"])
        #expect(Set(CSSData.optionalFiles) == ["css/at-rules.json", "css/types.json", "css/functions.json", "css/selectors.json", "css/units.json"])
    }

    func error(_ files: [String: [UInt8]]) -> String? {
        do { _ = try CSSData(files: files); return nil } catch let error as CSSDataError { return error.description } catch { return "\(error)" }
    }

    func replacing(_ file: String, _ text: String) -> [String: [UInt8]] {
        var files = CSSFixture.files
        files[file] = Array(text.utf8)
        return files
    }

    @Test func missingRequiredFile() {
        var files = CSSFixture.files
        files["l10n/css.json"] = nil
        #expect(error(files) == "l10n/css.json: required file is missing")
    }

    @Test func invalidJSONNamesTheFile() throws {
        let message = try #require(error(replacing("css/syntaxes.json", "{\"a\": ")))
        #expect(message.hasPrefix("css/syntaxes.json: not valid JSON"))
    }

    @Test func wrongTypesNameThePath() {
        let color = CSSFixture.properties.replacingOccurrences(of: "\"inherited\": true", with: "\"inherited\": \"yes\"")
        #expect(error(replacing("css/properties.json", color)) == "css/properties.json: $.color.inherited: expected a boolean, found a string")
        #expect(error(replacing("css/properties.json", "[]")) == "css/properties.json: $: expected an object, found an array")
        #expect(error(replacing("css/syntaxes.json", #"{"a": {"syntax": 1}}"#)) == "css/syntaxes.json: $.a.syntax: expected a string, found a number")
        #expect(error(replacing("css/syntaxes.json", #"{"a": {}}"#)) == "css/syntaxes.json: $.a: missing required key “syntax”")
        let groups = CSSFixture.properties.replacingOccurrences(of: "\"groups\": [\"CSS Color\"], \"initial\": \"canvastext\"",
                                                                 with: "\"groups\": [\"CSS Color\", 3], \"initial\": \"canvastext\"")
        #expect(error(replacing("css/properties.json", groups)) == "css/properties.json: $.color.groups[1]: expected a string, found a number")
        #expect(error(replacing("l10n/css.json", #"{"yes": {"en-US": true}}"#)) == "l10n/css.json: $.yes.en-US: expected a string, found a boolean")
        #expect(error(replacing("css/at-rules.json", #"{"@x": {"syntax": "@x", "groups": [], "status": "standard", "descriptors": {"d": {"syntax": "a"}}}}"#))
                == "css/at-rules.json: $[\"@x\"].descriptors.d: missing required key “initial”")
        let initial = CSSFixture.properties.replacingOccurrences(of: "\"initial\": \"canvastext\"", with: "\"initial\": {}")
        #expect(error(replacing("css/properties.json", initial)) == "css/properties.json: $.color.initial: expected a string or an array of property names, found an object")
    }

    @Test func loadNamesAMissingFolderFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("folio-cssdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("css"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(CSSFixture.properties.utf8).write(to: folder.appendingPathComponent("css/properties.json"))
        try Data(CSSFixture.syntaxes.utf8).write(to: folder.appendingPathComponent("css/syntaxes.json"))
        #expect(throws: CSSDataError.self) { try CSSData.load(folder: folder.path) }
        do { _ = try CSSData.load(folder: folder.path) } catch let error as CSSDataError {
            #expect(error.file == "l10n/css.json")
        }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("l10n"), withIntermediateDirectories: true)
        try Data(CSSFixture.l10n.utf8).write(to: folder.appendingPathComponent("l10n/css.json"))
        let data = try CSSData.load(folder: folder.path)
        #expect(data.property("margin") != nil && data.atRules.isEmpty)
    }

    @Test(.enabled(if: CSSFixture.realDataPresent, "needs MDN's mdn-data package at /work/shared/data/mdn-data"))
    func loadsTheRealPackage() throws {
        let data = try CSSData.load(folder: CSSFixture.realFolder)
        #expect(data.properties.count > 500)
        let color = try #require(data.property("color"))
        #expect(color.initial == .value("canvastext"))
        #expect(color.appliesTo == "allElementsAndText")
        #expect(color.inherited)
        #expect(color.computed == .value("computedColor"))
        #expect(color.animationType == .value("byComputedValueType"))
        let margin = try #require(data.property("margin"))
        #expect(margin.initial == .longhands(["margin-bottom", "margin-left", "margin-right", "margin-top"]))
        #expect(data.atRule("@font-face")?.descriptor("font-display") != nil)
        #expect(data.syntax("length-percentage") != nil)
        #expect(data.string("appliesTo", locale: "de") == "Anwendbar auf")
        // Every value key the properties use that is camelCase has a translation (or is a literal CSS value).
        for property in data.properties.values {
            if case .value(let key) = property.computed, key.first?.isLowercase == true, key.contains(where: \.isUppercase) {
                #expect(data.string(key, locale: "en-US") != nil, "\(property.name).computed: \(key)")
            }
        }
    }
}
