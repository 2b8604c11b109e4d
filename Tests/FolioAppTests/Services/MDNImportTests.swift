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

            // The imported pages can be browsed.
            let page = try await site.anonymous.get("/en-US/docs/Web/HTML/Reference/Elements/div")
            #expect(page.status == .ok)
            #expect(page.text.contains("<h2 id="))
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
