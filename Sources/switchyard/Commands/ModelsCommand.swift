import ArgumentParser
import EventLog
import Foundation
import Routing

/// `switchyard models`: the model registry of the workspace.
struct ModelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "models", abstract: "List the models registered in the workspace, and their history.")

    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "Also print who registered, promoted and retired what, when and why.")
    var history = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: workspace.path) else {
            throw CLIError("no workspace at \(workspace.path); train a model first (`switchyard train … --out model.json`)")
        }
        let registry = try workspace.registry()
        let models = try registry.list()
        guard !models.isEmpty else {
            print("no models registered in \(workspace.path)")
            return
        }
        let rows = models.map { m in
            [
                String(m.id), m.status.rawValue, String(m.sha256.prefix(12)), String(m.createdAt.prefix(19)), m.target,
                String(m.classes), TextFormat.thousands(m.trainingRows), RoutingFormat.percent(m.holdoutAccuracy),
                RoutingFormat.number(m.threshold), RoutingFormat.percent(m.holdoutCoverage), m.path ?? "",
            ]
        }
        print(TextFormat.table(
            header: ["id", "status", "sha256", "created", "target", "owners", "trained on", "hold-out acc", "threshold", "auto", "file"],
            rows: rows))
        guard history else { return }
        let events = try registry.events()
        print("\nhistory")
        print(TextFormat.table(
            header: ["at", "model", "action", "by", "reason"],
            rows: events.map { [String($0.at.prefix(19)), String($0.modelID), $0.action, $0.actor ?? "", $0.reason ?? ""] }))
    }
}
