import Dispatch
import Foundation

/// What a benchmark leaves behind if interrupted — child processes and temporary folders —
/// and the SIGINT/SIGTERM handlers that clean it up: every tracked child gets SIGTERM (a
/// server finishes its requests and commits its audit log) and is waited for up to 10 s, the
/// folders are removed, and the process exits with 128 + the signal.
///
/// Children and folders are registered while they exist; the normal path stops and removes
/// them itself and calls ``uninstall()``.
final class InterruptCleanup: @unchecked Sendable {
    static let shared = InterruptCleanup()

    private let lock = NSLock()
    private var children: Set<Int32> = []
    private var folders: [URL] = []
    private var sources: [DispatchSourceSignal] = []

    /// Starts catching SIGINT and SIGTERM (idempotent).
    func install() {
        lock.lock()
        defer { lock.unlock() }
        guard sources.isEmpty else { return }
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [unowned self] in
                self.cleanUp()
                exit(128 + number)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Restores the default signal handling.
    func uninstall() {
        lock.lock()
        defer { lock.unlock() }
        for source in sources { source.cancel() }
        sources = []
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }

    func track(child pid: Int32) { lock.withLock { _ = children.insert(pid) } }
    func untrack(child pid: Int32) { lock.withLock { _ = children.remove(pid) } }
    func track(folder: URL) { lock.withLock { folders.append(folder) } }
    func untrack(folder: URL) { lock.withLock { folders.removeAll { $0 == folder } } }

    /// Terminates the tracked children, waits for them, removes the tracked folders.
    private func cleanUp() {
        let (pids, paths) = lock.withLock { (children, folders) }
        for pid in pids { kill(pid, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        for pid in pids {
            while kill(pid, 0) == 0 && Date() < deadline { usleep(10_000) }
        }
        for folder in paths { try? FileManager.default.removeItem(at: folder) }
        FileHandle.standardError.write(Data("bench serve: interrupted; server stopped, temporary files removed\n".utf8))
    }
}
