import Foundation
import KPI

/// The KPI report as CSV tables: raw numbers (seconds, currency units, fractions), one
/// header row, RFC 4180 quoting.
enum KPICSV {
    /// One row for all exceptions (`(all)`) and one per slice.
    static func slices(_ r: KPIReport) -> String {
        let dims = r.dimensions.isEmpty ? ["slice"] : r.dimensions
        var header = dims
        var columns: [(String, (SliceKPIs) -> String)] = [
            ("detected", { i($0.volume.detected) }), ("resolved", { i($0.volume.resolved) }),
            ("closed", { i($0.volume.closed) }), ("cancelled", { i($0.volume.cancelled) }), ("open", { i($0.volume.open) }),
            ("clock_skew", { i($0.volume.clockSkew) }), ("per_1000_orders", { d($0.volume.per1000Orders) }),
        ]
        func durations(_ prefix: String, _ get: @escaping (SliceKPIs) -> DurationSummary?) {
            columns += [
                ("\(prefix)_count", { i(get($0)?.count) }), ("\(prefix)_mean_s", { d(get($0)?.meanSeconds) }),
                ("\(prefix)_median_s", { d(get($0)?.medianSeconds) }), ("\(prefix)_p90_s", { d(get($0)?.p90Seconds) }),
                ("\(prefix)_p95_s", { d(get($0)?.p95Seconds) }), ("\(prefix)_max_s", { d(get($0)?.maxSeconds) }),
                ("\(prefix)_total_s", { d(get($0)?.totalSeconds) }),
            ]
        }
        durations("to_resolution") { $0.cycleTime.toResolution }
        durations("to_close") { $0.cycleTime.toClose }
        if r.businessCalendar {
            durations("to_resolution_business") { $0.cycleTime.toResolutionBusiness }
            durations("to_close_business") { $0.cycleTime.toCloseBusiness }
        }
        durations("lifetime") { $0.cycleTime.lifetime }
        durations("first_touch") { $0.firstTouch.toFirstTouch }
        durations("queue") { $0.firstTouch.queue }
        durations("work") { $0.firstTouch.work }
        columns += [
            ("untouched_open", { i($0.firstTouch.untouchedOpen) }),
            ("routing_accuracy", { d($0.routing.accuracy) }), ("first_owner_resolved", { i($0.routing.firstOwnerResolved) }),
            ("misrouted", { i($0.routing.misrouted) }), ("handoffs", { i($0.routing.handoffs) }),
            ("handoffs_per_exception", { d($0.routing.handoffsPerException) }),
            ("handed_off_rate", { d($0.routing.handedOffRate) }),
        ]
        for k in 0..<6 {
            columns.append(("with_\(k == 5 ? "5plus" : String(k))_handoffs", { i($0.routing.handoffDistribution[k]) }))
        }
        columns += [
            ("ping_pong_exceptions", { i($0.routing.pingPongExceptions) }), ("ping_pong_rate", { d($0.routing.pingPongRate) }),
            ("immediate_ping_pong_exceptions", { i($0.routing.immediatePingPongExceptions) }),
        ]
        durations("misroute_delay") { $0.routing.misrouteDelay }
        columns += [
            ("first_touch_resolved", { i($0.firstTouchResolution.count) }),
            ("first_touch_resolution_rate", { d($0.firstTouchResolution.rate) }),
            ("reopened", { i($0.recurrence.reopened) }), ("reopen_rate", { d($0.recurrence.reopenRate) }),
            ("reopened_twice_or_more", { i($0.recurrence.reopenedTwiceOrMore) }),
            ("same_customer_category", { i($0.recurrence.sameCustomerCategory) }),
            ("same_customer_category_rate", { d($0.recurrence.sameCustomerCategoryRate) }),
            ("same_order", { i($0.recurrence.sameOrder) }), ("same_order_rate", { d($0.recurrence.sameOrderRate) }),
            ("sla_with_target", { i($0.sla.withTarget) }), ("sla_resolved_with_target", { i($0.sla.resolvedWithTarget) }),
            ("sla_met", { i($0.sla.met) }), ("sla_compliance", { d($0.sla.compliance) }),
            ("sla_breaches", { i($0.sla.breaches) }), ("sla_open_breached", { i($0.sla.openBreached) }),
            ("time_over_sla_total_s", { d($0.sla.timeOver.totalSeconds) }),
            ("time_over_sla_max_s", { d($0.sla.timeOver.maxSeconds) }), ("sla_due_soon", { i($0.sla.dueSoon) }),
            ("backlog_open", { i($0.backlog.open) }),
        ]
        for (k, label) in r.backlog.ageBuckets.enumerated() {
            columns.append(("backlog_\(label)", { i($0.backlog.byAge[k]) }))
        }
        columns += [
            ("with_value", { i($0.revenue.withValue) }), ("missing_value", { i($0.revenue.missingValue) }),
            ("total_value", { d($0.revenue.totalValue) }), ("open_value", { d($0.revenue.openValue) }),
            ("open_breached_value", { d($0.revenue.openBreachedValue) }),
            ("breached_value", { d($0.revenue.breachedValue) }), ("value_days_at_risk", { d($0.revenue.valueDaysAtRisk) }),
        ]
        header += columns.map(\.0)
        var lines = [header]
        let all = [String](repeating: "", count: dims.count - 1)
        lines.append(["(all)"] + all + columns.map { $0.1(r.overall) })
        for s in r.slices { lines.append(s.labels + columns.map { $0.1(s) }) }
        return csv(lines)
    }

