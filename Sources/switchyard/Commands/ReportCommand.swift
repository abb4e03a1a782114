import ArgumentParser
import EventLog
import Foundation
import Lifecycle
import Reports
import Routing

/// `switchyard report LOG|FILE --profile P --out DIR`: the ROI report an executive reads.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the ROI report: what better routing would have saved, in HTML, Markdown and a notebook.",
        discussion: """
            Rebuilds the exceptions with --profile, computes the KPIs (as `switchyard kpi --by category`), scores \
            the routing model on its hold-out period (as `switchyard evaluate`) and backtests it against the legacy \
            first assignment: time saved where the model was right and legacy wrong, time lost where it was the \
            other way round, review minutes below the confidence threshold; with bootstrap intervals. Without \
            --model a model is trained on the period before the hold-out (as `switchyard train`) and written as \
            model.json. --out DIR receives report.html (self-contained), report.md with charts/*.svg, \
            analysis.ipynb, exceptions.csv, kpis.json, evaluation.json, roi.json, roi-exceptions.csv and \
            process-map.svg; it is written to a temporary folder and moved into place when complete. Assumptions \
            come from --assumptions FILE.json (keys cost_per_hour, review_minutes, handoff_minutes, hours_per_fte, \
            currency, delay_effort_share, bootstrap_samples, confidence_level, seed, comparable_minimum), then the flags.
            """)

    @Argument(help: "A log name in the workspace, or a file.")
    var log: String
    @Option(help: "Profile: orders, itsm, or a .json/.yaml file.")
    var profile: String
    @Option(help: "A routing model file (or registered model id); default: train one on the period before the hold-out.")
    var model: String?
    @Option(help: "Output folder, e.g. notebooks-out/RUN/ (replaced if it holds an earlier report).")
    var out: String
    @Option(help: "Assumptions as a JSON file; the flags below override it.")
    var assumptions: String?
    @Option(help: "Cost of one hour of exception handling (default 45).")
    var costPerHour: Double?
    @Option(help: "Review minutes per exception below the confidence threshold (default 3).")
    var reviewMinutes: Double?
    @Option(help: "Minutes of work each handoff costs (default 20).")
    var handoffMinutes: Double?
    @Option(help: "Working hours of one full-time employee per year (default 1650).")
    var hoursPerFte: Double?
    @Option(help: "Currency of the cost per hour (default EUR).")
    var currency: String?
    @Option(help: "Share of misroute delay counted as staff effort, 0–1 (default 0: waiting time).")
    var delayEffortShare: Double?
    @Option(help: "Bootstrap resamples for the intervals (default 1000; 0 = none).")
    var bootstrapSamples: Int?
    @Option(help: "Seed of the bootstrap (default 7).")
    var seed: UInt64?
    @Option(help: "Training without --model: hold out exceptions detected from this date on (default: the most recent 20 %).")
    var holdoutFrom: String?
    @Option(help: "Training without --model: precision the automatic-routing threshold must reach on validation (default 0.95).")
    var targetPrecision: Double?
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        if model != nil && (holdoutFrom != nil || targetPrecision != nil) {
            throw ValidationError("--holdout-from and --target-precision apply when training; with --model the model's own hold-out and threshold are used")
        }
        if let targetPrecision, !(targetPrecision > 0 && targetPrecision <= 1) {
            throw ValidationError("--target-precision must be in (0, 1], got \(targetPrecision)")
        }
    }

    func run() throws {
        let started = Date()
        var assumed = ROIAssumptions()
        do {
            if let assumptions { assumed = try ROIAssumptions.load(assumptions) }
        } catch {
            throw CLIError(error.description)
        }
        if let costPerHour { assumed.costPerHour = costPerHour }
        if let reviewMinutes { assumed.reviewMinutes = reviewMinutes }
        if let handoffMinutes { assumed.handoffMinutes = handoffMinutes }
        if let hoursPerFte { assumed.hoursPerFTE = hoursPerFte }
        if let currency { assumed.currency = currency }
        if let delayEffortShare { assumed.delayEffortShare = delayEffortShare }
        if let bootstrapSamples { assumed.bootstrapSamples = bootstrapSamples }
        if let seed { assumed.seed = seed }
        do { try assumed.validate() } catch { throw ValidationError(error.description) }

        let chosen: LifecycleProfile
        do { chosen = try ProfileLoader.resolve(profile) } catch { throw CLIError(error.description) }
        let given = try model.map { try ModelReference.load($0, workspace: workspace.path).model }
        let result = try LogSource.load(log, input: input, workspace: workspace.path)
        let table: ExceptionTable
        do { table = try Reconstruction.reconstruct(result.log, profile: chosen) } catch { throw CLIError(error.description) }

        var options = ReportOptions()
        options.assumptions = assumed
        options.training = ReportOptions.defaultTraining(profile: chosen.name)
        if let targetPrecision { options.training.targetPrecision = targetPrecision }
        if let holdoutFrom { options.training.holdout = .from(try RoutingArguments.date(holdoutFrom, option: "--holdout-from")) }
        let progress: (String) -> Void = { FileHandle.standardError.write(Data("\($0)…\n".utf8)) }
        let written: [String]
        let analysis: ReportAnalysis
        do {
            analysis = try ReportPipeline.analyse(log: result.log, table: table, profile: chosen, model: given, options: options, progress: progress)
            progress("writing the report")
            written = try ReportExports.write(analysis, document: ReportBuilder.document(analysis), to: out)
        } catch {
            throw CLIError(error.description)
        }
        print(ReportSummary.render(analysis, folder: out, files: written, seconds: Date().timeIntervalSince(started)))
    }
}

