import Foundation
import Testing
@testable import FolioCompat

// The compatibility table's HTML. Features and browsers are built directly; one test reads the
// real BCD subset with JSONSerialization (independent of the loader).

enum TableFixture {
    static let browsers: [String: Browser] = {
        var b: [String: Browser] = [:]
        func add(_ id: String, _ name: String, _ kind: Browser.Kind, preview: String? = nil, prefURL: String? = nil,
                 releases: [String: Release] = [:]) {
            b[id] = Browser(id: id, name: name, kind: kind, previewName: preview, prefURL: prefURL, releases: releases)
        }
        add("chrome", "Chrome", .desktop, prefURL: "chrome://flags",
            releases: ["118": Release(date: "2023-10-31"), "1": Release(date: "2008-12-11")])
        add("edge", "Edge", .desktop)
        add("firefox", "Firefox", .desktop, preview: "Nightly", prefURL: "about:config",
            releases: ["1": Release(date: "2004-11-09"), "53": Release(date: "2017-04-19")])
        add("ie", "Internet Explorer", .desktop)
        add("opera", "Opera", .desktop)
        add("safari", "Safari", .desktop, preview: "Safari Technology Preview")
        for (id, name) in [("chrome_android", "Chrome Android"), ("firefox_android", "Firefox for Android"),
                           ("opera_android", "Opera Android"), ("safari_ios", "Safari on iOS"),
                           ("samsunginternet_android", "Samsung Internet"), ("webview_android", "WebView Android"),
                           ("webview_ios", "WebView on iOS")] {
            add(id, name, .mobile)
        }
        add("oculus", "Quest Browser", .xr)
        add("deno", "Deno", .server)
        add("nodejs", "Node.js", .server)
        return b
    }()

    static func allYes(_ version: String = "1") -> [String: [SupportStatement]] {
        var s: [String: [SupportStatement]] = [:]
        for id in browsers.keys where !["deno", "nodejs"].contains(id) { s[id] = [SupportStatement(versionAdded: .version(version))] }
        return s
    }

    static func render(_ features: [Feature], locale: String = "en-US") -> String {
        CompatTable(browsers: browsers, locale: locale).html(features: features, queryKey: features[0].key)
    }

    static func count(_ needle: String, in s: String) -> Int { s.components(separatedBy: needle).count - 1 }

