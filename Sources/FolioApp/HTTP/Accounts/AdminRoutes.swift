import Foundation
import FolioWiki
import HTTPTypes
import Hummingbird

/// Administration: users and roles, API keys.
enum AdminRoutes {
    static func handle(_ req: inout Req, _ rest: String) async throws -> Response {
        let parts = rest.split(separator: "/").map(String.init)
        switch (parts.first ?? "", parts.count) {
        case ("", 0): return Reply.redirect("/admin/users", status: .found)
        case ("users", 1): return try await users(req)
        case ("users", 2): return try await updateUser(req, id: Int(parts[1]))
        case ("keys", 1): return try await keys(req)
        case ("keys", 3) where parts[2] == "revoke": return try await revokeKey(req, id: Int(parts[1]))
        default: throw HTTPFailure.notFound()
        }
    }

    static func users(_ req: Req, notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let admin = try req.require(.manageUsers)
        if req.method == .post, notice == nil, error == nil {
            let form = try await req.postedForm()
            let role = Role(rawValue: form["role"] ?? "") ?? .contributor
            do {
                let user = try await req.services.accounts.createUser(username: form.text("username"), email: form.text("email"),
                                                                      password: form["password"] ?? "", role: role)
                return try await users(req, notice: "Created \(user.username) (\(user.role.rawValue)).")
            } catch let failure as WikiError {
                return try await users(req, error: failure.description, status: HTTPFailure(failure).status)
            }
        }
        guard req.isGet || req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let list = try await req.services.accounts.users()
        let context: [String: Any] = [
            "users": list.map { user -> [String: Any] in
                ["id": user.id, "username": user.username, "email": user.email, "active": user.isActive,
                 "isSelf": user.id == admin.id,
                 "roles": Role.allCases.map { ["name": $0.rawValue, "selected": $0 == user.role] }]
            },
            "roles": Role.allCases.map { ["name": $0.rawValue, "selected": $0 == .contributor] },
            "notice": notice ?? "", "error": error ?? "",
        ]
        return req.page("admin-users", title: "Users", context, status: status, headers: [.cacheControl: "no-store"])
    }

    static func updateUser(_ req: Req, id: Int?) async throws -> Response {
        let admin = try req.require(.manageUsers)
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        let form = try await req.postedForm()
        guard let id, let role = Role(rawValue: form["role"] ?? "") else {
            throw HTTPFailure(.badRequest, "Choose a role: contributor, reviewer or admin.")
        }
        let active = form["active"] == "1"
        if id == admin.id, role != .admin || !active {
            throw HTTPFailure(.badRequest, "You cannot remove your own admin role or deactivate yourself.")
        }
        guard try await req.services.database.read({ try await AccountStore.user($0, id: id) }) != nil else {
            throw HTTPFailure.notFound("No such user.")
        }
        try await req.services.accounts.updateUser(id: id, role: role, isActive: active)
        return Reply.redirect("/admin/users")
    }

    static func keys(_ req: Req) async throws -> Response {
        _ = try req.require(.manageAPIKeys)
        var context: [String: Any] = [:]
        var status: HTTPResponse.Status = .ok
        if req.method == .post {
            let form = try await req.postedForm()
            do {
                guard let owner = try await req.services.accounts.user(named: form.text("username")) else {
                    throw WikiError.invalid("There is no user “\(form.text("username"))”.")
                }
                let key = try await req.services.accounts.createAPIKey(for: owner, label: form.text("label"))
                context["created"] = ["token": key.token, "username": owner.username]
            } catch let error as WikiError {
                context["error"] = error.description
                status = HTTPFailure(error).status
            }
        } else if !req.isGet {
            throw HTTPFailure.methodNotAllowed
        }
        let keys = try await req.services.database.read { try await AccountStore.apiKeys($0) }
        context["keys"] = keys.map { key -> [String: Any] in
            ["id": key.id, "username": key.username, "label": key.label, "created": Views.date(key.createdAt),
             "lastUsed": key.lastUsedAt.map(Views.date) ?? "never", "revoked": key.revokedAt.map(Views.date) ?? ""]
        }
        return req.page("admin-keys", title: "API keys", context, status: status, headers: [.cacheControl: "no-store"])
    }

    static func revokeKey(_ req: Req, id: Int?) async throws -> Response {
        _ = try req.require(.manageAPIKeys)
        guard req.method == .post else { throw HTTPFailure.methodNotAllowed }
        _ = try await req.postedForm()
        guard let id else { throw HTTPFailure.notFound("No such key.") }
        try await req.services.accounts.revokeAPIKey(id: id)
        return Reply.redirect("/admin/keys")
    }
}
