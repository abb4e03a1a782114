import EventLog
import Routing

/// A correction recorded through the override endpoint, with the exception it corrects.
public struct RecordedOverride: Sendable, Equatable {
    public var requestID: String
    /// The owner the person recorded (the latest override of the decision wins).
    public var owner: String
    /// The exception's fields as sent to `/v1/route` (text; nulls left out).
    public var fields: [String: String]
    /// When the decision was made, microseconds UTC.
    public var decidedAt: Int64

    /// `exception_id` (or `id`) of the exception, when it was sent.
    public var exceptionID: String? { fields["exception_id"] ?? fields["id"] }
}

/// What applying overrides to training data did.
public struct OverrideLabelSummary: Sendable, Equatable, CustomStringConvertible {
    /// Rows of the training data whose label the override changed.
    public var relabelled = 0
    /// Rows whose label already was the override's owner.
    public var unchanged = 0
    /// Exceptions not in the training data, added as rows from their routed fields.
    public var added = 0

    public var description: String {
        "overrides used as labels: \(relabelled) relabelled, \(unchanged) already agreed, \(added) added as new rows"
    }
}

/// The feedback loop: recorded overrides as training labels (`switchyard train --with-overrides`).
///
/// Each override's decision row holds the exception exactly as it was routed, so a corrected
/// exception can be learned from even before it shows up in an exported log. An exception that
/// is in the training data (same id) gets the override's owner as its label; one that is not is
/// added as a row from its routed fields. Cost: one query and one pass over the overrides.
public enum OverrideLabels {
    /// The latest override of every overridden decision, oldest decision first (empty when the
    /// workspace has no audit table).
    public static func read(_ database: SQLiteDatabase) throws(SQLiteError) -> [RecordedOverride] {
        guard try database.tableNames().contains("routing_audit") else { return [] }
        let stmt = try database.prepare(
            """
            SELECT o.request_id, o.owner, d.input, d.at FROM routing_audit o
            JOIN routing_audit d ON d.request_id = o.request_id AND d.kind = 'decision'
            WHERE o.kind = 'override'
              AND o.seq = (SELECT MAX(x.seq) FROM routing_audit x WHERE x.request_id = o.request_id AND x.kind = 'override')
            ORDER BY d.seq
            """)
        var out: [RecordedOverride] = []
        while try stmt.step() {
            guard let owner = stmt.text(1), !owner.isEmpty else { continue }
            let fields = stmt.withBytes(2) { flatFields($0) }
            let decided = (stmt.text(3).flatMap { ISO8601Parser.parse($0) })?.micros ?? 0
            out.append(RecordedOverride(requestID: stmt.text(0) ?? "", owner: owner, fields: fields, decidedAt: decided))
        }
        return out
    }

    /// Applies `overrides` to `input` (labels replaced or rows added); `timeColumn` names the
    /// detection time among the routed fields (the decision time stands in when it is absent).
    public static func apply(_ overrides: [RecordedOverride], to input: inout FeatureInput, timeColumn: String) -> OverrideLabelSummary {
        var summary = OverrideLabelSummary()
        guard !overrides.isEmpty else { return summary }
        if input.label == nil {
            input.label = CategoricalColumn(name: "resolving_owner", values: [String?](repeating: nil, count: input.rowCount))
        }
        var rowOfID: [String: Int] = [:]
        for (r, id) in input.ids.enumerated() where rowOfID[id] == nil { rowOfID[id] = r }
        for o in overrides {
            if let id = o.exceptionID, let row = rowOfID[id], var label = input.label {
                let code = label.pool.intern(o.owner)
                if label.codes[row] == code {
                    summary.unchanged += 1
                } else {
                    label.codes[row] = code
                    summary.relabelled += 1
                }
                input.label = label
                continue
            }
            let id = o.exceptionID ?? o.requestID
            input.ids.append(id)
            input.detectedAt.append(o.fields[timeColumn].flatMap { ISO8601Parser.parse($0)?.micros } ?? o.decidedAt)
            for c in input.categorical.indices { input.categorical[c].append(o.fields[input.categorical[c].name]) }
            for c in input.numeric.indices {
                let value = o.fields[input.numeric[c].name].flatMap { Double($0) } ?? .nan
                input.numeric[c].values.append(value.isFinite ? value : .nan)
            }
            input.label?.append(o.owner)
            input.legacy?.append(nil)
            rowOfID[id] = input.rowCount - 1
            summary.added += 1
        }
        return summary
    }

    /// Reads the overrides of the workspace at `path` and applies them to `input`.
    public static func apply(workspace path: String, to input: inout FeatureInput, timeColumn: String) throws -> OverrideLabelSummary {
        let workspace = try Workspace(path: path, create: false)
        return apply(try read(workspace.database), to: &input, timeColumn: timeColumn)
    }

    /// A flat JSON object's scalar members as text (nested values and nulls left out).
    static func flatFields(_ bytes: UnsafeRawBufferPointer) -> [String: String] {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count > 0 else { return [:] }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { scratch in
            guard let scratchBase = scratch.baseAddress else { return [:] }
            var reader = JSONObjectReader(base, count: bytes.count, scratch: scratchBase)
            var members: [JSONMember] = []
            do throws(JSONSyntaxError) {
                try reader.readDocumentObject(into: &members)
            } catch {
                return [:]
            }
            var out: [String: String] = [:]
            for m in members where m.kind == .string || m.kind == .number || m.kind == .bool {
                out[RequestValidation.text(m.key)] = RequestValidation.text(m.value)
            }
            return out
        }
    }
}