/// The terminal summary of a report run.
enum ReportSummary {
    static func render(_ a: ReportAnalysis, folder: String, files: [String], seconds: Double) -> String {
        let roi = a.roi
        let e = a.holdout.evaluation
        let cur = roi.assumptions.currency
        func est(_ x: Estimate, _ digits: Int = 0) -> String {
            "\(ReportFormat.number(x.value, digits: digits))  (\(ReportFormat.interval(x, digits: digits)))"
        }
        let rows: [[String]] = [
            ["exceptions", ReportFormat.count(a.table.count)],
            ["hold-out", "\(ReportFormat.day(roi.holdoutFrom)) to \(ReportFormat.day(roi.holdoutTo)), \(ReportFormat.count(roi.exceptions)) resolved"],
            ["accuracy legacy", ReportFormat.percent(e.legacy?.accuracy)],
            ["accuracy model", ReportFormat.percent(e.model.accuracy)],
            ["automated", "\(ReportFormat.percent(e.automation.coverage)) at \(ReportFormat.percent(e.automation.precision)) precision"],
            ["delay hours saved", est(roi.netDelayHoursSaved)],
            ["staff hours saved", est(roi.netEffortHoursSaved)],
            ["handoffs avoided", est(roi.handoffsAvoided)],
            ["SLA breaches avoided", est(roi.slaBreachesAvoided)],
            ["value-days reduced", est(roi.valueDaysReduced)],
            ["money per year", "\(est(roi.moneySavedPerYear)) \(cur)"],
            ["FTE equivalent", est(roi.fteEquivalent, 2)],
        ]
        var lines = rows.map { $0[0].padding(toLength: 22, withPad: " ", startingAt: 0) + $0[1] }
        lines.append("")
        lines.append("report                \(URL(fileURLWithPath: folder).appendingPathComponent("report.html").path)")
        lines.append("wrote                 \(files.filter { !$0.hasPrefix("charts/") }.joined(separator: ", ")) and \(files.filter { $0.hasPrefix("charts/") }.count) charts")
        lines.append("took                  \(String(format: "%.1f", seconds)) s")
        return lines.joined(separator: "\n")
    }
}
