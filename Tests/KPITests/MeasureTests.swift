import Foundation
import Lifecycle
import Testing

@testable import KPI

/// Each measure on the standard fixture (``KPIFixtures/standardEvents``), answers worked out
/// by hand from the events, in minutes.
@Suite struct MeasureTests {
    typealias F = KPIFixtures

    private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func volume() throws {
        let r = try F.standardReport()
        let v = r.overall.volume
        // X1, X2, X3 closed; X4, X7 open; X5 cancelled; X6 never assigned (not a row).
        #expect(v.detected == 6 && v.resolved == 3 && v.closed == 3 && v.open == 2 && v.cancelled == 1)
        #expect(v.clockSkew == 0 && v.per1000Orders == nil)
        #expect(r.unusable.neverAssigned == 1 && r.unusable.noEvents == 0)
        #expect(r.asOf == F.at(1200))
        let perOrders = try F.standardReport { $0.orderCount = 1500 }
        #expect(perOrders.overall.volume.per1000Orders == 4)  // 6 / 1 500 × 1 000
    }

    @Test func cycleTime() throws {
        let c = try F.standardReport().overall.cycleTime
        // Detection → final resolution: X1 120, X2 300, X3 1 100 − 60 = 1 040 minutes.
        let res = c.toResolution
        #expect(res.count == 3)
        #expect(close(res.meanSeconds, F.minutes(1460.0 / 3)))
        #expect(close(res.medianSeconds, F.minutes(300)))
        #expect(close(res.p90Seconds, F.minutes(300 + 0.8 * 740)))  // rank 1.8
        #expect(close(res.p95Seconds, F.minutes(300 + 0.9 * 740)))  // rank 1.9
        #expect(close(res.maxSeconds, F.minutes(1040)) && close(res.minSeconds, F.minutes(120)))
        #expect(close(res.totalSeconds, F.minutes(1460)))
        // Detection → close: 180, 400, 1 140.
        #expect(close(c.toClose.medianSeconds, F.minutes(400)) && close(c.toClose.totalSeconds, F.minutes(1720)))
        #expect(c.toResolutionBusiness == nil && c.toCloseBusiness == nil)
        // Lifetime (to resolution, cancellation or now = 1 200): 120, 300, 1 040, 1 100, 100, 300.
        #expect(c.lifetime.count == 6 && close(c.lifetime.totalSeconds, F.minutes(2960)))
        #expect(close(c.lifetime.medianSeconds, F.minutes(300)))
    }

    @Test func businessHoursCycleTime() throws {
        var profile = Presets.orders
        profile.businessCalendar = BusinessCalendar(timezone: "UTC", startHour: 9, endHour: 17)
        let c = try F.standardReport(profile: profile).overall.cycleTime
        // Detection Mon 08:00 (minute 0). X1 → 10:00: 60 working minutes; X2 → 13:00: 240;
        // X3 09:00 → Tue 02:20: the whole Monday window, 480.
        let b = try #require(c.toResolutionBusiness)
        #expect(b.count == 3 && close(b.totalSeconds, F.minutes(780)) && close(b.medianSeconds, F.minutes(240)))
        // Closures: X1 11:00 → 120; X2 14:40 → 340; X3 Tue 04:00 → 480.
        let cl = try #require(c.toCloseBusiness)
        #expect(close(cl.totalSeconds, F.minutes(940)))
    }

    @Test func firstTouchAndQueueWorkSplit() throws {
        let t = try F.standardReport().overall.firstTouch
        // First work while owned: X1 30, X2 40, X3 130 − 60 = 70, X4 200 − 100 = 100; X5, X7 never.
        #expect(t.toFirstTouch.count == 4 && close(t.toFirstTouch.medianSeconds, F.minutes(55)))
        #expect(close(t.toFirstTouch.meanSeconds, F.minutes(60)))
        #expect(t.untouchedOpen == 1)  // X7
        let queue = try #require(t.queue), work = try #require(t.work)
        #expect(queue.count == 4 && close(queue.totalSeconds, F.minutes(240)))
        // First work start → resolution: X1 90, X2 300 − 40 = 260, X3 1 100 − 130 = 970.
        #expect(work.count == 3 && close(work.totalSeconds, F.minutes(1320)) && close(work.medianSeconds, F.minutes(260)))
    }

