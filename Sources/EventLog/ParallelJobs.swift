import Foundation

/// One result slot per job, written by whichever thread runs the job.
final class JobSlots<T>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<T?>
    private let count: Int

    init(_ count: Int) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: nil, count: max(count, 1))
    }

    /// Stores the result of job `i` (each job writes only its own slot).
    func set(_ i: Int, _ value: T) { pointer[i] = value }

    /// Moves the result of job `i` out.
    func take(_ i: Int) -> T? {
        let value = pointer[i]
        pointer[i] = nil
        return value
    }

    deinit {
        pointer.deinitialize(count: max(count, 1))
        pointer.deallocate()
    }
}

/// Runs independent jobs on up to `threads` threads.
enum ParallelJobs {
    static func run(jobs: Int, threads: Int, _ body: (Int) -> Void) {
        guard jobs > 0 else { return }
        if threads <= 1 || jobs == 1 {
            for job in 0..<jobs { body(job) }
            return
        }
        withoutActuallyEscaping(body) { escapable in
            let shared = JobClosure(escapable)
            DispatchQueue.concurrentPerform(iterations: jobs) { shared.value($0) }
        }
    }
}

/// Carries a closure that only reads shared state (and writes its own slot) to other threads.
private struct JobClosure<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
