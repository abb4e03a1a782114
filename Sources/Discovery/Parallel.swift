import Dispatch
import EventLog

/// Splits per-case work over the cores and gathers one partial result per slice.
///
/// Every analysis in this module is per-case work whose partial results merge (counts add,
/// value lists concatenate), so a log is cut into contiguous slices of cases with about
/// the same number of events, each slice is processed on its own thread, and the partials
/// are merged in slice order. Small logs run on the calling thread.
enum Parallel {
    /// Logs with fewer events than this run on one thread: the threads would cost more than they save.
    static let minimumEventsPerSlice = 250_000

    /// Number of worker threads to use for `events` events.
    static func sliceCount(events: Int) -> Int {
        let cores = max(1, min(System.activeProcessorCount, 8))
        return max(1, min(cores, events / minimumEventsPerSlice))
    }

    /// Contiguous case ranges with roughly equal event counts, in case order.
    static func caseSlices(_ caseOffsets: [Int], count: Int) -> [Range<Int>] {
        let cases = caseOffsets.count - 1
        guard count > 1, cases > 1 else { return [0..<max(0, cases)] }
        let events = caseOffsets[cases]
        var slices: [Range<Int>] = []
        var start = 0
        for k in 1...count {
            var end = cases
            if k < count {
                let target = events / count * k
                // First case boundary at or after the target event.
                var lo = start, hi = cases
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if caseOffsets[mid] < target { lo = mid + 1 } else { hi = mid }
                }
                end = max(start, lo)
            }
            slices.append(start..<end)
            start = end
        }
        return slices
    }

    /// Runs `body` once per slice of the log's cases (on up to two or more threads) and
    /// returns the partial results in slice order.
    static func mapCaseSlices<T>(_ caseOffsets: [Int], _ body: (Range<Int>) -> T) -> [T] {
        let events = caseOffsets.last ?? 0
        let slices = caseSlices(caseOffsets, count: sliceCount(events: events))
        return map(slices.count) { body(slices[$0]) }
    }

    /// Runs `body(0..<count)` concurrently and returns the results in index order.
    static func map<T>(_ count: Int, _ body: (Int) -> T) -> [T] {
        if count <= 1 { return count == 1 ? [body(0)] : [] }
        let results = ResultSlots<T>(count: count)
        // Each task reads shared, immutable inputs and writes only its own slot.
        nonisolated(unsafe) let task = body
        DispatchQueue.concurrentPerform(iterations: count) { i in
            results.store(task(i), at: i)
        }
        return results.values()
    }
}

/// One slot per task; each task writes only its own slot, so no lock is needed.
private final class ResultSlots<T>: @unchecked Sendable {
    private let base: UnsafeMutablePointer<T?>
    private let count: Int
    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
        base.initialize(repeating: nil, count: count)
    }
    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }
    func store(_ value: T, at i: Int) { base[i] = value }
    func values() -> [T] { (0..<count).compactMap { base[$0] } }
}

/// Processor count without importing Foundation into hot files.
enum System {
    static var activeProcessorCount: Int {
        #if canImport(Glibc)
        return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
        return 2
        #endif
    }
}

#if canImport(Glibc)
import Glibc
#endif
