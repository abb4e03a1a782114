import Lifecycle

/// Key performance indicators of order exceptions: where they lose time and money.
///
/// ``KPIEngine/compute(_:options:)`` turns an ``ExceptionTable`` into a ``KPIReport``: volume,
/// cycle time, first touch, routing accuracy, first-touch resolution, recurrence, SLA, backlog
/// aging, revenue at risk and drag ranking, overall and per slice of one or two dimensions.
///
/// Every measure is a mergeable accumulator (counts, exact 128-bit sums, ``QuantileSketch``):
/// ``KPIAccumulator`` takes tables (partitions of the exceptions) one at a time or merges
/// with another accumulator, and ``KPIAccumulator/finish()`` gives the same report as one pass
/// over the whole. This module knows nothing of output formats or terminals.
///
/// ```swift
/// var options = KPIOptions(profile: Presets.orders)
/// options.slicing = ["category", "region"]
/// let report = try KPIEngine.compute(table, options: options)
/// print(report.overall.routing.accuracy ?? .nan)
/// ```
public enum KPIEngine {
    /// Computes every KPI of `table`. Cost: one pass over the rows plus a sort of the
    /// recurrence keys; about a second for a million exceptions in a release build.
    public static func compute(_ table: ExceptionTable, options: KPIOptions) throws(KPIError) -> KPIReport {
        var accumulator = try KPIAccumulator(options: options, asOf: resolvedAsOf(table, options))
        try accumulator.add(table)
        return accumulator.finish()
    }

    /// The as-of instant `options` give for `table`: ``KPIOptions/asOf``, else the log's end
    /// (or ``KPIOptions/to`` when earlier).
    public static func resolvedAsOf(_ table: ExceptionTable, _ options: KPIOptions) -> Int64 {
        if let asOf = options.asOf { return asOf }
        var now = table.logEnd == noTime ? (table.lastEventAt.max() ?? 0) : table.logEnd
        if let to = options.to, to < now { now = to }
        return now
    }
}

/// "Never happened" in the time columns.
let noTime = ExceptionTable.noTime
let microsPerDay: Int64 = 86_400_000_000
let microsPerHour: Int64 = 3_600_000_000
