import ArgumentParser
import EventLog
import Foundation
import Routing

/// `switchyard promote ID`: makes a registered model the one in service, unless it is worse
/// than the current one on the same window.
struct PromoteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promote",
        abstract: "Promote a registered model, refusing one that is worse than the promoted model.",
        discussion: """
            The two models are compared on the same exceptions: their stored hold-out scores when both were \
            evaluated on the same data and window, else the exceptions of --log detected after both training \
            periods. A worse candidate is refused unless --force. Who, when and why are recorded in the workspace.
            """)

    @Argument(help: "Registered model id or sha256 prefix (see `switchyard models`).")
    var id: String
    @Flag(help: "Promote even if worse (the comparison is still recorded).")
    var force = false
    @Option(help: "Why this model is promoted (recorded).")
    var reason: String?
    @Option(help: "Who promotes (default: $USER).")
    var by: String?
    @Option(help: "A log (or with --table a CSV of exceptions) to compare both models on its recent exceptions.")
    var log: String?
    @OptionGroup var data: RoutingDataOptions
    @Option(help: "Accuracy (as a share, e.g. 0.005) the candidate may lose and still pass.")
    var tolerance = 0.0
    @OptionGroup var workspace: WorkspaceOptions

    func run() throws {
        guard FileManager.default.fileExists(atPath: workspace.path) else {
            throw CLIError("no workspace at \(workspace.path)")
        }
        let registry = try workspace.registry()
        guard let entry = try registry.find(id) else {
            throw CLIError("no model '\(id)' in \(workspace.path) (see `switchyard models`)")
        }
        let current = try registry.promoted()
        if current?.id == entry.id {
            print("model \(entry.id) is already promoted")
            return
        }
        let candidate = try registry.load(entry)
        let currentModel = try current.map { try registry.load($0) }
        let input = try log.map { try data.load($0, workspace: workspace.path, defaultProfile: candidate.profile).input }
        let check: PromotionCheck
        do {
            check = try PromotionCheck.check(
                candidate: candidate, current: currentModel, input: input, force: force, tolerance: tolerance)
        } catch {
            throw CLIError("\(error)")
        }
        guard check.allowed else {
            throw CLIError("model \(entry.id) not promoted: \(check.message)\(check.comparison == nil ? "" : " (use --force to promote anyway)")")
        }
        let actor = by ?? ProcessInfo.processInfo.environment["USER"] ?? "unknown"
        try registry.promote(entry.id, actor: actor, reason: reason, details: "\(check.basis.rawValue): \(check.message)")
        print("model \(entry.id) promoted by \(actor)" + (current.map { "; model \($0.id) retired" } ?? "") + "\n\(check.message)")
    }
}
