extension ReportBuilder {
    /// The ROI table with intervals, per category, and the assumptions.
    static func roiSection(_ a: ReportAnalysis) -> ReportSection {
        let roi = a.roi
        let cur = roi.assumptions.currency
        let level = percentLevel(roi)
        let paragraphs = [
            "Backtest on the \(ReportFormat.count(roi.exceptions)) resolved hold-out exceptions detected \(ReportFormat.day(roi.holdoutFrom)) to "
                + "\(ReportFormat.day(roi.holdoutTo)) (\(ReportFormat.number(roi.periodDays, digits: 0)) days). Above its threshold the model would have "
                + "routed \(ReportFormat.percent(roi.automationCoverage)) of them, \(ReportFormat.percent(roi.automationPrecision)) correctly; "
                + "\(ReportFormat.count(roi.count(.saved))) were misrouted today and the model got them right (time saved), "
                + "\(ReportFormat.count(roi.count(.lost))) were routed right today and the model got them wrong (time lost), "
                + "\(ReportFormat.count(roi.count(.review))) fall below the threshold and cost review time.",
            "Intervals are \(level) percentile intervals from \(ReportFormat.count(roi.assumptions.bootstrapSamples)) bootstrap resamples of the hold-out exceptions "
                + "(seed \(roi.assumptions.seed)). Yearly figures scale the hold-out period to 365 days.",
        ]
        func row(_ name: String, _ e: Estimate, _ digits: Int, _ unit: String, _ meaning: String) -> [String] {
            [name, ReportFormat.number(e.value, digits: digits) + unit, ReportFormat.interval(e, digits: digits) + unit, meaning]
        }
        let figures = ReportTable(
            caption: "ROI backtest (\(level) intervals)",
            header: ["figure", "hold-out period", "interval", "how it is measured"],
            rows: [
                row("delay hours saved", roi.delayHoursSaved, 0, " h", "misroute delay measured in the log, where the model was right and legacy wrong"),
                row("delay hours added", roi.delayHoursAdded, 0, " h", "comparable cases' mean misroute delay, where the model was wrong and legacy right"),
                row("net delay hours saved", roi.netDelayHoursSaved, 0, " h", "saved − added"),
                row("review hours", roi.reviewHours, 0, " h", "\(ReportFormat.number(roi.assumptions.reviewMinutes, digits: 1)) min per exception below the threshold"),
                row("handoff work saved", roi.handoffEffortHours, 0, " h", "handoffs avoided × \(ReportFormat.number(roi.assumptions.handoffMinutes, digits: 0)) min"),
                row("staff hours saved", roi.netEffortHoursSaved, 0, " h",
                    "handoff work + net delay × \(ReportFormat.number(roi.assumptions.delayEffortShare, digits: 2)) (delay effort share) − review hours"),
                row("handoffs avoided", roi.handoffsAvoided, 0, "", "handoffs of exceptions saved, minus one per exception lost"),
                row("SLA breaches avoided", roi.slaBreachesAvoided, 0, "", "breaches whose resolution time minus the saved delay meets the target, minus breaches caused"),
                row("revenue-at-risk value-days reduced", roi.valueDaysReduced, 0, "", "order value × days of delay removed (order-value units)"),
                row("money saved", roi.moneySaved, 0, " \(cur)", "staff hours × \(ReportFormat.number(roi.assumptions.costPerHour, digits: 2)) \(cur) per hour"),
                row("money saved per year", roi.moneySavedPerYear, 0, " \(cur)", "the same, scaled to 365 days"),
                row("FTE equivalent", roi.fteEquivalent, 2, "", "staff hours per year ÷ \(ReportFormat.number(roi.assumptions.hoursPerFTE, digits: 0)) hours per FTE"),
            ], numericColumns: [1, 2])
        let perCategory = ReportTable(
            caption: "Backtest by category",
            header: ["category", "exceptions", "saved", "lost", "to review", "net delay hours saved", "handoffs avoided", "comparable delay (h)"],
            rows: roi.byCategory.map { c in
                [c.category, ReportFormat.count(c.exceptions), ReportFormat.count(c.saved), ReportFormat.count(c.lost), ReportFormat.count(c.review),
                 ReportFormat.number(c.netDelayHoursSaved, digits: 0), ReportFormat.signed(Double(c.handoffsAvoided)),
                 ReportFormat.number(roi.comparableDelayHours[c.category] ?? roi.overallComparableDelayHours, digits: 1)]
            }, numericColumns: [1, 2, 3, 4, 5, 6, 7])
        let assumptions = ReportTable(
            caption: "Assumptions (set with --assumptions FILE.json or the flags of switchyard report)",
            header: ["assumption", "value", "meaning"],
            rows: roi.assumptions.described.map { [$0.name, $0.value, $0.meaning] })
        let chart = BarCharts.horizontal(
            title: "Net delay hours saved by category", subtitle: "hold-out backtest; negative = the model would have added delay",
            items: roi.byCategory.map { ChartItem($0.category, $0.netDelayHoursSaved) }, axisTitle: "net delay hours saved (h)",
            color: ChartPalette.green, valueLabel: { ReportFormat.number($0, digits: 0) })
        return ReportSection(
            id: "roi", title: "ROI backtest", paragraphs: paragraphs,
            figures: [ReportFigure(name: "roi-by-category", caption: "Net misroute delay saved per category in the hold-out backtest.", svg: chart)],
            tables: [figures, perCategory, assumptions],
            code: """
                figures = ["delay_hours_saved", "delay_hours_added", "net_delay_hours_saved", "review_hours", "net_effort_hours_saved",
                           "handoffs_avoided", "sla_breaches_avoided", "value_days_reduced", "money_saved", "money_saved_per_year", "fte_equivalent"]
                pd.DataFrame({name: roi[name] for name in figures}).T
                """)
    }

