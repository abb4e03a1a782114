import CZlib

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an XES file could not be written.
public struct XESWriteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file being written.
    public var file: String
    /// What went wrong, in words a user can act on.
    public var reason: String

    public init(file: String, reason: String) {
        self.file = file
        self.reason = reason
    }

    public var description: String { "\(file): \(reason)" }
}

/// An output file written under a temporary name and renamed into place on ``finish()``,
/// optionally gzip-compressed on the way (zlib deflate, gzip header, default level).
///
/// If the writer is dropped without ``finish()``, the temporary file is removed and the
/// target is left as it was. Cost: one `write(2)` per buffer handed in; deflate at zlib's
/// speed when compressing.
final class XESOutputFile {
    let path: String
    private let tempPath: String
    private var fd: Int32
    private var stream: UnsafeMutablePointer<z_stream>?
    private var deflated: UnsafeMutableRawBufferPointer
    private var done = false

    /// Creates `<path>.tmp-<pid>` next to `path`. (A failed init still runs `deinit`, which
    /// releases the buffer and removes the temporary file.)
    init(path: String, compressed: Bool) throws(XESWriteError) {
        self.path = path
        tempPath = path + ".tmp-\(getpid())"
        fd = open(tempPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        deflated = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        guard fd >= 0 else {
            let message = String(cString: strerror(errno))
            throw XESWriteError(file: path, reason: "cannot create the output file: \(message)")
        }
        if compressed {
            let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            s.initialize(to: z_stream())
            let rc = deflateInit2_(
                s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                Int32(MemoryLayout<z_stream>.size))
            guard rc == Z_OK else {
                s.deallocate()
                throw XESWriteError(file: path, reason: "zlib could not start compressing (code \(rc))")
            }
            stream = s
        }
    }

    deinit {
        if let stream {
            deflateEnd(stream)
            stream.deallocate()
        }
        deflated.deallocate()
        if !done { discard() }
    }

    /// Appends bytes (compressing them when the file is gzip).
    func write(_ bytes: UnsafeRawBufferPointer) throws(XESWriteError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard let stream else { return try writeRaw(bytes) }
        stream.pointee.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(bytes.count)
        try pump(stream, flush: Z_NO_FLUSH)
    }

    /// Ends the compressed stream, syncs, and renames the file into place.
    func finish() throws(XESWriteError) {
        if let stream {
            stream.pointee.next_in = nil
            stream.pointee.avail_in = 0
            try pump(stream, flush: Z_FINISH)
        }
        guard fsync(fd) == 0 || errno == EINVAL else {
            throw XESWriteError(file: path, reason: "cannot flush the output file: " + String(cString: strerror(errno)))
        }
        close(fd)
        fd = -1
        guard rename(tempPath, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(tempPath)
            done = true
            throw XESWriteError(file: path, reason: "cannot move the finished file into place: \(message)")
        }
        done = true
    }

    private func pump(_ stream: UnsafeMutablePointer<z_stream>, flush: Int32) throws(XESWriteError) {
        guard let outBase = deflated.baseAddress else { return }
        repeat {
            stream.pointee.next_out = outBase.assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = UInt32(deflated.count)
            let rc = deflate(stream, flush)
            guard rc == Z_OK || rc == Z_STREAM_END || rc == Z_BUF_ERROR else {
                throw XESWriteError(file: path, reason: "zlib failed while compressing (code \(rc))")
            }
            let produced = deflated.count - Int(stream.pointee.avail_out)
            try writeRaw(UnsafeRawBufferPointer(rebasing: deflated[0..<produced]))
            if flush == Z_FINISH && rc == Z_STREAM_END { return }
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH)
    }

    private func writeRaw(_ bytes: UnsafeRawBufferPointer) throws(XESWriteError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = systemWrite(fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw XESWriteError(file: path, reason: "write failed: " + String(cString: strerror(errno)))
            }
            offset += n
        }
    }

    private func discard() {
        if fd >= 0 { close(fd) }
        fd = -1
        unlink(tempPath)
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
