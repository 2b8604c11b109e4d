import Foundation
import Testing
@testable import FolioCompat

private func problems(_ extra: String) throws -> [CompatProblem] {
    CompatCheck.problems(in: try CompatData.load(loaderFixture(extra: extra), strict: false))
}

private func feature(_ support: String) -> String { #","x":{"__compat":{"support":"# + support + "}}" }

@Test func fixtureIsClean() throws {
    #expect(try problems("").isEmpty)
}

@Test func checkVersions() throws {
    let p = try problems(feature(#"{"chrome":[{"version_added":"33.0"},{"version_added":"34"},{"version_added":"≤35"},{"version_added":"≤33"}],"safari":{"version_added":"4.0.0"}}"#))
    #expect(p == [
        CompatProblem(path: "$.css.properties.x.__compat.support.chrome[0].version_added",
                      message: #""33.0" should be written "33" (as in chrome's releases)"#, kind: .versionFormat),
        CompatProblem(path: "$.css.properties.x.__compat.support.chrome[1].version_added",
                      message: #""34" is not a release of Chrome"#, kind: .unknownVersion),
        CompatProblem(path: "$.css.properties.x.__compat.support.chrome[2].version_added",
                      message: #""≤35" is not a release of Chrome"#, kind: .unknownVersion),
        CompatProblem(path: "$.css.properties.x.__compat.support.safari[0].version_added",
                      message: #""4.0.0" should be written "4" (as in safari's releases)"#, kind: .versionFormat),
    ])
}

@Test func checkPreview() throws {
    let p = try problems(feature(#"{"chrome":{"version_added":"preview"},"safari":{"version_added":"preview"}}"#))
    #expect(p.map(\.kind) == [.previewNotAllowed])
    #expect(p.first?.path == "$.css.properties.x.__compat.support.chrome[0].version_added")
}

@Test func checkRemoved() throws {
    let p = try problems(feature(#"{"chrome":[{"version_added":"40","version_removed":"33"},{"version_added":"33","version_removed":"33"},{"version_added":false,"version_removed":"33"},{"version_added":null,"version_removed":"40"},{"version_added":"1","version_removed":false},{"version_added":"≤33","version_removed":"40","version_last":"39"},{"version_added":true,"version_removed":"40"}]}"#))
    let base = "$.css.properties.x.__compat.support.chrome"
    #expect(p.map(\.path) == ["\(base)[0].version_removed", "\(base)[1].version_removed", "\(base)[2].version_removed",
                              "\(base)[3].version_removed", "\(base)[4].version_removed", "\(base)[5].version_last"])
    #expect(p.map(\.kind) == [.removedNotAfterAdded, .removedNotAfterAdded, .removedWithoutAdded, .removedWithoutAdded,
                              .removedWithoutAdded, .unknownVersion])
    #expect(p[0].message == #"version_removed "33" is not after version_added "40""#)
    #expect(p[2].message == #"version_removed "33" while version_added is false"#)
}

@Test func checkFlagsNotesBrowsersSupport() throws {
    let p = try problems(feature(#"{"safari":{"version_added":"17","flags":[{"type":"preference","name":"y"}],"notes":["ok"," "]},"chrome":{"version_added":"1","flags":[{"type":"preference","name":"y"}],"notes":""},"netscape":{"version_added":"4"}}"#)
                         + #","empty":{"__compat":{"support":{}}}"#)
    #expect(p == [
        CompatProblem(path: "$.css.properties.empty.__compat.support", message: "no support entries", kind: .noSupport),
        CompatProblem(path: "$.css.properties.x.__compat.support.chrome[0].notes", message: "empty note", kind: .emptyNote),
        CompatProblem(path: "$.css.properties.x.__compat.support.netscape", message: #"unknown browser "netscape""#, kind: .unknownBrowser),
        CompatProblem(path: "$.css.properties.x.__compat.support.safari[0].flags",
                      message: "Safari does not accept flags (accepts_flags is false)", kind: .flagsNotAccepted),
        CompatProblem(path: "$.css.properties.x.__compat.support.safari[0].notes[1]", message: "empty note", kind: .emptyNote),
    ])
}

@Test(.enabled(if: FileManager.default.fileExists(atPath: bcdFullDataPath)))
func realDataIsClean() throws {
    let p = CompatCheck.problems(in: try CompatData.load(contentsOf: bcdFullDataPath, strict: false))
    #expect(p.isEmpty, "\(p.prefix(20))")
}
