import ArgumentParser
import FolioApp
import Foundation

/// `folio jobs`: the background job queue — what waits, runs and failed; retry or purge failed jobs.
struct JobsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "List background jobs; retry or purge failed ones.",
        subcommands: [List.self, Retry.self, Purge.self],
        defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List waiting, running and failed jobs (oldest first).")
        @Flag(help: "Only failed jobs.") var failed = false
        @Option(help: "At most this many rows.") var limit = 200
        @Flag(help: "Print the list as JSON on stdout.") var json = false

        func run() async throws {
            try await reportingErrors {
                let services = try await Runtime.services()
                let jobs = try await services.database.read { try await JobStore.list($0, failedOnly: failed, limit: max(1, limit)) }
                await services.shutdown()
                if json { try printJSON(jobs); return }
                if jobs.isEmpty { say(failed ? "No failed jobs." : "No jobs: the queue is empty."); return }
                for job in jobs {
                    let when = Date(timeIntervalSince1970: Double(job.runAt) / 1000).formatted(.iso8601)
                    var line = "\(job.id)\t\(job.state)\t\(job.kind)(\(job.payload))\tattempts \(job.attempts)\trun at \(when)"
                    if let worker = job.lockedBy { line += "\tby \(worker)" }
                    if let error = job.lastError { line += "\n\tlast error: \(error)" }
                    say(line)
                }
                let failedCount = jobs.filter { $0.state == "failed" }.count
                say("\(jobs.count) jobs (\(failedCount) failed)\(jobs.count == limit ? ", list cut at --limit" : "").")
            }
        }
    }

    /// Which failed jobs a command acts on: one by id, or all.
    struct FailedJobs: ParsableArguments {
        @Argument(help: "The failed job's id.") var id: Int?
        @Flag(help: "Every failed job.") var all = false

        func validate() throws {
            guard (id == nil) == all else { throw ValidationError("give a job id or --all (not both)") }
        }

        /// Runs `action` on the database and reports how many jobs it affected.
        func apply(_ done: String, _ action: @Sendable (Database, Int?) async throws -> Int) async throws {
            let services = try await Runtime.services()
            let count: Int
            do { count = try await action(services.database, id) } catch {
                await services.shutdown()
                throw error
            }
            await services.shutdown()
            if let id, count == 0 { throw CleanExit.message("error: no failed job with id \(id)") }
            say("\(count) failed job\(count == 1 ? "" : "s") \(done).")
        }
    }

    struct Retry: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run failed jobs again: one by id, or all with --all.")
        @OptionGroup var jobs: FailedJobs
        func run() async throws {
            try await reportingErrors { try await jobs.apply("queued to run again") { try await JobStore.retry($0, id: $1) } }
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete failed jobs: one by id, or all with --all.")
        @OptionGroup var jobs: FailedJobs
        func run() async throws {
            try await reportingErrors { try await jobs.apply("deleted") { try await JobStore.purge($0, id: $1) } }
        }
    }
}
