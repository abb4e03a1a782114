import ArgumentParser
import EventLog
import Foundation

/// `switchyard bench workspace`: store and load speed of the workspace alone, on a
/// generated log of any size (no input file, no reader).
struct BenchWorkspaceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workspace",
        abstract: "Time storing a generated log in a workspace, replacing it, and loading it back.",
        discussion: """
            The workspace is a temporary file unless --workspace is given, in which case the log stays there \
            under --name.
            """)

    @Option(help: "Events in the generated log.")
    var events = 1_000_000
    @Option(name: .customLong("repeat"), help: "Runs of each phase.")
    var repetitions = 1
    @Option(help: "Workspace file to store into (kept afterwards).")
    var workspace: String?
    @Option(help: "Name of the generated log in the workspace.")
    var name = "synthetic"

    func validate() throws {
        guard events >= 0 else { throw ValidationError("--events cannot be negative") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        BenchReport.header("bench workspace: \(TextFormat.thousands(events)) generated events")
        let generated = Date()
        let log = SyntheticEventLog.make(events: events, name: name)
        print("generated in " + String(format: "%.3f s", Date().timeIntervalSince(generated)))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-\(UUID().uuidString)")
        let path: String
        if let workspace {
            path = workspace
        } else {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            path = folder.appendingPathComponent("bench.sqlite").path
        }
        defer { if workspace == nil { try? FileManager.default.removeItem(at: folder) } }
        var rows: [[String]] = []
        do {
            let store = try Workspace(path: path)
            for run in 1...repetitions {
                var columnBytes = 0
                for phase in ["store", "replace"] {
                    if phase == "store" && repetitions > 1 { try? store.deleteLog(named: name) }
                    let started = Date()
                    try store.store(log, as: name) { columnBytes = $0.totalBytes }
                    let wall = Date().timeIntervalSince(started)
                    rows.append(BenchReport.row(phase, run, wall: wall, events: log.eventCount, bytes: columnBytes, rssDelta: nil))
                }
                ResourceUsage.releaseFreedMemory()
                let before = ResourceUsage.currentResidentBytes()
                let started = Date()
                let loaded = try store.loadLog(named: name)
                let wall = Date().timeIntervalSince(started)
                let delta = ResourceUsage.currentResidentBytes() - before
                guard loaded == log else { throw CLIError("the loaded log differs from the stored one") }
                rows.append(BenchReport.row("load", run, wall: wall, events: log.eventCount, bytes: columnBytes, rssDelta: delta))
            }
        } catch let error as WorkspaceError {
            throw CLIError(error.description)
        }
        BenchReport.table(rows)
        print("MB/s counts the stored column bytes; workspace: \(path)")
    }
}
