import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Wakes the render queue when a transaction queued work (in-process; other processes poll).
public final class JobSignal: Sendable {
    private let waiter = Mutex<CheckedContinuation<Void, Never>?>(nil)
    private let pending = Atomic<Bool>(false)

    public init() {}

    public func nudge() {
        pending.store(true, ordering: .releasing)
        waiter.withLock { $0.take() }?.resume()
    }

    /// Returns when nudged or after `timeout`, whichever is first.
    func wait(timeout: Duration) async {
        if pending.exchange(false, ordering: .acquiring) { return }
        let timer = Task { [weak self] in
            try? await Task.sleep(for: timeout)
            self?.waiter.withLock { $0.take() }?.resume()
        }
        await withCheckedContinuation { continuation in
            let resumeNow = waiter.withLock { slot -> Bool in
                if pending.load(ordering: .acquiring) { return true }
                slot?.resume()
                slot = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
        timer.cancel()
        pending.store(false, ordering: .releasing)
    }
}

/// The in-process background renderer: takes render jobs (queued when something a page read
/// changed, or when a render ran over its budget) and renders them, one at a time.
public struct RenderQueue: Service {
    let wiki: WikiService
    let logger: Logger
    let idlePoll: Duration

    public init(wiki: WikiService, logger: Logger, idlePoll: Duration = .seconds(1)) {
        self.wiki = wiki
        self.logger = logger
        self.idlePoll = idlePoll
    }

    public func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isCancelled && !Task.isShuttingDownGracefully {
                if await (try? runOne()) != true { await wiki.jobs.wait(timeout: idlePoll) }
            }
        } onGracefulShutdown: {
            wiki.jobs.nudge()
        }
    }

    /// Runs the next due job; false when there was none.
    @discardableResult
    public func runOne() async throws -> Bool {
        guard let job = try await RenderStore.claim(wiki.database, kind: RenderStore.renderJob) else { return false }
        do {
            guard let id = Int(job.payload) else { throw WikiError.invalid("bad render job payload \(job.payload)") }
            try await wiki.rerender(documentID: id)
            try await RenderStore.complete(wiki.database, job)
        } catch {
            let retried = try await RenderStore.fail(wiki.database, job, error: DatabaseError.describe(error))
            logger.error("background render failed", metadata: ["document": "\(job.payload)", "error": "\(error)",
                                                                "retry": "\(retried)"])
        }
        return true
    }

    /// Runs jobs until none is due (the CLI's `folio render --queued`, and tests).
    public func drain() async throws -> Int {
        var count = 0
        while try await runOne() { count += 1 }
        return count
    }
}
