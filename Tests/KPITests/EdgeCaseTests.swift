import Foundation
import Lifecycle
import Testing

@testable import KPI

/// Exceptions that break naive code: never assigned, never resolved, resolved before
/// detection, reopened twice, zero duration, missing order value.
@Suite struct EdgeCaseTests {
    typealias F = KPIFixtures
    typealias E = KPIFixtures.Event

    /// - Y1 resolved (10) and closed before it was detected (20): clock skew.
    /// - Y2 detected, assigned, resolved and closed at the same instant (100).
    /// - Y3 resolved three times, reopened twice, closed at 60.
    /// - Y4 assigned at 10, never resolved (open at the log end, 100).
    /// - Y5 detected only: never assigned.
    /// - Y6 resolved at 2 with no order value.
    static let events: [E] = [
        E("Y1", "Assigned", 0, "credit"), E("Y1", "Resolved", 10, "credit"), E("Y1", "Exception Detected", 20),
        E("Y1", "Closed", 30),
        E("Y2", "Exception Detected", 100), E("Y2", "Assigned", 100, "credit"), E("Y2", "Resolved", 100, "credit"),
        E("Y2", "Closed", 100),
        E("Y3", "Exception Detected", 0), E("Y3", "Assigned", 5, "tax"), E("Y3", "Resolved", 10, "tax"),
        E("Y3", "Reopened", 20), E("Y3", "Resolved", 30, "tax"), E("Y3", "Reopened", 40), E("Y3", "Resolved", 50, "tax"),
        E("Y3", "Closed", 60),
        E("Y4", "Exception Detected", 0), E("Y4", "Assigned", 10, "credit"),
        E("Y5", "Exception Detected", 0),
        E("Y6", "Exception Detected", 0), E("Y6", "Assigned", 1, "credit"), E("Y6", "Resolved", 2, "credit"),
    ]
    static let cases: [String: F.Case] = [
        "Y1": F.Case("credit_hold", "EU", "C1", "O1", value: 10), "Y2": F.Case("credit_hold", "EU", "C2", "O2", value: 20),
        "Y3": F.Case("tax_failure", "EU", "C3", "O3", value: 30), "Y4": F.Case("credit_hold", "NA", "C4", "O4", value: 40),
        "Y5": F.Case("credit_hold", "NA", "C5", "O5", value: 50), "Y6": F.Case("credit_hold", "NA", "C6", "O6", value: nil),
    ]

    private func report(_ configure: (inout KPIOptions) -> Void = { _ in }) throws -> KPIReport {
        var options = KPIOptions(profile: Presets.orders)
        configure(&options)
        return try KPIEngine.compute(try F.table(Self.events, cases: Self.cases), options: options)
    }

    @Test func neverAssignedIsCountedNotARow() throws {
        let r = try report()
        #expect(r.unusable.neverAssigned == 1)
        #expect(r.overall.volume.detected == 5)
    }

    @Test func clockSkewIsReportedAndNeverNegative() throws {
        let r = try report()
        let o = r.overall
        #expect(o.volume.clockSkew == 1)
        #expect(o.volume.resolved == 5 - 1)  // Y1, Y2, Y3, Y6 resolved; Y4 open
        // Durations leave Y1 out: to resolution Y2 0, Y3 50, Y6 2.
        let res = o.cycleTime.toResolution
        #expect(res.count == 3 && res.minSeconds == 0 && res.medianSeconds == F.minutes(2))
        #expect(res.totalSeconds == F.minutes(52))
        for s in [res, o.cycleTime.toClose, o.cycleTime.lifetime, o.firstTouch.toFirstTouch, o.routing.misrouteDelay] {
            #expect((s.minSeconds ?? 0) >= 0 && s.totalSeconds >= 0)
        }
        #expect(o.cycleTime.lifetime.count == 4)  // Y2, Y3, Y4, Y6
    }

    @Test func zeroDurationCountsAsZero() throws {
        let o = try report().overall
        // Y2: 0 to resolution, 0 to close, first touch (its resolution) at 0.
        #expect(o.cycleTime.toClose.count == 2 && o.cycleTime.toClose.minSeconds == 0)  // Y2 0, Y3 60
        #expect(o.firstTouch.toFirstTouch.minSeconds == 0)
        #expect(o.firstTouch.queue == nil && o.firstTouch.work == nil)  // no work-started events at all
    }

    @Test func reopenedTwice() throws {
        let c = try report().overall.recurrence
        #expect(c.reopened == 1 && c.reopenedTwiceOrMore == 1 && c.reopens == 2)
        // Resolved at least once: Y1, Y2, Y3, Y6.
        #expect(c.reopenRate == 0.25)
        let ftr = try report().overall.firstTouchResolution
        #expect(ftr.resolved == 4 && ftr.count == 3)  // all but Y3, reopened
    }

    @Test func neverResolvedStaysInBacklog() throws {
        let r = try report()
        // Y4 open since 0; the log ends at 100.
        #expect(r.overall.volume.open == 1 && r.overall.backlog.byAge == [1, 0, 0, 0, 0])
        #expect(r.overall.cycleTime.lifetime.maxSeconds == F.minutes(100))
        #expect(r.overall.firstTouch.untouchedOpen == 1)
        #expect(r.backlog.current.byOwner.map(\.owner) == ["credit"])
        #expect(r.overall.revenue.openValue == 40)
    }

    @Test func missingOrderValueIsCountedNotGuessed() throws {
        let v = try report().overall.revenue
        #expect(v.missingValue == 1 && v.withValue == 4 && v.totalValue == 100)  // 10 + 20 + 30 + 40
    }

    @Test func timeWindowKeepsDetectionsInside() throws {
        // Detected in [10, 200): Y1 (20) and Y2 (100).
        let r = try report {
            $0.from = F.at(10)
            $0.to = F.at(200)
        }
        #expect(r.overall.volume.detected == 2 && r.outsideWindow == 3)
        // "to" after the log's end leaves now at the log's end.
        #expect(r.asOf == F.at(100))
        // A window ending at 50 makes 50 the as-of instant: Y3 (resolved at 50) counts resolved, Y4 open.
        let early = try report { $0.to = F.at(50) }
        #expect(early.asOf == F.at(50) && early.overall.volume.detected == 4)
        #expect(early.overall.volume.resolved == 3 && early.overall.volume.open == 1)
    }

    @Test func emptyTableGivesEmptyFigures() throws {
        let log = [E("Z", "Exception Detected", 0), E("Z", "Exception Classified", 1, "dispatch")]
        let r = try KPIEngine.compute(try F.table(log, cases: [:]), options: KPIOptions())
        #expect(r.overall.volume.detected == 0 && r.unusable.neverAssigned == 1)
        #expect(r.overall.cycleTime.toResolution.medianSeconds == nil && r.overall.routing.accuracy == nil)
        #expect(r.drag.rows.isEmpty && r.backlog.series.isEmpty)
    }
}
