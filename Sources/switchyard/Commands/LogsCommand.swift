import ArgumentParser
import EventLog
import Foundation

/// `switchyard logs`: the logs stored in the workspace.
struct LogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "List the logs stored in the workspace.")

    @OptionGroup var workspace: WorkspaceOptions
    @Flag(help: "Print JSON for machines.")
    var json = false

    /// One row of `logs --json`.
    struct Entry: Encodable {
        var name: String
        var cases: Int
        var events: Int
        var activities: Int
        var source: String?
        var sourceSHA256: String?
        var importedAt: String
        var rowsRead: Int?
        var rejected: Int
    }

    func run() throws {
        var summaries: [StoredLogSummary] = []
        // Listing never creates a workspace: a missing file simply holds no logs.
        if FileManager.default.fileExists(atPath: workspace.path) {
            do {
                summaries = try Workspace(path: workspace.path, create: false).logs()
            } catch {
                throw CLIError(error.description)
            }
        }
        let entries = summaries.map { s in
            Entry(
                name: s.name, cases: s.cases, events: s.events, activities: s.activities, source: s.run?.sourcePath,
                sourceSHA256: s.run?.sourceSHA256, importedAt: s.run?.importedAt ?? s.storedAt, rowsRead: s.run?.rowsRead,
                rejected: s.run?.rejected ?? 0)
        }
        if json && entries.isEmpty {
            print("[]")
            return
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(entries), as: UTF8.self))
            return
        }
        guard !entries.isEmpty else {
            print("no logs in \(workspace.path) (import one with `switchyard import FILE`)")
            return
        }
        let rows = entries.map { e in
            [e.name, TextFormat.thousands(e.cases), TextFormat.thousands(e.events), TextFormat.thousands(e.activities),
                TextFormat.thousands(e.rejected), e.importedAt, e.source ?? "-"]
        }
        print(TextFormat.table(
            header: ["log", "cases", "events", "activities", "rejected", "imported at", "source"], rows: rows))
    }
}