    /// How every number was made.
    static func methodsSection(_ a: ReportAnalysis) -> ReportSection {
        let roi = a.roi
        let m = a.model
        let unusable = a.table.unusable.count
        let paragraphs = [
            "Data. The event log \(a.logName) was read as exceptions with the lifecycle profile \(a.profileName): one row per exception with its detection, "
                + "assignments, handoffs, resolution and closure (\(ReportFormat.count(a.table.count)) exceptions; \(ReportFormat.count(unusable)) cases could not be used "
                + "and are counted, not dropped silently). Times are wall-clock, in UTC.",
            "KPIs. Computed as switchyard kpi --by category computes them: exception-hours run from detection to resolution, cancellation or the end of the log; "
                + "time to resolution covers resolved exceptions only; routing accuracy is the share of resolved exceptions resolved by the first team assigned; "
                + "misroute delay runs from the first assignment to the assignment to the resolving team; the backlog counts exceptions open at the end of each day; "
                + "SLA targets come from the profile, by category and customer tier. Order values are summed in their own units, not converted between currencies.",
            "Routing model. Multinomial logistic regression on what is known when an exception is detected (category, customer, tier, region, channel, SKU family, "
                + "order value, calendar), \(a.modelTrainedHere ? "trained by this run" : "loaded from a model file") on the exceptions detected before the hold-out "
                + "(\(ReportFormat.count(m.training.trainingRows)) training, \(ReportFormat.count(m.training.validationRows)) validation rows) and evaluated on the "
                + "\(ReportFormat.count(m.training.testRows)) most recent ones. The threshold is the lowest confidence whose validation precision reaches "
                + "\(ReportFormat.percent(m.threshold.targetPrecision, digits: 0)); below it an exception goes to a person.",
            "Backtest. For each resolved hold-out exception: if the model is above the threshold and names the resolving team while the legacy first assignment did not, "
                + "the misroute delay measured in the log is saved, its handoffs avoided, an SLA breach avoided when the resolution time minus that delay meets the target, "
                + "and order value × days saved leaves the revenue at risk. If the model is above the threshold and wrong where legacy was right, the mean misroute delay of "
                + "comparable cases (misrouted exceptions of the same category before the hold-out, at least \(roi.assumptions.comparableMinimum); otherwise all "
                + "categories: \(ReportFormat.hours(roi.overallComparableDelayHours))) is lost and one handoff added. Below the threshold, \(ReportFormat.number(roi.assumptions.reviewMinutes, digits: 1)) "
                + "review minutes are charged and the routing stays as it was. When both are right, or both wrong, nothing changes.",
            "Money. The delay saved is elapsed time with the wrong team, mostly waiting in a queue: it shows in the SLA and revenue-at-risk figures. "
                + "Staff time is priced separately: each handoff avoided saves \(ReportFormat.number(roi.assumptions.handoffMinutes, digits: 0)) minutes of work, "
                + "\(ReportFormat.percent(roi.assumptions.delayEffortShare, digits: 0)) of the delay counts as work (delay_effort_share), review time is subtracted, "
                + "and the result is priced at \(ReportFormat.number(roi.assumptions.costPerHour, digits: 2)) \(roi.assumptions.currency) per hour and divided by "
                + "\(ReportFormat.number(roi.assumptions.hoursPerFTE, digits: 0)) hours per FTE.",
            "Limits. A wrong model answer where legacy was also wrong is counted as no change, though it could be better or worse. "
                + "Intervals reflect sampling of exceptions, not uncertainty in the assumptions; change the assumptions to see their effect.",
            "Files. exceptions.csv (one row per exception), kpis.json (as switchyard kpi --by category --format json), evaluation.json (as switchyard evaluate --json "
                + "on the hold-out), roi.json and roi-exceptions.csv (the backtest, per exception), process-map.svg, charts/*.svg\(a.modelTrainedHere ? ", model.json (the trained model)" : "").",
        ]
        return ReportSection(id: "methods", title: "Methods", paragraphs: paragraphs)
    }
}
