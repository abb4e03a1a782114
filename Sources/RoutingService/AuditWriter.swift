import Dispatch
import EventLog

/// Writes audit rows off the request path: handlers append entries to a queue (one short lock),
/// and a serial dispatch queue with its own workspace connection commits them in one transaction
/// every flush interval (the workspace syncs every commit to disk, so one commit per request
/// would cap throughput at the disk's sync rate). A failed commit keeps its rows queued and is
/// retried at the next tick. ``flush()`` commits everything queued before it returns.
final class AuditWriter: @unchecked Sendable {
    private let workspace: Workspace
    private var database: SQLiteDatabase { workspace.database }
    private let queue = DispatchQueue(label: "switchyard.audit")
    private let pending = Locked([AuditEntry]())
    private let status = Locked(Status())
    private var timer: DispatchSourceTimer?

    struct Status {
        var written = 0
        var failures = 0
        var lastError: String?
    }

    /// Opens its own connection to the workspace and creates the audit table if absent.
    init(workspace path: String, interval: Double) throws {
        workspace = try Workspace(path: path, create: false)
        try AuditTable.create(in: database)
        let timer = DispatchSource.makeTimerSource(queue: queue)
        let nanos = Int(max(0.001, interval) * 1e9)
        timer.schedule(deadline: .now() + .nanoseconds(nanos), repeating: .nanoseconds(nanos))
        timer.setEventHandler { [weak self] in self?.commitPending() }
        self.timer = timer
        timer.resume()
    }

    deinit { timer?.cancel() }

    /// Queues a row; returns the number queued after it.
    @discardableResult
    func append(_ entry: AuditEntry) -> Int {
        pending.withLock {
            $0.append(entry)
            return $0.count
        }
    }

    /// Queues several rows at once.
    func append(contentsOf entries: [AuditEntry]) {
        pending.withLock { $0.append(contentsOf: entries) }
    }

    /// Rows queued and not yet committed.
    var backlog: Int { pending.withLock { $0.count } }

    /// Rows committed, commits that failed, and the last failure.
    var currentStatus: Status { status.withLock { $0 } }

    /// Commits everything queued so far, waiting on the writer's queue (never on a request thread's lock).
    func flush() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                self.commitPending()
                done.resume()
            }
        }
    }

    /// Commits everything queued, blocking the caller (shutdown).
    func flushNow() {
        queue.sync { commitPending() }
    }

    /// Runs `body` on the writer's connection, after committing what is queued.
    func withDatabase<R: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> R) async throws -> R {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<R, Error>) in
            queue.async {
                self.commitPending()
                done.resume(with: Result(catching: { try body(self.database) }))
            }
        }
    }

    /// Stops the timer after a last commit.
    func close() {
        flushNow()
        timer?.cancel()
    }

    private func commitPending() {
        let batch = pending.withLock { entries -> [AuditEntry] in
            let out = entries
            entries.removeAll(keepingCapacity: true)
            return out
        }
        guard !batch.isEmpty else { return }
        do {
            try AuditTable.append(batch, to: database)
            status.withLock { $0.written += batch.count }
        } catch {
            pending.withLock { $0.insert(contentsOf: batch, at: 0) }
            status.withLock {
                $0.failures += 1
                $0.lastError = "\(error)"
            }
        }
    }
}
