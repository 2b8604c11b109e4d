import SQLKit

extension Migration {
    /// The general job queue and schedules. Jobs that ran out of attempts stay with their error
    /// (`failed_at`) for `folio jobs`; `locked_by` names the worker holding a job's lease, which it
    /// renews while it runs. `schedules` holds one row per recurring job: the runner whose
    /// conditional update moves `next_run_at` on wins that run (a lease in the database), so
    /// however many workers run, each schedule fires once.
    static let m0012_addJobQueue = Migration(version: 12, name: "add job queue") { sql, _ in
        try await sql.alter(table: "jobs").column("failed_at", type: .bigint).run()
        try await sql.alter(table: "jobs").column("locked_by", type: .text).run()
        try await sql.create(index: "jobs_failed").on("jobs").column("failed_at").run()
        try await sql.create(table: "schedules")
            .column("name", type: .text, .primaryKey(autoIncrement: false))
            .column("next_run_at", type: .bigint, .notNull)
            .column("last_run_at", type: .bigint)
            .column("last_owner", type: .text)
            .run()
    }
}
