import EventLog
import KPI
import Lifecycle
import Routing

/// Turns a ``ReportAnalysis`` into a ``ReportDocument``: the executive summary, one section
/// per topic, and the methods. Only formatting happens here; every number comes from the
/// analysis (KPIs, evaluation, backtest) so the report agrees with `switchyard kpi` and
/// `switchyard evaluate`. Cost: linear in categories, owners and backlog days.
public enum ReportBuilder {
    public static func document(_ a: ReportAnalysis) -> ReportDocument {
        let period = periodText(a)
        let sections = [
            dragSection(a), cycleTimeSection(a), backlogSection(a), routingSection(a), coverageSection(a), processMapSection(a),
            handoffSection(a), roiSection(a), methodsSection(a),
        ]
        return ReportDocument(
            title: "What better routing would have saved",
            subtitle: "\(a.logName) · profile \(a.profileName) · \(ReportFormat.count(a.table.count)) exceptions \(period)",
            headline: headline(a), sections: sections, generatedAt: a.generatedAt, setupCode: setupCode)
    }

    static func periodText(_ a: ReportAnalysis) -> String {
        let times = a.table.detectedAt.filter { $0 != ExceptionTable.noTime }
        guard let lo = times.min(), let hi = times.max() else { return "" }
        return "detected \(ReportFormat.day(lo)) to \(ReportFormat.day(hi))"
    }

    /// Three numbers, one sentence each.
    static func headline(_ a: ReportAnalysis) -> [HeadlineFigure] {
        let roi = a.roi
        let cur = roi.assumptions.currency
        let hours = HeadlineFigure(
            value: ReportFormat.number(roi.netDelayHoursSaved.value, digits: 0) + " h",
            label: "less misroute delay in the \(ReportFormat.number(roi.periodDays, digits: 0))-day hold-out",
            sentence: "Routing the hold-out exceptions with the model would have taken \(ReportFormat.number(roi.netDelayHoursSaved.value, digits: 0)) "
                + "hours of waiting with the wrong team out of the process (\(percentLevel(roi)) interval \(ReportFormat.interval(roi.netDelayHoursSaved))); "
                + "the staff time saved, \(ReportFormat.number(roi.netEffortHoursSaved.value, digits: 0)) hours after review, is worth about "
                + "\(ReportFormat.money(roi.moneySavedPerYear.value, currency: cur)) a year (\(ReportFormat.number(roi.fteEquivalent.value, digits: 1)) FTE).")
        let e = a.holdout.evaluation
        let legacy = e.legacy?.accuracy
        let accuracy = HeadlineFigure(
            value: ReportFormat.percent(e.model.accuracy, digits: 0),
            label: "routed to the right team first time (model)",
            sentence: "On the hold-out the model names the resolving team for \(ReportFormat.percent(e.model.accuracy)) of exceptions, "
                + "against \(ReportFormat.percent(legacy)) for today's first assignment; " + automationClause(a))
        let sla = HeadlineFigure(
            value: ReportFormat.number(roi.slaBreachesAvoided.value, digits: 0),
            label: "SLA breaches avoided in the hold-out",
            sentence: "Removing the measured misroute delay would have kept \(ReportFormat.number(roi.slaBreachesAvoided.value, digits: 0)) "
                + "exceptions within their SLA (interval \(ReportFormat.interval(roi.slaBreachesAvoided))), avoided "
                + "\(ReportFormat.number(roi.handoffsAvoided.value, digits: 0)) handoffs and cut "
                + "\(ReportFormat.number(roi.valueDaysReduced.value, digits: 0)) order-value-days of revenue at risk.")
        return [hours, accuracy, sla]
    }

    /// What the threshold does, or why there is none.
    static func automationClause(_ a: ReportAnalysis) -> String {
        let t = a.holdout.evaluation.automation
        guard t.threshold != nil else {
            return "no confidence reached the \(ReportFormat.percent(a.model.threshold.targetPrecision, digits: 0)) precision target on validation, "
                + "so every exception would still go to a person."
        }
        return "above its confidence threshold it would route \(ReportFormat.percent(t.coverage, digits: 0)) automatically at "
            + "\(ReportFormat.percent(t.precision)) precision."
    }

    static func percentLevel(_ roi: ROIResult) -> String { ReportFormat.percent(roi.assumptions.confidenceLevel, digits: 0) }

    /// The notebook's first code cell: load every exported file.
    static let setupCode = """
        import json
        import pandas as pd

        time_columns = ["detected_at", "first_assigned_at", "final_owner_assigned_at", "first_touch_at",
                        "first_resolved_at", "resolved_at", "closed_at", "cancelled_at", "last_event_at"]
        exceptions = pd.read_csv("exceptions.csv")
        for column in time_columns:
            if column in exceptions:
                exceptions[column] = pd.to_datetime(exceptions[column], utc=True, format="ISO8601")
        backtest = pd.read_csv("roi-exceptions.csv")
        with open("kpis.json") as f:
            kpis = json.load(f)
        with open("evaluation.json") as f:
            evaluation = json.load(f)
        with open("roi.json") as f:
            roi = json.load(f)
        exceptions.head()
        """

    /// Hours from seconds (KPI summaries are in seconds).
    static func h(_ seconds: Double?) -> String {
        guard let seconds else { return "–" }
        return ReportFormat.number(seconds / 3600, digits: 1)
    }
}
