import ArgumentParser
import EventLog
import Foundation
import Routing

/// `switchyard drift model.json LOG`: how far recent exceptions moved from the training data.
struct DriftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "drift",
        abstract: "Population stability per feature between training and recent data, and accuracy by week.",
        discussion: "PSI < 0.1 stable, 0.1–0.25 moderate, ≥ 0.25 significant. Recent = detected after training (or --from).")

    @Argument(help: "A model file, or a registered model id.")
    var model: String
    @Argument(help: "A log (file or workspace name), or with --table a CSV of exceptions.")
    var log: String
    @OptionGroup var data: RoutingDataOptions
    @Option(help: "Recent window start (default: after the model's training period).")
    var from: String?
    @Option(help: "Recent window end.")
    var to: String?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let (model, _) = try ModelReference.load(self.model, workspace: workspace.path)
        let (input, notes) = try data.load(log, workspace: workspace.path, defaultProfile: model.profile)
        for note in notes { FileHandle.standardError.write(Data(("note: " + note + "\n").utf8)) }
        let report: DriftReport
        do {
            report = try Drift.report(model, input: input, window: try RoutingArguments.window(from: from, to: to))
        } catch {
            throw CLIError("\(error)")
        }
        if json {
            print(try RoutingFormat.json(report))
            return
        }
        print("recent: \(TextFormat.thousands(report.rows)) exceptions, \(RoutingFormat.window(report.window))\n")
        print(TextFormat.table(
            header: ["feature", "PSI", "level", "largest shift", "training", "recent"],
            rows: report.features.map {
                [$0.feature, RoutingFormat.number($0.psi), $0.level, $0.largestShift, RoutingFormat.percent($0.expectedShare),
                 RoutingFormat.percent($0.actualShare)]
            }))
        print("\naccuracy by week")
        print(TextFormat.table(
            header: ["week of", "exceptions", "accuracy", "legacy", "auto", ""],
            rows: report.weekly.map {
                [RoutingFormat.day($0.weekStart), TextFormat.thousands($0.rows), RoutingFormat.percent($0.accuracy),
                 RoutingFormat.percent($0.legacyAccuracy), RoutingFormat.percent($0.coverage), $0.inTraining ? "training" : ""]
            }))
    }
}
