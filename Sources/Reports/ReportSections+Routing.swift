import KPI
import Routing

extension ReportBuilder {
    /// Per-category accuracy of legacy and model on the hold-out exceptions with a resolving owner.
    static func accuracyByCategory(_ rows: [BacktestRow]) -> [(category: String, n: Int, legacy: Double, model: Double)] {
        var by: [String: (n: Int, legacy: Int, model: Int)] = [:]
        for r in rows {
            var c = by[r.category ?? "(none)"] ?? (0, 0, 0)
            c.n += 1
            if r.legacyOwner == r.resolvingOwner { c.legacy += 1 }
            if r.predictedOwner == r.resolvingOwner { c.model += 1 }
            by[r.category ?? "(none)"] = c
        }
        return by.map { (category: $0.key, n: $0.value.n, legacy: Double($0.value.legacy) / Double($0.value.n), model: Double($0.value.model) / Double($0.value.n)) }
            .sorted { $0.model - $0.legacy != $1.model - $1.legacy ? $0.model - $0.legacy > $1.model - $1.legacy : $0.category < $1.category }
    }

    /// Routing accuracy, legacy first assignment vs the model, on the hold-out.
    static func routingSection(_ a: ReportAnalysis) -> ReportSection {
        let e = a.holdout.evaluation
        let legacy = e.legacy?.accuracy
        let majority = e.majorityPerCategory?.accuracy
        let cats = accuracyByCategory(a.backtest)
        var paragraphs = [
            "On the \(ReportFormat.count(e.model.rows)) hold-out exceptions with a known resolving team "
                + "(\(RoutingWindowText.window(e.window))), the model names the right team for \(ReportFormat.percent(e.model.accuracy)); "
                + "the legacy first assignment was right for \(ReportFormat.percent(legacy))"
                + (majority.map { " and a simple majority-team-per-category rule for \(ReportFormat.percent($0))." } ?? "."),
            "Across the whole log (the KPI view), \(ReportFormat.percent(a.kpi.overall.routing.accuracy)) of resolved exceptions were resolved "
                + "by the team first assigned; they were handed off \(ReportFormat.number(a.kpi.overall.routing.handoffsPerException ?? 0, digits: 2)) "
                + "times per exception on average.",
        ]
        if let best = cats.first {
            paragraphs.append(
                "The largest gain is in \(best.category): \(ReportFormat.percent(best.legacy, digits: 0)) → \(ReportFormat.percent(best.model, digits: 0)).")
        }
        let groups = cats.map(\.category) + ["all"]
        var series: [(name: String, values: [Double])] = [
            (name: "legacy first assignment", values: cats.map { $0.legacy * 100 } + [(legacy ?? .nan) * 100]),
            (name: "model", values: cats.map { $0.model * 100 } + [e.model.accuracy * 100]),
        ]
        if let majority {
            series.insert((name: "majority per category", values: cats.map { _ in Double.nan } + [majority * 100]), at: 1)
        }
        let chart = BarCharts.grouped(
            title: "Routing accuracy on the hold-out: legacy vs model",
            subtitle: "share of exceptions whose first owner would be the resolving team",
            groups: groups, series: series, axisTitle: "routed right first time (%)", categoryTitle: "exception category",
            maxValue: 100, valueFormat: { ReportFormat.number($0, digits: 0) })
        let metrics = ReportTable(
            caption: "Hold-out evaluation (as switchyard evaluate computes it)",
            header: ["measure", "value"],
            rows: [
                ["exceptions scored", ReportFormat.count(e.model.rows)],
                ["legacy first assignment: accuracy", ReportFormat.percent(legacy)],
                ["majority team per category: accuracy", ReportFormat.percent(majority)],
                ["model: accuracy", ReportFormat.percent(e.model.accuracy)],
                ["model: top-2 accuracy", ReportFormat.percent(e.model.top2Accuracy)],
                ["model: macro-F1", ReportFormat.number(e.model.macroF1, digits: 3)],
                ["model: log loss", ReportFormat.number(e.model.logLoss, digits: 3)],
                ["model: expected calibration error", ReportFormat.number(e.model.expectedCalibrationError, digits: 3)],
                ["confidence threshold", e.automation.threshold.map { ReportFormat.number($0, digits: 3) } ?? "none (all to review)"],
                ["routed automatically (coverage)", ReportFormat.percent(e.automation.coverage)],
                ["precision of automatic routing", ReportFormat.percent(e.automation.precision)],
            ], numericColumns: [1])
        let perCategory = ReportTable(
            caption: "Accuracy by category on the hold-out",
            header: ["category", "exceptions", "legacy", "model", "change (points)"],
            rows: cats.map { [$0.category, ReportFormat.count($0.n), ReportFormat.percent($0.legacy), ReportFormat.percent($0.model),
                              ReportFormat.signed(($0.model - $0.legacy) * 100, digits: 1)] },
            numericColumns: [1, 2, 3, 4])
        return ReportSection(
            id: "routing", title: "Routing accuracy: legacy vs model", paragraphs: paragraphs,
            figures: [ReportFigure(name: "routing-accuracy", caption: "Accuracy of the first assignment by category, legacy vs model (hold-out).", svg: chart)],
            tables: [metrics, perCategory],
            code: """
                scored = backtest.assign(legacy_right=backtest.legacy_owner == backtest.resolving_owner,
                                         model_right=backtest.predicted_owner == backtest.resolving_owner)
                scored.groupby("category")[["legacy_right", "model_right"]].mean().sort_values("model_right")
                """)
    }

