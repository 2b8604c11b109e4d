import Foundation
import Logging
import SQLKit
import Synchronization
import Testing
@testable import FolioApp

/// The job queue: coalescing, retries with backoff, failed jobs kept, leases, schedules fired
/// once, and two runners (two processes' worth of services) sharing one queue.
@Suite struct JobQueueTests {
    static func runner(_ services: FolioServices, _ handlers: [String: JobRunner.Handler],
                       schedules: [Schedule] = [], worker: String) -> JobRunner {
        JobRunner(database: services.database, handlers: handlers, schedules: schedules, signal: JobSignal(),
                  logger: TestDatabase.logger, worker: worker)
    }

    static func row(_ services: FolioServices, kind: String, payload: String) async throws -> (attempts: Int, runAt: Int, failed: Bool, error: String?)? {
        try await services.database.read { sql in
            guard let row = try await sql.raw("""
                SELECT attempts, run_at, failed_at, last_error FROM jobs WHERE kind = \(bind: kind) AND payload = \(bind: payload)
                """).first() else { return nil }
            return (try row.decode(column: "attempts", as: Int.self), try row.decode(column: "run_at", as: Int.self),
                    try row.decode(column: "failed_at", as: Int?.self) != nil, try row.decode(column: "last_error", as: String?.self))
        }
    }

    static func makeDue(_ services: FolioServices) async throws {
        try await services.database.transaction { try await $0.raw("UPDATE jobs SET run_at = 0").run() }
    }

