import Dispatch
import Foundation

/// How one row of a load run is driven.
struct LoadPlan: Sendable {
    var connections: Int
    var warmupSeconds: Double
    var durationSeconds: Double
    /// Requests per second over all connections, paced (open loop); `nil`: closed loop, each
    /// connection sends its next request as soon as the previous answer is in.
    var rate: Double?
}

/// What one row of a load run measured.
struct LoadResult {
    /// Latencies of the successful requests of the measured window, µs.
    var histogram = LatencyHistogram()
    /// Requests of the measured window, successful or not.
    var measured = 0
    /// Failed requests (not 200, or a socket error) of the whole row, warm-up included.
    var errors = 0
    /// 200 answers of the whole row, warm-up included (each one a decision the server audits).
    var answered = 0
    /// Length of the measured window, seconds.
    var seconds = 0.0
    /// Answers other than 200, by status.
    var statuses: [Int: Int] = [:]
    /// The first failure, to show the user.
    var firstError: String?

    var requestsPerSecond: Double { seconds > 0 ? Double(measured) / seconds : 0 }

    mutating func merge(_ other: LoadResult) {
        histogram.merge(other.histogram)
        measured += other.measured
        errors += other.errors
        answered += other.answered
        statuses.merge(other.statuses, uniquingKeysWith: +)
        if firstError == nil { firstError = other.firstError }
    }
}

/// Complete HTTP requests laid out once in one buffer, shared read-only by the load threads.
final class RequestSet: @unchecked Sendable {
    private let storage: UnsafeMutableRawBufferPointer
    private let offsets: [Int]
    var count: Int { offsets.count - 1 }

    init(_ requests: [[UInt8]]) {
        var offsets = [0]
        for r in requests { offsets.append(offsets[offsets.count - 1] + r.count) }
        storage = .allocate(byteCount: max(1, offsets[offsets.count - 1]), alignment: 8)
        for (i, r) in requests.enumerated() {
            UnsafeMutableRawBufferPointer(rebasing: storage[offsets[i]..<offsets[i + 1]]).copyBytes(from: r)
        }
        self.offsets = offsets
    }

    deinit { storage.deallocate() }

    subscript(i: Int) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[offsets[i]..<offsets[i + 1]]) }
}

/// Runs a ``LoadPlan`` against a server: one thread per connection, each with one blocking
/// keep-alive socket (``HTTPLoadClient``), cycling through the requests from its own starting
/// point. Closed loop: latency is send to last response byte. Open loop (a rate): request `k`
/// of a connection is due at `start + offset + k·interval`, sent then (or at once when behind),
/// and its latency counts from when it was due, so a stalled server shows in the percentiles
/// instead of slowing the client down (no coordinated omission); this includes how late the
/// thread wakes from its sleep (timer slack, ~50 µs), so paced figures err on the high side.
/// Requests due or started in the warm-up are sent but not measured. Nothing is allocated per
/// request.
enum LoadGenerator {
    static func run(_ plan: LoadPlan, port: Int, requests: RequestSet) -> LoadResult {
        let start = Clock.nanos() + 200_000_000  // time for every thread to connect
        let measureFrom = start + UInt64(plan.warmupSeconds * 1e9)
        let end = measureFrom + UInt64(plan.durationSeconds * 1e9)
        let workers = (0..<plan.connections).map { LoadWorker(index: $0, of: plan.connections) }
        let group = DispatchGroup()
        for worker in workers {
            group.enter()
            let thread = Thread {
                worker.run(plan: plan, port: port, requests: requests, start: start, measureFrom: measureFrom, end: end)
                group.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        group.wait()
        var total = LoadResult()
        for worker in workers { total.merge(worker.result) }
        // The measured window, stretched when the last answers came after its end (an open
        // loop behind schedule), so requests/s is what the server achieved.
        let lastFinish = max(end, workers.map(\.lastFinish).max() ?? end)
        total.seconds = Double(lastFinish - measureFrom) / 1e9
        return total
    }
}

/// One connection's thread and what it counted (read after the thread has finished).
private final class LoadWorker: @unchecked Sendable {
    let index: Int
    let connections: Int
    var result = LoadResult()
    /// When the last answer arrived (monotonic ns).
    var lastFinish: UInt64 = 0

    init(index: Int, of connections: Int) {
        self.index = index
        self.connections = connections
    }

    func run(plan: LoadPlan, port: Int, requests: RequestSet, start: UInt64, measureFrom: UInt64, end: UInt64) {
        let client = HTTPLoadClient(port: port)
        do {
            try client.connect()
        } catch {
            failed(error.description)
        }
        Clock.sleep(until: start)
        var next = index * requests.count / connections
        let interval = plan.rate.map { Double(connections) / $0 * 1e9 } ?? 0
        let offset = interval * Double(index) / Double(connections)
        var k = 0.0
        while true {
            let now = Clock.nanos()
            var due = now
            if plan.rate != nil {
                // Every request due before the end is sent, however late: a slow server
                // lengthens the run (and lowers its requests/s) instead of losing requests.
                due = start + UInt64(offset + k * interval)
                k += 1
                if due >= end { break }
                if due > now { Clock.sleep(until: due) }
            } else if now >= end {
                break
            }
            let measured = due >= measureFrom
            let status: Int
            do {
                status = try client.exchange(requests[next])
            } catch {
                failed(error.description)
                if measured { result.measured += 1 }
                usleep(1_000)  // a refused connection must not spin
                continue
            }
            let finished = Clock.nanos()
            let latency = finished &- due
            lastFinish = finished
            next = next + 1 == requests.count ? 0 : next + 1
            if status == 200 {
                result.answered += 1
                if measured { result.histogram.record(micros: (latency + 500) / 1_000) }
            } else {
                result.statuses[status, default: 0] += 1
                failed("HTTP \(status): \(String(decoding: client.body.prefix(300), as: UTF8.self))")
            }
            if measured { result.measured += 1 }
        }
        client.close()
    }

    private func failed(_ message: String) {
        result.errors += 1
        if result.firstError == nil { result.firstError = message }
    }
}

/// The monotonic clock, nanoseconds, and sleeping until a point on it.
enum Clock {
    static func nanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func sleep(until deadline: UInt64) {
        var ts = timespec(tv_sec: Int(deadline / 1_000_000_000), tv_nsec: Int(deadline % 1_000_000_000))
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
    }
}