    /// Accuracy against coverage, with the chosen threshold.
    static func coverageSection(_ a: ReportAnalysis) -> ReportSection {
        let e = a.holdout.evaluation
        let curve = e.model.coverageCurve
        let t = e.automation
        let chart = LineCharts.coverage(
            title: "Accuracy vs coverage on the hold-out",
            subtitle: "most confident exceptions routed first; the threshold was chosen on validation for \(ReportFormat.percent(a.model.threshold.targetPrecision, digits: 0)) precision",
            points: curve.map { (coverage: $0.coverage, accuracy: $0.accuracy) },
            threshold: t.threshold.map { (value: $0, coverage: t.coverage, precision: t.precision) },
            legacyAccuracy: e.legacy?.accuracy)
        var paragraphs: [String] = []
        if let threshold = t.threshold {
            paragraphs.append(
                "The threshold \(ReportFormat.number(threshold, digits: 3)) was the lowest confidence reaching \(ReportFormat.percent(a.model.threshold.targetPrecision, digits: 0)) "
                    + "precision on the validation slice. On the hold-out it sends \(ReportFormat.percent(t.coverage)) of exceptions "
                    + "(\(ReportFormat.count(t.automatedRows)) of \(ReportFormat.count(t.rows))) straight to a team, \(ReportFormat.percent(t.precision)) of them correctly; "
                    + "the rest go to a person for review.")
        } else {
            paragraphs.append("No confidence reached the target precision on validation, so every exception would go to review.")
        }
        let table = ReportTable(
            caption: "Accuracy by coverage (hold-out)",
            header: ["coverage", "exceptions", "accuracy", "lowest confidence"],
            rows: curve.map { [ReportFormat.percent($0.coverage, digits: 0), ReportFormat.count($0.rows), ReportFormat.percent($0.accuracy), ReportFormat.number($0.minConfidence, digits: 3)] },
            numericColumns: [0, 1, 2, 3])
        return ReportSection(
            id: "coverage", title: "Accuracy vs coverage and the confidence threshold", paragraphs: paragraphs,
            figures: [ReportFigure(name: "accuracy-coverage", caption: "Accuracy of the automatically routed share, by coverage, with the chosen threshold.", svg: chart)],
            tables: [table],
            code: """
                curve = pd.DataFrame(evaluation["model"]["coverageCurve"])
                curve
                """)
    }
}

/// Time windows as text.
enum RoutingWindowText {
    static func window(_ w: TimeWindow?) -> String {
        guard let w else { return "no window" }
        return "detected \(ReportFormat.day(w.from)) to \(ReportFormat.day(w.to))"
    }
}
