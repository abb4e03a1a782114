#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a CSV file could not be written.
public struct CSVWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file being written.
    public var file: String
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// Writes an ``EventLog`` as CSV that ``CSVLogReader`` reads back to the same log.
///
/// One row per event in log order (cases in order, events in time order). Columns: case id,
/// activity, timestamp (ISO 8601 in UTC, `2024-03-01T08:15:00.250000+00:00`), then
/// resource, group (`team`) and lifecycle when the log has them, then the case attributes
/// (repeated on every row of the case) and the event attributes. Missing values are empty
/// cells; a present empty string is written `""`. Cells are quoted only when needed.
///
/// The file is written to a temporary name beside the target and renamed into place, so a
/// reader never sees half a file. Cost: one pass over the events, output built in a byte
/// buffer and written in 4 MB blocks; each distinct string is escaped once.
public enum CSVLogWriter {
    /// Writes `log` to `path`, replacing any file there.
    public static func write(_ log: EventLog, to path: String, options: CSVWriteOptions = CSVWriteOptions()) throws(CSVWriteError) {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw CSVWriteError(file: path, reason: "cannot create \(temporary): \(lastError())") }
        do {
            try encode(log, options: options) { (chunk: UnsafeRawBufferPointer) throws(CSVWriteError) in
                try writeAll(fd, chunk, file: path)
            }
        } catch {
            _ = close(fd)
            _ = unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let reason = lastError()
            _ = unlink(temporary)
            throw CSVWriteError(file: path, reason: "cannot finish writing: \(reason)")
        }
        guard rename(temporary, path) == 0 else {
            let reason = lastError()
            _ = unlink(temporary)
            throw CSVWriteError(file: path, reason: "cannot move the written file into place: \(reason)")
        }
    }

    /// The CSV text of `log` in memory (small logs, tests).
    public static func render(_ log: EventLog, options: CSVWriteOptions = CSVWriteOptions()) -> [UInt8] {
        var all: [UInt8] = []
        encode(log, options: options) { (chunk: UnsafeRawBufferPointer) in all.append(contentsOf: chunk) }
        return all
    }

    /// Builds the CSV text and hands it to `sink` in blocks of about 4 MB.
    static func encode<E: Error>(
        _ log: EventLog, options: CSVWriteOptions, sink: (UnsafeRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        let plan = CSVWritePlan(log, options: options)
        let blockSize = 4 << 20
        var out: [UInt8] = []
        out.reserveCapacity(blockSize + 64 * 1024)
        plan.appendHeader(to: &out)
        for c in 0..<log.caseCount {
            for e in log.events(ofCase: c) {
                plan.appendRow(event: e, case: c, to: &out)
                if out.count >= blockSize {
                    try flush(out, sink)
                    out.removeAll(keepingCapacity: true)
                }
            }
        }
        if !out.isEmpty { try flush(out, sink) }
    }

    private static func flush<E: Error>(_ out: [UInt8], _ sink: (UnsafeRawBufferPointer) throws(E) -> Void) throws(E) {
        let failure: E? = out.withUnsafeBytes { b in
            do throws(E) {
                try sink(b)
                return nil
            } catch {
                return error
            }
        }
        if let failure { throw failure }
    }

    private static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, file: String) throws(CSVWriteError) {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let done = systemWrite(fd, p, left)
            if done < 0 {
                if errno == EINTR { continue }
                throw CSVWriteError(file: file, reason: "cannot write: \(lastError())")
            }
            p += done
            left -= done
        }
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }

    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.write(fd, p, n)
        #else
        return Darwin.write(fd, p, n)
        #endif
    }
}
