import EventLog

/// Counts of ordered pairs `(a, b)` of codes below `n`, in a flat `n × n` matrix when `n`
/// is modest and in a hash map otherwise. Two counts over the same `n` merge by adding.
struct PairCounts: Sendable {
    /// Largest `n × n` kept as a flat matrix (8 MB of `Int`).
    static let denseLimit = 1 << 20

    let n: Int
    private(set) var dense: [Int]
    private(set) var sparse: [UInt64: Int]

    init(n: Int) {
        self.n = n
        if n * n <= PairCounts.denseLimit {
            dense = [Int](repeating: 0, count: n * n)
        } else {
            dense = []
        }
        sparse = [:]
    }

    var isDense: Bool { !dense.isEmpty || n == 0 }

    @inline(__always)
    mutating func add(_ a: UInt32, _ b: UInt32, _ k: Int = 1) {
        if isDense {
            dense[Int(a) &* n &+ Int(b)] &+= k
        } else {
            sparse[UInt64(a) << 32 | UInt64(b), default: 0] += k
        }
    }

    func count(_ a: Int, _ b: Int) -> Int {
        isDense ? dense[a * n + b] : sparse[UInt64(a) << 32 | UInt64(b)] ?? 0
    }

    mutating func merge(_ other: PairCounts) {
        if isDense {
            for i in 0..<dense.count { dense[i] &+= other.dense[i] }
        } else {
            for (k, v) in other.sparse { sparse[k, default: 0] += v }
        }
    }

    /// Every pair with a non-zero count, in no particular order.
    func nonZero() -> [(a: Int, b: Int, count: Int)] {
        var out: [(a: Int, b: Int, count: Int)] = []
        if isDense {
            for i in 0..<dense.count where dense[i] != 0 { out.append((i / n, i % n, dense[i])) }
        } else {
            for (k, v) in sparse where v != 0 { out.append((Int(k >> 32), Int(k & 0xFFFF_FFFF), v)) }
        }
        return out
    }

    /// Counts the directly-follows pairs of `codes` inside cases `cases`. A missing code
    /// breaks the chain (pandas drops pairs with a missing side); a `keep` mask instead
    /// removes events of unkept classes, so their neighbours become adjacent.
    static func count(
        codes: UnsafeBufferPointer<UInt32>, offsets: UnsafeBufferPointer<Int>, cases: Range<Int>, n: Int,
        keep: [Bool]?
    ) -> PairCounts {
        var counts = PairCounts(n: n)
        let missing = StringPool.missing
        if counts.isDense, keep == nil {
            counts.dense.withUnsafeMutableBufferPointer { m in
                for c in cases {
                    let lo = offsets[c], hi = offsets[c + 1]
                    guard hi - lo > 1 else { continue }
                    var prev = codes[lo]
                    var e = lo + 1
                    while e < hi {
                        let cur = codes[e]
                        if prev != missing && cur != missing { m[Int(prev) &* n &+ Int(cur)] &+= 1 }
                        prev = cur
                        e += 1
                    }
                }
            }
            return counts
        }
        for c in cases {
            var prev = missing
            var started = false
            for e in offsets[c]..<offsets[c + 1] {
                let cur = codes[e]
                if let keep, cur != missing, !keep[Int(cur)] { continue }
                if started && prev != missing && cur != missing { counts.add(prev, cur) }
                prev = cur
                started = true
            }
        }
        return counts
    }
}
