#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// A file written through 4 MiB byte buffers to a temporary name, renamed into place by
/// ``commit()`` so that a failed run never leaves a half-written file under the real name.
///
/// Callers reserve room with ``ensure(_:)`` and then store bytes with the unchecked
/// `put` methods. A full buffer is handed to a background queue that `write(2)`s it while
/// the caller fills the other buffer, so formatting and the kernel's copying overlap on two
/// cores. The bytes and their order never depend on that timing.
final class OutputFile {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private let capacity = 1 << 22
    /// The buffer being filled, and the one the writer may still be writing.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var spare: UnsafeMutablePointer<UInt8>
    private let writer = DispatchQueue(label: "switchyard.generator.output")
    /// Signalled when no write is in flight.
    private let idle = DispatchSemaphore(value: 1)
    private let status = WriteStatus()
    /// Bytes in the buffer.
    var count = 0
    /// Bytes written to the file so far.
    private(set) var flushedBytes = 0

    init(path: String) throws(GeneratorError) {
        self.path = path
        temporaryPath = path + ".tmp-\(getpid())"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else {
            throw GeneratorError(.cannotWrite, "cannot create '\(path)': \(String(cString: strerror(errno)))")
        }
        buffer = .allocate(capacity: capacity)
        spare = .allocate(capacity: capacity)
    }

    deinit {
        // Let an in-flight write finish before its buffer goes (a semaphore must be back at
        // its initial value when it is destroyed).
        idle.wait()
        idle.signal()
        buffer.deallocate()
        spare.deallocate()
        if descriptor >= 0 {
            close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Makes room for at least `n` more bytes (n ≤ 1 MiB).
    @inline(__always)
    func ensure(_ n: Int) throws(GeneratorError) {
        if count + n > capacity { try flush() }
    }

    /// Pointer to the next free byte.
    @inline(__always)
    var cursor: UnsafeMutablePointer<UInt8> { buffer + count }

    @inline(__always)
    func put(_ byte: UInt8) {
        buffer[count] = byte
        count += 1
    }

    @inline(__always)
    func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        (buffer + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends a string (not for hot paths).
    func put(_ text: String) throws(GeneratorError) {
        let bytes = Array(text.utf8)
        try ensure(bytes.count)
        bytes.withUnsafeBufferPointer { put($0) }
    }

    /// Hands the filled buffer to the writer and continues in the other one.
    func flush() throws(GeneratorError) {
        idle.wait()
        if let failure = status.failure {
            idle.signal()
            throw GeneratorError(.cannotWrite, "cannot write '\(path)': \(failure)")
        }
        let job = WriteJob(descriptor: descriptor, bytes: buffer, count: count, status: status)
        let done = idle
        writer.async {
            job.run()
            done.signal()
        }
        flushedBytes += count
        swap(&buffer, &spare)
        count = 0
    }

    /// Waits for the last write and reports its failure.
    private func drain() throws(GeneratorError) {
        idle.wait()
        defer { idle.signal() }
        if let failure = status.failure {
            throw GeneratorError(.cannotWrite, "cannot write '\(path)': \(failure)")
        }
    }

    /// Flushes, closes and renames the temporary file to ``path``.
    func commit() throws(GeneratorError) {
        try flush()
        try drain()
        let fd = descriptor
        descriptor = -1
        guard close(fd) == 0 else {
            unlink(temporaryPath)
            throw GeneratorError(.cannotWrite, "cannot finish '\(path)': \(String(cString: strerror(errno)))")
        }
        guard rename(temporaryPath, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw GeneratorError(.cannotWrite, "cannot move the finished file to '\(path)': \(reason)")
        }
    }
}

/// The writer's outcome, read by the filling thread only after waiting for the writer.
private final class WriteStatus: @unchecked Sendable {
    var failure: String?
}

/// One buffer to write; the buffer is not touched by the filling thread until the job ends.
private struct WriteJob: @unchecked Sendable {
    let descriptor: Int32
    let bytes: UnsafeMutablePointer<UInt8>
    let count: Int
    let status: WriteStatus

    func run() {
        var offset = 0
        while offset < count {
            let n = write(descriptor, bytes + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                status.failure = String(cString: strerror(errno))
                return
            }
            offset += n
        }
    }
}
