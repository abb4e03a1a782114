/// Count, exact total and quantiles of one duration measure (µs); merges exactly.
///
/// Cost: O(1) per value; see ``QuantileSketch`` for memory and the error bound.
public struct DurationStats: Sendable {
    public private(set) var sketch = QuantileSketch()
    public private(set) var total = WideSum()

    public init() {}

    /// Number of values.
    public var count: Int { sketch.count }

    /// Adds a measured duration.
    @inline(__always)
    mutating func add(_ m: Measure) {
        guard m.isPresent else { return }
        sketch.add(m.micros, bin: m.bin)
        total.add(m.micros)
    }

    /// Adds a duration in µs (≥ 0).
    public mutating func add(_ micros: Int64) { add(Measure(micros)) }

    /// Adds every value of `other`.
    public mutating func merge(_ other: DurationStats) {
        sketch.merge(other.sketch)
        total.add(other.total)
    }

    /// The summary in seconds.
    public func summary() -> DurationSummary { DurationSummary(self) }
}

/// A duration measure summed up, in seconds: count, total, mean, median, p90, p95, min, max.
///
/// Statistics are `nil` when there is no value. Quantiles are exact up to
/// ``QuantileSketch/exactCapacity`` values and within ``QuantileSketch/relativeAccuracy`` beyond.
public struct DurationSummary: Sendable, Equatable, Codable {
    public var count: Int
    public var totalSeconds: Double
    public var meanSeconds: Double?
    public var medianSeconds: Double?
    public var p90Seconds: Double?
    public var p95Seconds: Double?
    public var minSeconds: Double?
    public var maxSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case count
        case totalSeconds = "total_s"
        case meanSeconds = "mean_s"
        case medianSeconds = "median_s"
        case p90Seconds = "p90_s"
        case p95Seconds = "p95_s"
        case minSeconds = "min_s"
        case maxSeconds = "max_s"
    }

    init(_ stats: DurationStats) {
        count = stats.count
        totalSeconds = stats.total.doubleValue / 1e6
        guard count > 0 else { return }
        meanSeconds = totalSeconds / Double(count)
        let q = stats.sketch.quantiles([0.5, 0.9, 0.95])
        medianSeconds = q[0] / 1e6
        p90Seconds = q[1] / 1e6
        p95Seconds = q[2] / 1e6
        minSeconds = Double(stats.sketch.min) / 1e6
        maxSeconds = Double(stats.sketch.max) / 1e6
    }

    /// An empty summary.
    public static let empty = DurationSummary(DurationStats())
}

/// One measured duration of a row, with its sketch bin worked out once (µs; absent when negative).
struct Measure: Sendable {
    var micros: Int64 = -1
    var bin = 0

    static let absent = Measure()

    @inline(__always)
    init() {}

    /// A present duration (`micros` ≥ 0).
    @inline(__always)
    init(_ micros: Int64) {
        self.micros = micros
        bin = QuantileSketch.binIndex(micros)
    }

    /// `to − from` when both happened and `to ≥ from`; else absent.
    @inline(__always)
    static func between(_ from: Int64, _ to: Int64) -> Measure {
        guard from != noTime, to != noTime, to >= from else { return .absent }
        return Measure(to - from)
    }

    var isPresent: Bool { micros >= 0 }
}
