import EventLog
import Foundation

/// Writes audit rows off the request path: handlers append entries to a queue (one short lock),
/// and a dedicated thread with its own workspace connection commits them in one transaction
/// every flush interval (the workspace syncs every commit to disk, so one commit per request
/// would cap throughput at the disk's sync rate). Hashing and inserting a batch is a few
/// milliseconds of CPU, which would otherwise delay the requests that happen to wait behind it,
/// so on Linux the thread runs at nice 10 while its backlog is small and at nice 0 once the
/// backlog passes ``catchUpBacklog`` rows, so that a saturated server cannot starve its audit
/// log. A failed commit keeps its rows queued and is retried at the next tick. ``flush()`` commits everything
/// queued before it returns.
final class AuditWriter: @unchecked Sendable {
    private let workspace: Workspace
    private var database: SQLiteDatabase { workspace.database }
    private let interval: Double
    private let pending = Locked([AuditEntry]())
    private let status = Locked(Status())
    /// Guards `jobs`, `stopping` and `finished`; signalled when work arrives or the thread ends.
    private let condition = NSCondition()
    private var jobs: [(SQLiteDatabase) -> Void] = []
    private var stopping = false
    private var finished = false

    struct Status {
        var written = 0
        var failures = 0
        var lastError: String?
    }

    /// Opens its own connection to the workspace, creates the audit table if absent and starts
    /// the writer thread.
    init(workspace path: String, interval: Double) throws {
        workspace = try Workspace(path: path, create: false)
        self.interval = max(0.001, interval)
        try AuditTable.create(in: database)
        let thread = Thread { [self] in run() }
        thread.name = "switchyard-audit"
        thread.start()
    }

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

    /// Commits everything queued so far.
    func flush() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            submit { _ in done.resume() }
        }
    }

    /// Commits everything queued, blocking the caller (shutdown).
    func flushNow() {
        let done = DispatchSemaphore(value: 0)
        submit { _ in done.signal() }
        done.wait()
    }

    /// Runs `body` on the writer's connection, after committing what is queued.
    func withDatabase<R: Sendable>(_ body: @escaping @Sendable (SQLiteDatabase) throws -> R) async throws -> R {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<R, Error>) in
            submit { database in done.resume(with: Result(catching: { try body(database) })) }
        }
    }

    /// Commits what is queued and stops the thread (later appends stay queued, unwritten).
    func close() {
        condition.lock()
        if finished {
            condition.unlock()
            return
        }
        stopping = true
        condition.signal()
        while !finished { condition.wait() }
        condition.unlock()
    }

    /// Hands `job` to the writer thread, which commits the queue before running it. Runs it at
    /// once (after a commit on this thread) when the writer has stopped.
    private func submit(_ job: @escaping (SQLiteDatabase) -> Void) {
        condition.lock()
        guard !finished else {
            commitPending()
            job(database)
            condition.unlock()
            return
        }
        jobs.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Backlog (rows) above which the writer runs at normal priority to catch up.
    static let catchUpBacklog = 20_000

    private var catchingUp: Bool?

    /// Runs the writer thread at nice 10, or at nice 0 while the backlog is above
    /// ``catchUpBacklog`` (on Linux `setpriority` affects the calling thread only).
    ///
    /// Not `SCHED_IDLE`: measured under other load, an idle-class writer starved (the backlog
    /// reached 93 k rows) and, preempted while freeing request buffers (their malloc arena's
    /// lock held), stalled request threads for hundreds of milliseconds.
    private func adjustPriority() {
        #if os(Linux)
        let behind = backlog > Self.catchUpBacklog
        guard behind != catchingUp else { return }
        catchingUp = behind
        setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, behind ? 0 : 10)
        #endif
    }

    private func run() {
        while true {
            adjustPriority()
            condition.lock()
            if jobs.isEmpty && !stopping { _ = condition.wait(until: Date(timeIntervalSinceNow: interval)) }
            let work = jobs
            jobs.removeAll()
            let stop = stopping
            condition.unlock()
            commitPending()
            for job in work { job(database) }
            if stop { break }
        }
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The writer's spare queue storage, swapped with `pending` in O(1) so that a request never
    /// waits on an allocation made under the lock.
    private var spare: [AuditEntry] = []

    private func commitPending() {
        var batch = spare
        spare = []
        pending.withLock { Swift.swap(&$0, &batch) }
        guard !batch.isEmpty else {
            spare = batch
            return
        }
        do {
            try AuditTable.append(batch, to: database)
            status.withLock { $0.written += batch.count }
            batch.removeAll(keepingCapacity: true)
            spare = batch
        } catch {
            pending.withLock { $0.insert(contentsOf: batch, at: 0) }
            status.withLock {
                $0.failures += 1
                $0.lastError = "\(error)"
            }
        }
    }
}
