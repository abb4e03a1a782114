import EventLog
import Foundation
import KPI
import Lifecycle
import Routing

/// Writes a report folder: `report.html`, `report.md` with `charts/*.svg`, `analysis.ipynb`,
/// and the data behind them — `exceptions.csv`, `kpis.json`, `evaluation.json`, `roi.json`,
/// `roi-exceptions.csv`, `process-map.svg` and, when the run trained it, `model.json`. All of
/// it goes through ``AtomicOutput``: the folder appears complete or not at all.
public enum ReportExports {
    /// The files written, in order (charts and `model.json` come on top when present).
    public static let fileNames = [
        "report.html", "report.md", "analysis.ipynb", "exceptions.csv", "kpis.json", "evaluation.json", "roi.json",
        "roi-exceptions.csv",
    ]

    /// Writes everything into `folder`; returns the names written.
    @discardableResult
    public static func write(_ a: ReportAnalysis, document doc: ReportDocument, to folder: String) throws(ReportError) -> [String] {
        let out = try AtomicOutput(destination: folder)
        try out.write(HTMLReport.render(doc), to: "report.html")
        try out.write(MarkdownReport.render(doc), to: "report.md")
        for s in doc.sections {
            for f in s.figures { try out.write(f.svg, to: MarkdownReport.chartPath(f)) }
        }
        try out.write(NotebookWriter.render(doc), to: "analysis.ipynb")
        let csvPath = try out.path(for: "exceptions.csv")
        do {
            try ExceptionTableCSV.write(a.table, to: csvPath)  // streamed in 1 MB chunks
        } catch {
            throw .output("cannot write exceptions.csv: \(error.localizedDescription)")
        }
        // Byte for byte what `switchyard kpi --format json` and `switchyard evaluate --json` print.
        try out.write(try kpiJSON(a.kpi) + Data("\n".utf8), to: "kpis.json")
        try out.write(try evaluationJSON(a.holdout.evaluation) + Data("\n".utf8), to: "evaluation.json")
        try out.write(try json(a.roi) + Data("\n".utf8), to: "roi.json")
        try out.write(backtestCSV(a.backtest), to: "roi-exceptions.csv")
        if let svg = a.processMapSVG {
            try out.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n" + svg, to: "process-map.svg")
        }
        if a.modelTrainedHere {
            let modelPath = try out.path(for: "model.json")
            do {
                _ = try RoutingModelFile.write(a.model, to: modelPath)
            } catch {
                throw .output("cannot write model.json: \(error)")
            }
        }
        try out.commit()
        return out.written
    }

    /// The KPI report as `switchyard kpi --format json` prints it (same encoder settings).
    public static func kpiJSON(_ report: KPIReport) throws(ReportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return try encoder.encode(report)
        } catch {
            throw .output("cannot encode the KPIs as JSON: \(error)")
        }
    }

    /// The evaluation as `switchyard evaluate --json` prints it (same encoder settings).
    public static func evaluationJSON(_ report: EvaluationReport) throws(ReportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try encoder.encode(report)
        } catch {
            throw .output("cannot encode the evaluation as JSON: \(error)")
        }
    }

    static func json<T: Encodable>(_ value: T) throws(ReportError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            return try encoder.encode(value)
        } catch {
            throw .output("cannot encode \(T.self) as JSON: \(error)")
        }
    }

    /// The backtest per exception as CSV (RFC 4180).
    public static func backtestCSV(_ rows: [BacktestRow]) -> String {
        var out = "id,category,legacy_owner,resolving_owner,predicted_owner,confidence,automated,outcome,measured_delay_hours,"
            + "delay_hours_saved,review_hours,handoffs_avoided,sla_breaches_avoided,value_days_reduced\n"
        func num(_ x: Double) -> String { x.isFinite ? String(format: "%.6g", x) : "" }
        for r in rows {
            let fields = [
                csv(r.id), csv(r.category ?? ""), csv(r.legacyOwner), csv(r.resolvingOwner), csv(r.predictedOwner), num(r.confidence),
                r.automated ? "true" : "false", r.outcome.rawValue, num(r.measuredDelayHours), num(r.delayHoursSaved), num(r.reviewHours),
                String(r.handoffsAvoided), String(r.slaBreachesAvoided), num(r.valueDaysReduced),
            ]
            out += fields.joined(separator: ",") + "\n"
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, quote, CR or LF; a leading `= + - @` gets a
    /// `'` so that spreadsheets do not run it as a formula.
    static func csv(_ s: String) -> String {
        var text = s
        if let first = text.unicodeScalars.first, "=+-@".unicodeScalars.contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
