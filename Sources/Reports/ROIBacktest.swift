import Lifecycle

/// The model's answer for one exception of the table, as the backtest needs it.
public struct BacktestPrediction: Sendable, Equatable {
    /// Row of the ``ExceptionTable``.
    public var row: Int
    /// The most probable owner.
    public var owner: String
    /// Its probability.
    public var confidence: Double
    /// Whether the confidence reaches the model's threshold (routed without review).
    public var automated: Bool

    public init(row: Int, owner: String, confidence: Double, automated: Bool) {
        self.row = row
        self.owner = owner
        self.confidence = confidence
        self.automated = automated
    }
}

/// The ROI backtest on the hold-out period, from the log itself (no invented savings).
///
/// For each hold-out exception that was resolved by a known owner:
/// - model above threshold names the resolving owner and the legacy first assignment did
///   not → the misroute delay measured in the log (first assignment → assignment to the
///   final owner) is saved, its handoffs are avoided, an SLA breach is avoided when the
///   resolution time minus the delay is within target, and order value × saved days leaves
///   the revenue at risk;
/// - model above threshold is wrong where legacy was right → the mean misroute delay of
///   comparable cases (misrouted exceptions of the same category detected before the
///   hold-out; all categories when fewer than ``ROIAssumptions/comparableMinimum``) is lost,
///   one handoff is added, and the SLA and value-days move the other way;
/// - model below threshold → the review minutes are charged and the routing stays as it was;
/// - otherwise (both right, or both wrong) nothing changes.
///
/// Sums over the exceptions get percentile intervals from a seeded bootstrap over the
/// exceptions (``ROIBootstrap``). Cost: O(rows) plus O(samples × hold-out rows).
public enum ROIBacktest {
    static let microsPerHour = 3_600_000_000.0

    /// Runs the backtest. `predictions` are the model's answers for the hold-out rows (others
    /// are ignored); `holdoutStart` separates the comparable-case period from the hold-out.
    public static func run(
        table: ExceptionTable, predictions: [BacktestPrediction], holdoutStart: Int64, assumptions: ROIAssumptions
    ) throws(ReportError) -> (result: ROIResult, rows: [BacktestRow]) {
        try assumptions.validate()
        let comparable = comparableDelays(table: table, before: holdoutStart, minimum: assumptions.comparableMinimum)
        var rows: [BacktestRow] = []
        rows.reserveCapacity(predictions.count)
        var from = Int64.max, to = Int64.min
        for p in predictions {
            guard p.row >= 0, p.row < table.count, let row = backtestRow(p, table: table, comparable: comparable, assumptions: assumptions)
            else { continue }
            rows.append(row)
            from = min(from, table.detectedAt[p.row])
            to = max(to, table.detectedAt[p.row])
        }
        guard !rows.isEmpty else {
            throw .data("no resolved exception with a known owner in the hold-out period; the ROI backtest needs some")
        }
        let periodDays = max(1, Double(to - from) / (24 * microsPerHour))
        let yearFactor = 365.25 / periodDays
        let share = assumptions.delayEffortShare
        let handoffHours = assumptions.handoffMinutes / 60
        let cost = assumptions.costPerHour
        // Per-row contributions; each figure is a sum of one of these (or a fixed multiple).
        let columns: [[Double]] = [
            rows.map { max(0, $0.delayHoursSaved) },
            rows.map { max(0, -$0.delayHoursSaved) },
            rows.map(\.delayHoursSaved),
            rows.map(\.reviewHours),
            rows.map { $0.delayHoursSaved * share + Double($0.handoffsAvoided) * handoffHours - $0.reviewHours },
            rows.map { Double($0.handoffsAvoided) },
            rows.map { Double($0.slaBreachesAvoided) },
            rows.map(\.valueDaysReduced),
        ]
        let estimates = ROIBootstrap.estimates(
            columns, samples: assumptions.bootstrapSamples, level: assumptions.confidenceLevel, seed: assumptions.seed)
        let effort = estimates[4]
        func scaled(_ e: Estimate, _ k: Double) -> Estimate { Estimate(value: e.value * k, low: e.low * k, high: e.high * k) }
        var outcomes: [String: Int] = [:]
        for o in BacktestOutcome.allCases { outcomes[o.rawValue] = 0 }
        for r in rows { outcomes[r.outcome.rawValue, default: 0] += 1 }
        let automated = rows.filter(\.automated)
        let automatedRight = automated.filter { $0.predictedOwner == $0.resolvingOwner }.count
        let result = ROIResult(
            assumptions: assumptions, holdoutFrom: from, holdoutTo: to, periodDays: periodDays, exceptions: rows.count,
            outcomes: outcomes, automationCoverage: Double(automated.count) / Double(rows.count),
            automationPrecision: automated.isEmpty ? 0 : Double(automatedRight) / Double(automated.count),
            comparableDelayHours: comparable.byCategory, overallComparableDelayHours: comparable.overall,
            delayHoursSaved: estimates[0], delayHoursAdded: estimates[1], netDelayHoursSaved: estimates[2],
            reviewHours: estimates[3], handoffEffortHours: scaled(estimates[5], handoffHours), netEffortHoursSaved: effort, handoffsAvoided: estimates[5],
            slaBreachesAvoided: estimates[6], valueDaysReduced: estimates[7], moneySaved: scaled(effort, cost),
            moneySavedPerYear: scaled(effort, cost * yearFactor),
            fteEquivalent: scaled(effort, yearFactor / assumptions.hoursPerFTE),
            byCategory: byCategory(rows))
        return (result, rows)
    }

