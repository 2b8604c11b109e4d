import ArgumentParser
import FolioApp
import FolioWiki
import Foundation

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [Create.self, SetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account. The password is read from FOLIO_NEW_PASSWORD or generated and printed.")

        @Argument(help: "Username: 3–30 letters, digits, . + - _") var username: String
        @Option(help: "E-mail address.") var email: String?
        @Flag(help: "Make the account an administrator.") var admin = false
        @Flag(help: "Make the account a reviewer.") var reviewer = false

        func run() async throws {
            try await reportingErrors {
                let services = try await Runtime.services()
                defer { Task { await services.shutdown() } }
                let given = ProcessInfo.processInfo.environment["FOLIO_NEW_PASSWORD"]
                let password = given ?? Self.generatedPassword()
                let role: Role = admin ? .admin : reviewer ? .reviewer : .contributor
                do {
                    let user = try await services.accounts.createUser(
                        username: username, email: email ?? "\(username)@localhost.invalid", password: password, role: role)
                    print("Created \(user.username) (\(user.role.rawValue)).")
                    if given == nil { print("Password: \(password)") }
                } catch let error as WikiError {
                    throw CleanExit.message("error: \(error)")
                }
            }
        }

        static func generatedPassword() -> String {
            let alphabet = Array("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
            var generator = SystemRandomNumberGenerator()
            return String((0..<16).map { _ in alphabet.randomElement(using: &generator)! })
        }
    }
}

extension UserCommand {
    struct SetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set-password",
            abstract: "Set an account's password (from FOLIO_NEW_PASSWORD, or generated and printed).")

        @Argument(help: "Username.") var username: String

        func run() async throws {
            try await reportingErrors {
                let services = try await Runtime.services()
                defer { Task { await services.shutdown() } }
                guard let user = try await services.accounts.user(named: username) else {
                    throw CleanExit.message("error: there is no user “\(username)”")
                }
                let given = ProcessInfo.processInfo.environment["FOLIO_NEW_PASSWORD"]
                let password = given ?? Create.generatedPassword()
                do { try await services.accounts.setPassword(userID: user.id, password: password) } catch let error as WikiError {
                    throw CleanExit.message("error: \(error)")
                }
                print("Password of \(user.username) changed.")
                if given == nil { print("Password: \(password)") }
            }
        }
    }
}

struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apikey", abstract: "Manage API keys for the write API.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API key for a user and print it once.")

        @Option(help: "The user the key acts as.") var user: String
        @Option(help: "What the key is for.") var label: String = "created on the command line"

        func run() async throws {
            try await reportingErrors {
                let services = try await Runtime.services()
                defer { Task { await services.shutdown() } }
                guard let owner = try await services.accounts.user(named: user) else {
                    throw CleanExit.message("error: there is no user “\(user)”")
                }
                do {
                    let key = try await services.accounts.createAPIKey(for: owner, label: label)
                    print("API key \(key.id) for \(owner.username): \(key.token)")
                    print("Use it as: Authorization: Bearer \(key.token)  (it is not shown again)")
                } catch let error as WikiError {
                    throw CleanExit.message("error: \(error)")
                }
            }
        }
    }
}
