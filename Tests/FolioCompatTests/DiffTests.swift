import Foundation
import Testing
@testable import FolioCompat

@Test func diffFixtures() throws {
    let old = try CompatData.load(loaderFixture(extra: #","gone":{"__compat":{"support":{"chrome":{"version_added":"1"}}}}"#))
    var new = try CompatData.load(loaderFixture(extra: #","zeta":{"__compat":{"support":{}}},"alpha":{"__compat":{"support":{}}}"#))
    new.features["css.properties.color"]?.support["chrome"] = [SupportStatement(versionAdded: .version("33"))]
    new.features["api.Element"]?.description = "changed"
    let d = CompatData.diff(from: old, to: new)
    #expect(d.added == ["css.properties.alpha", "css.properties.zeta"])
    #expect(d.removed == ["css.properties.gone"])
    #expect(d.changed == ["api.Element", "css.properties.color"])
    #expect(d.addedCount == 2 && d.removedCount == 1 && d.changedCount == 2 && d.totalCount == 5)
    #expect(!d.isEmpty)
    #expect(CompatData.diff(from: old, to: old).isEmpty)
    #expect(CompatData.diff(from: old, to: old).totalCount == 0)
}

@Test func diffSeesSubfeatureChanges() throws {
    let old = try CompatData.load(loaderFixture())
    var new = old
    new.features["css.properties.display"]?.subfeatures.removeLast()
    #expect(CompatData.diff(from: old, to: new).changed == ["css.properties.display"])
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: bcdFullDataPath) && FileManager.default.fileExists(atPath: bcdSubsetDataPath)))
func diffRealSubsetToFull() throws {
    let full = try CompatData.load(contentsOf: bcdFullDataPath)
    let subset = try CompatData.load(contentsOf: bcdSubsetDataPath)
    let d = CompatData.diff(from: subset, to: full)
    #expect(d.removed.isEmpty)
    #expect(d.added.count == 20_268 - 4_861)
    #expect(d.changed.isEmpty)
    #expect(d.added == d.added.sorted())
    let back = CompatData.diff(from: full, to: subset)
    #expect(back.removed.count == 20_268 - 4_861 && back.added.isEmpty)
}
