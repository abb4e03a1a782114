import CByteScan

/// An append-only set of byte strings, each interned once and named by a dense `UInt32` code.
///
/// Readers intern straight from the raw bytes of the input, so a value that repeats a
/// million times costs one hash and one compare per occurrence and is stored once.
/// Codes are handed out in first-seen order: `0, 1, 2, …`.
///
/// While a pool is built, each slot of its open-addressing table holds a code and 32 bits
/// of the string's hash, so that a probe rejects other strings without touching them (one
/// cache miss per new string instead of one per probe). ``dropHashes()`` narrows the table
/// to the codes alone once the pool is mostly read; probes then compare lengths and bytes.
///
/// Cost: one probe sequence per `intern` (amortised O(1)); storage is the bytes of each
/// distinct string, 8 bytes of offset and 16–32 bytes of table per distinct value while
/// building, 8–16 once narrowed.
/// ``missing`` is the code that stands for "no value" in every code column of the log.
public struct StringPool: Sendable, Equatable {
    /// The code that marks a missing value in any column of codes.
    public static let missing: UInt32 = .max

    private var storage: [UInt8] = []
    private var offsets: [Int] = [0]
    /// While building: `code | hash32 << 32` per slot, ``emptySlot`` when free.
    private var wideSlots: [UInt64] = Array(repeating: StringPool.emptySlot, count: 16)
    /// After ``dropHashes()``: the code per slot, ``missing`` when free (`wideSlots` is empty).
    private var narrowSlots: [UInt32] = []
    /// False after ``dropHashes()``.
    private var keepsHashes = true

    private static let emptySlot = UInt64.max

    /// Slots in the table (a power of two).
    private var slotCount: Int { keepsHashes ? wideSlots.count : narrowSlots.count }

    public init() {}

    /// Creates a pool holding `strings` in order, so that `strings[i]` gets code `i`
    /// (duplicates keep the code of their first occurrence).
    public init<S: Sequence>(_ strings: S) where S.Element == String {
        for s in strings { _ = intern(s) }
    }

    /// Number of distinct strings.
    public var count: Int { offsets.count - 1 }

    public static func == (lhs: StringPool, rhs: StringPool) -> Bool {
        lhs.storage == rhs.storage && lhs.offsets == rhs.offsets
    }

