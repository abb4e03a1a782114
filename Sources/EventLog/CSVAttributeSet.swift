/// A reference to one cell's bytes, packed in 64 bits: in place in the input file, or in a
/// chunk's arena when the cell had doubled quotes to undo. ``missing`` marks an empty cell.
///
/// Layout: bit 63 arena flag, bits 25…62 offset (256 GB), bits 0…24 length (32 MB).
enum CSVValueRef {
    static let missing: UInt64 = .max
    static let arenaFlag: UInt64 = 1 << 63
    static let lengthBits: UInt64 = 25
    /// Longest cell an attribute may hold.
    static let maxLength = (1 << 25) - 1
    /// Largest offset a reference can hold (the input file must be smaller).
    static let maxOffset = (1 << 38) - 1

    @inline(__always)
    static func make(offset: Int, length: Int, inArena: Bool) -> UInt64 {
        (inArena ? arenaFlag : 0) | UInt64(truncatingIfNeeded: offset) << lengthBits | UInt64(truncatingIfNeeded: length)
    }

    @inline(__always)
    static func length(_ ref: UInt64) -> Int { Int(truncatingIfNeeded: ref & ((1 << lengthBits) - 1)) }

    @inline(__always)
    static func offset(_ ref: UInt64) -> Int { Int(truncatingIfNeeded: (ref & ~arenaFlag) >> lengthBits) }

    /// The same reference with an arena offset moved by `shift` (file references unchanged).
    @inline(__always)
    static func shifted(_ ref: UInt64, by shift: Int) -> UInt64 {
        guard ref != missing, ref & arenaFlag != 0 else { return ref }
        return make(offset: offset(ref) + shift, length: length(ref), inArena: true)
    }
}

/// Where the bytes behind ``CSVValueRef``s live while they are in use.
struct CSVValueSource {
    let file: UnsafeRawBufferPointer
    let arena: UnsafeRawBufferPointer

    /// The bytes of `ref` (empty for a missing value).
    @inline(__always)
    func bytes(_ ref: UInt64) -> UnsafeRawBufferPointer {
        guard ref != CSVValueRef.missing else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let base = ref & CSVValueRef.arenaFlag != 0 ? arena : file
        let start = CSVValueRef.offset(ref), count = CSVValueRef.length(ref)
        guard let p = base.baseAddress, start + count <= base.count else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        return UnsafeRawBufferPointer(start: p + start, count: count)
    }

    /// Whether two references hold the same value (two missing values are the same).
    @inline(__always)
    func same(_ a: UInt64, _ b: UInt64) -> Bool {
        if a == b { return true }
        if a == CSVValueRef.missing || b == CSVValueRef.missing { return false }
        let n = CSVValueRef.length(a)
        guard n == CSVValueRef.length(b) else { return false }
        let x = bytes(a), y = bytes(b)
        if n <= 16 { return CSVCodeCache.fingerprint(x) == CSVCodeCache.fingerprint(y) }
        if n <= 32 {
            // Four overlapping words cover up to 32 bytes without a call.
            return x.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == y.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 16, as: UInt64.self)
                && x.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        guard let p = x.baseAddress, let q = y.baseAddress else { return n == 0 }
        return memcmp(p, q, n) == 0
    }
}

/// The extra (attribute) columns of a chunk while it is parsed, kept as references to
/// their bytes; typing and interning wait until the whole file is read (see
/// ``CSVAttributeTyping``), one column per thread.
///
/// While every case shows one value in a column, only the reference of each case's first
/// value is kept (`caseFirst`, all columns of a case side by side) and later events of the
/// case are compared with it byte for byte. The first event that differs gives the column
/// one reference per event (`perEvent`), rebuilt from `caseFirst` for the events before.
/// Columns that stay constant become case attributes without costing anything per event.
struct CSVAttributeSet: Sendable {
    let count: Int
    /// `caseFirst[c * count + k]`: the first value of column `k` in chunk-local case `c`.
    var caseFirst: [UInt64] = []
    var constant: [Bool]
    /// One reference per event for each column no longer constant within cases.
    var perEvent: [[UInt64]]
    /// Unescaped bytes of cells that had doubled quotes.
    var arena: [UInt8] = []
    /// Per column, the types all its values fit (see ``CSVAttributeTyping/narrow(_:_:)``).
    var typeMasks: [UInt8]

