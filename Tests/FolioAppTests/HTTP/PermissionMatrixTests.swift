import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SQLKit
import Testing
@testable import FolioApp

/// Every write endpoint × every role: too little role → 403 (401 for the API without a key)
/// and nothing written; enough role → the write happens.
@Suite struct PermissionMatrixTests {
    struct Endpoint: Sendable {
        var name: String
        var required: Role
        /// Prepares a fixture for one attempt (`tag` keeps attempts apart) and returns the path and fields to POST.
        var prepare: @Sendable (Site, String) async throws -> (String, [(String, String)])
    }

    static let endpoints: [Endpoint] = [
        Endpoint(name: "create", required: .contributor) { _, tag in
            ("/en-US/docs/new", [("title", "New \(tag)"), ("slug", "Web/New_\(tag)"), ("content", "x")])
        },
        Endpoint(name: "edit", required: .contributor) { site, tag in
            let page = try await site.page("Web/Edit_\(tag)")
            return (page.path + "$edit", [("title", "Edited"), ("content", "y"), ("based_on", "\(page.currentRevisionID!)")])
        },
        Endpoint(name: "revert", required: .contributor) { site, tag in
            let page = try await site.page("Web/Revert_\(tag)")
            _ = try await site.services.wiki.edit(documentID: page.id, draft: .init(title: "v2", source: "v2"), basedOn: nil, author: nil)
            return (page.path + "$revert/\(page.currentRevisionID!)", [])
        },
        Endpoint(name: "quick-review", required: .reviewer) { site, tag in
            let page = try await site.page("Web/Review_\(tag)", flags: [.technical])
            return (page.path + "$quick-review", [("revision_id", "\(page.currentRevisionID!)"), ("flag", "technical")])
        },
        Endpoint(name: "move", required: .admin) { site, tag in
            let page = try await site.page("Web/Move_\(tag)")
            return (page.path + "$move", [("slug", "Web/Moved_\(tag)")])
        },
        Endpoint(name: "delete", required: .admin) { site, tag in
            let page = try await site.page("Web/Delete_\(tag)")
            return (page.path + "$delete", [("reason", "test")])
        },
        Endpoint(name: "restore", required: .admin) { site, tag in
            let page = try await site.page("Web/Restore_\(tag)")
            _ = try await site.services.wiki.delete(documentID: page.id, reason: "test", by: nil)
            return (page.path + "$restore", [])
        },
        Endpoint(name: "create user", required: .admin) { _, tag in
            ("/admin/users", [("username", "user_\(tag)"), ("email", "u@example.org"), ("password", "long password"),
                                     ("role", "admin")])
        },
        Endpoint(name: "update user", required: .admin) { site, tag in
            let user = try await site.services.accounts.createUser(username: "target_\(tag)", email: "t@example.org",
                                                                   password: "long password", role: .contributor)
            return ("/admin/users/\(user.id)", [("role", "admin"), ("active", "1")])
        },
        Endpoint(name: "create key", required: .admin) { _, _ in
            ("/admin/keys", [("username", "carol"), ("label", "matrix")])
        },
        Endpoint(name: "revoke key", required: .admin) { site, _ in
            let carol = try #require(try await site.services.accounts.user(named: "carol"))
            let key = try await site.services.accounts.createAPIKey(for: carol, label: "to revoke")
            return ("/admin/keys/\(key.id)/revoke", [])
        },
    ]

    /// Aggregates that change whenever any of the endpoints writes.
    static func fingerprint(_ site: Site) async throws -> [Int] {
        try await site.services.database.read { sql async throws in
            var values: [Int] = []
            for query in ["SELECT COUNT(*) AS n FROM documents", "SELECT COUNT(*) AS n FROM revisions",
                          "SELECT COUNT(*) AS n FROM documents WHERE deleted_at IS NULL",
                          "SELECT COUNT(*) AS n FROM users", "SELECT COUNT(*) AS n FROM users WHERE role = 'admin'",
                          "SELECT COUNT(*) AS n FROM api_keys", "SELECT COUNT(*) AS n FROM api_keys WHERE revoked_at IS NULL",
                          "SELECT COUNT(*) AS n FROM deletion_log"] {
                values.append(try await sql.raw("\(unsafeRaw: query)").first()!.decode(column: "n", as: Int.self))
            }
            return values
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func everyWriteChecksTheRole(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            let browsers: [(String, Role?, Browser)] = [("anonymous", nil, site.anonymous), ("contributor", .contributor, site.contributor),
                                                        ("reviewer", .reviewer, site.reviewer), ("admin", .admin, site.admin)]
            for endpoint in Self.endpoints {
                for (name, role, browser) in browsers {
                    let tag = "\(endpoint.name.replacingOccurrences(of: " ", with: "_"))_\(name)"
                    let (path, fields) = try await endpoint.prepare(site, tag)
                    let before = try await Self.fingerprint(site)
                    var form = fields
                    if let csrf = site.admin.csrf, role == nil { form.append(("csrf", csrf)) }   // a stolen token changes nothing
                    let response = try await browser.post(path, form)
                    let allowed = role.map { $0 >= endpoint.required } ?? false
                    if allowed {
                        #expect(response.status == .seeOther || response.status == .ok,
                                "\(endpoint.name) as \(name): \(response.status)")
                        #expect(try await Self.fingerprint(site) != before, "\(endpoint.name) as \(name) wrote nothing")
                    } else {
                        #expect(response.status == .forbidden, "\(endpoint.name) as \(name): \(response.status)")
                        #expect(try await Self.fingerprint(site) == before, "\(endpoint.name) as \(name) wrote something")
                    }
                }
            }
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func writeAPIChecksTheKeysRole(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            for (user, expected) in [("carol", HTTPResponse.Status.created), ("ada", .created)] {
                let owner = try #require(try await site.services.accounts.user(named: user))
                let token = try await site.services.accounts.createAPIKey(for: owner, label: "matrix").token
                let response = try await site.anonymous.request("/en-US/docs/Web/Api_\(user)", method: .put,
                                                                headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                                body: #"{"content":"x"}"#)
                #expect(response.status == expected)
            }
            // A deactivated user's key is refused.
            let carol = try #require(try await site.services.accounts.user(named: "carol"))
            let token = try await site.services.accounts.createAPIKey(for: carol, label: "inactive").token
            try await site.services.accounts.updateUser(id: carol.id, role: .contributor, isActive: false)
            let before = try await Self.fingerprint(site)
            let response = try await site.anonymous.request("/en-US/docs/Web/Api_inactive", method: .put,
                                                            headers: [.authorization: "Bearer \(token)", .contentType: "application/json"],
                                                            body: #"{"content":"x"}"#)
            #expect(response.status == .unauthorized)
            #expect(try await Self.fingerprint(site) == before)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anonymousFormsRedirectToSignIn(database: TestDatabase) async throws {
        try await Site.run(database) { site in
            try await site.page("Web")
            for path in ["/en-US/docs/new", "/en-US/docs/Web$edit", "/en-US/docs/Web$move", "/en-US/docs/Web$delete", "/admin/users"] {
                let response = try await site.anonymous.get(path)
                #expect(response.status == .seeOther, "\(path)")
                #expect(response.headers[.location]?.hasPrefix("/users/login?next=") == true, "\(path)")
            }
            #expect(try await site.contributor.get("/en-US/docs/Web$move").status == .forbidden)
            #expect(try await site.reviewer.get("/admin/keys").status == .forbidden)
        }
    }
}
