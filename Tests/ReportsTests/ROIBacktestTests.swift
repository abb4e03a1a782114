import EventLog
import Foundation
import Lifecycle
import Testing

@testable import Reports

/// The backtest arithmetic on a hand-made log whose every figure can be worked out by hand.
@Suite("ROI backtest arithmetic")
struct ROIBacktestTests {
    /// One exception: category, order value, detection day (January 2025), events as
    /// (activity, hours after detection, team).
    struct Case {
        var id: String
        var category: String
        var value: Double
        var day: Int
        var events: [(String, Double, String)]
    }

    static func csv(_ cases: [Case]) -> String {
        var out = "case_id,activity,timestamp,resource,team,exception_type,order_id,customer_id,customer_tier,region,channel,order_value,currency,sku_family\n"
        for c in cases {
            let detected = Int64(1_735_718_400 + (c.day - 1) * 86_400 + 8 * 3_600)  // 2025-01-<day>T08:00Z
            let tail = "\(c.category),SO-\(c.id),C-1,standard,UK,EDI,\(String(format: "%.2f", c.value)),GBP,industrial"
            out += "\(c.id),Exception Detected,\(Timestamp.iso8601(detected * 1_000_000)),system:erp,,\(tail)\n"
            for (activity, hours, team) in c.events {
                let t = detected * 1_000_000 + Int64(hours * 3_600_000_000)
                out += "\(c.id),\(activity),\(Timestamp.iso8601(t)),Ann Lee,\(team),\(tail)\n"
            }
        }
        return out
    }

    static func resolved(_ first: String, _ final: String? = nil, reassignAt: Double = 0, resolveAt: Double) -> [(String, Double, String)] {
        var e: [(String, Double, String)] = [("Assigned", 1, first), ("Work Started", 1.5, first)]
        if let final { e += [("Reassigned", reassignAt, final), ("Work Started", reassignAt + 0.5, final)] }
        e += [("Resolved", resolveAt, final ?? first), ("Closed", resolveAt + 1, "")]
        return e
    }

    /// Before the hold-out: credit_hold misroutes of 4 h and 8 h (mean 6 h), one pricing
    /// misroute of 20 h (overall mean 32/3 h). In the hold-out (from 20 January): A saved,
    /// B and C lost, D reviewed, E both right, F still open.
    static let cases: [Case] = [
        Case(id: "P1", category: "credit_hold", value: 100, day: 6, events: resolved("pricing_ops", "credit", reassignAt: 5, resolveAt: 30)),
        Case(id: "P2", category: "credit_hold", value: 100, day: 7, events: resolved("pricing_ops", "credit", reassignAt: 9, resolveAt: 30)),
        Case(id: "P3", category: "pricing_discrepancy", value: 100, day: 8, events: resolved("credit", "pricing_ops", reassignAt: 21, resolveAt: 40)),
        Case(id: "A", category: "credit_hold", value: 2400, day: 20, events: resolved("pricing_ops", "credit", reassignAt: 11, resolveAt: 80)),
        Case(id: "B", category: "credit_hold", value: 1200, day: 22, events: resolved("credit", resolveAt: 70)),
        Case(id: "C", category: "pricing_discrepancy", value: 480, day: 24, events: resolved("pricing_ops", resolveAt: 10)),
        Case(id: "D", category: "credit_hold", value: 50, day: 26, events: resolved("pricing_ops", "credit", reassignAt: 3, resolveAt: 20)),
        Case(id: "E", category: "credit_hold", value: 60, day: 30, events: resolved("credit", resolveAt: 5)),
        Case(id: "F", category: "credit_hold", value: 70, day: 30, events: [("Assigned", 1, "credit")]),
    ]

