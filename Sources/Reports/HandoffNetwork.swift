import EventLog
import Lifecycle

/// Handoffs between owners read off the exceptions' owner sequences: one count per ordered
/// pair (A → B) of consecutive owners. The counts add up to the table's handoffs (the KPI
/// module's `handoffs`). Cost: O(total owner-sequence length).
public struct HandoffNetwork: Sendable, Equatable {
    public var owners: [String]
    /// `(from, to, count)` by index into ``owners``, busiest first.
    public var edges: [(from: Int, to: Int, count: Int)]

    public static func == (a: HandoffNetwork, b: HandoffNetwork) -> Bool {
        a.owners == b.owners && a.edges.elementsEqual(b.edges) { $0.from == $1.from && $0.to == $1.to && $0.count == $1.count }
    }

    public init(_ t: ExceptionTable) {
        var counts: [UInt64: Int] = [:]
        for r in 0..<t.count {
            let seq = t.ownerCodes(r)
            var previous: UInt32?
            for code in seq {
                if let p = previous, p != code { counts[UInt64(p) << 32 | UInt64(code), default: 0] += 1 }
                previous = code
            }
        }
        var used = Set<UInt32>()
        for key in counts.keys {
            used.insert(UInt32(truncatingIfNeeded: key >> 32))
            used.insert(UInt32(truncatingIfNeeded: key))
        }
        let codes = used.sorted { t.owners.string($0) < t.owners.string($1) }
        owners = codes.map { t.owners.string($0) }
        var index: [UInt32: Int] = [:]
        for (i, c) in codes.enumerated() { index[c] = i }
        edges = counts.compactMap { key, n in
            guard let a = index[UInt32(truncatingIfNeeded: key >> 32)], let b = index[UInt32(truncatingIfNeeded: key)] else { return nil }
            return (a, b, n)
        }.sorted { $0.count != $1.count ? $0.count > $1.count : ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// Total handoffs.
    public var total: Int { edges.reduce(0) { $0 + $1.count } }

    /// Handoffs received by each owner.
    public var received: [Int] {
        var out = [Int](repeating: 0, count: owners.count)
        for e in edges { out[e.to] += e.count }
        return out
    }
}
