import EventLog
import Foundation
import Routing

/// Terminal tables of the routing commands.
enum RoutingTables {
    /// The evaluation table: model vs baselines, threshold, coverage curve, confusion matrix.
    static func evaluation(_ e: EvaluationReport, model: RoutingModel, title: String) -> String {
        let m = e.model
        var out = "\(title): \(TextFormat.thousands(m.rows)) exceptions, \(RoutingFormat.window(e.window))"
        if m.unknownLabelRows > 0 {
            out += " (\(TextFormat.thousands(m.unknownLabelRows)) resolved by an owner the model does not know)"
        }
        out += "\n\n"
        var rows: [[String]] = [[
            "model", RoutingFormat.percent(m.accuracy), RoutingFormat.percent(m.macroF1), RoutingFormat.percent(m.top2Accuracy),
            RoutingFormat.number(m.logLoss), RoutingFormat.number(m.expectedCalibrationError),
        ]]
        if let legacy = e.legacy { rows.append([legacy.name, RoutingFormat.percent(legacy.accuracy), "", "", "", ""]) }
        if let majority = e.majorityPerCategory { rows.append([majority.name, RoutingFormat.percent(majority.accuracy), "", "", "", ""]) }
        out += TextFormat.table(header: ["", "accuracy", "macro-F1", "top-2", "log loss", "ECE"], rows: rows) + "\n\n"
        let t = model.threshold
        if let threshold = t.threshold {
            out += "threshold \(RoutingFormat.number(threshold)): lowest confidence with precision ≥ "
                + "\(RoutingFormat.percent(t.targetPrecision)) on validation (\(RoutingFormat.percent(t.precision)), "
                + "coverage \(RoutingFormat.percent(t.coverage)))\n"
        } else {
            out += "threshold: no confidence reached \(RoutingFormat.percent(t.targetPrecision)) precision on validation; "
                + "every exception goes to review\n"
        }
        out += "at the threshold here: \(RoutingFormat.percent(e.automation.coverage)) automatic "
            + "(\(TextFormat.thousands(e.automation.automatedRows))), precision \(RoutingFormat.percent(e.automation.precision)); "
            + "the rest to review\n"
        out += "accuracy by coverage (most confident first): "
            + m.coverageCurve.filter { [2, 4, 6, 8, 10].contains(Int(($0.coverage * 10).rounded())) }
            .map { "\(Int(($0.coverage * 100).rounded())) % → \(RoutingFormat.percent($0.accuracy))" }.joined(separator: ", ") + "\n\n"
        out += confusion(m, classes: model.classes)
        return out
    }

    /// Confusion matrix with per-class recall and precision.
    static func confusion(_ m: ClassificationMetrics, classes: [String]) -> String {
        let short = classes.map { String($0.prefix(10)) }
        var rows: [[String]] = []
        for (k, name) in classes.enumerated() {
            rows.append([name] + m.confusion[k].map { String($0) } + [RoutingFormat.percent(m.perClass[k].recall)])
        }
        rows.append(["precision"] + m.perClass.map { RoutingFormat.percent($0.precision) } + [""])
        return "confusion matrix (rows: true owner, columns: predicted)\n"
            + TextFormat.table(header: ["true \\ predicted"] + short + ["recall"], rows: rows)
    }

    /// Training summary: rows, windows, epochs, time and sgemm throughput.
    static func training(_ model: RoutingModel) -> String {
        let s = model.training, r = s.report
        var out = "trained on \(TextFormat.thousands(s.trainingRows)) exceptions (\(RoutingFormat.window(s.trainingWindow))), "
            + "validated on \(TextFormat.thousands(s.validationRows)) (\(RoutingFormat.window(s.validationWindow)))"
        if s.unlabeledRows > 0 { out += "; \(TextFormat.thousands(s.unlabeledRows)) without a resolving owner left out" }
        out += "\n\(model.features.dimension) features, \(model.classes.count) owners; "
            + "\(r.epochs.count) epochs (\(r.stopReason), best \(r.bestEpoch)) in \(RoutingFormat.number(r.seconds, 2)) s; "
            + "sgemm \(RoutingFormat.number(r.sgemmGFLOPS, 1)) GFLOP/s while in sgemm, "
            + "\(RoutingFormat.number(r.effectiveGFLOPS, 1)) GFLOP/s over the whole training (\(r.threads) thread)\n"
        return out
    }
}
