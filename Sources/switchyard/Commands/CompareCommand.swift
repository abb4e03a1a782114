import ArgumentParser
import EventLog
import Foundation
import Routing

/// `switchyard compare A.json B.json LOG`: two models on the same recent exceptions.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Score two models on the same recent window of a log.",
        discussion: """
            The window defaults to the exceptions detected after both models' training periods, so neither has \
            seen them; --from/--to choose another window.
            """)

    @Argument(help: "Model A (file or registered id).")
    var a: String
    @Argument(help: "Model B (file or registered id).")
    var b: String
    @Argument(help: "A log (file or workspace name), or with --table a CSV of exceptions.")
    var log: String
    @OptionGroup var data: RoutingDataOptions
    @Option(help: "Window start (default: after both training periods).")
    var from: String?
    @Option(help: "Window end.")
    var to: String?
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        let (ma, la) = try ModelReference.load(a, workspace: workspace.path)
        let (mb, lb) = try ModelReference.load(b, workspace: workspace.path)
        let (input, notes) = try data.load(log, workspace: workspace.path, defaultProfile: mb.profile ?? ma.profile)
        for note in notes { FileHandle.standardError.write(Data(("note: " + note + "\n").utf8)) }
        let comparison: ModelComparison
        do {
            comparison = try ModelComparison.compare(ma, mb, on: input, window: try RoutingArguments.window(from: from, to: to))
        } catch {
            throw CLIError("\(error)")
        }
        print("both on \(TextFormat.thousands(comparison.a.model.rows)) exceptions, \(RoutingFormat.window(comparison.window))\n")
        func row(_ name: String, _ e: EvaluationReport) -> [String] {
            [
                name, RoutingFormat.percent(e.model.accuracy), RoutingFormat.percent(e.model.macroF1),
                RoutingFormat.percent(e.model.top2Accuracy), RoutingFormat.number(e.model.logLoss),
                RoutingFormat.number(e.model.expectedCalibrationError), RoutingFormat.percent(e.automation.coverage),
                RoutingFormat.percent(e.automation.precision),
            ]
        }
        var rows = [row("A " + la, comparison.a), row("B " + lb, comparison.b)]
        if let legacy = comparison.a.legacy { rows.append([legacy.name, RoutingFormat.percent(legacy.accuracy), "", "", "", "", "", ""]) }
        print(TextFormat.table(
            header: ["", "accuracy", "macro-F1", "top-2", "log loss", "ECE", "auto", "auto precision"], rows: rows))
        let delta = comparison.accuracyDelta * 100
        print("\nB − A: \(String(format: "%+.1f", delta)) accuracy points; "
            + (comparison.bIsWorse() ? "B is worse" : delta > 0 ? "B is better" : "B is as good"))
    }
}
