import EventLog
import KPI

/// The KPI report as terminal tables: aligned, durations like `3d 4h`, thousands separators.
enum KPITables {
    /// `notes` are printed under the heading (e.g. mixed currencies).
    static func render(_ r: KPIReport, log: String, top: Int, notes: [String] = []) -> String {
        var out: [String] = []
        let o = r.overall
        var head = "KPIs of \(log) (profile \(r.profile)), as of \(Timestamp.iso8601(r.asOf))"
        if r.from != nil || r.to != nil {
            head += ", detected \(r.from.map(Timestamp.iso8601) ?? "…") to \(r.to.map(Timestamp.iso8601) ?? "…")"
        }
        out.append(head)
        var counts = "exceptions \(n(o.volume.detected))  never assigned \(n(r.unusable.neverAssigned))"
        if r.outsideWindow > 0 { counts += "  outside the window \(n(r.outsideWindow))" }
        if o.volume.clockSkew > 0 { counts += "  clock skew \(n(o.volume.clockSkew)) (left out of durations)" }
        if let per = o.volume.per1000Orders { counts += "  per 1,000 orders \(String(format1: per))" }
        out.append(counts)
        out += notes.map { "note: " + $0 }

        let shown = Array(r.slices.sorted { $0.volume.detected > $1.volume.detected }.prefix(top))
        let rows = [o] + shown
        let labelHeader = r.dimensions.isEmpty ? ["slice"] : r.dimensions
        func labels(_ s: SliceKPIs) -> [String] {
            s.labels.isEmpty ? ["(all)"] + [String](repeating: "", count: labelHeader.count - 1) : s.labels
        }
        func section(_ title: String, _ header: [String], _ cells: (SliceKPIs) -> [String]) {
            out.append("")
            out.append(title)
            out.append(TextFormat.table(header: labelHeader + header, rows: rows.map { labels($0) + cells($0) }))
        }
        section("Volume and cycle time (detection → resolution)",
                ["detected", "open", "resolved", "cancelled", "median", "p90", "p95", "mean", "max"] + (r.businessCalendar ? ["median (working)"] : [])) { s in
            let c = s.cycleTime.toResolution
            return [n(s.volume.detected), n(s.volume.open), n(s.volume.resolved), n(s.volume.cancelled),
                    t(c.medianSeconds), t(c.p90Seconds), t(c.p95Seconds), t(c.meanSeconds), t(c.maxSeconds)]
                + (r.businessCalendar ? [t(s.cycleTime.toResolutionBusiness?.medianSeconds)] : [])
        }
        section("First touch and routing",
                ["first touch", "queue", "work", "accuracy", "handoffs/exc", "0/1/2/3+ handoffs", "ping-pong", "misroute delay", "FTR"]) { s in
            let g = s.routing, h = g.handoffDistribution
            let dist = "\(n(h[0]))/\(n(h[1]))/\(n(h[2]))/\(n(h[3...].reduce(0, +)))"
            return [t(s.firstTouch.toFirstTouch.medianSeconds), t(s.firstTouch.queue?.medianSeconds),
                    t(s.firstTouch.work?.medianSeconds), p(g.accuracy), f2(g.handoffsPerException), dist, p(g.pingPongRate),
                    t(g.misrouteDelay.medianSeconds), p(s.firstTouchResolution.rate)]
        }
        section("Recurrence and SLA",
                ["reopened", "same customer+category", "same order", "SLA met", "breaches", "open breached", "mean over SLA", "due ≤ 24 h"]) { s in
            [p(s.recurrence.reopenRate), p(s.recurrence.sameCustomerCategoryRate), p(s.recurrence.sameOrderRate),
             p(s.sla.compliance), n(s.sla.breaches), n(s.sla.openBreached), t(s.sla.timeOver.meanSeconds), n(s.sla.dueSoon)]
        }
        if o.revenue.withValue > 0 {
            section("Backlog and revenue at risk now",
                    ["open"] + r.backlog.ageBuckets + ["open value", "breached value", "value-days", "no value"]) { s in
                [n(s.backlog.open)] + s.backlog.byAge.map(n)
                    + [money(s.revenue.openValue), money(s.revenue.breachedValue), money(s.revenue.valueDaysAtRisk),
                       n(s.revenue.missingValue)]
            }
        } else {
            section("Backlog now (no order values in the log)", ["open"] + r.backlog.ageBuckets) { s in
                [n(s.backlog.open)] + s.backlog.byAge.map(n)
            }
        }
        if r.slices.count > shown.count {
            out.append("… \(n(r.slices.count - shown.count)) more slices (largest \(shown.count) shown; see --format csv)")
        }
        out.append("")
        out += drag(r)
        out.append("")
        out += backlog(r)
        return out.joined(separator: "\n")
    }

    private static func drag(_ r: KPIReport) -> [String] {
        let compare = r.drag.compareWithin.map { "fastest \($0)" } ?? "benchmark"
        let rows = r.drag.rows.enumerated().map { k, row in
            [String(k + 1), row.category, n(row.exceptions), hours(row.exceptionHours), p(row.share), p(row.cumulativeShare),
             t(row.medianHours.map { $0 * 3600 }), hours(row.excessOverMedianHours), row.benchmark ?? "-",
             hours(row.excessOverBenchmarkHours), hours(row.misrouteHours), money(row.valueDaysAtRisk)]
        }
        return ["Drag ranking (exception-hours, Pareto order)",
                TextFormat.table(header: ["#", "category", "exceptions", "hours", "share", "cumulative", "median",
                                          "over median h", compare, "over benchmark h", "misroute h", "value-days"], rows: rows)]
    }

    private static func backlog(_ r: KPIReport) -> [String] {
        let b = r.backlog
        var out = ["Backlog now by owner"]
        let owners = b.current.byOwner.map { [$0.owner, n($0.open)] + $0.byAge.map(n) + [money($0.openValue)] }
        let total = [["(all)", n(b.current.open)] + b.current.byAge.map(n) + [money(b.current.openValue)]]
        out.append(TextFormat.table(header: ["owner", "open"] + b.ageBuckets + ["open value"], rows: total + owners))
        let recent = b.series.suffix(14)
        out.append("")
        out.append("Backlog per \(b.granularity.rawValue) (last \(recent.count) of \(b.series.count); all in backlog.csv)")
        out.append(TextFormat.table(
            header: ["end of", "open"] + b.ageBuckets + ["open value"],
            rows: recent.map { [$0.date, n($0.open)] + $0.byAge.map(n) + [money($0.openValue)] }))
        return out
    }

    private static func n(_ v: Int) -> String { TextFormat.thousands(v) }
    private static func t(_ seconds: Double?) -> String { seconds.map { TextFormat.duration(seconds: $0) } ?? "-" }
    private static func p(_ v: Double?) -> String { v.map { String(format1: $0 * 100) + " %" } ?? "-" }
    private static func f2(_ v: Double?) -> String {
        guard let v else { return "-" }
        let scaled = Int((v * 100).rounded())
        return "\(scaled / 100)." + (scaled % 100 < 10 ? "0" : "") + String(scaled % 100)
    }
    private static func money(_ v: Double) -> String { v.isFinite ? TextFormat.thousands(Int(v.rounded())) : "-" }
    private static func hours(_ v: Double?) -> String {
        guard let v, v.isFinite else { return "-" }
        return v >= 100 ? TextFormat.thousands(Int(v.rounded())) : String(format1: v)
    }
}
