import Foundation
import Testing

@testable import Reports

/// Replacing a report folder while something watches it: the path must hold a whole report
/// at every instant (what a reader, or a kill, can observe).
@Suite("Report folder replaced under watch", .serialized)
struct HostileReportOutputTests {
    /// Regression: commit renamed the old folder aside, then the new one in; a reader between
    /// the two renames (or a kill there) found no report at all.
    @Test("the destination never disappears while reports replace each other")
    func neverMissing() throws {
        #if os(Linux)
        let dir = try ReportFixtures.temporaryDirectory()
        let dest = dir.appendingPathComponent("run")
        let marker = dest.appendingPathComponent("report.html").path
        let first = try AtomicOutput(destination: dest.path)
        try first.write("0", to: "report.html")
        try first.commit()
        let watcher = MissingWatcher(path: marker)
        let thread = Thread { watcher.watch() }
        thread.start()
        for i in 1...400 {
            let next = try AtomicOutput(destination: dest.path)
            try next.write(String(i), to: "report.html")
            try next.commit()
        }
        watcher.stop()
        #expect(watcher.checks > 1_000, "the watcher barely ran")
        #expect(watcher.missing == 0, "report.html was missing \(watcher.missing) times out of \(watcher.checks)")
        #expect(try String(contentsOfFile: marker, encoding: .utf8) == "400")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["run"])
        #endif
    }
}

/// Checks in a tight loop whether a file exists, counting the misses.
final class MissingWatcher: @unchecked Sendable {
    let path: String
    private let lock = NSLock()
    private var running = true
    private(set) var checks = 0
    private(set) var missing = 0
    private var finished = false

    init(path: String) { self.path = path }

    func watch() {
        while true {
            lock.lock()
            let go = running
            lock.unlock()
            guard go else { break }
            if access(path, F_OK) != 0 { missing += 1 }
            checks += 1
        }
        lock.lock()
        finished = true
        lock.unlock()
    }

    func stop() {
        lock.lock()
        running = false
        lock.unlock()
        while true {
            lock.lock()
            let done = finished
            lock.unlock()
            if done { return }
            usleep(100)
        }
    }
}
