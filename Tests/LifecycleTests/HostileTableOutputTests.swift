import EventLog
import Foundation
import Testing

@testable import Lifecycle

/// Replacing an exception table file while something watches it.
@Suite(.serialized) struct HostileTableOutputTests {
    /// Regression: the old file was removed before the new one was moved in; a reader between
    /// the two (or a kill there) found no file at all.
    @Test func theTableFileNeverDisappearsWhileItIsReplaced() throws {
        let log = LogFixtures.log([
            .init("EX-1", "Exception Detected", 0, "credit"), .init("EX-1", "Resolved", 10, "credit"),
            .init("EX-1", "Closed", 20, "credit"),
        ])
        let table = try Reconstruction.reconstruct(log, profile: Presets.orders)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lc-race-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("exceptions.csv").path
        try ExceptionTableCSV.write(table, to: path)
        let missing = Counter()
        let watching = Thread {
            while !missing.stopped {
                missing.check(access(path, F_OK) == 0)
            }
        }
        watching.start()
        for _ in 0..<400 { try ExceptionTableCSV.write(table, to: path) }
        missing.stop()
        #expect(missing.checks > 1_000, "the watcher barely ran")
        #expect(missing.misses == 0, "the table was missing \(missing.misses) times out of \(missing.checks)")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ExceptionTableCSV.render(table))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["exceptions.csv"])
    }
}

/// Counts checks and misses from a watcher thread.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var stopping = false, done = false
    private(set) var checks = 0, misses = 0

    var stopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        if stopping { done = true }
        return stopping
    }

    func check(_ present: Bool) {
        checks += 1
        if !present { misses += 1 }
    }

    func stop() {
        lock.lock()
        stopping = true
        lock.unlock()
        while true {
            lock.lock()
            let finished = done
            lock.unlock()
            if finished { return }
            usleep(100)
        }
    }
}
