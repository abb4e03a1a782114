import EventLog
import KPI
import Lifecycle

extension ReportBuilder {
    /// Drag Pareto: exception-hours by category.
    static func dragSection(_ a: ReportAnalysis) -> ReportSection {
        let drag = a.kpi.drag
        let rows = drag.rows
        var paragraphs: [String] = []
        if let top = rows.first {
            let eighty = (rows.firstIndex { $0.cumulativeShare >= 0.8 } ?? rows.count - 1) + 1
            paragraphs.append(
                "Exceptions spent \(ReportFormat.number(drag.totalHours, digits: 0)) hours open in total. The largest category, \(top.category), accounts for "
                    + "\(ReportFormat.percent(top.share)) of them, and \(eighty) of \(rows.count) categories make up 80 %.")
            let misroute = rows.reduce(0) { $0 + $1.misrouteHours }
            paragraphs.append(
                "\(ReportFormat.number(misroute, digits: 0)) of these hours (\(ReportFormat.percent(drag.totalHours > 0 ? misroute / drag.totalHours : 0))) "
                    + "were spent waiting with the wrong team before the resolving team got the exception (misroute delay).")
        }
        let chart = BarCharts.pareto(
            title: "Drag Pareto: exception-hours by category", subtitle: "detection → resolution, cancellation or end of log; wall-clock hours",
            items: rows.map { ChartItem($0.category, $0.exceptionHours) }, axisTitle: "exception-hours (h)", categoryTitle: "exception category")
        let table = ReportTable(
            caption: "Drag by category (as switchyard kpi computes it)",
            header: ["category", "exceptions", "exception-hours", "share", "cumulative", "median (h)", "misroute hours", "fastest \(drag.compareWithin ?? "slice")", "hours over its median"],
            rows: rows.map { r in
                [r.category, ReportFormat.count(r.exceptions), ReportFormat.number(r.exceptionHours, digits: 0), ReportFormat.percent(r.share),
                 ReportFormat.percent(r.cumulativeShare), r.medianHours.map { ReportFormat.number($0, digits: 1) } ?? "–",
                 ReportFormat.number(r.misrouteHours, digits: 0), r.benchmark ?? "–",
                 r.excessOverBenchmarkHours.map { ReportFormat.number($0, digits: 0) } ?? "–"]
            }, numericColumns: [1, 2, 3, 4, 5, 6, 8])
        return ReportSection(
            id: "drag", title: "Where the time goes: drag by category", paragraphs: paragraphs,
            figures: [ReportFigure(name: "drag-pareto", caption: "Exception-hours by category, largest first, with the cumulative share.", svg: chart)],
            tables: [table],
            code: """
                drag = pd.DataFrame(kpis["drag"]["rows"]).set_index("category")
                drag[["exceptions", "exception_hours", "share", "cumulative_share", "median_hours", "misroute_hours"]]
                """)
    }

    /// Resolution time (detection → final resolution) per category.
    static func resolutionHours(_ t: ExceptionTable) -> (all: [Double], byCategory: [String: [Double]]) {
        let category = t.attribute(.category)
        var all: [Double] = []
        var by: [String: [Double]] = [:]
        for r in 0..<t.count where t.status[r] == .resolved || t.status[r] == .closed {
            guard let d = t.duration(r, from: t.detectedAt, to: t.resolvedAt) else { continue }
            let hours = Double(d) / 3_600_000_000
            all.append(hours)
            by[category?.value(r) ?? "(none)", default: []].append(hours)
        }
        return (all, by)
    }

