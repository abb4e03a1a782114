import CByteScan

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
/// Two-way set associative (a value and the one before it in the same bucket both stay).
/// Cost: `2^bits × 32` bytes.
final class CSVCodeCache {
    private struct Entry {
        var code: UInt32
        var length: UInt32
        var head: UInt64
        var tail: UInt64
        var padding: UInt64 = 0
    }

    /// Buckets of two entries (one 64-byte line), the most recently used first.
    private let entries: UnsafeMutablePointer<Entry>
    private let shift: UInt64

    /// A cache of `2^bits` entries.
    init(bits: Int) {
        let size = 1 << max(bits, 1)
        shift = UInt64(64 - max(bits, 1) + 1)
        entries = .allocate(capacity: size)
        entries.initialize(repeating: Entry(code: StringPool.missing, length: 0, head: 0, tail: 0), count: size)
    }

    deinit { entries.deallocate() }

    /// The bucket of a value of length `n` with fingerprint `head`, `tail`.
    @inline(__always)
    private func bucket(_ n: UInt32, _ head: UInt64, _ tail: UInt64) -> UnsafeMutablePointer<Entry> {
        // Multiply-shift on the fingerprint: enough to spread entries; hits are verified.
        let mixed = (head &* 0x9E37_79B9_7F4A_7C15) ^ (tail &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)
        return entries + 2 * Int(truncatingIfNeeded: (mixed &* 0xFF51_AFD7_ED55_8CCD) >> shift)
    }

    /// Starts loading the bucket of `bytes`, so that ``intern(_:into:)`` on them a little
    /// later does not wait for memory (a large cache does not stay in the core's caches).
    @inline(__always)
    func prefetch(_ bytes: UnsafeRawBufferPointer) {
        let (head, tail) = CSVCodeCache.fingerprint(bytes)
        sy_prefetch(bucket(UInt32(truncatingIfNeeded: bytes.count), head, tail))
    }

    /// The code of `bytes` in `pool`, interning them there when new; `slotHash`, when
    /// given, is their ``StringPool/slotHash(_:)``, already computed.
    @inline(__always)
    func intern(_ bytes: UnsafeRawBufferPointer, into pool: inout StringPool, slotHash: UInt32? = nil) -> UInt32 {
        let n = UInt32(truncatingIfNeeded: bytes.count)
        let (head, tail) = CSVCodeCache.fingerprint(bytes)
        let first = bucket(n, head, tail)
        let second = first + 1
        if first.pointee.length == n && first.pointee.head == head && first.pointee.tail == tail
            && first.pointee.code != StringPool.missing && (n <= 16 || CSVCodeCache.sameMiddle(bytes, first.pointee.code, pool))
        {
            return first.pointee.code
        }
        let code: UInt32
        if second.pointee.length == n && second.pointee.head == head && second.pointee.tail == tail
            && second.pointee.code != StringPool.missing && (n <= 16 || CSVCodeCache.sameMiddle(bytes, second.pointee.code, pool))
        {
            code = second.pointee.code
        } else {
            code = slotHash.map { pool.intern(bytes, slotHash: $0) } ?? pool.intern(bytes)
        }
        second.pointee = first.pointee
        first.pointee = Entry(code: code, length: n, head: head, tail: tail)
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

    /// Whether `bytes` equal those of `code` in `pool` (their ends already match).
    private static func sameMiddle(_ bytes: UnsafeRawBufferPointer, _ code: UInt32, _ pool: StringPool) -> Bool {
        pool.withBytes(code) { CSVBytes.equal($0, bytes) }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
