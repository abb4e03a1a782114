#if canImport(Glibc)
import Glibc
#endif

/// Asks Linux to back large column buffers with 2 MiB pages (transparent huge pages in
/// `madvise` mode, Debian's default). A column of millions of rows otherwise takes one page
/// fault per 4 KiB as it fills, about a tenth of a CSV read's time; with huge pages it takes
/// one per 2 MiB. Only a hint: where the kernel says no, nothing changes.
enum HugePageAdvice {
    /// The huge page size on x86-64 and arm64 Linux.
    static let pageBytes = 2 << 20
    /// Buffers smaller than this are left alone (a huge page would mostly stay empty).
    static let minimumBytes = 8 << 20

    /// Advises the whole 2 MiB pages inside `bytes` bytes at `base`.
    static func advise(_ base: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
        guard let base, bytes >= minimumBytes else { return }
        let start = (Int(bitPattern: base) + pageBytes - 1) & ~(pageBytes - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(pageBytes - 1)
        guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
        _ = madvise(aligned, end - start, MADV_HUGEPAGE)
        #endif
    }
}

extension Array {
    /// Reserves room for `capacity` elements and advises huge pages for it when it is large
    /// (see ``HugePageAdvice``).
    mutating func reserveCapacityInHugePages(_ capacity: Int) {
        reserveCapacity(capacity)
        let bytes = self.capacity * MemoryLayout<Element>.stride
        guard bytes >= HugePageAdvice.minimumBytes else { return }
        withUnsafeMutableBufferPointer { HugePageAdvice.advise(UnsafeMutableRawPointer($0.baseAddress), bytes: bytes) }
    }
}
