import ArgumentParser
import EventLog
import Foundation
import RoutingService

/// `switchyard audit`: the decisions and overrides `switchyard serve` recorded.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Query the routing audit log: every decision and override the server recorded, newest first.")

    @Option(help: "Only this request id (a decision and its overrides).")
    var requestId: String?
    @Option(help: "decision or override.")
    var kind: String?
    @Option(help: "Only requests made with this token id.")
    var token: Int64?
    @Option(help: "auto, review or override.")
    var decision: String?
    @Option(help: "From this time (e.g. 2025-06-01 or a full ISO 8601 time).")
    var from: String?
    @Option(help: "Up to this time.")
    var to: String?
    @Option(help: "Most rows to show.")
    var limit = 50
    @Flag(help: "One JSON object per row, with input and output.")
    var json = false
    @OptionGroup var workspace: WorkspaceOptions

    func validate() throws {
        if let kind, AuditRecord.Kind(rawValue: kind) == nil { throw ValidationError("--kind must be decision or override, got '\(kind)'") }
        if let decision, !["auto", "review", "override"].contains(decision) {
            throw ValidationError("--decision must be auto, review or override, got '\(decision)'")
        }
        guard limit > 0 else { throw ValidationError("--limit must be positive") }
    }

    func run() throws {
        guard FileManager.default.fileExists(atPath: workspace.path) else { throw CLIError("no workspace at \(workspace.path)") }
        var filter = AuditTable.Filter()
        filter.requestID = requestId
        filter.kind = kind.flatMap(AuditRecord.Kind.init(rawValue:))
        filter.tokenID = token
        filter.decision = decision
        filter.from = try from.map { Timestamp.iso8601(try RoutingArguments.date($0, option: "--from")) }
        filter.to = try to.map { Timestamp.iso8601(try RoutingArguments.date($0, option: "--to")) }
        filter.limit = limit
        let rows: [AuditRecord]
        let counts: (decisions: Int, auto: Int, review: Int, overrides: Int)
        do {
            let workspace = try Workspace(path: self.workspace.path, create: false)
            rows = try AuditTable.query(workspace.database, filter: filter)
            counts = try AuditTable.counts(workspace.database)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw CLIError("cannot read the audit log in \(workspace.path): \(error)")
        }
        if json {
            for r in rows { print(try Self.jsonLine(r)) }
            return
        }
        print(
            "\(TextFormat.thousands(counts.decisions)) decisions (\(TextFormat.thousands(counts.auto)) auto, "
                + "\(TextFormat.thousands(counts.review)) review), \(TextFormat.thousands(counts.overrides)) overrides in \(workspace.path)")
        guard !rows.isEmpty else {
            print("no audit rows match")
            return
        }
        print(TextFormat.table(
            header: ["seq", "at", "kind", "request id", "token", "model", "owner", "decision", "input sha256"],
            rows: rows.map { r in
                [
                    String(r.seq), String(r.at.prefix(23)), r.kind.rawValue, r.requestID, r.tokenID.map(String.init) ?? "",
                    "\(r.modelID ?? "")@\(r.modelVersion ?? "")", r.owner ?? "", r.decision, String(r.inputSHA256.prefix(12)),
                ]
            }))
    }

    private static func jsonLine(_ r: AuditRecord) throws -> String {
        var object: [String: Any] = [
            "seq": r.seq, "request_id": r.requestID, "kind": r.kind.rawValue, "decision": r.decision, "at": r.at,
            "input_sha256": r.inputSHA256,
        ]
        object["token_id"] = r.tokenID
        object["model_id"] = r.modelID
        object["model_version"] = r.modelVersion
        object["owner"] = r.owner
        object["input"] = r.input.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) } ?? r.input
        object["output"] = (try? JSONSerialization.jsonObject(with: Data(r.output.utf8))) ?? r.output
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}
