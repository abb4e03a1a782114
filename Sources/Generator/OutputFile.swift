#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written through a 4 MiB byte buffer to a temporary name, renamed into place by
/// ``commit()`` so that a failed run never leaves a half-written file under the real name.
///
/// Callers reserve room with ``ensure(_:)`` and then store bytes with the unchecked
/// `put` methods; the buffer is flushed with `write(2)`.
final class OutputFile {
    let path: String
    private let temporaryPath: String
    private var descriptor: Int32
    private let capacity = 1 << 22
    private let buffer: UnsafeMutablePointer<UInt8>
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
    }

    deinit {
        buffer.deallocate()
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

    func flush() throws(GeneratorError) {
        var offset = 0
        while offset < count {
            let n = write(descriptor, buffer + offset, count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw GeneratorError(.cannotWrite, "cannot write '\(path)': \(String(cString: strerror(errno)))")
            }
            offset += n
        }
        flushedBytes += count
        count = 0
    }

    /// Flushes, closes and renames the temporary file to ``path``.
    func commit() throws(GeneratorError) {
        try flush()
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