    @Test func routingAccuracyHandoffsPingPongMisrouteDelay() throws {
        let g = try F.standardReport().overall.routing
        #expect(g.exceptions == 6 && g.resolved == 3 && g.firstOwnerResolved == 2 && g.misrouted == 1)
        #expect(close(g.accuracy, 2.0 / 3) && close(g.misrouteRate, 1.0 / 3))
        #expect(g.handoffs == 3 && close(g.handoffsPerException, 0.5))
        #expect(g.handoffDistribution == [4, 1, 1, 0, 0, 0])
        #expect(close(g.handedOffRate, 2.0 / 6))
        #expect(g.pingPongExceptions == 1 && close(g.pingPongRate, 1.0 / 6) && g.immediatePingPongExceptions == 1)
        // X2: first assignment 20, final owner (credit) from 60.
        #expect(g.misrouteDelay.count == 1 && close(g.misrouteDelay.totalSeconds, F.minutes(40)))
    }

    @Test func firstTouchResolution() throws {
        let f = try F.standardReport().overall.firstTouchResolution
        // X1 only: X2 was handed off; X3 had handoffs and a reopening.
        #expect(f.resolved == 3 && f.count == 1 && close(f.rate, 1.0 / 3))
    }

    @Test func recurrence() throws {
        let c = try F.standardReport().overall.recurrence
        #expect(c.reopened == 1 && c.reopens == 1 && c.reopenedTwiceOrMore == 0)
        #expect(close(c.reopenRate, 1.0 / 3))  // of X1, X2, X3 (resolved at least once)
        // X5: C1 + credit_hold again 500 minutes after X1, and X1's order again.
        #expect(c.sameCustomerCategory == 1 && close(c.sameCustomerCategoryRate, 1.0 / 6))
        #expect(c.sameOrder == 1 && close(c.sameOrderRate, 1.0 / 6))
        #expect(c.windowDays == 30)
        // A window shorter than 500 minutes: not a recurrence.
        let shortWindow = try F.standardReport { $0.recurrenceWindowDays = 0 }
        #expect(shortWindow.overall.recurrence.sameCustomerCategory == 0)
        #expect(shortWindow.overall.recurrence.sameOrder == 1)
    }

    @Test func slaUnderTightTargets() throws {
        var profile = Presets.orders
        profile.sla = SLAPolicy(defaultHours: 4)
        let s = try F.standardReport(profile: profile).overall.sla
        // 240-minute target. X1 met (120); X2 300 (+60), X3 1 040 (+800) breached; X4 open 1 100 (+860)
        // and X7 open 300 (+60) breached; X5 cancelled at 100: not.
        #expect(s.withTarget == 6 && s.resolvedWithTarget == 3 && s.met == 1 && close(s.compliance, 1.0 / 3))
        #expect(s.breaches == 4 && s.openBreached == 2 && s.dueSoon == 0)
        #expect(s.timeOver.count == 4 && close(s.timeOver.totalSeconds, F.minutes(1780)))
        #expect(close(s.timeOver.maxSeconds, F.minutes(860)))
        // The table's own breach flags agree.
        let table = try F.standardTable(profile: profile)
        #expect(table.slaBreached.filter { $0 }.count == s.breaches)
    }

    @Test func slaPresetTargetsAndDueSoon() throws {
        let s = try F.standardReport().overall.sla
        #expect(s.breaches == 0 && close(s.compliance, 1) && s.dueSoon == 0)
        // As of minute 1 600, X4 (edi_failure, 48 h target, detected at 100) breaches at 2 980: within 24 h.
        let later = try F.standardReport { $0.asOf = F.at(1600) }
        #expect(later.overall.sla.dueSoon == 1 && later.overall.sla.breaches == 0)
        // As of 3 000 it has breached.
        let breached = try F.standardReport { $0.asOf = F.at(3000) }
        #expect(breached.overall.sla.dueSoon == 0 && breached.overall.sla.openBreached == 1)
        #expect(close(breached.overall.sla.timeOver.totalSeconds, F.minutes(20)))
    }