    /// The `<td>` of `browser` in the row of `feature` (first occurrence after the row header).
    static func cell(_ html: String, _ browser: String, after: String = "<tbody>") -> String {
        guard let row = html.range(of: after), let start = html.range(of: "bc-browser-" + browser + " bc-supports", range: row.upperBound..<html.endIndex),
              let end = html.range(of: "</td>", range: start.upperBound..<html.endIndex) else { return "" }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// BCD's JSON → values (just what the table needs), for realistic checks.
    nonisolated(unsafe) static let subset: [String: Any]? = {
        guard let data = FileManager.default.contents(atPath: "/work/shared/data/bcd/subset-html-css.json") else { return nil }
        return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    }()

    static func realBrowsers(_ root: [String: Any]) -> [String: Browser] {
        var out: [String: Browser] = [:]
        for (id, value) in root["browsers"] as? [String: Any] ?? [:] {
            guard let b = value as? [String: Any] else { continue }
            var releases: [String: Release] = [:]
            for (v, r) in b["releases"] as? [String: Any] ?? [:] {
                let r = r as? [String: Any] ?? [:]
                releases[v] = Release(date: r["release_date"] as? String, status: r["status"] as? String ?? "retired")
            }
            out[id] = Browser(id: id, name: b["name"] as? String ?? id, kind: Browser.Kind(rawValue: b["type"] as? String ?? "") ?? .desktop,
                              previewName: b["preview_name"] as? String, prefURL: b["pref_url"] as? String,
                              acceptsFlags: b["accepts_flags"] as? Bool ?? false, releases: releases)
        }
        return out
    }

    static func version(_ v: Any?) -> VersionValue {
        switch v {
        case let s as String where s == "preview": return .preview
        case let s as String where s.hasPrefix("≤"): return .upTo(String(s.dropFirst()))
        case let s as String: return .version(s)
        case let b as Bool: return b ? .yes : .no
        default: return .unknown
        }
    }

    static func realFeature(_ root: [String: Any], _ key: String) -> Feature? {
        var node: Any? = root
        for part in key.split(separator: ".") { node = (node as? [String: Any])?[String(part)] }
        guard let object = node as? [String: Any], let compat = object["__compat"] as? [String: Any] else { return nil }
        var support: [String: [SupportStatement]] = [:]
        for (browser, value) in compat["support"] as? [String: Any] ?? [:] {
            let list = (value as? [[String: Any]]) ?? [(value as? [String: Any]) ?? [:]]
            support[browser] = list.map { s in
                SupportStatement(versionAdded: version(s["version_added"]), versionRemoved: s["version_removed"].map { version($0) },
                                 versionLast: s["version_last"] as? String, partialImplementation: s["partial_implementation"] as? Bool ?? false,
                                 prefix: s["prefix"] as? String, alternativeName: s["alternative_name"] as? String,
                                 flags: (s["flags"] as? [[String: Any]] ?? []).map {
                                     Flag(type: $0["type"] as? String ?? "", name: $0["name"] as? String ?? "", valueToSet: $0["value_to_set"] as? String)
                                 },
                                 notes: (s["notes"] as? [String]) ?? ((s["notes"] as? String).map { [$0] } ?? []))
            }
        }
        let status = compat["status"] as? [String: Any]
        return Feature(key: key, description: compat["description"] as? String, mdnURL: compat["mdn_url"] as? String,
                       status: status.map { FeatureStatus(experimental: $0["experimental"] as? Bool ?? false,
                                                          standardTrack: $0["standard_track"] as? Bool ?? true,
                                                          deprecated: $0["deprecated"] as? Bool ?? false) },
                       support: support,
                       subfeatures: object.keys.filter { $0 != "__compat" && (object[$0] as? [String: Any])?["__compat"] != nil }.sorted())
    }

    /// The root and its direct subfeatures.
    static func realTable(_ key: String) -> (browsers: [String: Browser], features: [Feature])? {
        guard let root = subset, let feature = realFeature(root, key) else { return nil }
        return (realBrowsers(root), [feature] + feature.subfeatures.compactMap { realFeature(root, key + "." + $0) })
    }
}

@Test func tableStructure() {
    let html = TableFixture.render([Feature(key: "css.properties.gap", support: TableFixture.allYes())])
    #expect(html.hasPrefix("<figure class=\"table-container\"><table class=\"bc-table bc-table-css\"><thead><tr class=\"bc-platforms\"><td></td>"))
    #expect(html.contains("<th scope=\"colgroup\" colspan=\"5\" class=\"bc-platform bc-platform-desktop\">"))
    #expect(html.contains("<th scope=\"colgroup\" colspan=\"7\" class=\"bc-platform bc-platform-mobile\">"))
    #expect(!html.contains("bc-platform-server"))   // no data for deno/nodejs
    #expect(!html.contains("bc-browser-ie") && !html.contains("Internet Explorer") && !html.contains("oculus"))
    #expect(TableFixture.count("<th scope=\"col\"", in: html) == 12)
    let order = ["chrome", "edge", "firefox", "opera", "safari", "chrome_android", "firefox_android", "opera_android", "safari_ios",
                 "samsunginternet_android", "webview_android", "webview_ios"]
    let positions = order.map { html.range(of: "<th scope=\"col\" class=\"bc-browser bc-browser-" + $0 + "\"")!.lowerBound }
    #expect(positions == positions.sorted())
    #expect(html.contains("<tbody><tr><th scope=\"row\" class=\"bc-feature bc-feature-depth-0\"><code>gap</code></th>"))
    #expect(TableFixture.count("<td class=\"bc-support", in: html) == 12)
    #expect(html.contains("</tbody></table></figure><section class=\"bc-legend\"><p class=\"bc-legend-title\"><strong>Legend</strong></p>"))
}

@Test func serverColumnsOnlyWithData() {
    var support = TableFixture.allYes()
    support["nodejs"] = [SupportStatement(versionAdded: .version("18.0.0"))]
    let html = TableFixture.render([Feature(key: "api.fetch", support: support)])
    #expect(html.contains("<th scope=\"colgroup\" colspan=\"2\" class=\"bc-platform bc-platform-server\">"))
    #expect(html.contains("<span class=\"bc-platform-name\">Server</span>"))
    #expect(TableFixture.count("<td class=\"bc-support", in: html) == 14)
    #expect(TableFixture.cell(html, "deno").contains("bc-supports-unknown"))
    #expect(TableFixture.cell(html, "deno").contains("<span class=\"bc-version-label\">?</span>"))
}

@Test func subfeatureRows() {
    let root = Feature(key: "css.properties.display", mdnURL: "https://developer.mozilla.org/docs/Web/CSS/display", support: TableFixture.allYes(),
                       subfeatures: ["flex", "contents"])
    let flex = Feature(key: "css.properties.display.flex", description: "<code>flex</code> value", support: TableFixture.allYes("29"))
    let contents = Feature(key: "css.properties.display.contents", mdnURL: "https://developer.mozilla.org/docs/Web/CSS/contents",
                           support: TableFixture.allYes("65"))
    let deep = Feature(key: "css.properties.display.multi.two", support: TableFixture.allYes())
    let html = TableFixture.render([root, flex, contents, deep], locale: "fr")
    #expect(html.contains("<th scope=\"row\" class=\"bc-feature bc-feature-depth-1\"><code>flex</code> value</th>"))
    #expect(html.contains("<th scope=\"row\" class=\"bc-feature bc-feature-depth-1\"><a href=\"/fr/docs/Web/CSS/contents\"><code>contents</code></a></th>"))
    #expect(html.contains("<th scope=\"row\" class=\"bc-feature bc-feature-depth-2\"><code>two</code></th>"))
    #expect(TableFixture.count("<tr><th scope=\"row\"", in: html) == 4)
}

@Test func fullSupportCellWithReleaseDate() {
    var support = TableFixture.allYes()
    support["chrome"] = [SupportStatement(versionAdded: .version("118"))]
    let html = TableFixture.render([Feature(key: "css.properties.x", support: support)])
    let cell = TableFixture.cell(html, "chrome")
    #expect(cell.hasPrefix("bc-browser-chrome bc-supports-yes\"><details class=\"bc-history-toggle\"><summary>"))
    #expect(!cell.contains("bc-has-history"))
    #expect(cell.contains("<abbr class=\"bc-level bc-level-yes icon icon-yes\" title=\"Full support\"><span class=\"visually-hidden\">Full support</span></abbr>"))
    #expect(cell.contains("<span class=\"bc-version-label\" title=\"Released 2023-10-31\">118</span></summary>"))
    #expect(cell.contains("<span class=\"bc-history-label\">Full support since version 118 <span class=\"bc-release\">(Released 2023-10-31)</span></span>"))
    // No date, nothing else: a plain cell.
    #expect(TableFixture.cell(html, "edge").contains("<span class=\"bc-cell\">"))
    #expect(!TableFixture.cell(html, "edge").contains("<details"))
}

@Test func removedPartialPrefixAltNameNotes() {
    var support = TableFixture.allYes()
    support["firefox"] = [
        SupportStatement(versionAdded: .version("1"), versionRemoved: .version("53"), versionLast: "52", notes: ["See <a href=\"https://bugzil.la/1\">bug 1</a>."]),
    ]
    support["safari"] = [SupportStatement(versionAdded: .version("9"), partialImplementation: true, notes: ["Only <code>block</code>."])]
    support["chrome"] = [SupportStatement(versionAdded: .version("50")),
                         SupportStatement(versionAdded: .version("4"), prefix: "-webkit-"),
                         SupportStatement(versionAdded: .version("3"), alternativeName: "oldName")]
    let html = TableFixture.render([Feature(key: "css.properties.x", support: support)])
    let firefox = TableFixture.cell(html, "firefox")
    #expect(firefox.contains("bc-supports-no bc-has-history"))
    #expect(firefox.contains("<span class=\"bc-version-label\" title=\"Released 2004-11-09\">1 – 52</span>"))
    #expect(firefox.contains("<li class=\"bc-removed\">Removed in 53 <span class=\"bc-release\">(Released 2017-04-19)</span></li>"))
    #expect(firefox.contains("<li class=\"bc-note\">See <a href=\"https://bugzil.la/1\">bug 1</a>.</li>"))
    #expect(firefox.contains("icon icon-footnote"))
    let safari = TableFixture.cell(html, "safari")
    #expect(safari.contains("bc-supports-partial bc-has-history"))
    #expect(safari.contains("Partial support since version 9"))
    let chrome = TableFixture.cell(html, "chrome")
    #expect(chrome.contains("bc-supports-yes bc-has-history"))
    #expect(chrome.contains("<span class=\"bc-version-label\">50</span><span class=\"bc-icons\"><abbr class=\"icon icon-more\" title=\"Has more compatibility info.\">"))
    #expect(TableFixture.count("<li class=\"bc-history-item", in: chrome) == 3)
    #expect(chrome.contains("<li class=\"bc-prefix\">Has a prefix: <code>-webkit-</code></li>"))
    #expect(chrome.contains("<li class=\"bc-altname\">Alternate name: <code>oldName</code></li>"))
    // The legend lists what the table used, no more.
    let legend = String(html[html.range(of: "<section class=\"bc-legend\">")!.lowerBound...])
    for used in ["Full support", "Partial support", "No support", "See implementation notes.", "Has more compatibility info."] {
        #expect(legend.contains("<dd class=\"bc-legend-item-dd\">" + used + "</dd>"))
    }
    // Prefix and alternative name are only in older statements: text in the details, no symbol.
    for unused in ["Compatibility unknown", "In development", "User must explicitly", "Experimental", "Deprecated",
                   "Uses a non-standard name.", "Requires a vendor prefix"] {
        #expect(!legend.contains(unused))
    }
    #expect(legend.contains("<p class=\"bc-legend-tip\">Tip: you can click/tap on a cell for more information.</p>"))
}

@Test func flagsCountAsNoSupport() {
    var support = TableFixture.allYes()
    support["firefox"] = [SupportStatement(versionAdded: .version("50"), flags: [Flag(type: "preference", name: "layout.css.foo", valueToSet: "true")])]
    support["chrome"] = [SupportStatement(versionAdded: .version("70"), flags: [Flag(type: "runtime_flag", name: "--enable-<x>")])]
    let html = TableFixture.render([Feature(key: "css.properties.x", support: support)])
    let firefox = TableFixture.cell(html, "firefox")
    #expect(firefox.contains("bc-supports-no bc-has-history"))
    #expect(firefox.contains("icon icon-disabled\" title=\"User must explicitly enable this feature.\""))
    #expect(firefox.contains("Disabled: From version 50: this feature is behind the <code>layout.css.foo</code> preference (needs to be set to <code>true</code>). To change preferences in Firefox, visit about:config."))
    #expect(TableFixture.cell(html, "chrome").contains("Disabled: From version 70: this feature is behind the <code>--enable-&lt;x&gt;</code> runtime flag."))
    #expect(html.contains("<dd class=\"bc-legend-item-dd\">User must explicitly enable this feature.</dd>"))
}

@Test func previewUnknownAndMissingBrowsers() {
    var support = TableFixture.allYes()
    support["safari"] = [SupportStatement(versionAdded: .preview)]
    support["firefox"] = [SupportStatement(versionAdded: .unknown)]
    support["edge"] = [SupportStatement(versionAdded: .no)]
    support["opera"] = [SupportStatement(versionAdded: .upTo("37"))]
    support["webview_ios"] = nil
    let html = TableFixture.render([Feature(key: "html.elements.x", support: support)])
    let safari = TableFixture.cell(html, "safari")
    #expect(safari.contains("bc-supports-preview"))
    #expect(safari.contains("<span class=\"bc-version-label\">Preview</span>"))
    #expect(safari.contains("Supported in Safari Technology Preview"))
    #expect(TableFixture.cell(html, "firefox").contains("bc-supports-unknown\"><span class=\"bc-cell\">"))
    #expect(TableFixture.cell(html, "firefox").contains("<span class=\"bc-version-label\">?</span>"))
    #expect(TableFixture.cell(html, "edge").contains("bc-supports-no\"><span class=\"bc-cell\">"))
    #expect(TableFixture.cell(html, "edge").contains("<span class=\"bc-version-label\">No</span>"))
    #expect(TableFixture.cell(html, "opera").contains("<span class=\"bc-version-label\">≤37</span>"))
    #expect(TableFixture.cell(html, "webview_ios").contains("bc-supports-unknown"))
    #expect(html.contains("<dd class=\"bc-legend-item-dd\">In development. Supported in a pre-release version.</dd>"))
}

@Test func statusIconsMatchBadges() {
    let feature = Feature(key: "css.properties.x", status: FeatureStatus(experimental: true, standardTrack: false, deprecated: true),
                          support: TableFixture.allYes())
    let html = TableFixture.render([feature])
    #expect(html.contains("<code>x</code><span class=\"bc-icons\">"
        + "<abbr class=\"icon icon-experimental\" title=\"Experimental. Expect behavior to change in the future.\"><span class=\"visually-hidden\">Experimental</span></abbr>"
        + "<abbr class=\"icon icon-nonstandard\" title=\"Non-standard. Check cross-browser support before using.\"><span class=\"visually-hidden\">Non-standard</span></abbr>"
        + "<abbr class=\"icon icon-deprecated\" title=\"Deprecated. Not for use in new websites.\"><span class=\"visually-hidden\">Deprecated</span></abbr></span></th>"))
    #expect(html.contains("<dd class=\"bc-legend-item-dd\">Deprecated. Not for use in new websites.</dd>"))
    let plain = TableFixture.render([Feature(key: "css.properties.x", status: FeatureStatus(), support: TableFixture.allYes())])
    #expect(!plain.contains("bc-icons"))
}

