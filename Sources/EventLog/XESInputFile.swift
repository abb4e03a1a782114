#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file opened for sequential reading with `read(2)`, closed when released.
///
/// Readers pull bytes in chunks they choose, so a file of any size is read with a fixed
/// amount of memory. Cost: one system call per chunk.
final class XESInputFile {
    private let fd: Int32
    /// The path as given, for messages.
    let path: String
    /// Size of the file in bytes when it was opened.
    let size: Int
    /// Bytes handed out so far.
    private(set) var bytesRead = 0

    /// Opens `path`; throws `.fileNotFound` or `.unreadable` with the system's reason.
    init(path: String) throws(ImportError) {
        self.path = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            let code = errno
            let kind: ImportError.Kind = code == ENOENT ? .fileNotFound : .unreadable
            throw ImportError(kind, file: path, reason: "cannot open the file: " + String(cString: strerror(code)))
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw ImportError(.unreadable, file: path, reason: "cannot stat the file: " + String(cString: strerror(code)))
        }
        guard (info.st_mode & S_IFMT) != S_IFDIR else {
            close(fd)
            throw ImportError(.unreadable, file: path, reason: "this is a directory, not a log file")
        }
        self.fd = fd
        self.size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Fills as much of `into` as the file allows; returns 0 at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImportError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var total = 0
        while total < buffer.count {
            let n = systemRead(fd, base + total, buffer.count - total)
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError(.unreadable, file: path, reason: "read failed: " + String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
        }
        bytesRead += total
        return total
    }

    /// Fills `buffer` from byte `offset` on (`pread(2)`, safe from several threads at once);
    /// returns fewer bytes only at the end of the file.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(ImportError) -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        var total = 0
        while total < buffer.count {
            let n = pread(fd, base + total, buffer.count - total, off_t(offset + total))
            if n < 0 {
                if errno == EINTR { continue }
                throw ImportError(.unreadable, file: path, reason: "read failed: " + String(cString: strerror(errno)))
            }
            if n == 0 { break }
            total += n
        }
        return total
    }

    /// Up to `count` bytes from `offset` on, without moving the read position.
    func peek(_ count: Int, at offset: Int = 0) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, off_t(offset)) }
        return n > 0 ? Array(bytes.prefix(n)) : []
    }
}

/// The bytes `start..<end` of a file, read in order with `pread(2)`: one segment of a file
/// parsed on several threads.
final class XESFileRange {
    let file: XESInputFile
    private var next: Int
    private let end: Int

    init(file: XESInputFile, start: Int, end: Int) {
        self.file = file
        next = start
        self.end = end
    }

    /// Bytes of the range handed out so far.
    private(set) var bytesRead = 0

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImportError) -> Int {
        let want = min(buffer.count, end - next)
        guard want > 0 else { return 0 }
        let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[0..<want]), at: next)
        next += n
        bytesRead += n
        return n
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Darwin)
private let systemRead = Darwin.read
#endif
