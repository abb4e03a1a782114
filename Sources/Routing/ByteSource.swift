#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Something bytes can be read from in chunks: a file descriptor (a file, a pipe, stdin) or memory.
public protocol ByteSource {
    /// Fills up to `buffer.count` bytes; returns how many, 0 at the end.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(RouteInputError) -> Int
}

/// Reads a file descriptor with `read(2)`; does not close it.
public struct FileDescriptorSource: ByteSource {
    public let fd: Int32

    public init(fd: Int32) { self.fd = fd }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(RouteInputError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw RouteInputError("read failed: \(String(cString: strerror(errno)))")
        }
    }
}

/// Serves bytes held in memory (benchmarks, tests, in-process batches).
public struct MemorySource: ByteSource {
    public let bytes: [UInt8]
    public private(set) var offset = 0

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(RouteInputError) -> Int {
        let n = min(buffer.count, bytes.count - offset)
        guard n > 0, let dst = buffer.baseAddress else { return 0 }
        bytes.withUnsafeBytes { src in
            guard let s = src.baseAddress else { return }
            dst.copyMemory(from: s + offset, byteCount: n)
        }
        offset += n
        return n
    }
}

/// The routing input as a whole cannot be read (unreadable, no header, no model column).
public struct RouteInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
    public init(_ message: String) { description = message }
}