@Test func escapesNamesVersionsAndFlags() {
    var support = TableFixture.allYes()
    support["chrome"] = [SupportStatement(versionAdded: .version("1<b>"), prefix: "-x-\"&")]
    let html = CompatTable(browsers: TableFixture.browsers, locale: "en-US")
        .html(features: [Feature(key: "api.<script>alert(1)</script>", support: support)], queryKey: "api.<script>")
    #expect(!html.contains("<script>") && !html.contains("<b>"))
    #expect(html.contains("<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>"))
    #expect(html.contains("1&lt;b&gt;"))
    #expect(html.contains("<code>-x-&quot;&amp;</code>"))
    #expect(html.contains("class=\"bc-table bc-table-api\""))
    let odd = CompatTable(browsers: TableFixture.browsers, locale: "en-US")
        .html(features: [Feature(key: "a\"b.c", support: support)], queryKey: "a\"b.c")
    #expect(odd.contains("class=\"bc-table bc-table-web\""))
}

@Test func localizedLabels() {
    var support = TableFixture.allYes()
    support["chrome"] = [SupportStatement(versionAdded: .version("118"), partialImplementation: true)]
    support["nodejs"] = [SupportStatement(versionAdded: .yes)]
    let de = TableFixture.render([Feature(key: "api.x", support: support)], locale: "de")
    #expect(de.contains(">Mobil</span>") && de.contains("<p class=\"bc-legend-title\"><strong>Legende</strong></p>"))
    #expect(de.contains("Teilweise Unterstützung seit Version 118 <span class=\"bc-release\">(Veröffentlicht 2023-10-31)</span>"))
    #expect(TableFixture.cell(de, "nodejs").contains("<span class=\"bc-version-label\">Ja</span>"))
    let ja = TableFixture.render([Feature(key: "api.x", support: support)], locale: "ja")
    #expect(ja.contains("<p class=\"bc-legend-title\"><strong>凡例</strong></p>") && ja.contains(">デスクトップ</span>"))
    let zh = TableFixture.render([Feature(key: "api.x", support: support)], locale: "zh-CN")
    #expect(zh.contains(">完全支持</dd>"))
    // Fallbacks: by language, then en-US.
    #expect(CompatLabels.localeIndex("fr-CA") == CompatLabels.localeIndex("fr"))
    #expect(CompatLabels.localeIndex("zh-TW") == CompatLabels.localeIndex("zh-CN"))
    #expect(CompatLabels.localeIndex("ko") == 0)
}