    /// Interns the bytes and returns their code.
    @inlinable
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        internBytes(bytes)
    }

    /// Interns a Swift string (its UTF-8 bytes).
    public mutating func intern(_ string: String) -> UInt32 {
        var copy = string
        return copy.withUTF8 { internBytes(UnsafeRawBufferPointer($0)) }
    }

    /// The code of `string`, or `nil` when it was never interned.
    public func code(of string: String) -> UInt32? {
        var copy = string
        return copy.withUTF8 { lookup(UnsafeRawBufferPointer($0), hash: StringPool.slotHash(UnsafeRawBufferPointer($0))) }
    }

    /// The code of these bytes, or `nil` when they were never interned.
    public func code(of bytes: UnsafeRawBufferPointer) -> UInt32? {
        lookup(bytes, hash: StringPool.slotHash(bytes))
    }

    /// The string for `code`. Returns `""` for ``missing`` or an out-of-range code.
    public func string(_ code: UInt32) -> String {
        guard code != StringPool.missing, Int(code) < count else { return "" }
        let start = offsets[Int(code)], end = offsets[Int(code) + 1]
        return storage.withUnsafeBufferPointer { buf in
            String(decoding: UnsafeBufferPointer(rebasing: buf[start..<end]), as: UTF8.self)
        }
    }

    /// The string for `code`, or `nil` for ``missing``.
    public func optionalString(_ code: UInt32) -> String? {
        code == StringPool.missing ? nil : string(code)
    }

    /// Calls `body` with the raw bytes of `code` (empty for ``missing``).
    public func withBytes<R>(_ code: UInt32, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        guard code != StringPool.missing, Int(code) < count else {
            return try body(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        let start = offsets[Int(code)], end = offsets[Int(code) + 1]
        return try storage.withUnsafeBytes { raw in
            try body(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
        }
    }

    /// All strings in code order.
    public var strings: [String] { (0..<count).map { string(UInt32($0)) } }

    @usableFromInline
    mutating func internBytes(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        intern(bytes, slotHash: StringPool.slotHash(bytes))
    }

    /// Prefetches the table slots where strings of these slot hashes (``slotHash(_:)``) go,
    /// so that interning them next finds those slots in cache: for a batch of mostly new
    /// strings the misses then overlap instead of coming one after another.
    func warmSlots(_ hashes: UnsafeBufferPointer<UInt32>) {
        for h in hashes { prefetchSlot(h) }
    }

    /// Starts loading the table slot where a string of slot hash `h` goes, so that
    /// interning it a little later does not wait for memory.
    @inline(__always)
    func prefetchSlot(_ h: UInt32) {
        if keepsHashes {
            wideSlots.withUnsafeBufferPointer { slots in
                if let base = slots.baseAddress { sy_prefetch(base + (Int(h) & (slots.count - 1))) }
            }
        } else {
            narrowSlots.withUnsafeBufferPointer { slots in
                if let base = slots.baseAddress { sy_prefetch(base + (Int(h) & (slots.count - 1))) }
            }
        }
    }

    /// Interns bytes whose ``slotHash(_:)`` is `h`.
    mutating func intern(_ bytes: UnsafeRawBufferPointer, slotHash h: UInt32) -> UInt32 {
        let (found, slot) = probe(bytes, h)
        if let found { return found }
        let code = UInt32(count)
        storage.append(contentsOf: bytes)
        offsets.append(storage.count)
        setSlot(slot, code: code, hash: h)
        if count * 2 > slotCount { grow(to: slotCount * 2) }
        return code
    }

    /// The code of `bytes` (32-bit slot hash `h`), or `nil` and the free slot where they go.
    @inline(__always)
    private func probe(_ bytes: UnsafeRawBufferPointer, _ h: UInt32) -> (UInt32?, Int) {
        let mask = slotCount - 1
        var slot = Int(h) & mask
        if keepsHashes {
            return wideSlots.withUnsafeBufferPointer { slots in
                while true {
                    let entry = slots[slot]
                    if entry == StringPool.emptySlot { return (nil, slot) }
                    let code = UInt32(truncatingIfNeeded: entry)
                    if UInt32(truncatingIfNeeded: entry >> 32) == h && equals(Int(code), bytes) { return (code, slot) }
                    slot = (slot + 1) & mask
                }
            }
        }
        while true {
            let code = narrowSlots[slot]
            if code == StringPool.missing { return (nil, slot) }
            if equals(Int(code), bytes) { return (code, slot) }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private mutating func setSlot(_ slot: Int, code: UInt32, hash h: UInt32) {
        if keepsHashes {
            wideSlots[slot] = UInt64(code) | UInt64(h) << 32
        } else {
            narrowSlots[slot] = code
        }
    }

    private func lookup(_ bytes: UnsafeRawBufferPointer, hash h: UInt32) -> UInt32? {
        probe(bytes, h).0
    }

    /// The 32-bit slot hash of every string, by code: read from the table while it keeps
    /// them, computed from the bytes otherwise.
    private func codeHashes() -> [UInt32] {
        var out = [UInt32](repeating: 0, count: count)
        if keepsHashes {
            for entry in wideSlots where entry != StringPool.emptySlot {
                out[Int(UInt32(truncatingIfNeeded: entry))] = UInt32(truncatingIfNeeded: entry >> 32)
            }
        } else {
            for code in 0..<count { out[code] = withBytes(UInt32(code)) { StringPool.slotHash($0) } }
        }
        return out
    }

    /// Makes room for `strings` more distinct strings of `bytes` bytes in all, so that
    /// interning them grows no table (the slot table takes the size the growth rule would
    /// reach). For columns known to hold mostly distinct values.
    mutating func reserveCapacity(strings: Int, bytes: Int) {
        guard strings > 0 else { return }
        storage.reserveCapacity(storage.count + bytes)
        offsets.reserveCapacity(offsets.count + strings)
        var size = slotCount
        while (count + strings) * 2 > size { size *= 2 }
        if size > slotCount { grow(to: size) }
    }

    /// Adds the strings of `other` that this pool lacks, in `other`'s code order, and returns
    /// for each code of `other` its code here: the same codes as interning `other`'s strings
    /// one by one. Used to merge the pools of chunks parsed on separate threads.
    ///
    /// Cost: one read-only lookup per string of `other` (split across up to `threads`
    /// threads, reusing `other`'s stored hashes), then one table insert per new string with
    /// no byte compare, and at most one table growth.
    mutating func absorb(_ other: StringPool, threads: Int) -> [UInt32] {
        let hashes = other.codeHashes()
        let map = absorbedCodes(other, threads: threads, hashes: hashes)
        absorbNew(other, codes: map, hashes: hashes)
        return map
    }

    /// The codes ``absorb(_:threads:)`` would give `other`'s strings, without changing this
    /// pool: strings found here keep their code, the others get `count`, `count + 1`, … in
    /// order. ``absorbNew(_:codes:)`` then adds them (the two may run on separate threads
    /// while nothing else changes the pool).
    func absorbedCodes(_ other: StringPool, threads: Int) -> [UInt32] {
        absorbedCodes(other, threads: threads, hashes: other.codeHashes())
    }

    private func absorbedCodes(_ other: StringPool, threads: Int, hashes: [UInt32]) -> [UInt32] {
        let m = other.count
        var map = [UInt32](repeating: StringPool.missing, count: m)
        guard m > 0 else { return map }
        let parts = threads > 1 && m >= 1 << 15 ? threads : 1
        map.withUnsafeMutableBufferPointer { out in
            let out = out
            ParallelJobs.run(jobs: parts, threads: threads) { part in
                let end = m * (part + 1) / parts
                for code in (m * part / parts)..<end {
                    // Table slots are cache misses in a large pool: each is prefetched ahead.
                    if code + 16 < end { prefetchSlot(hashes[code + 16]) }
                    out[code] = other.withBytes(UInt32(code)) { bytes in
                        lookup(bytes, hash: hashes[code]) ?? StringPool.missing
                    }
                }
            }
        }
        var next = UInt32(count)
        for code in 0..<m where map[code] == StringPool.missing {
            map[code] = next
            next += 1
        }
        return map
    }

    /// Appends the strings of `other` that `codes` (from ``absorbedCodes(_:threads:)`` on this
    /// very pool) marks as new, in order. Cost: one table insert per new string, no compare.
    mutating func absorbNew(_ other: StringPool, codes map: [UInt32]) {
        absorbNew(other, codes: map, hashes: other.codeHashes())
    }

    private mutating func absorbNew(_ other: StringPool, codes map: [UInt32], hashes: [UInt32]) {
        let old = count
        var added = 0, addedBytes = 0
        for code in 0..<other.count where Int(map[code]) >= old {
            added += 1
            addedBytes += other.offsets[code + 1] - other.offsets[code]
        }
        guard added > 0 else { return }
        reserveCapacity(strings: added, bytes: addedBytes)
        for code in 0..<other.count where Int(map[code]) >= old {
            other.withBytes(UInt32(code)) { storage.append(contentsOf: $0) }
            offsets.append(storage.count)
        }
        guard keepsHashes else {
            let mask = slotCount - 1
            for code in 0..<other.count where Int(map[code]) >= old {
                var slot = Int(hashes[code]) & mask
                while slotIsUsed(slot) { slot = (slot + 1) & mask }
                setSlot(slot, code: map[code], hash: hashes[code])
            }
            return
        }
        // The slots of a large table are cache misses: each is prefetched a few strings ahead.
        let ahead = 16
        wideSlots.withUnsafeMutableBufferPointer { slots in
            guard let base = slots.baseAddress else { return }
            let mask = slots.count - 1
            hashes.withUnsafeBufferPointer { hashes in
                map.withUnsafeBufferPointer { map in
                    for code in 0..<hashes.count {
                        if code + ahead < hashes.count { sy_prefetch(base + (Int(hashes[code + ahead]) & mask)) }
                        guard Int(map[code]) >= old else { continue }
                        let h = hashes[code]
                        var slot = Int(h) & mask
                        while slots[slot] != StringPool.emptySlot { slot = (slot + 1) & mask }
                        slots[slot] = UInt64(map[code]) | UInt64(h) << 32
                    }
                }
            }
        }
    }

    @inline(__always)
    private func slotIsUsed(_ slot: Int) -> Bool {
        keepsHashes ? wideSlots[slot] != StringPool.emptySlot : narrowSlots[slot] != StringPool.missing
    }

    /// Narrows the table to codes alone (4 bytes a slot instead of 8), for pools that are
    /// complete: later lookups and interns stay correct and compare lengths and bytes
    /// instead of hashes, and a table growth rehashes the strings from their bytes.
    /// Readers call it on finished logs.
    public mutating func dropHashes() {
        guard keepsHashes else { return }
        narrowSlots = wideSlots.map { $0 == StringPool.emptySlot ? StringPool.missing : UInt32(truncatingIfNeeded: $0) }
        wideSlots = []
        keepsHashes = false
    }

    private func equals(_ code: Int, _ bytes: UnsafeRawBufferPointer) -> Bool {
        let start = offsets[code], end = offsets[code + 1]
        guard end - start == bytes.count else { return false }
        if bytes.count == 0 { return true }
        return storage.withUnsafeBytes { raw in
            memcmp(raw.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
        }
    }

    /// Rebuilds the table with `size` slots (a power of two, more than twice ``count``).
    private mutating func grow(to size: Int) {
        let mask = size - 1
        if keepsHashes {
            var bigger = [UInt64](repeating: StringPool.emptySlot, count: size)
            for entry in wideSlots where entry != StringPool.emptySlot {
                var slot = Int(UInt32(truncatingIfNeeded: entry >> 32)) & mask
                while bigger[slot] != StringPool.emptySlot { slot = (slot + 1) & mask }
                bigger[slot] = entry
            }
            wideSlots = bigger
            return
        }
        var bigger = [UInt32](repeating: StringPool.missing, count: size)
        for code in 0..<count {
            var slot = Int(withBytes(UInt32(code)) { StringPool.slotHash($0) }) & mask
            while bigger[slot] != StringPool.missing { slot = (slot + 1) & mask }
            bigger[slot] = UInt32(code)
        }
        narrowSlots = bigger
    }

    /// The 32 bits of ``hash(_:)`` that place a string in the table and tag its slot.
    @inline(__always)
    static func slotHash(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        let h = hash(bytes)
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// A fast 64-bit hash of raw bytes (8 bytes a step, multiply-xorshift mixing).
    @inlinable
    public static func hash(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            let word = bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        h = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 32
        return h
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
