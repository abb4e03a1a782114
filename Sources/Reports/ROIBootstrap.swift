/// Percentile bootstrap over exceptions: resample the rows with replacement, sum each
/// column, and read the interval off the sorted sums. Seeded, so the same inputs and seed
/// give the same intervals on every machine. Cost: O(samples × rows × columns).
public enum ROIBootstrap {
    /// For each column: its sum and the `(1 − level)/2` and `(1 + level)/2` percentiles of
    /// its sum over `samples` resamples (all columns resampled with the same rows). With no
    /// samples or no rows the interval is the point.
    public static func estimates(_ columns: [[Double]], samples: Int, level: Double, seed: UInt64) -> [Estimate] {
        let sums = columns.map { $0.reduce(0, +) }
        let n = columns.first?.count ?? 0
        guard samples > 0, n > 0 else { return sums.map { Estimate(value: $0, low: $0, high: $0) } }
        var rng = SplitMix64(seed: seed)
        var draws = [[Double]](repeating: [Double](repeating: 0, count: samples), count: columns.count)
        var counts = [Int32](repeating: 0, count: n)
        for s in 0..<samples {
            for i in 0..<n { counts[i] = 0 }
            for _ in 0..<n { counts[rng.index(below: n)] += 1 }
            for (c, column) in columns.enumerated() {
                var total = 0.0
                for i in 0..<n where counts[i] != 0 { total += Double(counts[i]) * column[i] }
                draws[c][s] = total
            }
        }
        let lowQ = (1 - level) / 2, highQ = (1 + level) / 2
        return columns.indices.map { c in
            let sorted = draws[c].sorted()
            return Estimate(value: sums[c], low: percentile(sorted, lowQ), high: percentile(sorted, highQ))
        }
    }

    /// Linear interpolation between closest ranks (the usual "type 7" percentile).
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let h = q * Double(sorted.count - 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

/// SplitMix64 (Steele, Lea & Flood): a small, fast, seedable generator; the same sequence on
/// every platform.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in `0 ..< n` (Lemire's multiply-shift with rejection; `n` > 0).
    mutating func index(below n: Int) -> Int {
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }
}
