import EventLog
import Foundation

/// One row of the audit table.
public struct AuditRecord: Sendable, Equatable {
    public enum Kind: String, Sendable { case decision, override }

    public var seq: Int64
    public var requestID: String
    public var kind: Kind
    public var tokenID: Int64?
    public var modelID: String?
    public var modelVersion: String?
    /// SHA-256 of the request's exception (decisions) or of the override body (overrides).
    public var inputSHA256: String
    /// The exception as sent (decisions), the override body (overrides).
    public var input: String?
    /// The answer as sent (decisions), the override with the original decision (overrides).
    public var output: String
    /// The owner decided (decisions) or recorded by the person (overrides).
    public var owner: String?
    /// `auto`, `review` or `override`.
    public var decision: String
    /// ISO 8601 UTC, microseconds.
    public var at: String
}

/// A row waiting to be written.
struct AuditEntry: Sendable {
    var requestID: String
    var kind: AuditRecord.Kind
    var tokenID: Int64?
    var modelID: String
    var modelVersion: String
    var input: [UInt8]
    var output: [UInt8]
    var owner: String
    var decision: String
    var at: Int64
}

/// The append-only audit table `routing_audit` in the workspace: every decision and every
/// override, with request id, token id, model id and version, input hash (and input), output
/// and time. Triggers refuse UPDATE and DELETE, so rows can only be added.
public enum AuditTable {
    static let columns = "seq, request_id, kind, token_id, model_id, model_version, input_sha256, input, output, owner, decision, at"

    /// Creates the table, its index and its append-only triggers if absent.
    public static func create(in database: SQLiteDatabase) throws(SQLiteError) {
        try database.execute(
            """
            CREATE TABLE IF NOT EXISTS routing_audit (
              seq INTEGER PRIMARY KEY AUTOINCREMENT,
              request_id TEXT NOT NULL,
              kind TEXT NOT NULL CHECK (kind IN ('decision', 'override')),
              token_id INTEGER,
              model_id TEXT,
              model_version TEXT,
              input_sha256 TEXT NOT NULL,
              input TEXT,
              output TEXT NOT NULL,
              owner TEXT,
              decision TEXT NOT NULL,
              at TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS routing_audit_request ON routing_audit(request_id);
            CREATE TRIGGER IF NOT EXISTS routing_audit_no_update BEFORE UPDATE ON routing_audit
              BEGIN SELECT RAISE(ABORT, 'routing_audit is append-only'); END;
            CREATE TRIGGER IF NOT EXISTS routing_audit_no_delete BEFORE DELETE ON routing_audit
              BEGIN SELECT RAISE(ABORT, 'routing_audit is append-only'); END;
            """)
    }

    /// Writes `entries` in one transaction (hashing each input here, off the request path),
    /// yielding the processor every 32 rows.
    static func append(_ entries: [AuditEntry], to database: SQLiteDatabase) throws {
        guard !entries.isEmpty else { return }
        try database.transaction {
            let stmt = try database.prepare(
                "INSERT INTO routing_audit (request_id, kind, token_id, model_id, model_version, input_sha256, input, output, "
                    + "owner, decision, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
            for (i, e) in entries.enumerated() {
                // Lets a request thread that woke on this core run now rather than after the
                // whole batch: bursts stay near 32 rows of work (~0.1 ms) instead of milliseconds.
                if i & 31 == 31 { sched_yield() }
                stmt.reset()
                stmt.bind(1, e.requestID)
                stmt.bind(2, e.kind.rawValue)
                if let token = e.tokenID { stmt.bind(3, token) } else { stmt.bindNull(3) }
                stmt.bind(4, e.modelID)
                stmt.bind(5, e.modelVersion)
                stmt.bind(6, hex(e.input))
                e.input.withUnsafeBytes { stmt.bindText(7, $0) }
                e.output.withUnsafeBytes { stmt.bindText(8, $0) }
                stmt.bind(9, e.owner)
                stmt.bind(10, e.decision)
                stmt.bind(11, Timestamp.iso8601(e.at))
                try stmt.step()
            }
        }
    }

    /// SHA-256 of `bytes` as lowercase hex.
    static func hex(_ bytes: [UInt8]) -> String {
        var hasher = SHA256()
        hasher.update(bytes)
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(64)
        for b in hasher.finalize() {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A filter for ``query(_:filter:)``.
    public struct Filter: Sendable {
        public var requestID: String?
        public var kind: AuditRecord.Kind?
        public var tokenID: Int64?
        public var decision: String?
        /// ISO 8601 bounds on `at` (inclusive).
        public var from: String?
        public var to: String?
        /// Newest first, at most this many.
        public var limit = 100

        public init() {}
    }

    /// Rows matching `filter`, newest first (empty when the table does not exist yet).
    public static func query(_ database: SQLiteDatabase, filter: Filter) throws(SQLiteError) -> [AuditRecord] {
        guard try database.tableNames().contains("routing_audit") else { return [] }
        var conditions: [String] = []
        if filter.requestID != nil { conditions.append("request_id = ?") }
        if filter.kind != nil { conditions.append("kind = ?") }
        if filter.tokenID != nil { conditions.append("token_id = ?") }
        if filter.decision != nil { conditions.append("decision = ?") }
        if filter.from != nil { conditions.append("at >= ?") }
        if filter.to != nil { conditions.append("at <= ?") }
        let sql = "SELECT \(columns) FROM routing_audit"
            + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")) + " ORDER BY seq DESC LIMIT ?"
        let stmt = try database.prepare(sql)
        var i: Int32 = 1
        func bind(_ s: String?) {
            guard let s else { return }
            stmt.bind(i, s)
            i += 1
        }
        bind(filter.requestID)
        bind(filter.kind?.rawValue)
        if let t = filter.tokenID {
            stmt.bind(i, t)
            i += 1
        }
        bind(filter.decision)
        bind(filter.from)
        bind(filter.to)
        stmt.bind(i, max(0, filter.limit))
        var out: [AuditRecord] = []
        while try stmt.step() { out.append(record(stmt)) }
        return out
    }

    /// Counts by kind and decision: (decisions, auto, review, overrides).
    public static func counts(_ database: SQLiteDatabase) throws(SQLiteError) -> (decisions: Int, auto: Int, review: Int, overrides: Int) {
        guard try database.tableNames().contains("routing_audit") else { return (0, 0, 0, 0) }
        let stmt = try database.prepare("SELECT decision, COUNT(*) FROM routing_audit GROUP BY decision")
        var auto = 0, review = 0, overrides = 0
        while try stmt.step() {
            switch stmt.text(0) {
            case "auto": auto = Int(stmt.int64(1))
            case "review": review = Int(stmt.int64(1))
            case "override": overrides = Int(stmt.int64(1))
            default: break
            }
        }
        return (auto + review, auto, review, overrides)
    }

    static func record(_ stmt: SQLiteStatement) -> AuditRecord {
        AuditRecord(
            seq: stmt.int64(0), requestID: stmt.text(1) ?? "", kind: AuditRecord.Kind(rawValue: stmt.text(2) ?? "") ?? .decision,
            tokenID: stmt.isNull(3) ? nil : stmt.int64(3), modelID: stmt.text(4), modelVersion: stmt.text(5),
            inputSHA256: stmt.text(6) ?? "", input: stmt.text(7), output: stmt.text(8) ?? "", owner: stmt.text(9),
            decision: stmt.text(10) ?? "", at: stmt.text(11) ?? "")
    }
}
