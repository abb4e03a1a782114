import ArgumentParser
import EventLog
import Foundation

/// `--workspace PATH`, shared by every command that touches the workspace.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("workspace"), help: "Workspace file (default: ./switchyard.sqlite).")
    var path: String = Workspace.defaultPath
}

/// Resolves a `LOG|FILE` argument: an existing file is read directly; otherwise the name
/// is looked up in the workspace.
enum LogSource {
    /// Loads the log the argument names. A file is read with the reader flags (showing
    /// progress on a terminal for big files); a name is loaded from the workspace at
    /// `workspace`, which is never created here. Errors say which logs exist.
    static func load(_ argument: String, input: InputOptions, workspace: String) throws -> ImportResult {
        if FileManager.default.fileExists(atPath: argument) {
            let progress = ProgressReporter.forFile(argument, label: "reading \((argument as NSString).lastPathComponent)")
            defer { progress?.finish() }
            do {
                return try EventLogImporter.read(argument, options: try input.importOptions(), progress: progress?.readCallback)
            } catch let error as ImportError {
                throw CLIError(error.description)
            }
        }
        guard FileManager.default.fileExists(atPath: workspace) else {
            throw CLIError(
                "'\(argument)' is neither a file nor a log: there is no workspace at \(workspace) "
                    + "(import a log with `switchyard import FILE`, or pass --workspace PATH)")
        }
        do {
            let log = try Workspace(path: workspace, create: false).loadLog(named: argument)
            return ImportResult(log: log, rowsRead: log.eventCount)
        } catch let error where error.kind == .unknownLog {
            let available = error.availableLogs.isEmpty
                ? "the workspace holds no logs yet (import one with `switchyard import FILE`)"
                : "logs available: " + error.availableLogs.joined(separator: ", ")
            throw CLIError("'\(argument)' is neither a file nor a log in workspace \(workspace); \(available)")
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// An error the CLI prints as `error: message` and exits 1 with.
struct CLIError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
