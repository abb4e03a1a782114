/// Summary of a set of durations held in microseconds: count, total, min, max, mean,
/// median and sample standard deviation, reported in seconds.
///
/// Totals are exact (128-bit sums of microseconds); the median of an even count is the mean
/// of the two middle values, as pandas computes it; the standard deviation uses `n − 1`
/// (pandas' `std`) and is `nil` below two values. Statistics of two disjoint sets merge
/// exactly except for the median and deviation, which need the values (see
/// ``init(micros:)``). Cost: O(n) — the median by selection, not by sorting.
public struct DurationStatistics: Sendable, Equatable, Codable {
    public var count: Int
    public var totalMicros: Int64
    public var minMicros: Int64
    public var maxMicros: Int64
    public var medianSeconds: Double
    public var stdevSeconds: Double?

    /// Statistics of no values: every figure zero.
    public static let empty = DurationStatistics(
        count: 0, totalMicros: 0, minMicros: 0, maxMicros: 0, medianSeconds: 0, stdevSeconds: nil)

    public init(count: Int, totalMicros: Int64, minMicros: Int64, maxMicros: Int64, medianSeconds: Double, stdevSeconds: Double?) {
        self.count = count
        self.totalMicros = totalMicros
        self.minMicros = minMicros
        self.maxMicros = maxMicros
        self.medianSeconds = medianSeconds
        self.stdevSeconds = stdevSeconds
    }

    /// Statistics of `micros` (reordered in place by the median selection).
    public init(micros: inout [Int64]) {
        self = micros.withUnsafeMutableBufferPointer { DurationStatistics(buffer: $0) }
    }

    /// Statistics of the values in `buffer` (reordered in place).
    init(buffer: UnsafeMutableBufferPointer<Int64>) {
        let n = buffer.count
        guard n > 0 else {
            self = .empty
            return
        }
        // One pass: exact sum, min, max, and shifted moments for the deviation (shifting by
        // the first value keeps the sum of squares free of cancellation).
        let shift = buffer[0]
        var sum: Int128 = 0
        var lo = Int64.max, hi = Int64.min
        var d1 = 0.0, d2 = 0.0
        for v in buffer {
            sum += Int128(v)
            if v < lo { lo = v }
            if v > hi { hi = v }
            let d = Double(v &- shift)
            d1 += d
            d2 += d * d
        }
        var stdev: Double? = nil
        if n > 1 {
            let variance = max(0, (d2 - d1 * d1 / Double(n)) / Double(n - 1))
            stdev = variance.squareRoot() / 1e6
        }
        count = n
        totalMicros = Int64(clamping: sum)
        minMicros = lo
        maxMicros = hi
        stdevSeconds = stdev
        medianSeconds = DurationStatistics.median(buffer)
    }

    public var totalSeconds: Double { Double(totalMicros) / 1e6 }
    public var minSeconds: Double { Double(minMicros) / 1e6 }
    public var maxSeconds: Double { Double(maxMicros) / 1e6 }
    public var meanSeconds: Double { count == 0 ? 0 : Double(totalMicros) / Double(count) / 1e6 }

    /// Median in seconds of the values (reordered in place), pandas' definition.
    static func median(_ v: UnsafeMutableBufferPointer<Int64>) -> Double {
        let n = v.count
        guard n > 0 else { return 0 }
        let upper = select(v, n / 2)
        if n % 2 == 1 { return Double(upper) / 1e6 }
        // After selection everything left of n/2 is ≤ the upper middle: its maximum is the lower one.
        var lower = v[0]
        for i in 1..<(n / 2) where v[i] > lower { lower = v[i] }
        return (Double(lower) + Double(upper)) / 2e6
    }

    /// The `k`-th smallest value (0-based), moving it to index `k` with smaller values left
    /// of it (Hoare selection with a median-of-three pivot; insertion sort on short ranges).
    static func select(_ v: UnsafeMutableBufferPointer<Int64>, _ k: Int) -> Int64 {
        var lo = 0, hi = v.count - 1
        while hi - lo > 16 {
            let mid = lo + (hi - lo) / 2
            if v[mid] < v[lo] { v.swapAt(mid, lo) }
            if v[hi] < v[lo] { v.swapAt(hi, lo) }
            if v[hi] < v[mid] { v.swapAt(hi, mid) }
            let pivot = v[mid]
            var i = lo, j = hi
            while i <= j {
                while v[i] < pivot { i += 1 }
                while v[j] > pivot { j -= 1 }
                if i <= j {
                    v.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                hi = j
            } else if k >= i {
                lo = i
            } else {
                return v[k]
            }
        }
        // Insertion sort of the short remaining range.
        if hi > lo {
            for a in (lo + 1)...hi {
                let x = v[a]
                var b = a - 1
                while b >= lo && v[b] > x {
                    v[b + 1] = v[b]
                    b -= 1
                }
                v[b + 1] = x
            }
        }
        return v[k]
    }
}

extension DurationStatistics {
    /// Statistics of each block `values[starts[i] ..< starts[i + 1]]` (reordered in place),
    /// blocks split over the cores in runs of about equal total size.
    static func ofBlocks(_ values: inout [Int64], starts: [Int]) -> [DurationStatistics] {
        let blocks = starts.count - 1
        guard blocks > 0 else { return [] }
        let total = starts[blocks]
        let parts = Parallel.sliceCount(events: total)
        // Block boundaries of each part: first block starting at or after k/parts of the values.
        var cuts = [0]
        for k in 1..<max(1, parts) {
            let target = total / parts * k
            var lo = cuts[cuts.count - 1], hi = blocks
            while lo < hi {
                let mid = (lo + hi) / 2
                if starts[mid] < target { lo = mid + 1 } else { hi = mid }
            }
            cuts.append(lo)
        }
        cuts.append(blocks)
        return values.withUnsafeMutableBufferPointer { all in
            Parallel.map(cuts.count - 1) { p in
                (cuts[p]..<cuts[p + 1]).map { i in
                    DurationStatistics(buffer: UnsafeMutableBufferPointer(rebasing: all[starts[i]..<starts[i + 1]]))
                }
            }.flatMap { $0 }
        }
    }
}
