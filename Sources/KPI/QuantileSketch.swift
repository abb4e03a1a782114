import Foundation

/// Quantiles of non-negative durations (microseconds) that merge across partitions.
///
/// While it holds at most ``exactCapacity`` values the sketch keeps them all and answers
/// exactly (linear interpolation between order statistics, as numpy's default). Past that it
/// switches, for good, to log-spaced bins (the DDSketch idea): a value `v > 0` goes to bin
/// `⌈log_γ v⌉` with `γ = (1 + α) / (1 − α)`, zeros to a bin of their own, and a quantile is
/// reported as the bin's centre `2γ^i / (γ + 1)`, clamped to the exact minimum and maximum.
///
/// **Error bound**: in binned mode every reported quantile is within a relative error of
/// ``relativeAccuracy`` (α = 0.5 %) of the order statistic(s) it stands for; counts, minimum
/// and maximum are always exact.
///
/// **Merging** is exact: whether a sketch is binned depends only on how many values it
/// holds, and bins add up, so merging the sketches of two halves gives the same answers as
/// the sketch of the whole. Cost: O(1) per value (one `log` in binned mode, supplied by the
/// caller as ``binIndex(_:)`` so a row computes it once for every slice it feeds); memory at
/// most 8 bytes × ``exactCapacity`` or 8 bytes per bin between the smallest and largest
/// bin seen (about 1 400 bins from one second to one month).
public struct QuantileSketch: Sendable {
    /// Values kept exactly before the sketch switches to bins.
    public static let exactCapacity = 1024
    /// Relative accuracy α of binned answers.
    public static let relativeAccuracy = 0.005
    static let gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy)
    static let inverseLogGamma = 1 / log(gamma)

    /// Number of values added.
    public private(set) var count = 0
    /// Smallest value added (µs); `Int64.max` when empty.
    public private(set) var min = Int64.max
    /// Largest value added (µs); `Int64.min` when empty.
    public private(set) var max = Int64.min
    private var values: [Int64] = []
    /// Binned mode: `[zeros, base, count of bin base, count of bin base + 1, …]`; empty in
    /// exact mode (kept in one array so an exact sketch stays 40 bytes inline).
    private var store: [Int] = []

    /// Whether the sketch holds bins instead of values.
    public var isBinned: Bool { !store.isEmpty }
    private var zeros: Int { store.isEmpty ? 0 : store[0] }
    private var base: Int { store.isEmpty ? 0 : store[1] }
    private var binCount: Int { Swift.max(store.count - 2, 0) }
    @inline(__always) private func bin(_ j: Int) -> Int { store[j + 2] }

    public init() {}

    /// The bin of a positive value. Cost: one `log`.
    @inline(__always)
    public static func binIndex(_ micros: Int64) -> Int {
        micros > 0 ? Int((log(Double(micros)) * inverseLogGamma).rounded(.up)) : 0
    }

    /// The value a bin stands for.
    @inline(__always)
    static func binValue(_ index: Int) -> Double {
        2 * pow(gamma, Double(index)) / (gamma + 1)
    }

    /// Adds `micros` (≥ 0) whose bin (``binIndex(_:)``) is `bin`.
    @inline(__always)
    public mutating func add(_ micros: Int64, bin: Int) {
        count += 1
        if micros < min { min = micros }
        if micros > max { max = micros }
        if isBinned {
            insert(micros, bin: bin, times: 1)
        } else {
            if values.capacity == 0 { values.reserveCapacity(8) }
            values.append(micros)
            if count > QuantileSketch.exactCapacity { switchToBins() }
        }
    }

    /// Adds `micros` (≥ 0), computing its bin.
    public mutating func add(_ micros: Int64) { add(micros, bin: QuantileSketch.binIndex(micros)) }

    /// Adds every value of `other`.
    public mutating func merge(_ other: QuantileSketch) {
        guard other.count > 0 else { return }
        count += other.count
        min = Swift.min(min, other.min)
        max = Swift.max(max, other.max)
        if !isBinned, !other.isBinned, count <= QuantileSketch.exactCapacity {
            values += other.values
            return
        }
        if !isBinned { switchToBins() }
        if other.isBinned {
            store[0] += other.zeros
            for j in 0..<other.binCount where other.bin(j) != 0 { insert(1, bin: other.base + j, times: other.bin(j)) }
        } else {
            for v in other.values { insert(v, bin: QuantileSketch.binIndex(v), times: 1) }
        }
    }

    private mutating func switchToBins() {
        let held = values
        values = []
        store = [0, 0]
        for v in held { insert(v, bin: QuantileSketch.binIndex(v), times: 1) }
    }

    @inline(__always)
    private mutating func insert(_ micros: Int64, bin: Int, times: Int) {
        if micros == 0 {
            store[0] += times
            return
        }
        if store.count == 2 {
            store[1] = bin - 32
            store.append(contentsOf: repeatElement(0, count: 64))
        } else if bin < store[1] {
            let grow = store[1] - bin + 64
            store.insert(contentsOf: repeatElement(0, count: grow), at: 2)
            store[1] -= grow
        } else if bin - store[1] >= store.count - 2 {
            store.append(contentsOf: repeatElement(0, count: bin - store[1] - (store.count - 2) + 64))
        }
        store[bin - store[1] + 2] += times
    }

    /// The `q`-quantiles (each in 0…1) in µs, in the order asked; empty when the sketch is empty.
    /// Cost: a sort of the held values (exact mode) or one walk over the bins per quantile.
    public func quantiles(_ qs: [Double]) -> [Double] {
        guard count > 0 else { return [] }
        let value: (Int) -> Double
        if isBinned {
            value = { rank in self.binnedValue(rank: rank) }
        } else {
            let sorted = values.sorted()
            value = { rank in Double(sorted[rank]) }
        }
        return qs.map { q in
            let h = Swift.min(Swift.max(q, 0), 1) * Double(count - 1)
            let lo = Int(h.rounded(.down))
            let hi = Swift.min(lo + 1, count - 1)
            let a = value(lo)
            guard hi != lo else { return a }
            return a + (h - Double(lo)) * (value(hi) - a)
        }
    }

    /// The value of the order statistic `rank` (0-based) in binned mode.
    private func binnedValue(rank: Int) -> Double {
        if rank == 0 { return Double(min) }
        if rank == count - 1 { return Double(max) }
        if rank < zeros { return 0 }
        var seen = zeros
        for j in 0..<binCount where bin(j) != 0 {
            seen += bin(j)
            if rank < seen { return clamp(QuantileSketch.binValue(base + j)) }
        }
        return Double(max)
    }

    private func clamp(_ v: Double) -> Double { Swift.min(Swift.max(v, Double(min)), Double(max)) }

    /// `Σ max(0, v − threshold)` over the values, in µs (binned mode: from the bin values,
    /// each within α of the values it stands for). Cost: one pass over values or bins.
    public func excess(over threshold: Double) -> Double {
        if !isBinned {
            // An exact integer sum, so the answer does not depend on the order values came in.
            var above = WideSum()
            var n = 0
            for v in values where Double(v) > threshold {
                above.add(v)
                n += 1
            }
            return above.doubleValue - Double(n) * threshold
        }
        var total = 0.0
        if threshold < 0 { total += Double(zeros) * -threshold }
        for j in 0..<binCount where bin(j) != 0 {
            let v = clamp(QuantileSketch.binValue(base + j))
            if v > threshold { total += Double(bin(j)) * (v - threshold) }
        }
        return total
    }
}
