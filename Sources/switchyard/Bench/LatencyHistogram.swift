/// Request latencies in microseconds, counted in log-linear buckets so that percentiles of
/// millions of requests cost a fixed 21 KB and no allocation per request.
///
/// Values below 256 µs have a bucket each (exact); above, every power of two is split into 128
/// equal buckets, so a bucket is at most 1/128 (0.8 %) of its values wide. The top bucket ends at
/// 2^27 µs (about 134 s); longer values are counted there, and the exact ``max`` is kept apart.
///
/// ```swift
/// var h = LatencyHistogram()
/// h.record(micros: 312)
/// h.percentile(0.99)   // 312 (the top of its bucket, never above the largest value)
/// ```
///
/// Recording is a leading-zero count, a shift and an increment. One histogram per thread;
/// ``merge(_:)`` adds them up afterwards.
struct LatencyHistogram: Sendable {
    /// log2 of the buckets per power of two.
    static let subBucketBits = 7
    static let subBuckets = 1 << subBucketBits
    /// The largest bit position a value may have (values ≥ 2^27 µs are clamped).
    static let maxMagnitude = 26
    static let bucketCount = (maxMagnitude - subBucketBits + 2) * subBuckets

    private(set) var counts = [UInt64](repeating: 0, count: LatencyHistogram.bucketCount)
    /// Values recorded.
    private(set) var total: UInt64 = 0
    /// Exact extremes, µs (0 when empty).
    private(set) var max: UInt64 = 0
    private(set) var min: UInt64 = .max

    /// The bucket of `micros`.
    static func index(of micros: UInt64) -> Int {
        let clamped = Swift.min(micros, (UInt64(1) << (maxMagnitude + 1)) - 1)
        if clamped < UInt64(2 * subBuckets) { return Int(clamped) }
        let magnitude = 63 - clamped.leadingZeroBitCount
        let shift = magnitude - subBucketBits
        return shift * subBuckets + Int(clamped >> UInt64(shift))
    }

    /// The values bucket `index` holds: its lowest value and its width, µs.
    static func bucket(_ index: Int) -> (lower: UInt64, width: UInt64) {
        if index < 2 * subBuckets { return (UInt64(index), 1) }
        let shift = index / subBuckets - 1
        return (UInt64(index - shift * subBuckets) << UInt64(shift), UInt64(1) << UInt64(shift))
    }

    /// Counts one latency.
    mutating func record(micros: UInt64) {
        counts[LatencyHistogram.index(of: micros)] &+= 1
        total &+= 1
        if micros > max { max = micros }
        if micros < min { min = micros }
    }

    /// Adds another histogram's counts (e.g. another thread's).
    mutating func merge(_ other: LatencyHistogram) {
        for i in counts.indices { counts[i] &+= other.counts[i] }
        total &+= other.total
        max = Swift.max(max, other.max)
        min = Swift.min(min, other.min)
    }

    /// The `q` quantile (0…1), µs: the top of the bucket holding the value of rank ⌈q·total⌉
    /// in sorted order, capped at ``max``; so it lies in the same bucket as the exact value.
    /// 0 when empty. Cost: one pass over the buckets.
    func percentile(_ q: Double) -> UInt64 {
        guard total > 0 else { return 0 }
        let rank = Swift.max(1, UInt64((Double(total) * Swift.min(Swift.max(q, 0), 1)).rounded(.up)))
        var seen: UInt64 = 0
        for (i, c) in counts.enumerated() where c > 0 {
            seen += c
            if seen >= rank {
                let (lower, width) = LatencyHistogram.bucket(i)
                return Swift.min(lower + width - 1, max)
            }
        }
        return max
    }
}
