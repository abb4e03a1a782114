/// A small direct-mapped cache in front of a ``StringPool``: short values (up to 24 bytes)
/// that were interned recently are found by one hash of three machine words and one compare,
/// without touching the pool.
///
/// Columns of a log repeat a few values again and again (activities, teams, lifecycle
/// transitions, regions, tiers); for them nearly every lookup is a hit. A miss interns into
/// the pool and remembers the value, evicting whatever shared its slot. Memory: 32 bytes per
/// entry (256 entries: 8 KiB).
final class XESValueCache {
    private struct Entry {
        var w0: UInt64 = 0
        var w1: UInt64 = 0
        var w2: UInt64 = 0
        var length: UInt32 = .max
        var code: UInt32 = StringPool.missing
    }

    private let entries: UnsafeMutablePointer<Entry>
    private let mask: Int

    init(entries count: Int = 256) {
        var size = 16
        while size < count { size *= 2 }
        entries = UnsafeMutablePointer<Entry>.allocate(capacity: size)
        entries.initialize(repeating: Entry(), count: size)
        mask = size - 1
    }

    deinit { entries.deallocate() }

    /// The code of `value` in `pool`, interning it when the pool does not hold it yet.
    @inline(__always)
    func intern(_ value: UnsafeRawBufferPointer, into pool: inout StringPool) -> UInt32 {
        let n = value.count
        guard n <= 24, let p = value.baseAddress else { return pool.intern(value) }
        var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0
        if n >= 8 {
            w0 = p.loadUnaligned(as: UInt64.self)
            w1 = p.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            if n > 16 { w2 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) }
        } else if n >= 4 {
            w0 = UInt64(p.loadUnaligned(as: UInt32.self)) | UInt64(p.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        } else {
            for k in 0..<n { w0 |= UInt64(p.load(fromByteOffset: k, as: UInt8.self)) << (8 * UInt64(k)) }
        }
        var h = (w0 ^ (w1 &* 0x9E37_79B9_7F4A_7C15) ^ (w2 &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(n)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 29
        let slot = entries + (Int(truncatingIfNeeded: h) & mask)
        if slot.pointee.length == UInt32(n) && slot.pointee.w0 == w0 && slot.pointee.w1 == w1 && slot.pointee.w2 == w2 {
            return slot.pointee.code
        }
        let code = pool.intern(value)
        slot.pointee = Entry(w0: w0, w1: w1, w2: w2, length: UInt32(n), code: code)
        return code
    }
}