    static func run(_ assumptions: ROIAssumptions) throws -> (ROIResult, [BacktestRow]) {
        let log = try ReportFixtures.log(csv: csv(cases), name: "roi.csv")
        let table = try Reconstruction.reconstruct(log, profile: Presets.orders)
        func row(_ id: String) throws -> Int { try #require(table.row(ofCase: id)) }
        let predictions = [
            BacktestPrediction(row: try row("A"), owner: "credit", confidence: 0.9, automated: true),
            BacktestPrediction(row: try row("B"), owner: "pricing_ops", confidence: 0.8, automated: true),
            BacktestPrediction(row: try row("C"), owner: "credit", confidence: 0.7, automated: true),
            BacktestPrediction(row: try row("D"), owner: "credit", confidence: 0.3, automated: false),
            BacktestPrediction(row: try row("E"), owner: "credit", confidence: 0.95, automated: true),
            BacktestPrediction(row: try row("F"), owner: "credit", confidence: 0.99, automated: true),
        ]
        let start = Int64(1_735_718_400 + 19 * 86_400) * 1_000_000  // 2025-01-20T00:00Z
        return try ROIBacktest.run(table: table, predictions: predictions, holdoutStart: start, assumptions: assumptions)
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 * max(1, abs(b)) }

    @Test("each outcome contributes exactly what the rules say")
    func arithmetic() throws {
        let assumptions = ROIAssumptions(
            costPerHour: 50, reviewMinutes: 3, handoffMinutes: 20, hoursPerFTE: 1_600, currency: "GBP", delayEffortShare: 0.5,
            bootstrapSamples: 0, comparableMinimum: 2)
        let (roi, rows) = try Self.run(assumptions)
        #expect(rows.map(\.id) == ["A", "B", "C", "D", "E"])  // F is still open
        #expect(rows.map(\.outcome) == [.saved, .lost, .lost, .review, .bothRight])
        #expect(roi.exceptions == 5)
        #expect(roi.count(.saved) == 1 && roi.count(.lost) == 2 && roi.count(.review) == 1 && roi.count(.bothRight) == 1)
        #expect(Self.close(roi.automationCoverage, 0.8) && Self.close(roi.automationPrecision, 0.5))
        #expect(roi.comparableDelayHours == ["credit_hold": 6])
        #expect(Self.close(roi.overallComparableDelayHours, 32.0 / 3))

        let a = rows[0], b = rows[1], c = rows[2], d = rows[3]
        #expect(Self.close(a.measuredDelayHours, 10) && Self.close(a.delayHoursSaved, 10))
        #expect(a.handoffsAvoided == 1 && a.slaBreachesAvoided == 1)  // 80 h > 72 h target, 80 − 10 ≤ 72
        #expect(Self.close(a.valueDaysReduced, 2400 * 10 / 24.0))
        #expect(Self.close(b.delayHoursSaved, -6) && b.handoffsAvoided == -1 && b.slaBreachesAvoided == -1)  // 70 + 6 > 72
        #expect(Self.close(b.valueDaysReduced, -1200 * 6 / 24.0))
        #expect(Self.close(c.delayHoursSaved, -32.0 / 3) && c.slaBreachesAvoided == 0)  // category below the minimum
        let cValueDays: Double = -480.0 * (32.0 / 3.0) / 24.0
        #expect(Self.close(c.valueDaysReduced, cValueDays))
        #expect(Self.close(d.reviewHours, 0.05) && d.delayHoursSaved == 0 && Self.close(d.measuredDelayHours, 2))

        let net: Double = 10.0 - 6.0 - 32.0 / 3.0
        #expect(Self.close(roi.delayHoursSaved.value, 10))
        #expect(Self.close(roi.delayHoursAdded.value, 6 + 32.0 / 3))
        #expect(Self.close(roi.netDelayHoursSaved.value, net))
        #expect(Self.close(roi.reviewHours.value, 0.05))
        #expect(Self.close(roi.handoffsAvoided.value, -1))
        #expect(Self.close(roi.handoffEffortHours.value, -20.0 / 60))
        let staff: Double = net * 0.5 - 20.0 / 60.0 - 0.05
        #expect(Self.close(roi.netEffortHoursSaved.value, staff))
        #expect(Self.close(roi.slaBreachesAvoided.value, 0))
        let valueDays: Double = 1000.0 - 300.0 - 480.0 * (32.0 / 3.0) / 24.0
        #expect(Self.close(roi.valueDaysReduced.value, valueDays))
        #expect(Self.close(roi.periodDays, 10))  // A on the 20th to E on the 30th
        #expect(Self.close(roi.moneySaved.value, staff * 50))
        let perYear: Double = staff * 50.0 * 36.525
        let fte: Double = staff * 36.525 / 1_600.0
        #expect(Self.close(roi.moneySavedPerYear.value, perYear))
        #expect(Self.close(roi.fteEquivalent.value, fte))
        #expect(roi.moneySaved.low == roi.moneySaved.value && roi.moneySaved.high == roi.moneySaved.value)
        let credit = try #require(roi.byCategory.first { $0.category == "credit_hold" })
        #expect(credit.exceptions == 4 && credit.saved == 1 && credit.lost == 1 && credit.review == 1 && Self.close(credit.netDelayHoursSaved, 4))
    }

    @Test("bootstrap intervals bracket the figure and depend only on the seed")
    func bootstrap() throws {
        let (one, _) = try Self.run(ROIAssumptions(bootstrapSamples: 400, seed: 11, comparableMinimum: 2))
        let (same, _) = try Self.run(ROIAssumptions(bootstrapSamples: 400, seed: 11, comparableMinimum: 2))
        let (other, _) = try Self.run(ROIAssumptions(bootstrapSamples: 400, seed: 12, comparableMinimum: 2))
        #expect(one == same)
        #expect(one.netDelayHoursSaved != other.netDelayHoursSaved)
        for e in [one.delayHoursSaved, one.netDelayHoursSaved, one.handoffsAvoided, one.valueDaysReduced, one.netEffortHoursSaved] {
            #expect(e.low <= e.value + 1e-9 && e.value - 1e-9 <= e.high)
            #expect(e.low < e.high)
        }
        // The saved delay is 10 h on one exception in five: resamples hold it 0 to 5 times.
        #expect(one.delayHoursSaved.low >= 0 && one.delayHoursSaved.high <= 50)
    }

    @Test("no resolved exception in the hold-out is an error that says so")
    func emptyHoldout() throws {
        let log = try ReportFixtures.log(csv: Self.csv(Array(Self.cases.prefix(3))), name: "roi.csv")
        let table = try Reconstruction.reconstruct(log, profile: Presets.orders)
        #expect(throws: ReportError.data("no resolved exception with a known owner in the hold-out period; the ROI backtest needs some")) {
            try ROIBacktest.run(table: table, predictions: [], holdoutStart: 0, assumptions: ROIAssumptions())
        }
    }
}
