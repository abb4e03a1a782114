import ArgumentParser
import EventLog
import Foundation
import Lifecycle

/// `switchyard lifecycles LOG|FILE --profile P`: one row per exception, and a summary.
struct LifecyclesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycles",
        abstract: "Rebuild the life of every exception (owners, handoffs, milestones, SLA) with a lifecycle profile.",
        discussion: """
            --profile takes a preset (orders, itsm) or a JSON/YAML profile file. Every case becomes a row of \
            the table (--out writes it as CSV with every field) or is listed as unusable with its reason.
            """)

    @Argument(help: "A log name in the workspace, or a file.")
    var log: String?
    @Option(help: "Profile: orders, itsm, or a .json/.yaml file.")
    var profile: String
    @Option(help: "Override the profile's owner attribute (e.g. org:group, org:resource, team).")
    var owner: String?
    @Option(help: "Write the exception table to this CSV file.")
    var out: String?
    @Flag(help: "Print the summary as JSON (with every unusable case and its reason).")
    var json = false
    @Flag(help: "Print the profile (after --owner) as JSON, a starting point for your own, and exit.")
    var printProfile = false
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var input: InputOptions

    func validate() throws {
        if log == nil && !printProfile { throw ValidationError("missing the log: switchyard lifecycles LOG|FILE --profile P") }
    }

    func run() throws {
        var chosen: LifecycleProfile
        do {
            chosen = try ProfileLoader.resolve(profile)
        } catch {
            throw CLIError(error.description)
        }
        if let owner {
            chosen.owner = owner
            chosen.ownerFallbacks = []
            do { try chosen.validate(source: profile) } catch { throw CLIError(error.description) }
        }
        if printProfile {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(chosen), as: UTF8.self))
            return
        }
        guard let log else { return }
        let result = try LogSource.load(log, input: input, workspace: workspace.path)
        let table: ExceptionTable
        do {
            table = try Reconstruction.reconstruct(result.log, profile: chosen)
        } catch {
            throw CLIError(error.description)
        }
        if let out {
            do {
                try ExceptionTableCSV.write(table, to: out)
            } catch {
                throw CLIError("\(out): cannot write the exception table (\(error.localizedDescription))")
            }
        }
        let summary = LifecycleSummary(table, logName: result.log.name)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(LifecyclesCommand.render(summary, out: out))
        }
        for w in summary.warnings {
            FileHandle.standardError.write(Data("warning: \(w)\n".utf8))
        }
    }

    /// Terminal text for a summary.
    static func render(_ s: LifecycleSummary, out: String?) -> String {
        func pct(_ n: Int) -> String {
            s.exceptions == 0 ? "" : "  (" + String(format1: Double(n) * 100 / Double(s.exceptions)) + " %)"
        }
        var lines = [
            "log          \(s.log)",
            "profile      \(s.profile) (owner: \(s.ownerAttribute))",
            "cases        \(TextFormat.thousands(s.cases))",
            "exceptions   \(TextFormat.thousands(s.exceptions))",
            "  open       \(TextFormat.thousands(s.open))\(pct(s.open))",
            "  resolved   \(TextFormat.thousands(s.resolved))\(pct(s.resolved))",
            "  closed     \(TextFormat.thousands(s.closed))\(pct(s.closed))",
            "  cancelled  \(TextFormat.thousands(s.cancelled))\(pct(s.cancelled))",
            "misrouted    \(TextFormat.thousands(s.misrouted))\(pct(s.misrouted))  (first owner ≠ resolving owner)",
            "handoffs     \(TextFormat.thousands(s.handoffs))",
            "ping-pong    \(TextFormat.thousands(s.pingPongExceptions))\(pct(s.pingPongExceptions))",
            "reopened     \(TextFormat.thousands(s.reopened))\(pct(s.reopened))",
            "SLA breached \(TextFormat.thousands(s.slaBreached))\(pct(s.slaBreached))",
            "clock skew   \(TextFormat.thousands(s.clockSkew))",
            "unusable     \(TextFormat.thousands(s.unusable))",
        ]
        for c in s.unusableCases.prefix(20) { lines.append("  \(c.caseID): \(c.reason): \(c.detail)") }
        if s.unusableCases.count > 20 { lines.append("  … \(s.unusableCases.count - 20) more (see --json)") }
        if let out { lines.append("wrote        \(out)") }
        return lines.joined(separator: "\n")
    }
}
