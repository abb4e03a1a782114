import ArgumentParser
import EventLog
import Foundation

/// `switchyard import FILE`: reads a log file and stores it in the workspace in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a log file (CSV, XES, XES.gz, OCEL 2.0) into the workspace.",
        discussion: """
            The import is one transaction: if it fails or is interrupted the workspace stays as it was, and \
            importing again under the same name replaces that log. Rejected rows are counted, stored in the \
            workspace and written to <name>.rejected.csv beside it; --strict stops at the first instead.
            """)

    @Argument(help: "The log file to import.")
    var file: String
    @Option(help: "Name to store the log under (default: the file name without extensions).")
    var name: String?
    @OptionGroup var workspace: WorkspaceOptions
    @OptionGroup var input: InputOptions
    @Flag(help: "Print the import run as JSON for machines.")
    var json = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: file) else { throw CLIError("\(file): no such file") }
        let options = try input.importOptions(name: name)
        let logName = name ?? EventLogImporter.defaultName(for: file)
        let store: Workspace
        do {
            store = try Workspace(path: workspace.path)
        } catch {
            throw CLIError(error.description)
        }
        let progress = ProgressReporter.forFile(file, label: "importing \((file as NSString).lastPathComponent)")
        let outcome: WorkspaceImportOutcome
        do {
            defer { progress?.finish() }
            outcome = try store.importFile(
                file, as: logName, options: options, readProgress: progress?.readCallback,
                storeProgress: progress.map { reporter in { reporter.storing($0) } })
        } catch let error as ImportError {
            throw CLIError(error.description)
        } catch let error as WorkspaceError {
            throw CLIError(error.description)
        }
        for warning in outcome.warnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        let rejectedPath = RejectedRowsFile.path(forLog: logName, workspace: workspace.path)
        if outcome.rejected.isEmpty {
            try? FileManager.default.removeItem(atPath: rejectedPath)  // stale: from an earlier import of this name
        } else {
            do {
                try RejectedRowsFile.write(outcome.rejected, to: rejectedPath)
            } catch {
                throw CLIError("the log is stored, but \(error)")
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(ImportReport(outcome, workspace: workspace.path, rejectedFile: outcome.rejected.isEmpty ? nil : rejectedPath)), as: UTF8.self))
            return
        }
        var line = "imported \(TextFormat.thousands(outcome.summary.events)) events in "
            + "\(TextFormat.thousands(outcome.summary.cases)) cases as '\(logName)' into \(workspace.path)"
        if !outcome.rejected.isEmpty {
            let rows = outcome.rejected.count == 1 ? "row" : "rows"
            line += "; \(TextFormat.thousands(outcome.rejected.count)) \(rows) rejected → \(rejectedPath)"
        }
        print(line)
    }
}

/// What `import --json` prints.
struct ImportReport: Encodable {
    var name: String
    var workspace: String
    var cases: Int
    var events: Int
    var activities: Int
    var rowsRead: Int
    var rejected: Int
    var rejectedFile: String?
    var source: String
    var sourceSize: Int64
    var sourceSHA256: String
    var format: String
    var durationSeconds: Double
    var importedAt: String
    var warnings: [String]

    init(_ outcome: WorkspaceImportOutcome, workspace: String, rejectedFile: String?) {
        let run = outcome.run
        name = run.logName
        self.workspace = workspace
        cases = run.cases
        events = run.events
        activities = run.activities
        rowsRead = run.rowsRead
        rejected = run.rejected
        self.rejectedFile = rejectedFile
        source = run.sourcePath
        sourceSize = run.sourceSize
        sourceSHA256 = run.sourceSHA256
        format = run.format
        durationSeconds = run.durationSeconds
        importedAt = run.importedAt
        warnings = outcome.warnings
    }
}
