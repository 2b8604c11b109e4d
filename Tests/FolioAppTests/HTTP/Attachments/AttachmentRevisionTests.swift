import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing
@testable import FolioApp

/// New versions of a file keep its address; old versions stay at pinned addresses; the
/// uploader or a reviewer may delete a file; each person has a daily upload allowance.
@Suite struct AttachmentRevisionTests {
    static func post(_ browser: Browser, _ fields: [(name: String, filename: String?, data: [UInt8])]) async throws -> TestResponse {
        var fields = fields
        fields.insert(("csrf", nil, Array((browser.csrf ?? "").utf8)), at: 0)
        let (type, body) = AttachmentTests.multipart(fields)
        return try await browser.request("/en-US/docs/Web$files", method: .post, headers: [.contentType: type], bytes: body)
    }

    static func text(_ name: String, _ value: String) -> (name: String, filename: String?, data: [UInt8]) {
        (name, nil, Array(value.utf8))
    }

    static let png2: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 9, count: 80)

    @Test func blobsAreStoredWholeAndLeftoversCleanedUp() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("blobs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let blobs = FileStore(dataDirectory: folder)
        let sha = try await blobs.store(AttachmentTests.png)
        #expect(sha == FileStore.digest(AttachmentTests.png))
        #expect(try await blobs.store(AttachmentTests.png) == sha)   // stored once
        #expect(try await blobs.read(sha).map(Array.init) == AttachmentTests.png)
        #expect(try await blobs.read("../../etc/passwd") == nil)
        #expect(try await blobs.read(String(repeating: "0", count: 64)) == nil)
        // What a crash mid-upload leaves: a temporary file, removed once it is old.
        let leftover = folder + "/attachments/" + FileStore.temporaryPrefix + "crashed"
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data([1, 2, 3])))
        #expect(try await blobs.removeStaleUploads(olderThan: 3600) == 0)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-7200)], ofItemAtPath: leftover)
        #expect(try await blobs.removeStaleUploads(olderThan: 3600) == 1)
        #expect(!FileManager.default.fileExists(atPath: leftover))
        #expect(try await blobs.read(sha) != nil)
    }

    @Test(arguments: TestDatabase.kinds)
    func replacingKeepsTheAddressAndPinsTheOldBytes(database: TestDatabase) async throws {
        try await Site.run(database, configure: { _ in }) { site in
            try await site.page("Web")
            let carol = site.contributor
            #expect(try await Self.post(carol, [("file", "chart.png", AttachmentTests.png)]).status == .seeOther)
            let replaced = try await Self.post(carol, [Self.text("action", "replace"), Self.text("attachment", "1"),
                                                       Self.text("comment", "Sharper colours"), ("file", "chart-v2.png", Self.png2)])
            #expect(replaced.status == .seeOther)
            // Another kind of file cannot replace it (pages' <img> would break).
            let wrongKind = try await Self.post(carol, [Self.text("action", "replace"), Self.text("attachment", "1"),
                                                        ("file", "notes.txt", Array("hello".utf8))])
            #expect(wrongKind.status == .badRequest && wrongKind.text.contains("must be a .png file too"))
            // A file of another page cannot be touched from this one.
            let other = try await Self.post(carol, [Self.text("action", "delete"), Self.text("attachment", "99")])
            #expect(other.status == .notFound)
            let list = try await carol.get("/en-US/docs/Web$files")
            #expect(list.text.contains("/files/1/v1/chart.png") && list.text.contains("Sharper colours"))
            #expect(try await site.count("attachment_revisions") == 2)
            // A replacement purges the file's surrogate key.
            let purged = try await site.services.database.read { sql in
                try await sql.raw("SELECT keys FROM cache_purges").all().map { try $0.decode(column: "keys", as: String.self) }
            }
            #expect(purged.contains { $0.split(separator: " ").contains("file-1") })

            let untrusted = Application(responder: UntrustedResponder(services: site.services),
                                        configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await untrusted.test(.live) { client in
                let current = try await client.execute(uri: "/files/1/chart.png", method: .get)
                #expect(current.status == .ok && Array(current.body.readableBytesView) == Self.png2)
                #expect(current.headers[.cacheControl] == "public, max-age=3600, s-maxage=86400")
                let first = try await client.execute(uri: "/files/1/v1/chart.png", method: .get)
                #expect(first.status == .ok && Array(first.body.readableBytesView) == AttachmentTests.png)
                #expect(first.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(first.headers[.eTag] != current.headers[.eTag])
                let renamed = try await client.execute(uri: "/files/1/v2/x.png", method: .get)
                #expect(renamed.status == .movedPermanently && renamed.headers[.location] == "/files/1/v2/chart.png")
                #expect(try await client.execute(uri: "/files/1/v3/chart.png", method: .get).status == .notFound)
                #expect(try await client.execute(uri: "/files/1/x3/chart.png", method: .get).status == .notFound)

                // Rita (a reviewer) may delete Carol's file; Carol may delete her own.
                let rita = site.reviewer
                #expect(try await Self.post(rita, [Self.text("action", "delete"), Self.text("attachment", "1")]).status == .seeOther)
                #expect(try await client.execute(uri: "/files/1/chart.png", method: .get).status == .notFound)
                #expect(try await client.execute(uri: "/files/1/v1/chart.png", method: .get).status == .notFound)
                #expect(!(try await carol.get("/en-US/docs/Web$files").text.contains("chart.png")))
                let again = try await Self.post(rita, [Self.text("action", "delete"), Self.text("attachment", "1")])
                #expect(again.status == .notFound)
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func onlyTheUploaderOrAReviewerDeletes(database: TestDatabase) async throws {
        try await Site.run(database, configure: { _ in }) { site in
            try await site.page("Web")
            #expect(try await Self.post(site.reviewer, [("file", "rita.png", AttachmentTests.png)]).status == .seeOther)
            let refused = try await Self.post(site.contributor, [Self.text("action", "delete"), Self.text("attachment", "1")])
            #expect(refused.status == .forbidden && refused.text.contains("Nothing was deleted"))
            #expect(!(try await site.contributor.get("/en-US/docs/Web$files").text.contains(#"value="delete""#)))
            #expect(try await site.anonymous.get("/files/1/rita.png").status == .movedPermanently)
            #expect(try await site.count("attachments") == 1)
            let unknown = try await Self.post(site.contributor, [Self.text("action", "shred"), Self.text("attachment", "1")])
            #expect(unknown.status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func deletedFilesLoseTheirBytesOnceNoKeptFileHasThem(database: TestDatabase) async throws {
        try await Site.run(database, configure: { $0.deletedFilesDays = 0 }) { site in
            try await site.page("Web")
            let rita = site.reviewer, blobs = site.services.blobs
            // The same bytes in two files, other bytes in a third.
            for (name, bytes) in [("a.png", AttachmentTests.png), ("b.png", AttachmentTests.png), ("c.png", Self.png2)] {
                #expect(try await Self.post(rita, [("file", name, bytes)]).status == .seeOther)
            }
            let shared = FileStore.digest(AttachmentTests.png), other = FileStore.digest(Self.png2)
            let delete = { (id: Int) in try await Self.post(rita, [Self.text("action", "delete"), Self.text("attachment", "\(id)")]).status }
            #expect(try await delete(1) == .seeOther)
            #expect(try await site.services.removeDeletedFilesBytes() == 0, "b.png still shows them")
            #expect(try await blobs.contains(shared))
            #expect(try await delete(2) == .seeOther)
            #expect(try await delete(3) == .seeOther)
            #expect(try await site.services.removeDeletedFilesBytes() == 2)
            #expect(try await !blobs.contains(shared))
            #expect(try await !blobs.contains(other))
            #expect(try await site.services.removeDeletedFilesBytes() == 0, "each only once")
            // The same bytes uploaded again are stored again.
            #expect(try await Self.post(rita, [("file", "d.png", AttachmentTests.png)]).status == .seeOther)
            #expect(try await blobs.read(shared).map(Array.init) == AttachmentTests.png)
            #expect(try await site.services.removeDeletedFilesBytes() == 0, "d.png keeps them")
            #expect(try await blobs.contains(shared))
            // Bytes an older version of a kept file has stay (its pinned address serves them).
            let replaced = try await Self.post(rita, [Self.text("action", "replace"), Self.text("attachment", "4"), ("file", "d2.png", Self.png2)])
            #expect(replaced.status == .seeOther)
            #expect(try await Self.post(rita, [("file", "e.png", AttachmentTests.png)]).status == .seeOther)
            #expect(try await delete(5) == .seeOther)
            #expect(try await site.services.removeDeletedFilesBytes() == 0, "d.png's first version keeps them")
            #expect(try await blobs.contains(shared))
            let marked = try await site.services.database.read { sql in
                try await sql.raw("SELECT COUNT(*) AS n FROM attachment_revisions WHERE blob_removed_at IS NOT NULL").first()?
                    .decode(column: "n", as: Int.self)
            }
            #expect(marked == 3, "the revisions of a.png, b.png and c.png")
        }
        // By default a deleted file's bytes stay 30 days (a mistaken delete can be undone).
        try await Site.run(database, configure: { _ in }) { site in
            try await site.page("Web")
            #expect(try await Self.post(site.reviewer, [("file", "a.png", AttachmentTests.png)]).status == .seeOther)
            #expect(try await Self.post(site.reviewer, [Self.text("action", "delete"), Self.text("attachment", "1")]).status == .seeOther)
            #expect(try await site.services.removeDeletedFilesBytes() == 0)
            #expect(try await site.services.blobs.contains(FileStore.digest(AttachmentTests.png)))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anUploadDuringARemovalKeepsItsBytes(database: TestDatabase) async throws {
        try await Site.run(database, configure: { $0.deletedFilesDays = 0 }) { site in
            try await site.page("Web")
            let rita = site.reviewer, services = site.services, sha = FileStore.digest(AttachmentTests.png)
            #expect(try await Self.post(rita, [("file", "a.png", AttachmentTests.png)]).status == .seeOther)
            #expect(try await Self.post(rita, [Self.text("action", "delete"), Self.text("attachment", "1")]).status == .seeOther)
            // A removal holds the lock (as the clean-up does) when the same bytes are uploaded
            // again: the upload finds them stored, waits for the lock, then finds them gone.
            let (locked, signal) = AsyncStream.makeStream(of: Void.self)
            let removal = Task {
                try await services.database.transaction { sql in
                    try await AttachmentStore.lockBlobs(sql, kind: services.database.kind, exclusive: true)
                    signal.yield()
                    try await Task.sleep(for: .milliseconds(400))
                    _ = try await services.blobs.remove(sha)
                    try await AttachmentStore.markBytesRemoved(sql, sha256: sha)
                }
            }
            for await _ in locked { break }
            let upload = try await Self.post(rita, [("file", "b.png", AttachmentTests.png)])
            try await removal.value
            #expect(upload.status == .seeOther)
            #expect(try await services.blobs.read(sha).map(Array.init) == AttachmentTests.png, "the upload stored its bytes again")
            #expect(try await services.removeDeletedFilesBytes() == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func bytesNoFileHasAreRemovedAfterADay(database: TestDatabase) async throws {
        try await Site.run(database, configure: { _ in }) { site in
            try await site.page("Web")
            #expect(try await Self.post(site.reviewer, [("file", "a.png", AttachmentTests.png)]).status == .seeOther)
            let blobs = site.services.blobs, store = try #require(blobs as? FileStore)
            let kept = FileStore.digest(AttachmentTests.png)
            let unneeded = try await blobs.store(Self.png2)           // what a refused upload leaves
            let fresh = try await blobs.store(Array("fresh".utf8))    // an upload about to add its row
            for sha in [kept, unneeded] {
                try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)],
                                                      ofItemAtPath: store.path(of: sha))
            }
            #expect(try await site.services.removeUnneededBytes() == 1)
            #expect(try await !blobs.contains(unneeded))
            #expect(try await blobs.contains(kept))
            #expect(try await blobs.contains(fresh))
            // A deleted file in its grace period keeps them too.
            #expect(try await Self.post(site.reviewer, [Self.text("action", "delete"), Self.text("attachment", "1")]).status == .seeOther)
            #expect(try await site.services.removeUnneededBytes() == 0)
            #expect(try await blobs.contains(kept))

            // Found unneeded, then uploaded before the removal takes the lock: checked again, kept
            // (while bytes still no file has go).
            let png3 = AttachmentTests.png + [7, 7, 7]
            let found = try await blobs.store(png3), stray = try await blobs.store(Array("stray".utf8))
            #expect(try await Self.post(site.reviewer, [("file", "b.png", png3)]).status == .seeOther)
            #expect(try await site.services.removeUnneeded([found, stray]) == 1)
            #expect(try await blobs.contains(found))
            #expect(try await !blobs.contains(stray))

            // Many unneeded bytes mean the wrong database, not leftovers: nothing is removed.
            var many: [String] = []
            for index in 0..<120 { many.append(try await blobs.store(Array("orphan \(index)".utf8))) }
            for sha in many {
                try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86_400)],
                                                      ofItemAtPath: store.path(of: sha))
            }
            #expect(try await site.services.removeUnneededBytes() == 0)
            #expect(try await blobs.contains(many[0]))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func uploadsBeyondTheDailyAllowanceAreRefused(database: TestDatabase) async throws {
        try await Site.run(database, maxBodyBytes: 2 << 20, configure: { $0.uploadQuotaMegabytes = 1 }) { site in
            try await site.page("Web")
            let big = AttachmentTests.png + Array(repeating: 1, count: 700_000)
            #expect(try await Self.post(site.contributor, [("file", "a.png", big)]).status == .seeOther)
            let over = try await Self.post(site.contributor, [("file", "b.png", big)])
            #expect(over.status == .tooManyRequests && over.text.contains("upload allowance"))
            #expect(try await site.count("attachments") == 1)
            // Administrators are exempt; the allowance is per person.
            #expect(try await Self.post(site.admin, [("file", "c.png", big)]).status == .seeOther)
            #expect(try await Self.post(site.reviewer, [("file", "d.png", big)]).status == .seeOther)
            #expect(try await site.count("attachments") == 3)
        }
    }
}