    static func drag(_ r: KPIReport) -> String {
        var lines = [[
            "rank", "category", "exceptions", "exception_hours", "share", "cumulative_share", "median_hours",
            "excess_over_median_hours", "benchmark", "benchmark_median_hours", "excess_over_benchmark_hours", "misroute_hours",
            "value_days_at_risk",
        ]]
        for (k, row) in r.drag.rows.enumerated() {
            lines.append([
                i(k + 1), row.category, i(row.exceptions), d(row.exceptionHours), d(row.share), d(row.cumulativeShare),
                d(row.medianHours), d(row.excessOverMedianHours), row.benchmark ?? "", d(row.benchmarkMedianHours),
                d(row.excessOverBenchmarkHours), d(row.misrouteHours), d(row.valueDaysAtRisk),
            ])
        }
        return csv(lines)
    }

    static func backlog(_ r: KPIReport) -> String {
        var lines = [["date", "open"] + r.backlog.ageBuckets.map { "open_\($0)" } + ["open_value"]]
        for p in r.backlog.series { lines.append([p.date, i(p.open)] + p.byAge.map(i) + [d(p.openValue)]) }
        return csv(lines)
    }

    /// Long format: one row per date and owner.
    static func backlogOwners(_ r: KPIReport) -> String {
        var lines = [["date", "owner", "open"]]
        for p in r.backlog.series {
            for (k, owner) in r.backlog.owners.enumerated() where p.byOwner[k] != 0 { lines.append([p.date, owner, i(p.byOwner[k])]) }
        }
        return csv(lines)
    }

    static func currentBacklog(_ r: KPIReport) -> String {
        var lines = [["owner", "open"] + r.backlog.ageBuckets.map { "open_\($0)" } + ["open_value"]]
        for o in r.backlog.current.byOwner { lines.append([o.owner, i(o.open)] + o.byAge.map(i) + [d(o.openValue)]) }
        let c = r.backlog.current
        lines.append(["(all)", i(c.open)] + c.byAge.map(i) + [d(c.openValue)])
        return csv(lines)
    }

    private static func i(_ v: Int?) -> String { v.map(String.init) ?? "" }
    private static func i(_ v: Int) -> String { String(v) }
    private static func d(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "" }
        return v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : String(v)
    }

    private static func csv(_ lines: [[String]]) -> String {
        lines.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    private static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
