/// Drag ranking: which categories cost the most exception time, in Pareto order.
///
/// Per category: total exception-hours (detection → resolution, cancellation or now), its
/// share of all exception-hours and the running (Pareto) share; the hours beyond the
/// category's own median (`Σ max(0, d − median)`); the benchmark, the fastest slice of the
/// category along ``compareWithin`` (lowest median, at least
/// ``KPIOptions/minimumComparableSize`` exceptions) and the hours beyond its median; and the
/// hours lost to misroutes (misroute delays); and the category's value-days at risk. Excess hours are exact up to
/// ``QuantileSketch/exactCapacity`` exceptions per category and within
/// ``QuantileSketch/relativeAccuracy`` beyond.
public struct DragRanking: Sendable, Equatable, Codable {
    public var compareWithin: String?
    public var totalHours: Double
    public var rows: [DragRow]

    enum CodingKeys: String, CodingKey {
        case compareWithin = "compare_within"
        case totalHours = "total_hours"
        case rows
    }

    /// Ranks the categories of `grouping` (labels `[category]` or `[category, comparable]`).
    init(_ grouping: Grouping<DragAccumulator>, compareWithin: String?, minimumComparableSize: Int) {
        self.compareWithin = compareWithin
        var categories: [String: (slice: DragAccumulator, parts: [(String, Double)])] = [:]
        for (i, key) in grouping.labels.enumerated() {
            let name = key.first ?? SliceDimension.missingLabel
            let slice = grouping.slices[i]
            var entry = categories[name] ?? (DragAccumulator(), [])
            entry.slice.merge(slice)
            if compareWithin != nil, key.count == 2, slice.lifetime.count >= minimumComparableSize,
                let median = slice.lifetime.sketch.quantiles([0.5]).first
            {
                entry.parts.append((key[1], median))
            }
            categories[name] = entry
        }
        let hours = 3_600_000_000.0
        var total = WideSum()
        for entry in categories.values { total.add(entry.slice.lifetime.total) }
        totalHours = total.doubleValue / hours
        var rows: [DragRow] = []
        for (name, entry) in categories {
            let life = entry.slice.lifetime
            let median = life.sketch.quantiles([0.5]).first
            let benchmark = entry.parts.min { $0.1 != $1.1 ? $0.1 < $1.1 : $0.0 < $1.0 }
            let own = life.total.doubleValue / hours
            rows.append(
                DragRow(
                    category: name, exceptions: entry.slice.exceptions, exceptionHours: own,
                    share: totalHours > 0 ? own / totalHours : 0, cumulativeShare: 0,
                    medianHours: median.map { $0 / hours },
                    excessOverMedianHours: median.map { life.sketch.excess(over: $0) / hours } ?? 0,
                    benchmark: benchmark?.0, benchmarkMedianHours: benchmark.map { $0.1 / hours },
                    excessOverBenchmarkHours: benchmark.map { life.sketch.excess(over: $0.1) / hours },
                    misrouteHours: entry.slice.misrouteTotal.doubleValue / hours,
                    valueDaysAtRisk: entry.slice.valueTime.doubleValue / 100 / Double(microsPerDay)))
        }
        rows.sort { $0.exceptionHours != $1.exceptionHours ? $0.exceptionHours > $1.exceptionHours : $0.category < $1.category }
        var running = 0.0
        for i in rows.indices {
            running += rows[i].exceptionHours
            rows[i].cumulativeShare = totalHours > 0 ? running / totalHours : 0
        }
        self.rows = rows
    }
}

/// What the drag ranking needs of a slice: exceptions, lifetimes and misroute delays. Merges exactly.
struct DragAccumulator: SliceMergeable {
    var exceptions = 0
    var lifetime = DurationStats()
    var misrouteTotal = WideSum()
    /// Order value (cents) × lifetime (µs).
    var valueTime = WideSum()

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        exceptions += 1
        lifetime.add(f.lifetime)
        if f.misroute.isPresent { misrouteTotal.add(f.misroute.micros) }
        if f.hasValue, f.lifetime.isPresent { valueTime.add(f.valueCents, times: f.lifetime.micros) }
    }

    mutating func merge(_ o: DragAccumulator) {
        exceptions += o.exceptions
        lifetime.merge(o.lifetime)
        misrouteTotal.add(o.misrouteTotal)
        valueTime.add(o.valueTime)
    }
}

/// One category of the ``DragRanking``. Hours are wall-clock.
public struct DragRow: Sendable, Equatable, Codable {
    public var category: String
    public var exceptions: Int
    public var exceptionHours: Double
    public var share: Double
    public var cumulativeShare: Double
    public var medianHours: Double?
    public var excessOverMedianHours: Double
    /// The fastest comparable slice, or `nil` when none has enough exceptions.
    public var benchmark: String?
    public var benchmarkMedianHours: Double?
    public var excessOverBenchmarkHours: Double?
    public var misrouteHours: Double
    /// Order value × days from detection to resolution, cancellation or now (see ``RevenueKPIs``).
    public var valueDaysAtRisk: Double

    enum CodingKeys: String, CodingKey {
        case category, exceptions
        case exceptionHours = "exception_hours"
        case share
        case cumulativeShare = "cumulative_share"
        case medianHours = "median_hours"
        case excessOverMedianHours = "excess_over_median_hours"
        case benchmark
        case benchmarkMedianHours = "benchmark_median_hours"
        case excessOverBenchmarkHours = "excess_over_benchmark_hours"
        case misrouteHours = "misroute_hours"
        case valueDaysAtRisk = "value_days_at_risk"
    }
}
