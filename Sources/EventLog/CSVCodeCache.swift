/// A small direct-mapped cache in front of a ``StringPool``: recently seen values and their
/// codes, each entry one cache line's worth of data, so that the common case (a value seen
/// lately: an activity, a resource, an open case) costs one hash and one inline compare
/// instead of a walk through the pool's tables.
///
/// An entry keeps the value's length and a 16-byte fingerprint taken with overlapping loads
/// (first and last 8 bytes, or smaller pieces for short values), which also picks the entry;
/// for values up to 16 bytes the fingerprint and length determine the bytes exactly, so a
/// hit needs no hash and no other memory.
/// Longer values are compared in full against the pool. A miss interns into the pool and
/// replaces the entry. The pool stays the only source of codes, so results are the same as
/// interning directly. One cache per column and per thread; not thread-safe.
///
/// Cost: `2^bits × 24` bytes.
final class CSVCodeCache {
    private struct Entry {
        var code: UInt32
        var length: UInt32
        var head: UInt64
        var tail: UInt64
    }

    private let entries: UnsafeMutablePointer<Entry>
    private let shift: UInt64

    init(bits: Int) {
        let size = 1 << bits
        shift = UInt64(64 - bits)
        entries = .allocate(capacity: size)
        entries.initialize(repeating: Entry(code: StringPool.missing, length: 0, head: 0, tail: 0), count: size)
    }

    deinit { entries.deallocate() }

    /// The code of `bytes` in `pool`, interning them there when new.
    @inline(__always)
    func intern(_ bytes: UnsafeRawBufferPointer, into pool: inout StringPool) -> UInt32 {
        let n = bytes.count
        let (head, tail) = CSVCodeCache.fingerprint(bytes)
        // Multiply-shift on the fingerprint: enough to spread entries; hits are verified.
        let mixed = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(truncatingIfNeeded: n)
        let e = entries + Int(truncatingIfNeeded: (mixed &* 0xFF51_AFD7_ED55_8CCD) >> shift)
        if e.pointee.length == UInt32(truncatingIfNeeded: n) && e.pointee.head == head && e.pointee.tail == tail
            && e.pointee.code != StringPool.missing
        {
            let code = e.pointee.code
            if n <= 16 || CSVCodeCache.sameMiddle(bytes, code, pool) { return code }
        }
        let code = pool.intern(bytes)
        e.pointee = Entry(code: code, length: UInt32(truncatingIfNeeded: n), head: head, tail: tail)
        return code
    }

    /// First and last 8 bytes (overlapping when shorter than 16); exact for up to 16 bytes
    /// together with the length.
    @inline(__always)
    static func fingerprint(_ b: UnsafeRawBufferPointer) -> (UInt64, UInt64) {
        let n = b.count
        if n >= 8 {
            return (b.loadUnaligned(fromByteOffset: 0, as: UInt64.self), b.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        if n >= 4 {
            let lo = UInt64(b.loadUnaligned(fromByteOffset: 0, as: UInt32.self))
            let hi = UInt64(b.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return (lo | hi << 32, 0)
        }
        if n == 0 { return (0, 0) }
        return (UInt64(b[0]) | UInt64(b[n / 2]) << 8 | UInt64(b[n - 1]) << 16, 0)
    }

    /// Whether bytes 8 ..< n-8 of `bytes` equal those of `code` in `pool` (lengths equal).
    private static func sameMiddle(_ bytes: UnsafeRawBufferPointer, _ code: UInt32, _ pool: StringPool) -> Bool {
        pool.withBytes(code) { stored in
            guard stored.count == bytes.count, let a = stored.baseAddress, let b = bytes.baseAddress else { return false }
            return memcmp(a + 8, b + 8, bytes.count - 16) == 0
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
