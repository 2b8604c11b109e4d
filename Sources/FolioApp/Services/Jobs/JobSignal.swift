import Foundation
import Synchronization

/// Wakes the job runner when a transaction queued work (in-process; other processes poll).
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