@Test func labelTableIsCompleteAndSafe() {
    for label in CompatLabel.allCases {
        let strings = CompatLabels.table[label]
        #expect(strings?.count == CompatLabels.locales.count, "\(label)")
        for s in strings ?? [] {
            #expect(!s.contains("<") && !s.contains(">") && !s.contains("&") && !s.contains("\""), "\(label): \(s)")
            #expect(!s.isEmpty)
        }
    }
    #expect(CompatTemplate.fill("a {0} b {1} {2} {x}", "1", "2") == "a 1 b 2 {2} {x}")
}

@Test func missingDataMessage() {
    let html = CompatTable.missingData(key: "css.properties.<x>", locale: "en-US")
    #expect(html.hasPrefix("<p class=\"bc-missing\">No compatibility data found for <code>css.properties.&lt;x&gt;</code>. <a href=\"https://github.com/mdn/browser-compat-data/issues/new?title=No%20compatibility%20data%20for%20css.properties.%3Cx%3E\">Check for problems with this page</a> or <a href=\"https://github.com/mdn/browser-compat-data/blob/main/docs/contributing.md\">contribute missing data to mdn/browser-compat-data on GitHub</a>.</p>"))
    #expect(CompatTable.missingData(key: "x", locale: "es").contains("No se encontraron datos de compatibilidad para <code>x</code>."))
    #expect(CompatTable(browsers: [:], locale: "en-US").html(features: [], queryKey: "k").contains("<code>k</code>"))
    // Only hidden browsers (ie, XR) have data: the message, not an empty table.
    let hidden = Feature(key: "css.x", support: ["ie": [SupportStatement(versionAdded: .version("6"))], "oculus": [SupportStatement(versionAdded: .yes)]])
    #expect(TableFixture.render([hidden]).hasPrefix("<p class=\"bc-missing\">"))
}

@Test func realDisplayTable() throws {
    guard let (browsers, features) = TableFixture.realTable("css.properties.display") else {
        Issue.record("BCD subset not readable"); return
    }
    #expect(features.count > 20)
    let html = CompatTable(browsers: browsers, locale: "en-US").html(features: features, queryKey: "css.properties.display")
    #expect(TableFixture.count("<tr><th scope=\"row\"", in: html) == features.count)
    #expect(TableFixture.count("<th scope=\"col\"", in: html) == 12)   // no server, no ie, no oculus
    #expect(TableFixture.count("<td class=\"bc-support", in: html) == 12 * features.count)
    #expect(html.contains("<code>display</code></th>"))
    #expect(TableFixture.cell(html, "chrome").contains("<span class=\"bc-version-label\" title=\"Released 2008-12-11\">1</span>"))
    #expect(TableFixture.count("<details", in: html) == TableFixture.count("</details>", in: html))
}
