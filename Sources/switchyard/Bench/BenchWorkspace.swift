import EventLog
import Foundation

/// The workspace a serve benchmark runs against — always one in a temporary folder, so the
/// audit rows the load writes never land in a user's workspace — with a `route` token for it
/// and the log to take request bodies from.
///
/// Built by running this executable's own subcommands as child processes, exactly as a
/// user would: a throwaway one costs a `generate`, `import`, `train`, `promote` and
/// `tokens create` (about a second for a few thousand cases in a release build); a copy
/// costs one SQLite `VACUUM INTO` (a consistent snapshot even while a server writes to the
/// original) and a `tokens create`.
struct BenchWorkspace {
    /// The workspace file (inside the temporary folder).
    let path: String
    /// The secret of a `route` token created in it.
    let token: String
    /// The log (name in the workspace, or a file) to take request bodies from.
    let log: String
    /// What it is, for the report's header.
    let summary: String

    static let fileName = "bench.sqlite"
    static let logName = "bench-serve"

    /// A fresh workspace in `folder`: `cases` generated exceptions (fixed seed) imported as
    /// `bench-serve`, a model trained on them and promoted, and a route token.
    static func throwaway(cases: Int, seed: UInt64, in folder: URL) throws -> BenchWorkspace {
        let workspace = ["--workspace", fileName]
        _ = try ChildProcess.run(["generate", "--cases", String(cases), "--seed", String(seed), "--out", "bench.csv"], in: folder)
        _ = try ChildProcess.run(["import", "bench.csv", "--name", logName] + workspace, in: folder)
        let trained = try ChildProcess.run(["train", logName, "--out", "model.json"] + workspace, in: folder)
        guard let marker = trained.range(of: "registered as candidate "),
            let id = Int(trained[marker.upperBound...].prefix { $0.isNumber })
        else {
            throw CLIError("`switchyard train` did not say which model it registered: \(trained.suffix(300))")
        }
        _ = try ChildProcess.run(["promote", String(id), "--reason", "bench serve"] + workspace, in: folder)
        return BenchWorkspace(
            path: folder.appendingPathComponent(fileName).path, token: try token(in: folder), log: logName,
            summary: "a throwaway workspace: \(TextFormat.thousands(cases)) generated cases (seed \(seed)), model \(id) trained and promoted")
    }

    /// A snapshot of the workspace at `original` in `folder`, with a route token. `log`
    /// names the log (or a log file) for request bodies; by default the last one stored.
    static func copy(of original: String, log: String?, in folder: URL) throws -> BenchWorkspace {
        guard FileManager.default.fileExists(atPath: original) else { throw CLIError("no workspace at \(original)") }
        let copy = folder.appendingPathComponent(fileName).path
        do {
            let source = try SQLiteDatabase(path: original, readOnly: true, create: false)
            try source.execute("VACUUM INTO '\(copy.replacingOccurrences(of: "'", with: "''"))'")
        } catch {
            throw CLIError("cannot copy the workspace \(original): \(error)")
        }
        let chosen: String
        if let log {
            chosen = log
        } else {
            let logs: [StoredLogSummary]
            do {
                logs = try Workspace(path: copy, create: false).logs()
            } catch {
                throw CLIError("\(error)")
            }
            guard let latest = logs.max(by: { $0.storedAt < $1.storedAt }) else {
                throw CLIError("\(original) holds no log to build request bodies from; import one, or pass --log FILE")
            }
            chosen = latest.name
        }
        return BenchWorkspace(path: copy, token: try token(in: folder), log: chosen, summary: "a copy of \(original)")
    }

    /// Creates a route token in the folder's workspace and returns its secret.
    private static func token(in folder: URL) throws -> String {
        let out = try ChildProcess.run(
            ["tokens", "create", "--role", "route", "--name", "bench serve", "--by", "bench", "--workspace", fileName], in: folder)
        let secret = out.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty, !secret.contains("\n") else { throw CLIError("`switchyard tokens create` printed no secret: \(out)") }
        return secret
    }
}
