#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of a CSV file, memory-mapped when the file is a regular file and read with
/// `read(2)` otherwise (pipes, special files).
///
/// Mapping costs nothing up front and pages come in as the scanner touches them
/// (~15 GB/s warm). They stay mapped until the import ends: attribute cells are kept as
/// references into the file until they are typed.
final class CSVInput: @unchecked Sendable {
    /// The whole file. Valid until the object is deinitialised.
    let bytes: UnsafeRawBufferPointer
    private let mapped: Bool

    private init(bytes: UnsafeRawBufferPointer, mapped: Bool) {
        self.bytes = bytes
        self.mapped = mapped
    }

    /// Wraps bytes held by the caller (tests). The caller keeps them alive.
    static func borrowing(_ bytes: UnsafeRawBufferPointer) -> CSVInput {
        let copy = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 16)
        if bytes.count > 0, let src = bytes.baseAddress, let dst = copy.baseAddress {
            memcpy(dst, src, bytes.count)
        }
        return CSVInput(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(copy)[0..<bytes.count]), mapped: false)
    }

    /// Opens `path`. Throws a user-facing error when it cannot be opened or read.
    static func open(_ path: String) throws(ImportError) -> CSVInput {
        let fd = systemOpen(path)
        guard fd >= 0 else {
            throw ImportError(.unreadable, file: path, reason: "cannot open the file: \(String(cString: strerror(errno)))")
        }
        defer { _ = close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw ImportError(.unreadable, file: path, reason: "cannot read the file's size: \(String(cString: strerror(errno)))")
        }
        let isRegular = (info.st_mode & S_IFMT) == S_IFREG
        if isRegular && info.st_size == 0 {
            return CSVInput(bytes: UnsafeRawBufferPointer(start: nil, count: 0), mapped: false)
        }
        if isRegular, info.st_size > 0 {
            let size = Int(info.st_size)
            let p = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0)
            if let p, p != MAP_FAILED {
                _ = madvise(p, size, MADV_SEQUENTIAL)
                return CSVInput(bytes: UnsafeRawBufferPointer(start: p, count: size), mapped: true)
            }
        }
        return try readAll(fd, path: path, sizeHint: isRegular ? Int(info.st_size) : 1 << 20)
    }

    private static func readAll(_ fd: Int32, path: String, sizeHint: Int) throws(ImportError) -> CSVInput {
        var capacity = max(sizeHint, 1 << 16)
        var buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var count = 0
        while true {
            if count == capacity {
                let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                bigger.copyMemory(from: buffer, byteCount: count)
                buffer.deallocate()
                buffer = bigger
                capacity *= 2
            }
            let got = systemRead(fd, buffer + count, capacity - count)
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                buffer.deallocate()
                throw ImportError(.unreadable, file: path, reason: "cannot read the file: \(message)")
            }
            count += got
        }
        return CSVInput(bytes: UnsafeRawBufferPointer(start: buffer, count: count), mapped: false)
    }

    deinit {
        guard let base = bytes.baseAddress else { return }
        if mapped {
            _ = munmap(UnsafeMutableRawPointer(mutating: base), bytes.count)
        } else {
            base.deallocate()
        }
    }
}

private func systemOpen(_ path: String) -> Int32 {
    #if canImport(Glibc)
    return Glibc.open(path, O_RDONLY | O_CLOEXEC)
    #else
    return Darwin.open(path, O_RDONLY | O_CLOEXEC)
    #endif
}

private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.read(fd, buffer, count)
    #else
    return Darwin.read(fd, buffer, count)
    #endif
}
