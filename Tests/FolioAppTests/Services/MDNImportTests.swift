import Foundation
import Testing
@testable import FolioApp

/// Imports the real MDN pages in ../shared/data/mdn-content (when present) on both databases.
@Suite struct MDNImportTests {
    static var corpus: URL? {
        let candidates = [
            ProcessInfo.processInfo.environment["FOLIO_SHARED_DATA"].map { URL(fileURLWithPath: $0) },
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("shared/data"),
        ].compactMap { $0 }
        for base in candidates {
            let folder = base.appendingPathComponent("mdn-content")
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("en-us").path) { return folder }
        }
        print("⚠️  MDN import test skipped: ../shared/data/mdn-content not found")
        return nil
    }

    @Test(arguments: TestDatabase.kinds)
    func importsEnglishAndItalianWithoutErrorsAndIsIdempotent(database: TestDatabase) async throws {
        guard let corpus = Self.corpus else { return }
        try await Site.run(database) { site in
            // MDN's CSS definitions first, so cssinfo/csssyntax render real tables.
            let css = try await DataImporter(wiki: site.services.wiki).importCSS(folder: corpus.deletingLastPathComponent()
                .appendingPathComponent("mdn-data").path)
            #expect(css.changed && css.properties > 500)
            let importer = MDNImporter(wiki: site.services.wiki)
            let english = try await importer.run(folder: corpus.appendingPathComponent("en-us"), locale: "en-US")
            #expect(english.errors == [], "\(english.errors)")
            #expect(english.created == 153)
            #expect(english.redirectsCreated + english.redirectsSkipped > 0)
            let italian = try await importer.run(folder: corpus.appendingPathComponent("it"), locale: "it")
            #expect(italian.errors == [], "\(italian.errors)")
            #expect(italian.created == 369)
            print("MDN import (\(database.rawValue)): en-US \(english.created) pages, \(english.stubParents) parents, "
                  + "\(english.redirectsCreated) redirects; it \(italian.created) pages, \(italian.stubParents) parents, "
                  + "\(italian.redirectsCreated) redirects")

            // Pages imported early link to pages imported later: the queue settles them. Then no
            // page has an unknown macro or a failing macro.
            // (The server's own queue runs too: wait until neither has work left.)
            var pending = 1
            for _ in 0..<200 where pending > 0 {
                _ = try await site.services.jobRunner().drain()
                pending = try await site.services.database.read { try await JobStore.pendingCount($0, kind: JobKind.render) }
                if pending > 0 { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(pending == 0)
            let broken = try await site.services.database.read { sql in
                try await sql.raw("SELECT locale, slug, render_errors FROM documents WHERE error_count > 0 ORDER BY locale, slug").all()
                    .map { "\(try $0.decode(column: "locale", as: String.self))/\(try $0.decode(column: "slug", as: String.self)): "
                        + (try $0.decode(column: "render_errors", as: String.self)).prefix(300) }
            }
            #expect(broken.isEmpty, "\(broken.count) pages with macro errors: \(broken.prefix(10).joined(separator: "\n"))")

            // The imported pages can be browsed, with macros expanded.
            let page = try await site.anonymous.get("/en-US/docs/Web/HTML/Reference/Elements/div")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h2 id="))
            #expect(page.text.contains("<code>&lt;article&gt;</code>"))
            #expect(!page.text.contains("{{HTMLElement"))
            let cssPage = try await site.anonymous.get("/en-US/docs/Web/CSS/Reference/Properties/color?raw").text
            #expect(cssPage.contains("canvastext"))   // from the imported CSS data (cssinfo)
            let json = try await site.anonymous.get("/en-US/docs/Glossary/HTML$json")
            #expect(json.status == .ok)

            // A second run changes nothing.
            let again = try await importer.run(folder: corpus.appendingPathComponent("en-us"), locale: "en-US")
            #expect(again.created == 0 && again.updated == 0 && again.unchanged == 153)
            #expect(again.errors == [])
            #expect(again.redirectsCreated == 0)
        }
    }
}