    @Test func revenueAtRisk() throws {
        let v = try F.standardReport().overall.revenue
        #expect(v.withValue == 5 && v.missingValue == 1)  // X4 has no value
        #expect(close(v.totalValue, 13_800) && close(v.openValue, 10_000))  // X7 open
        #expect(v.breachedValue == 0 && v.openBreachedValue == 0)
        // value × days: 1 000×120 + 2 000×300 + 500×1 040 + 300×100 + 10 000×300 (value-minutes) / 1 440.
        #expect(close(v.valueDaysAtRisk, 4_270_000.0 / 1440))
        var profile = Presets.orders
        profile.sla = SLAPolicy(defaultHours: 4)
        let tight = try F.standardReport(profile: profile).overall.revenue
        #expect(close(tight.breachedValue, 12_500) && close(tight.openBreachedValue, 10_000))  // X2, X3, X7 (+X4 no value)
    }

    @Test func backlogNowAndSeries() throws {
        let r = try F.standardReport()
        #expect(r.overall.backlog.open == 2 && r.overall.backlog.byAge == [2, 0, 0, 0, 0])
        let b = r.backlog
        #expect(b.current.open == 2 && close(b.current.openValue, 10_000))
        #expect(b.current.byOwner.map(\.owner) == ["integration_support", "planning"])
        // One full day ends by now (Tue 04:00): Monday. Open at its end (minute 960): X3 (until its final
        // resolution at 1 100, with pricing_ops), X4 (integration_support), X7 (planning).
        #expect(b.series.count == 1)
        let p = try #require(b.series.first)
        #expect(p.date == "2025-01-06" && p.open == 3 && p.byAge == [3, 0, 0, 0, 0])
        #expect(b.owners == ["integration_support", "planning", "pricing_ops"] && p.byOwner == [1, 1, 1])
        #expect(close(p.openValue, 10_500))
    }

    @Test func backlogAgesAcrossDaysAndWeeks() throws {
        // As of 20 days later, X4 and X7 are > 14 days old; the series has a point per day.
        let r = try F.standardReport { $0.asOf = F.at(20 * 1440) }
        #expect(r.overall.backlog.byAge == [0, 0, 0, 0, 2])
        let days = r.backlog.series
        #expect(days.count == 20 && days.first?.date == "2025-01-06" && days.last?.date == "2025-01-25")
        // End of Wednesday 2025-01-08: X4 detected Mon 09:40 is 1–3 days old, X7 (Mon 23:00) too.
        #expect(days[2].byAge == [0, 2, 0, 0, 0])
        #expect(days[19].byAge == [0, 0, 0, 0, 2])
        let weekly = try F.standardReport {
            $0.asOf = F.at(20 * 1440)
            $0.granularity = .week
        }
        // Sundays 2025-01-12 and 2025-01-19.
        #expect(weekly.backlog.series.map(\.date) == ["2025-01-12", "2025-01-19"])
        #expect(weekly.backlog.series.map(\.byAge) == [[0, 0, 2, 0, 0], [0, 0, 0, 2, 0]])
    }

    @Test func dragRanking() throws {
        let d = try F.standardReport { $0.minimumComparableSize = 1 }.drag
        // Exception minutes: edi 1 100, pricing 1 040, credit 120 + 300 + 100 = 520, inventory 300; total 2 960.
        #expect(d.rows.map(\.category) == ["edi_failure", "pricing_discrepancy", "credit_hold", "inventory_shortfall"])
        #expect(close(d.totalHours, 2960.0 / 60))
        let shares = d.rows.map(\.cumulativeShare)
        #expect(close(shares[0], 1100.0 / 2960) && close(shares[1], 2140.0 / 2960) && close(shares[3], 1))
        let credit = try #require(d.rows.first { $0.category == "credit_hold" })
        #expect(credit.exceptions == 3 && close(credit.exceptionHours, 520.0 / 60))
        #expect(close(credit.medianHours, 2) && close(credit.excessOverMedianHours, 3))  // 300 − 120 minutes
        // Fastest region: EU (X1 120, X5 100: median 110) → excess 10 + 190 minutes.
        #expect(credit.benchmark == "EU" && close(credit.benchmarkMedianHours, 110.0 / 60))
        #expect(close(credit.excessOverBenchmarkHours, 200.0 / 60))
        #expect(close(credit.misrouteHours, 40.0 / 60))
        // 1 000 × 120 + 2 000 × 300 + 300 × 100 value-minutes.
        #expect(close(credit.valueDaysAtRisk, 750_000.0 / 1440))
        #expect(d.compareWithin == "region")
        // With the default minimum of 20 exceptions no slice qualifies.
        let strict = try F.standardReport().drag
        #expect(strict.rows.allSatisfy { $0.benchmark == nil && $0.excessOverBenchmarkHours == nil })
    }
}
