/// The values of one extra CSV column while a chunk is parsed.
///
/// Values are interned as text into a per-column pool; the type is inferred at the end from
/// the distinct values only (see ``CSVAttributeTyping``). While every case shows a single
/// value, only one code per case is kept (`caseFirst`) and later events of a case are
/// compared byte-wise with it, without hashing. The first event that differs turns the
/// column into one code per event (`perEvent`), rebuilt from `caseFirst` for the events
/// before it. Columns that stay constant end up as case attributes without ever costing
/// 4 bytes per event.
struct CSVAttributeBuffer: Sendable {
    var pool = StringPool()
    /// Code of the first value of each chunk-local case (``StringPool/missing`` when empty).
    var caseFirst: [UInt32] = []
    /// One code per event; filled once the column is no longer constant within cases.
    var perEvent: [UInt32] = []
    /// Whether every case seen so far holds a single value in this column.
    var constantWithinCases = true

    /// Records the value of the event about to be appended, whose case is `caseCode`
    /// (`isNewCase` on its first event). `caseOfEvent` lists the cases of the events already
    /// appended.
    @inline(__always)
    mutating func add(
        _ bytes: UnsafeRawBufferPointer, missing: Bool, caseCode: UInt32, isNewCase: Bool, caseOfEvent: [UInt32]
    ) {
        if constantWithinCases {
            if isNewCase {
                caseFirst.append(missing ? StringPool.missing : pool.intern(bytes))
                return
            }
            let first = caseFirst[Int(caseCode)]
            if same(first, bytes, missing: missing) { return }
            materialize(caseOfEvent)
        }
        perEvent.append(missing ? StringPool.missing : pool.intern(bytes))
    }

    /// Switches to one code per event for the events in `caseOfEvent`.
    mutating func materialize(_ caseOfEvent: [UInt32]) {
        guard constantWithinCases else { return }
        let first = caseFirst
        perEvent = caseOfEvent.map { first[Int($0)] }
        constantWithinCases = false
        caseFirst = []
    }

    @inline(__always)
    private func same(_ code: UInt32, _ bytes: UnsafeRawBufferPointer, missing: Bool) -> Bool {
        if code == StringPool.missing || missing { return code == StringPool.missing && missing }
        return pool.withBytes(code) { stored in
            guard stored.count == bytes.count else { return false }
            guard let a = stored.baseAddress, let b = bytes.baseAddress else { return true }
            return memcmp(a, b, bytes.count) == 0
        }
    }

    /// Appends `other` (a later chunk whose codes map through `caseMap` into this chunk's
    /// cases, of which `oldCases` existed before the merge). `caseOfEvent` and
    /// `otherCaseOfEvent` are the two chunks' event cases before the merge.
    mutating func append(
        _ other: CSVAttributeBuffer, caseMap: [UInt32], oldCases: Int, caseOfEvent: [UInt32], otherCaseOfEvent: [UInt32]
    ) {
        let valueMap = CSVAttributeBuffer.remap(other.pool, into: &pool)
        @inline(__always) func mapped(_ code: UInt32) -> UInt32 {
            code == StringPool.missing ? code : valueMap[Int(code)]
        }
        if constantWithinCases && other.constantWithinCases {
            var agree = true
            for (c2, first2) in other.caseFirst.enumerated() {
                let c1 = Int(caseMap[c2])
                if c1 < oldCases && caseFirst[c1] != mapped(first2) {
                    agree = false
                    break
                }
            }
            if agree {
                for (c2, first2) in other.caseFirst.enumerated() where Int(caseMap[c2]) >= oldCases {
                    caseFirst.append(mapped(first2))
                }
                return
            }
        }
        materialize(caseOfEvent)
        if other.constantWithinCases {
            perEvent.reserveCapacity(perEvent.count + otherCaseOfEvent.count)
            for c in otherCaseOfEvent { perEvent.append(mapped(other.caseFirst[Int(c)])) }
        } else {
            perEvent.append(contentsOf: other.perEvent.map(mapped))
        }
    }

    /// For each code of `from`, its code in `into` (interned there when new).
    static func remap(_ from: StringPool, into: inout StringPool) -> [UInt32] {
        var map = [UInt32](repeating: 0, count: from.count)
        for code in 0..<from.count {
            map[code] = from.withBytes(UInt32(code)) { into.intern($0) }
        }
        return map
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
