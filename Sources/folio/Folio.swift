import ArgumentParser
import FolioApp
import Foundation
import Logging

@main
struct Folio: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "folio",
        abstract: "Folio: a wiki for developer documentation.",
        discussion: """
            With no configuration, Folio keeps an SQLite database in ./folio-data, seeds demo pages \
            and serves http://localhost:8000. Settings come from FOLIO_* environment variables, \
            secret files in FOLIO_SECRETS_DIR, or a JSON file named by FOLIO_CONFIG_FILE:

            \(FolioConfig.keys.map { "  \($0.env)\n      \($0.meaning)" }.joined(separator: "\n"))
            """,
        subcommands: [Serve.self, Worker.self, JobsCommand.self, Migrate.self, ImportCommand.self, RenderCommand.self, UserCommand.self, APIKeyCommand.self,
                      MarkdownCommand.self, SanitizeCommand.self, MacrosCommand.self, BCDCommand.self],
        defaultSubcommand: Serve.self)
}

/// Shared start-up: configuration, logging, database and migrations, with one-line errors.
enum Runtime {
    static func services(migrate: Bool = true, role: FolioRole? = nil) async throws -> FolioServices {
        var config: FolioConfig
        do { config = try await FolioConfig.load() } catch let problem as FolioConfig.Problem {
            throw CleanExit.message("error: invalid configuration: \(problem)")
        }
        if let role {
            config.role = role
            do { try config.checkRoles() } catch let problem as FolioConfig.Problem {
                throw CleanExit.message("error: invalid configuration: \(problem)")
            }
        }
        var logger = config.logJSON ? Logger(label: "folio", factory: { JSONLogHandler(label: $0) }) : Logger(label: "folio")
        logger.logLevel = config.logLevel
        do {
            return try await FolioServices.start(config: config, logger: logger)
        } catch {
            throw CleanExit.message("error: cannot open the database: \(DatabaseError.describe(error))")
        }
    }
}

/// Errors that end the program with one line on stderr and exit code 1.
enum CleanExit: Error, CustomStringConvertible {
    case message(String)
    var description: String { if case .message(let m) = self { return m }; return "" }
}

extension AsyncParsableCommand {
    /// Runs `body`, turning failures into a one-line reason and a non-zero exit.
    func reportingErrors(_ body: () async throws -> Void) async throws {
        do { try await body() } catch let exit as CleanExit {
            FileHandle.standardError.write(Data((exit.description + "\n").utf8))
            throw ExitCode.failure
        } catch let error as ExitCode {
            throw error
        } catch {
            FileHandle.standardError.write(Data("error: \(DatabaseError.describe(error))\n".utf8))
            throw ExitCode.failure
        }
    }
}

/// Prints a command's summary as pretty, key-sorted JSON on stdout (the `--json` flags).
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    FileHandle.standardOutput.write(try encoder.encode(value) + Data("\n".utf8))
}
