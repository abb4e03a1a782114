#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import EventLog
import Foundation

/// A one-line progress display on stderr for long imports: bytes read, events, events/s
/// and an ETA while reading; a percentage while storing.
///
/// Shown only when stderr is a terminal, `CI` is not set, `TERM` is not `dumb`, and the
/// input is at least ``minimumBytes``: pipes, logs and CI output stay clean. Redraws at
/// most 10 times a second; safe to call from reader threads.
final class ProgressReporter: @unchecked Sendable {
    /// Smaller inputs finish too fast for a progress line to help.
    static let minimumBytes = 4 << 20

    private let label: String
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var drawn = false

    /// A reporter, or `nil` when progress should not be shown.
    init?(label: String, totalBytes: Int, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard isatty(STDERR_FILENO) == 1, environment["CI"] == nil, environment["TERM"] != "dumb",
            totalBytes >= ProgressReporter.minimumBytes
        else { return nil }
        self.label = label
    }

    /// A reporter for reading `path`, or `nil` (see the type's conditions).
    static func forFile(_ path: String, label: String) -> ProgressReporter? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        return ProgressReporter(label: label, totalBytes: size ?? 0)
    }

    /// The callback readers call.
    var readCallback: ImportProgress { { [self] bytes, total, events in reading(bytes: bytes, total: total, events: events) } }

    /// Reader progress: bytes consumed of `total` (0 if unknown), events so far.
    func reading(bytes: Int, total: Int, events: Int) {
        draw { elapsed in
            var line = "\(label)  \(ResourceUsage.format(bytes: bytes))"
            if total > 0 { line += " / \(ResourceUsage.format(bytes: total))" }
            line += "  \(TextFormat.thousands(events)) events  \(ResourceUsage.format(rate: Double(events) / max(elapsed, 1e-3))) events/s"
            line += "  \(ResourceUsage.format(bytes: Int(Double(bytes) / max(elapsed, 1e-3))))/s"
            if total > 0, bytes > 0, bytes < total {
                line += "  ETA \(TextFormat.duration(seconds: elapsed * Double(total - bytes) / Double(bytes)))"
            }
            return line
        }
    }

    /// Store progress.
    func storing(_ progress: WorkspaceWriteProgress) {
        draw { _ in
            let percent = progress.totalBytes > 0 ? 100 * Double(progress.bytesWritten) / Double(progress.totalBytes) : 100
            return "\(label)  storing in the workspace  \(String(format1: percent)) %"
        }
    }

    /// Clears the line so that the summary prints cleanly.
    func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }

    private func draw(_ text: (Double) -> String) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
            lastDraw = now
            drawn = true
            FileHandle.standardError.write(Data(("\r\u{1B}[K" + text(now.timeIntervalSince(started))).utf8))
        }
    }
}