    @Test(arguments: TestDatabase.kinds)
    func failingJobsBackOffThenStayFailedUntilRetriedOrPurged(database: TestDatabase) async throws {
        try await database.withServices { services in
            let calls = Atomic<Int>(0)
            let runner = Self.runner(services, ["flaky": { _ in
                calls.add(1, ordering: .relaxed)
                throw JobError("the mail server said no")
            }], worker: "w1")
            try await services.database.transaction { try await JobStore.enqueue($0, kind: "flaky", payload: "42") }
            let before = Clock.nowMillis()
            #expect(try await runner.runOne())
            var row = try #require(try await Self.row(services, kind: "flaky", payload: "42"))
            #expect(row.attempts == 1 && !row.failed)
            #expect(row.error == "the mail server said no")
            #expect(row.runAt >= before + 2000)   // first retry after 2 s
            // Not run again before its time (pushed further out so a slow machine cannot reach it).
            try await services.database.transaction { try await $0.raw("UPDATE jobs SET run_at = \(bind: Clock.nowMillis() + 60_000)").run() }
            #expect(try await runner.runOne() == false)
            for _ in 2...JobStore.maxAttempts {
                try await Self.makeDue(services)
                #expect(try await runner.runOne())
            }
            row = try #require(try await Self.row(services, kind: "flaky", payload: "42"))
            #expect(row.failed && row.attempts == JobStore.maxAttempts)
            #expect(calls.load(ordering: .relaxed) == JobStore.maxAttempts)
            try await Self.makeDue(services)
            #expect(try await runner.runOne() == false)   // failed jobs are not run again by themselves
            let failed = try await services.database.read { try await JobStore.list($0, failedOnly: true) }
            #expect(failed.map(\.state) == ["failed"])
            #expect(failed.first?.lastError == "the mail server said no")
            #expect(try await services.database.read { try await JobStore.depth($0) }["flaky"]?.failed == 1)

            #expect(try await JobStore.retry(services.database, id: nil) == 1)
            row = try #require(try await Self.row(services, kind: "flaky", payload: "42"))
            #expect(!row.failed && row.attempts == 0)
            #expect(try await runner.runOne())   // runs (and fails) again
            for _ in 2...JobStore.maxAttempts { try await Self.makeDue(services); _ = try await runner.runOne() }
            #expect(try await JobStore.purge(services.database, id: nil) == 1)
            #expect(try await Self.row(services, kind: "flaky", payload: "42") == nil)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func jobsCoalesceAndAJobQueuedWhileRunningRunsAgain(database: TestDatabase) async throws {
        try await database.withServices { services in
            let runs = Atomic<Int>(0)
            let runner = Self.runner(services, ["note": { _ in runs.add(1, ordering: .relaxed) }], worker: "w1")
            for _ in 0..<3 {
                try await services.database.transaction { try await JobStore.enqueue($0, kind: "note", payload: "a") }
            }
            #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: "note") } == 1)
            // Claimed (running), then queued again: the run in hand may have read the old state.
            let job = try #require(try await JobStore.claim(services.database, kinds: ["note"], worker: "w1"))
            try await services.database.transaction { try await JobStore.enqueue($0, kind: "note", payload: "a") }
            try await JobStore.complete(services.database, job, worker: "w1")
            #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: "note") } == 1)
            #expect(try await runner.drain() == 1)
            #expect(runs.load(ordering: .relaxed) == 1)
            #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: "note") } == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func anExpiredLeaseLetsAnotherWorkerTakeTheJob(database: TestDatabase) async throws {
        try await database.withServices { services in
            try await services.database.transaction { try await JobStore.enqueue($0, kind: "note", payload: "b") }
            let first = try #require(try await JobStore.claim(services.database, kinds: ["note"], worker: "dead"))
            #expect(try await JobStore.claim(services.database, kinds: ["note"], worker: "w2") == nil)   // leased
            #expect(try await JobStore.renew(services.database, first, worker: "dead"))
            // The worker died: its lease runs out and the job is due again (at-least-once).
            try await services.database.transaction { try await $0.raw("UPDATE jobs SET locked_until = 1").run() }
            let second = try #require(try await JobStore.claim(services.database, kinds: ["note"], worker: "w2"))
            #expect(second.id == first.id && second.attempts == 2)
            #expect(try await JobStore.renew(services.database, first, worker: "dead") == false)
            // The dead worker's late completion does not remove the job the live one holds.
            try await JobStore.complete(services.database, first, worker: "dead")
            #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: "note") } == 1)
            try await JobStore.complete(services.database, second, worker: "w2")
            #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: "note") } == 0)
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func aScheduleFiresOncePerIntervalWhateverTheNumberOfRunners(database: TestDatabase) async throws {
        try await database.withServices { services in
            let schedule = Schedule(name: "tick", every: .seconds(60), kind: "tick")
            let now = Clock.nowMillis()
            let (wonA, wonB) = try await TestDatabase.withSibling(of: services, configure: { _ in }) { other in
                async let a = schedule.fireIfDue(services.database, owner: "a", now: now)
                async let b = schedule.fireIfDue(other.database, owner: "b", now: now)
                return try await (a, b)
            }
            #expect([wonA, wonB].filter { $0 }.count == 1)
            #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: "tick") } == 1)
            #expect(try await schedule.fireIfDue(services.database, owner: "a", now: now + 59_000) == false)
            #expect(try await schedule.fireIfDue(services.database, owner: "a", now: now + 60_000))
        }
    }

    @Test(arguments: TestDatabase.kinds)
    func standardJobsSweepStaleRendersAndCleanUpSessions(database: TestDatabase) async throws {
        try await database.withServices { services in
            let user = try await services.accounts.createUser(username: "carol", email: "c@example.org",
                                                              password: Site.password, role: .contributor)
            let token = try await services.accounts.startSession(for: user)
            let live = try await services.accounts.startSession(for: user)
            try await services.database.transaction { sql in
                try await sql.raw("UPDATE sessions SET expires_at = 1 WHERE token_hash = \(bind: Secrets.sha256(token))").run()
            }
            let page = try await services.wiki.create(locale: "en-US", slug: "Old", draft: RevisionDraft(title: "Old", source: "<p>x</p>"),
                                                      author: user)
            try await services.database.transaction { sql in
                try await sql.raw("UPDATE documents SET render_version = 0, rendered_html = '' WHERE id = \(bind: page.id)").run()
            }
            let runner = services.jobRunner()
            await runner.fireDueSchedules()
            #expect(try await runner.drain() >= 4)   // sweep, cleanup, sitemaps, and the render the sweep queued
            #expect(try await services.accounts.session(token: token) == nil)
            #expect(try await services.accounts.session(token: live) != nil)
            let rendered = try #require(try await services.database.read { try await DocumentStore.find($0, id: page.id) })
            #expect(rendered.renderedHTML.contains("<p>x</p>"))
            let owners = try await services.database.read { sql in
                try await sql.raw("SELECT last_owner FROM schedules ORDER BY name").all().map { try $0.decode(column: "last_owner", as: String.self) }
            }
            #expect(owners == Array(repeating: runner.worker, count: Schedule.standard.count))
            #expect(try await services.database.read { try await SitemapStore.file($0, name: "en-US/sitemap.xml") }?.xml
                .contains("/en-US/docs/Old") == true)
        }
    }

    /// Two runners with their own connection pools (as two worker processes) drain one queue:
    /// every job runs, and no job runs twice at once.
    @Test(arguments: TestDatabase.kinds)
    func twoWorkersShareOneQueueWithoutRunningAJobTwice(database: TestDatabase) async throws {
        try await database.withServices { services in
            try await services.database.transaction { sql in
                try await sql.raw("CREATE TABLE probe_runs (payload TEXT NOT NULL, worker TEXT NOT NULL, started BIGINT NOT NULL, ended BIGINT NOT NULL)").run()
                for index in 0..<60 { try await JobStore.enqueue(sql, kind: "probe", payload: String(index)) }
            }
            @Sendable func handler(_ database: Database, _ worker: String) -> JobRunner.Handler {
                { job in
                    let started = Clock.nowMillis()
                    try await Task.sleep(for: .milliseconds(5))
                    try await database.transaction { sql in
                        try await sql.raw("""
                            INSERT INTO probe_runs (payload, worker, started, ended)
                            VALUES (\(bind: job.payload), \(bind: worker), \(bind: started), \(bind: Clock.nowMillis()))
                            """).run()
                    }
                }
            }
            let (countOne, countTwo) = try await TestDatabase.withSibling(of: services, configure: { _ in }) { second in
                let one = Self.runner(services, ["probe": handler(services.database, "one")], worker: "one")
                let two = Self.runner(second, ["probe": handler(second.database, "two")], worker: "two")
                async let ranOne = one.drain()
                async let ranTwo = two.drain()
                return try await (ranOne, ranTwo)
            }
            #expect(countOne + countTwo == 60)
            let rows = try await services.database.read { sql in
                try await sql.raw("SELECT payload, worker FROM probe_runs").all().map {
                    (try $0.decode(column: "payload", as: String.self), try $0.decode(column: "worker", as: String.self))
                }
            }
            #expect(Set(rows.map(\.0)) == Set((0..<60).map(String.init)))   // none lost
            #expect(rows.count == 60)   // none twice
            if database == .postgres {
                // With SKIP LOCKED both really worked at the same time.
                #expect(countOne > 0 && countTwo > 0)
            }
            #expect(try await services.database.read { try await JobStore.pendingCount($0, kind: "probe") } == 0)
        }
    }
}
