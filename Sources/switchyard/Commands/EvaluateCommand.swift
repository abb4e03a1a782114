import ArgumentParser
import EventLog
import Foundation
import Routing

/// `switchyard evaluate model.json LOG|FILE`: the evaluation table on any data.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate", abstract: "Score a model on exceptions with known owners, next to the baselines.")

    @Argument(help: "A model file, or a registered model id (see `switchyard models`).")
    var model: String
    @Argument(help: "A log (file or workspace name), or with --table a CSV of exceptions.")
    var log: String
    @OptionGroup var data: RoutingDataOptions
    @Option(help: "Only exceptions detected from this date.")
    var from: String?
    @Option(help: "Only exceptions detected up to this date.")
    var to: String?
    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "Print JSON.")
    var json = false

    func run() throws {
        let (model, label) = try ModelReference.load(self.model, workspace: workspace.path)
        let (input, notes) = try data.load(log, workspace: workspace.path, defaultProfile: model.profile)
        for note in notes { FileHandle.standardError.write(Data(("note: " + note + "\n").utf8)) }
        let report: EvaluationReport
        do {
            report = try model.evaluate(input, window: try RoutingArguments.window(from: from, to: to))
        } catch {
            throw CLIError("\(error)")
        }
        if json {
            print(try RoutingFormat.json(report))
        } else {
            print(RoutingTables.evaluation(report, model: model, title: "\(label) on \(log)"))
        }
    }
}
