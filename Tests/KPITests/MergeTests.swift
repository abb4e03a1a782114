import EventLog
import Foundation
import Lifecycle
import Testing

@testable import KPI

/// Aggregates merge (DESIGN.md): KPIs computed on parts of a log (split by case, each part
/// reconstructed on its own, so string pools differ) and merged equal the KPIs of the whole.
@Suite struct MergeTests {
    typealias F = KPIFixtures

    /// KPIs of the whole log, and of its parts (by `part(caseID)`) merged in the given order.
    private func wholeAndMerged(
        _ events: [F.Event], _ cases: [String: F.Case], parts: Int, order: [Int]? = nil,
        profile: LifecycleProfile = Presets.orders, part: (String) -> Int, configure: (inout KPIOptions) -> Void
    ) throws -> (whole: KPIReport, merged: KPIReport, partRows: [Int]) {
        var options = KPIOptions(profile: profile)
        configure(&options)
        let whole = try F.table(events, cases: cases, profile: profile)
        let asOf = KPIEngine.resolvedAsOf(whole, options)
        var accumulators: [KPIAccumulator] = []
        var rows: [Int] = []
        for p in 0..<parts {
            let (e, c) = F.subset(events, cases) { part($0) == p }
            var a = try KPIAccumulator(options: options, asOf: asOf)
            let table = try F.table(e, cases: c, profile: profile)
            rows.append(table.count)
            try a.add(table)
            accumulators.append(a)
        }
        var merged = try KPIAccumulator(options: options, asOf: asOf)
        for p in order ?? Array(0..<parts) { try merged.merge(accumulators[p]) }
        var single = try KPIAccumulator(options: options, asOf: asOf)
        try single.add(whole)
        return (single.finish(), merged.finish(), rows)
    }

    @Test func standardFixtureHalves() throws {
        for dims in [[], ["category"], ["exception_type", "region"], ["first_owner", "week"]] {
            let (whole, merged, rows) = try wholeAndMerged(
                F.standardEvents, F.standardCases, parts: 2, part: { ["X1", "X3", "X5", "X7"].contains($0) ? 0 : 1 },
                configure: {
                    $0.slicing = dims
                    $0.minimumComparableSize = 1
                })
            #expect(rows == [4, 2])
            #expect(merged == whole, "slicing \(dims)")
            // Recurrence crosses the halves only when X1 and X5 meet: they are in the same half here.
            #expect(merged.overall.recurrence.sameOrder == 1)
        }
    }

    @Test func recurrenceAcrossPartitions() throws {
        // X1 and X5 (same customer, category and order) in different parts.
        let (whole, merged, _) = try wholeAndMerged(
            F.standardEvents, F.standardCases, parts: 2, part: { ["X1", "X2"].contains($0) ? 0 : 1 },
            configure: { $0.slicing = ["region"] })
        #expect(merged.overall.recurrence.sameCustomerCategory == 1 && merged.overall.recurrence.sameOrder == 1)
        #expect(merged == whole)
    }

    @Test func randomLogInThreePartsAnyOrder() throws {
        // 3 000 exceptions: sketches go past their exact capacity, so binned merges are exercised.
        let (events, cases) = F.random(count: 3000, seed: 11)
        var profile = Presets.orders
        profile.businessCalendar = BusinessCalendar(timezone: "Europe/Rome", startHour: 8, endHour: 18, holidays: ["2025-01-06"])
        profile.sla = SLAPolicy(defaultHours: 30, byCategory: ["edi_failure": 8], byTier: ["strategic": 12])
        let part: (String) -> Int = { id in (Int(id.dropFirst()) ?? 0) % 3 }
        for (dims, order) in [([String](), [2, 0, 1]), (["customer", "category"], [0, 1, 2]), (["region", "tier"], [1, 2, 0])] {
            let (whole, merged, rows) = try wholeAndMerged(
                events, cases, parts: 3, order: order, profile: profile, part: part,
                configure: {
                    $0.slicing = dims
                    $0.granularity = .week
                })
            #expect(rows.reduce(0, +) == whole.overall.volume.detected)
            #expect(whole.overall.cycleTime.lifetime.count > QuantileSketch.exactCapacity)
            #expect(merged == whole, "slicing \(dims)")
            if merged != whole { reportDifferences(whole, merged) }
        }
    }

    @Test func accumulatorsWithOtherSettingsDoNotMerge() throws {
        let table = try F.standardTable()
        var a = try KPIAccumulator(options: KPIOptions(), asOf: F.at(1200))
        try a.add(table)
        let b = try KPIAccumulator(options: KPIOptions(), asOf: F.at(1300))
        #expect(throws: KPIError.self) { try a.merge(b) }
        var other = KPIOptions()
        other.slicing = ["region"]
        let c = try KPIAccumulator(options: other, asOf: F.at(1200))
        #expect(throws: KPIError.self) { try a.merge(c) }
    }

    /// Names the first differing part, to make a failure readable.
    private func reportDifferences(_ a: KPIReport, _ b: KPIReport) {
        if a.overall != b.overall { Issue.record("overall differs:\n\(a.overall)\n\(b.overall)") }
        if a.slices != b.slices { Issue.record("slices differ (\(a.slices.count) vs \(b.slices.count))") }
        if a.drag != b.drag { Issue.record("drag differs:\n\(a.drag)\n\(b.drag)") }
        if a.backlog != b.backlog { Issue.record("backlog differs") }
    }
}