    /// One row's effect, or `nil` when the exception has no resolution by a known owner.
    static func backtestRow(
        _ p: BacktestPrediction, table t: ExceptionTable, comparable: ComparableDelays, assumptions: ROIAssumptions
    ) -> BacktestRow? {
        let r = p.row
        guard t.status[r] == .resolved || t.status[r] == .closed, t.resolvingOwner[r] != StringPool.missing,
            t.firstOwner[r] != StringPool.missing
        else { return nil }
        let truth = t.owners.string(t.resolvingOwner[r])
        let legacy = t.owners.string(t.firstOwner[r])
        let category = t.attribute(.category)?.value(r)
        let legacyRight = legacy == truth
        let modelRight = p.owner == truth
        let measured = legacyRight ? 0 : misrouteDelayHours(t, r)
        var row = BacktestRow(
            id: t.id(r), category: category, legacyOwner: legacy, resolvingOwner: truth, predictedOwner: p.owner,
            confidence: p.confidence, automated: p.automated, outcome: .review, measuredDelayHours: measured,
            delayHoursSaved: 0, reviewHours: 0, handoffsAvoided: 0, slaBreachesAvoided: 0, valueDaysReduced: 0)
        let resolutionHours = t.duration(r, from: t.detectedAt, to: t.resolvedAt).map { Double($0) / microsPerHour }
        let target = r < t.slaTargetHours.count ? t.slaTargetHours[r] : .nan
        let value = r < t.orderValue.count && t.orderValue[r].isFinite ? t.orderValue[r] : 0
        guard p.automated else {
            row.reviewHours = assumptions.reviewMinutes / 60
            return row
        }
        switch (modelRight, legacyRight) {
        case (true, false):
            row.outcome = .saved
            row.delayHoursSaved = measured
            row.handoffsAvoided = Int(t.handoffs[r])
            if let hours = resolutionHours, !target.isNaN, hours > target, hours - measured <= target {
                row.slaBreachesAvoided = 1
            }
            row.valueDaysReduced = value * measured / 24
        case (false, true):
            row.outcome = .lost
            let delay = comparable.hours(for: category)
            row.delayHoursSaved = -delay
            row.handoffsAvoided = -1
            if let hours = resolutionHours, !target.isNaN, hours <= target, hours + delay > target {
                row.slaBreachesAvoided = -1
            }
            row.valueDaysReduced = -value * delay / 24
        case (true, true):
            row.outcome = .bothRight
        case (false, false):
            row.outcome = .bothWrong
        }
        return row
    }

    /// First assignment → assignment to the final owner, hours (0 when not measurable),
    /// exactly as the KPI module's misroute delay.
    static func misrouteDelayHours(_ t: ExceptionTable, _ r: Int) -> Double {
        let a = t.firstAssignedAt[r], b = t.finalOwnerAssignedAt[r]
        guard a != ExceptionTable.noTime, b != ExceptionTable.noTime, b >= a else { return 0 }
        return Double(b - a) / microsPerHour
    }

    /// Mean misroute delays of misrouted, resolved exceptions detected before `before`.
    struct ComparableDelays: Sendable {
        var byCategory: [String: Double]
        var overall: Double

        func hours(for category: String?) -> Double { category.flatMap { byCategory[$0] } ?? overall }
    }

    static func comparableDelays(table t: ExceptionTable, before: Int64, minimum: Int) -> ComparableDelays {
        let category = t.attribute(.category)
        var sums: [String: (Double, Int)] = [:]
        var total = 0.0, count = 0
        for r in 0..<t.count where t.detectedAt[r] < before {
            guard t.status[r] == .resolved || t.status[r] == .closed, t.firstOwner[r] != t.resolvingOwner[r],
                t.resolvingOwner[r] != StringPool.missing
            else { continue }
            let a = t.firstAssignedAt[r], b = t.finalOwnerAssignedAt[r]
            guard a != ExceptionTable.noTime, b != ExceptionTable.noTime, b >= a else { continue }
            let hours = Double(b - a) / microsPerHour
            total += hours
            count += 1
            let key = category?.value(r) ?? ""
            let s = sums[key] ?? (0, 0)
            sums[key] = (s.0 + hours, s.1 + 1)
        }
        var byCategory: [String: Double] = [:]
        for (key, s) in sums where s.1 >= minimum && !key.isEmpty { byCategory[key] = s.0 / Double(s.1) }
        return ComparableDelays(byCategory: byCategory, overall: count > 0 ? total / Double(count) : 0)
    }

    static func byCategory(_ rows: [BacktestRow]) -> [CategoryROI] {
        var out: [String: CategoryROI] = [:]
        for r in rows {
            let key = r.category ?? "(none)"
            var c = out[key] ?? CategoryROI(category: key, exceptions: 0, saved: 0, lost: 0, review: 0, netDelayHoursSaved: 0, handoffsAvoided: 0)
            c.exceptions += 1
            switch r.outcome {
            case .saved: c.saved += 1
            case .lost: c.lost += 1
            case .review: c.review += 1
            case .bothRight, .bothWrong: break
            }
            c.netDelayHoursSaved += r.delayHoursSaved
            c.handoffsAvoided += r.handoffsAvoided
            out[key] = c
        }
        return out.values.sorted { $0.netDelayHoursSaved != $1.netDelayHoursSaved ? $0.netDelayHoursSaved > $1.netDelayHoursSaved : $0.category < $1.category }
    }
}

import EventLog