    /// Cycle-time distributions by category.
    static func cycleTimeSection(_ a: ReportAnalysis) -> ReportSection {
        let (all, by) = resolutionHours(a.table)
        let slices = a.kpi.slices.sorted {
            ($0.cycleTime.toResolution.medianSeconds ?? 0) > ($1.cycleTime.toResolution.medianSeconds ?? 0)
        }
        let boxes = slices.compactMap { s -> BoxSummary? in
            let label = s.labels.first ?? "(none)"
            return BoxSummary(label: label, values: by[label] ?? [])
        }
        let overall = a.kpi.overall.cycleTime.toResolution
        var paragraphs = [
            "Resolved exceptions took a median of \(h(overall.medianSeconds)) hours from detection to resolution; "
                + "one in ten took more than \(h(overall.p90Seconds)) hours."
        ]
        if let slow = slices.first, let fast = slices.last, slices.count > 1 {
            paragraphs.append(
                "The slowest category, \(slow.labels.first ?? "(none)"), has a median of \(h(slow.cycleTime.toResolution.medianSeconds)) hours; "
                    + "the fastest, \(fast.labels.first ?? "(none)"), \(h(fast.cycleTime.toResolution.medianSeconds)) hours.")
        }
        let boxChart = DistributionCharts.boxes(
            title: "Time to resolution by category", subtitle: "detection → final resolution of resolved exceptions",
            boxes: boxes, axisTitle: "hours from detection to resolution (h)")
        let histogram = DistributionCharts.histogram(
            title: "Time to resolution, all categories", subtitle: "resolved exceptions; the last bar gathers the slowest 2 %",
            values: all, axisTitle: "hours from detection to resolution (h)")
        let table = ReportTable(
            caption: "Time to resolution by category (hours; as switchyard kpi --by category computes it)",
            header: ["category", "resolved", "median", "mean", "p90", "p95", "SLA compliance", "routing accuracy"],
            rows: slices.map { s in
                let c = s.cycleTime.toResolution
                return [s.labels.first ?? "(none)", ReportFormat.count(c.count), h(c.medianSeconds), h(c.meanSeconds), h(c.p90Seconds),
                        h(c.p95Seconds), ReportFormat.percent(s.sla.compliance), ReportFormat.percent(s.routing.accuracy)]
            } + [["all", ReportFormat.count(overall.count), h(overall.medianSeconds), h(overall.meanSeconds), h(overall.p90Seconds),
                  h(overall.p95Seconds), ReportFormat.percent(a.kpi.overall.sla.compliance), ReportFormat.percent(a.kpi.overall.routing.accuracy)]],
            numericColumns: [1, 2, 3, 4, 5, 6, 7])
        return ReportSection(
            id: "cycle-time", title: "Cycle time by category", paragraphs: paragraphs,
            figures: [
                ReportFigure(name: "cycle-time-by-category", caption: "Distribution of time to resolution per category (box plots).", svg: boxChart),
                ReportFigure(name: "cycle-time-histogram", caption: "Histogram of time to resolution over all categories.", svg: histogram),
            ],
            tables: [table],
            code: """
                resolved = exceptions[exceptions.status.isin(["resolved", "closed"]) & ~exceptions.clock_skew].copy()
                resolved["hours"] = (resolved.resolved_at - resolved.detected_at).dt.total_seconds() / 3600
                resolved.groupby("category").hours.describe(percentiles=[0.25, 0.5, 0.75, 0.9]).sort_values("50%", ascending=False)
                """)
    }

    /// Backlog aging over time.
    static func backlogSection(_ a: ReportAnalysis) -> ReportSection {
        let b = a.kpi.backlog
        let dates = b.series.map(\.date)
        let series = b.ageBuckets.enumerated().map { i, label in
            (name: "age " + label.replacingOccurrences(of: "d", with: " d"), values: b.series.map { i < $0.byAge.count ? Double($0.byAge[i]) : 0 })
        }
        let peak = b.series.max { $0.open < $1.open }
        var paragraphs = [
            "At the end of the log \(ReportFormat.count(b.current.open)) exceptions were open, holding orders worth "
                + "\(ReportFormat.number(b.current.openValue, digits: 0)) (order-value units)."
        ]
        if let peak {
            paragraphs.append("The backlog peaked at \(ReportFormat.count(peak.open)) open exceptions on \(peak.date).")
        }
        let old = b.current.byAge.count >= 2 ? b.current.byAge.suffix(2).reduce(0, +) : 0
        if b.current.open > 0 {
            paragraphs.append("\(ReportFormat.count(old)) of the open exceptions (\(ReportFormat.percent(Double(old) / Double(b.current.open)))) are older than 7 days.")
        }
        let chart = LineCharts.stackedArea(
            title: "Backlog aging over time", subtitle: "open exceptions at the end of each \(b.granularity.rawValue), by age since detection",
            dates: dates, series: series, axisTitle: "open exceptions (count)")
        let owners = ReportTable(
            caption: "Open exceptions now, by current owner and age",
            header: ["owner", "open"] + b.ageBuckets + ["open order value"],
            rows: b.current.byOwner.sorted { $0.open > $1.open }.map { o in
                [o.owner, ReportFormat.count(o.open)] + o.byAge.map(ReportFormat.count) + [ReportFormat.number(o.openValue, digits: 0)]
            } + [["all", ReportFormat.count(b.current.open)] + b.current.byAge.map(ReportFormat.count) + [ReportFormat.number(b.current.openValue, digits: 0)]],
            numericColumns: Set(1...(b.ageBuckets.count + 2)))
        return ReportSection(
            id: "backlog", title: "Backlog aging", paragraphs: paragraphs,
            figures: [ReportFigure(name: "backlog-aging", caption: "Open exceptions over time, stacked by age bucket.", svg: chart)],
            tables: [owners],
            code: """
                series = pd.DataFrame(kpis["backlog"]["series"])
                ages = pd.DataFrame(series.by_age.tolist(), columns=kpis["backlog"]["age_buckets"], index=pd.to_datetime(series.date))
                ages.tail(14)
                """)
    }
}