    init(count: Int) {
        self.count = count
        constant = Array(repeating: true, count: count)
        perEvent = Array(repeating: [], count: count)
        typeMasks = Array(repeating: CSVAttributeTyping.initialMask, count: count)
    }

    @inline(__always)
    private mutating func classify(_ k: Int, _ ref: UInt64, _ source: CSVValueSource) {
        let mask = typeMasks[k]
        guard ref != CSVValueRef.missing, mask != CSVAttributeTyping.seenBit else { return }
        typeMasks[k] = CSVAttributeTyping.narrow(mask, source.bytes(ref))
    }

    /// Records the row `refs` (one per column) of the event about to be appended, of case
    /// `caseCode`; `caseOfEvent` lists the cases of the events already appended.
    @inline(__always)
    mutating func add(
        _ refs: UnsafePointer<UInt64>, caseCode: UInt32, isNewCase: Bool, caseOfEvent: [UInt32], source: CSVValueSource
    ) {
        if isNewCase {
            caseFirst.append(contentsOf: UnsafeBufferPointer(start: refs, count: count))
            for k in 0..<count {
                classify(k, refs[k], source)
                if !constant[k] { perEvent[k].append(refs[k]) }
            }
            return
        }
        let base = Int(caseCode) * count
        for k in 0..<count {
            if constant[k] {
                if source.same(caseFirst[base + k], refs[k]) { continue }
                materialize(k, caseOfEvent)
            }
            classify(k, refs[k], source)
            perEvent[k].append(refs[k])
        }
    }

    /// Gives column `k` one reference per event for the events in `caseOfEvent`.
    mutating func materialize(_ k: Int, _ caseOfEvent: [UInt32]) {
        guard constant[k] else { return }
        let first = caseFirst, n = count
        perEvent[k] = caseOfEvent.map { first[Int($0) * n + k] }
        constant[k] = false
    }

    /// The references of column `k` for the chunk's cases in order (constant columns).
    func caseColumn(_ k: Int) -> [UInt64] {
        stride(from: k, to: caseFirst.count, by: count).map { caseFirst[$0] }
    }

    /// Appends `other`, the set of the chunk that follows (its cases map through `caseMap`
    /// into this chunk's cases, of which `oldCases` existed before), comparing the values of
    /// cases seen in both. `caseOfEvent`/`otherCaseOfEvent` are the chunks' event cases.
    mutating func append(
        _ other: CSVAttributeSet, caseMap: [UInt32], oldCases: Int, caseOfEvent: [UInt32], otherCaseOfEvent: [UInt32],
        file: UnsafeRawBufferPointer
    ) {
        for k in 0..<count { typeMasks[k] = CSVAttributeTyping.merge(typeMasks[k], other.typeMasks[k]) }
        let shift = arena.count
        arena.append(contentsOf: other.arena)
        var otherFirst = other.caseFirst
        for i in otherFirst.indices { otherFirst[i] = CSVValueRef.shifted(otherFirst[i], by: shift) }
        arena.withUnsafeBytes { arenaBytes in
            let source = CSVValueSource(file: file, arena: arenaBytes)
            for (c2, c1) in caseMap.enumerated() where Int(c1) < oldCases {
                for k in 0..<count where constant[k] && other.constant[k] {
                    if !source.same(caseFirst[Int(c1) * count + k], otherFirst[c2 * count + k]) {
                        materialize(k, caseOfEvent)
                    }
                }
            }
        }
        for k in 0..<count where constant[k] != other.constant[k] { materialize(k, caseOfEvent) }
        for k in 0..<count where !constant[k] {
            if other.constant[k] {
                perEvent[k].append(contentsOf: otherCaseOfEvent.map { otherFirst[Int($0) * count + k] })
            } else {
                perEvent[k].append(contentsOf: other.perEvent[k].map { CSVValueRef.shifted($0, by: shift) })
            }
        }
        for (c2, c1) in caseMap.enumerated() where Int(c1) >= oldCases {
            caseFirst.append(contentsOf: otherFirst[(c2 * count)..<(c2 * count + count)])
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
