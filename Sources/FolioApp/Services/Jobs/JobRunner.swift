import Foundation
import Logging
import ServiceLifecycle

/// Runs background jobs, one at a time, beside the web server (`all`) or alone (`worker`).
///
/// Each loop fires the schedules that are due (one runner wins each, through a lease in the
/// database), claims the next due job of a kind it has a handler for, and runs it while renewing
/// its lease. On SIGTERM it finishes the job in hand and stops. Several runners, in one process
/// or many, share one queue: PostgreSQL's `SKIP LOCKED` keeps them off each other's jobs.
public struct JobRunner: Service {
    public typealias Handler = @Sendable (JobStore.Job) async throws -> Void

    let database: Database
    let handlers: [String: Handler]
    let schedules: [Schedule]
    let signal: JobSignal
    let metrics: FolioMetrics?
    let logger: Logger
    /// This runner's name in `locked_by`: host, process and a random part.
    public let worker: String
    let idlePoll: Duration

    public init(database: Database, handlers: [String: Handler], schedules: [Schedule] = [], signal: JobSignal,
                metrics: FolioMetrics? = nil, logger: Logger, idlePoll: Duration = .seconds(1), worker: String? = nil) {
        self.database = database
        self.handlers = handlers
        self.schedules = schedules
        self.signal = signal
        self.metrics = metrics
        self.logger = logger
        self.idlePoll = idlePoll
        self.worker = worker ?? Self.workerName()
    }

    static func workerName() -> String {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "host"
        return "\(host)-\(getpid())-\(UInt32.random(in: 0...UInt32.max) % 0x10000)"
    }

    public var kinds: [String] { handlers.keys.sorted() }

    public func run() async throws {
        // On SQLite only this process can be running jobs: leases left by a crash are stale now.
        if database.kind == .sqlite { try? await JobStore.releaseLeases(database) }
        logger.info("job runner started", metadata: ["worker": "\(worker)", "kinds": "\(kinds.joined(separator: ","))"])
        await withGracefulShutdownHandler {
            var nextScheduleCheck = ContinuousClock.now
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                if ContinuousClock.now >= nextScheduleCheck {
                    await fireDueSchedules()
                    nextScheduleCheck = ContinuousClock.now + .seconds(10)
                }
                let ran: Bool
                do { ran = try await runOne() } catch {
                    logger.warning("job queue unavailable", metadata: ["error": "\(DatabaseError.describe(error))"])
                    ran = false
                }
                if !ran { await signal.wait(timeout: idlePoll) }
            }
        } onGracefulShutdown: {
            signal.nudge()
        }
        logger.info("job runner stopped", metadata: ["worker": "\(worker)"])
    }

    /// Runs the next due job; false when there was none.
    @discardableResult
    public func runOne() async throws -> Bool {
        guard let job = try await JobStore.claim(database, kinds: kinds, worker: worker) else { return false }
        let start = ContinuousClock.now
        let heartbeat = Task { [database, worker] in
            // Renew at a third of the lease, so one slow renewal doesn't lose it.
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(JobStore.leaseMilliseconds / 3))
                if Task.isCancelled { break }
                if (try? await JobStore.renew(database, job, worker: worker)) == false {
                    logger.warning("job lease lost", metadata: ["job": "\(job.id)", "kind": "\(job.kind)"])
                    break
                }
            }
        }
        defer { heartbeat.cancel() }
        do {
            guard let handler = handlers[job.kind] else { throw JobError("no handler for jobs of kind “\(job.kind)”") }
            try await RequestTrace.$id.withValue("job-\(job.id)") { try await handler(job) }
            heartbeat.cancel()
            try await JobStore.complete(database, job, worker: worker)
            metrics?.job(kind: job.kind, outcome: "done", duration: ContinuousClock.now - start)
            logger.debug("job done", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "payload": "\(job.payload)"])
        } catch {
            heartbeat.cancel()
            let message = DatabaseError.describe(error)
            let retried = try await JobStore.fail(database, job, worker: worker, error: message)
            metrics?.job(kind: job.kind, outcome: retried ? "retry" : "failed", duration: ContinuousClock.now - start)
            logger.error("job failed", metadata: ["job": "\(job.id)", "kind": "\(job.kind)", "payload": "\(job.payload)",
                                                  "attempt": "\(job.attempts)", "error": "\(message)", "retry": "\(retried)"])
        }
        return true
    }

    /// Runs jobs until none is due (the CLI after imports, and tests).
    public func drain() async throws -> Int {
        var count = 0
        while try await runOne() { count += 1 }
        return count
    }

    /// Enqueues the job of every schedule whose time has come and that this runner won.
    func fireDueSchedules() async {
        for schedule in schedules {
            do {
                if try await schedule.fireIfDue(database, owner: worker) {
                    logger.info("schedule fired", metadata: ["schedule": "\(schedule.name)", "worker": "\(worker)"])
                }
            } catch {
                logger.warning("schedule check failed", metadata: ["schedule": "\(schedule.name)",
                                                                   "error": "\(DatabaseError.describe(error))"])
            }
        }
    }
}

struct JobError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
