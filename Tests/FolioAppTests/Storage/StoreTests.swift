import Foundation
import FolioWiki
import SQLKit
import Testing
@testable import FolioApp

/// The same store suite on SQLite and PostgreSQL.
@Suite struct StoreTests {
    static let draft = RevisionDraft(title: "Web", source: "<p>Hello</p>", tags: ["Landing"])

    @Test(arguments: TestDatabase.kinds)
    func migrationsAreRecordedAndIdempotent(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let migrator = Migrator(database: services.database, logger: TestDatabase.logger)
            #expect(try await migrator.pending().isEmpty)
            #expect(try await migrator.migrate().isEmpty)
            #expect(try await migrator.appliedVersions() == Set(1...migrator.latestVersion))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func lookupIsCaseAndAccentInsensitive(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let wiki = services.wiki
            _ = try await wiki.create(locale: "fr", slug: "Glossaire", draft: .init(title: "Glossaire", source: "x"), author: nil)
            let created = try await wiki.create(locale: "fr", slug: "Glossaire/Récursion",
                                                draft: .init(title: "Récursion", source: "x"), author: nil)
            let found = try await services.database.read { try await DocumentStore.find($0, locale: "fr", slug: "glossaire/RECURSION") }
            #expect(found?.id == created.id)
            #expect(found?.slug == "Glossaire/Récursion")
            // Unique per (locale, key): the accent-free spelling is the same page.
            await #expect(throws: WikiError.self) {
                _ = try await wiki.create(locale: "fr", slug: "glossaire/recursion", draft: .init(title: "Dup", source: "x"), author: nil)
            }
            // Another locale is another page.
            _ = try await wiki.create(locale: "de", slug: "Glossaire", draft: .init(title: "Glossar", source: "x"), author: nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func createRequiresParentAndValidSlug(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let wiki = services.wiki
            await #expect(throws: WikiError.invalid("The parent page “Web” does not exist in en-US. Create it first.")) {
                _ = try await wiki.create(locale: "en-US", slug: "Web/HTML", draft: Self.draft, author: nil)
            }
            await #expect(throws: WikiError.self) {
                _ = try await wiki.create(locale: "en-US", slug: "Bad Slug", draft: Self.draft, author: nil)
            }
            await #expect(throws: WikiError.self) {
                _ = try await wiki.create(locale: "xx", slug: "Web", draft: Self.draft, author: nil)
            }
            let parent = try await wiki.create(locale: "en-US", slug: "Web", draft: Self.draft, author: nil)
            let child = try await wiki.create(locale: "en-US", slug: "web/HTML", draft: Self.draft, author: nil)
            #expect(child.slug == "Web/HTML")   // the parent's spelling is kept
            #expect(child.parentID == parent.id)
            #expect(try await services.database.read { try await DocumentStore.children($0, of: parent.id) }.map(\.id) == [child.id])
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func revisionAndCurrentPointerMoveTogether(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let wiki = services.wiki
            let document = try await wiki.create(locale: "en-US", slug: "Web", draft: Self.draft, author: nil)
            let first = try #require(document.currentRevisionID)
            let outcome = try await wiki.edit(documentID: document.id, draft: .init(title: "Web 2", source: "<p>Two</p>"),
                                              basedOn: first, author: nil)
            guard case .saved(let second) = outcome else { Issue.record("expected a save, got \(outcome)"); return }
            let reloaded = try #require(try await services.database.read { try await DocumentStore.find($0, id: document.id) })
            #expect(reloaded.currentRevisionID == second)
            #expect(reloaded.title == "Web 2")
            #expect(reloaded.renderedHTML.contains("<p>Two</p>"))
            #expect(reloaded.etag != document.etag)

            // A stale base revision is a conflict and writes nothing.
            let stale = try await wiki.edit(documentID: document.id, draft: .init(title: "Web 3", source: "<p>Three</p>"),
                                            basedOn: first, author: nil)
            guard case .conflict(let current) = stale else { Issue.record("expected a conflict"); return }
            #expect(current.id == second)
            #expect(try await services.database.read { try await DocumentStore.revisionCount($0, documentID: document.id) } == 2)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func staleRenderingsAreFoundAndRefreshed(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let wiki = services.wiki
            let document = try await wiki.create(locale: "en-US", slug: "Web", draft: Self.draft, author: nil)
            #expect(try await wiki.documentsToRender(all: false).isEmpty)
            try await services.database.transaction { sql async throws in
                try await sql.raw("UPDATE documents SET render_version = 0, rendered_html = 'old' WHERE id = \(bind: document.id)").run()
            }
            #expect(try await wiki.documentsToRender(all: false) == [document.id])
            let (done, failures) = await wiki.rerender([document.id])
            #expect(done.count == 1 && failures.isEmpty)
            #expect(try await wiki.documentsToRender(all: false).isEmpty)
            let reloaded = try await services.database.read { try await DocumentStore.find($0, id: document.id) }
            #expect(reloaded?.renderedHTML.contains("Hello") == true)
            #expect(try await DocumentStore.revisionCountFor(services, document.id) == 1)   // no new revision
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func failedTransactionLeavesNothingBehind(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let document = try await services.wiki.create(locale: "en-US", slug: "Web", draft: Self.draft, author: nil)
            struct Boom: Error {}
            await #expect(throws: Boom.self) {
                try await services.database.transaction { sql async throws in
                    let id = try await DocumentStore.insertRevision(sql, documentID: document.id, draft: Self.draft,
                                                                    slug: "Web", authorID: nil, basedOnID: nil)
                    try await sql.raw("UPDATE documents SET current_revision_id = \(bind: id) WHERE id = \(bind: document.id)").run()
                    throw Boom()
                }
            }
            let reloaded = try await services.database.read { try await DocumentStore.find($0, id: document.id) }
            #expect(reloaded?.currentRevisionID == document.currentRevisionID)
            #expect(try await services.database.read { try await DocumentStore.revisionCount($0, documentID: document.id) } == 1)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func moveSubtreeLeavesRedirects(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let wiki = services.wiki
            for slug in ["Web", "Web/CSS", "Web/CSS/color", "Web/CSS/color/Values", "Learn"] {
                _ = try await wiki.create(locale: "en-US", slug: slug, draft: .init(title: slug, source: "x"), author: nil)
            }
            let css = try #require(try await services.database.read { try await DocumentStore.find($0, locale: "en-US", slug: "Web/CSS") })
            let result = try await wiki.move(documentID: css.id, to: "Learn/Styles", author: nil)
            #expect(result.moved == 3)
            try await services.database.read { sql async throws in
                let moved = try #require(try await DocumentStore.find(sql, locale: "en-US", slug: "Learn/Styles/color/Values"))
                #expect(!moved.isRedirect)
                let old = try #require(try await DocumentStore.find(sql, locale: "en-US", slug: "Web/CSS/color"))
                #expect(old.isRedirect)
                let target = try #require(try await DocumentStore.find(sql, id: old.redirectToID!))
                #expect(target.slug == "Learn/Styles/color")
                let root = try #require(try await DocumentStore.find(sql, id: css.id))
                let learn = try #require(try await DocumentStore.find(sql, locale: "en-US", slug: "Learn"))
                #expect(root.parentID == learn.id)
            }
            // Below itself, onto an existing page, or under a missing parent: refused.
            await #expect(throws: WikiError.self) { _ = try await wiki.move(documentID: css.id, to: "Learn/Styles/color/X", author: nil) }
            let web = try #require(try await services.database.read { try await DocumentStore.find($0, locale: "en-US", slug: "Web") })
            await #expect(throws: WikiError.self) { _ = try await wiki.move(documentID: web.id, to: "Learn", author: nil) }
            await #expect(throws: WikiError.self) { _ = try await wiki.move(documentID: web.id, to: "Nope/Web", author: nil) }
            // A new page may replace a redirect.
            let replaced = try await wiki.create(locale: "en-US", slug: "Web/CSS", draft: .init(title: "New CSS", source: "y"), author: nil)
            #expect(!replaced.isRedirect)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func deleteAndRestoreSubtree(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let wiki = services.wiki
            let web = try await wiki.create(locale: "en-US", slug: "Web", draft: .init(title: "Web", source: "x"), author: nil)
            _ = try await wiki.create(locale: "en-US", slug: "Web/HTML", draft: .init(title: "HTML", source: "x"), author: nil)
            await #expect(throws: WikiError.invalid("Give a reason for the deletion.")) {
                _ = try await wiki.delete(documentID: web.id, reason: "  ", by: nil)
            }
            #expect(try await wiki.delete(documentID: web.id, reason: "spam", by: nil) == 2)
            let deleted = try await services.database.read { try await DocumentStore.find($0, locale: "en-US", slug: "Web/HTML") }
            #expect(deleted?.isDeleted == true)
            await #expect(throws: WikiError.self) {
                _ = try await wiki.create(locale: "en-US", slug: "Web", draft: .init(title: "Again", source: "x"), author: nil)
            }
            #expect(try await wiki.restore(documentID: web.id, by: nil) == 2)
            let restored = try await services.database.read { try await DocumentStore.find($0, locale: "en-US", slug: "Web/HTML") }
            #expect(restored?.isDeleted == false)
            let log = try await services.database.read { sql async throws in
                try await sql.raw("SELECT COUNT(*) AS n FROM deletion_log").first()!.decode(column: "n", as: Int.self)
            }
            #expect(log == 4)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func accountsSessionsAndKeys(database: TestDatabase) async throws {
        try await database.withServices { services async throws in
            let accounts = services.accounts
            let user = try await accounts.createUser(username: "Carol", email: "carol@example.org",
                                                     password: "long enough", role: .contributor)
            await #expect(throws: WikiError.self) {
                _ = try await accounts.createUser(username: "carol", email: "c@example.org", password: "long enough", role: .admin)
            }
            await #expect(throws: WikiError.self) {
                _ = try await accounts.createUser(username: "x y", email: "c@example.org", password: "long enough", role: .admin)
            }
            #expect(try await accounts.authenticate(username: "carol", password: "long enough")?.id == user.id)
            #expect(try await accounts.authenticate(username: "carol", password: "wrong password") == nil)

            let token = try await accounts.startSession(for: user)
            #expect(try await accounts.session(token: token)?.user.id == user.id)
            let stored = try await services.database.read { sql async throws in
                try await sql.raw("SELECT token_hash FROM sessions").first()!.decode(column: "token_hash", as: String.self)
            }
            #expect(stored != token)   // only the hash is stored
            try await accounts.updateUser(id: user.id, role: .contributor, isActive: false)
            #expect(try await accounts.session(token: token) == nil)
            #expect(try await accounts.authenticate(username: "carol", password: "long enough") == nil)
            try await accounts.updateUser(id: user.id, role: .reviewer, isActive: true)

            let key = try await accounts.createAPIKey(for: user, label: "CI")
            #expect(try await accounts.userForAPIToken(key.token)?.role == .reviewer)
            #expect(try await accounts.userForAPIToken(key.token + "x") == nil)
            try await accounts.revokeAPIKey(id: key.id)
            #expect(try await accounts.userForAPIToken(key.token) == nil)
        }
    }
}

extension DocumentStore {
    static func revisionCountFor(_ services: FolioServices, _ id: Int) async throws -> Int {
        try await services.database.read { try await revisionCount($0, documentID: id) }
    }
}
