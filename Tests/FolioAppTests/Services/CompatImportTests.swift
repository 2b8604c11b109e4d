import Foundation
import Testing
@testable import FolioApp

/// `folio bcd import`: atomic replacement, change reports, and re-rendering of exactly the pages
/// whose compat tables use a changed feature.
@Suite struct CompatImportTests {
    /// The sample shipped with the app, written to a temp file with `edit` applied to its text.
    static func file(_ edit: (String) -> String = { $0 }) throws -> String {
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/FolioApp/Resources/data/bcd-sample.json")
        let text = edit(try String(contentsOf: source, encoding: .utf8))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bcd-\(UUID().uuidString).json").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test(arguments: TestDatabase.kinds)
    func importRendersTablesAndReimportsReRenderOnlyUsers(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            let importer = CompatImporter(wiki: site.services.wiki)
            let first = try await importer.importFile(try Self.file())
            #expect(first.features == 5 && first.added == 5 && first.browsers == 7)

            let div = try await site.services.wiki.create(locale: "en-US", slug: "Div", draft: RevisionDraft(
                title: "div", source: "<p>{{Compat}}</p>", metadata: PageMetadata(browserCompat: ["html.elements.div"])), author: nil)
            let color = try await site.services.wiki.create(locale: "en-US", slug: "Color", draft: RevisionDraft(
                title: "color", source: "<p>{{Compat}}</p>", metadata: PageMetadata(browserCompat: ["css.properties.color"])), author: nil)
            #expect(div.renderedHTML.contains("bc-table"))
            #expect(div.renderedHTML.contains("<code>align</code> attribute"))

            let again = try await importer.importFile(try Self.file())
            #expect(again.added == 0 && again.removed == 0 && again.changed == 0 && again.pagesQueued == 0)

            // A subfeature of div changes: the div page is re-rendered, the color page is not.
            let changed = try await importer.importFile(try Self.file {
                $0.replacingOccurrences(of: "<code>align</code> attribute", with: "<code>align</code> attribute (obsolete)")
            })
            #expect(changed.changed == 1 && changed.pagesQueued == 1)
            // The server's own queue may be rendering it already: wait until it shows.
            var after = try #require(try await site.document("Div"))
            for _ in 0..<100 where !after.renderedHTML.contains("attribute (obsolete)") {
                _ = try await site.services.jobRunner().drain()
                try await Task.sleep(for: .milliseconds(100))
                after = try #require(try await site.document("Div"))
            }
            #expect(after.renderedHTML.contains("attribute (obsolete)"))
            let colorAfter = try #require(try await site.document("Color"))
            #expect(colorAfter.renderedHTML == color.renderedHTML)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func badFilesChangeNothing(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let importer = CompatImporter(wiki: services.wiki)
            _ = try await importer.importFile(try Self.file())
            for broken in [
                try Self.file { String($0.dropLast(20)) },                                   // invalid JSON
                try Self.file { $0.replacingOccurrences(of: #""version_added": "18""#, with: #""version_added": 18"#) },
                try Self.file { $0.replacingOccurrences(of: #""safari_ios": {"version_added": "1"}}},"#,
                                                        with: #""safari_ios": {"version_added": "1"}, "netscape": {"version_added": "1"}}},"#) },
            ] {
                await #expect(throws: CompatImporter.Failure.self) { _ = try await importer.importFile(broken) }
            }
            let count = try await services.database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM bcd_features").first()!.decode(column: "n", as: Int.self)
            }
            #expect(count == 5)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func theRealDataImports(database: TestDatabase) async throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/data/bcd/data.json").path
        guard FileManager.default.fileExists(atPath: path) else {
            print("⚠️  real BCD import test skipped: ../shared/data/bcd/data.json not found")
            return
        }
        try await database.withServices { services async throws in
            let summary = try await CompatImporter(wiki: services.wiki).importFile(path)
            #expect(summary.features == 20_268)
            #expect(summary.version == "8.0.10")
            print("BCD import (\(database.rawValue)): \(summary.features) features in \(String(format: "%.1f", summary.seconds)) s (debug build)")
        }
    }
}
