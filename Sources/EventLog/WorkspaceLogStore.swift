import CSQLite
import Foundation

/// How far a ``Workspace/store(_:as:run:rejected:checkpoint:)`` has got.
public struct WorkspaceWriteProgress: Sendable, Equatable {
    /// Column bytes written so far.
    public var bytesWritten: Int
    /// Column bytes the log needs in all.
    public var totalBytes: Int
}

extension Workspace {
    /// Stores `log` under `name` in one transaction, replacing any log of that name, with
    /// the import `run` and its `rejected` rows when given.
    ///
    /// Either everything is stored or, if anything fails (a throw from `checkpoint`, a full
    /// disk, a killed process), nothing changes: the previous log of that name, if any, stays.
    /// `checkpoint` is called after each chunk (about 1 MiB) is written; throwing from it
    /// cancels the store. Cost: about one memory copy of the log's columns (the log's
    /// string dictionaries are re-encoded once), at 10–30 M events/s.
    @discardableResult
    public func store(
        _ log: EventLog, as name: String, run: ImportRun? = nil, rejected: [RejectedRow] = [],
        checkpoint: ((WorkspaceWriteProgress) throws -> Void)? = nil
    ) throws -> StoredLogSummary {
        try Workspace.validate(name: name, path: path)
        let columns = WorkspaceColumnWriter.columns(of: log)
        let totalBytes = columns.reduce(0) { sum, column in sum + column.parts.reduce(0) { $0 + $1.data.byteCount } }
        let storedAt = Workspace.now()
        var runRecord = run
        let started = Date()
        do {
            try database.transaction {
                let newID = try nextLogID()
                var runID: Int64?
                if var r = runRecord {
                    r.logName = name
                    let id = try insertRun(r, rejected: rejected)
                    r.id = id
                    runID = id
                    runRecord = r
                }
                var writer = try WorkspaceColumnWriter(database: database, logID: newID, totalBytes: totalBytes)
                for (columnID, column) in columns.enumerated() {
                    try writer.write(column, id: columnID, checkpoint: checkpoint)
                }
                if let oldID = try logID(named: name) { try removeLog(id: oldID) }
                try insertLogRow(id: newID, name: name, log: log, runID: runID, storedAt: storedAt)
                if let runID, var r = runRecord {
                    // The run's duration covers the store too (all but the commit).
                    r.durationSeconds += Date().timeIntervalSince(started)
                    let update = try database.prepare("UPDATE import_runs SET duration_seconds = ? WHERE run_id = ?")
                    update.bind(1, r.durationSeconds)
                    update.bind(2, runID)
                    try update.step()
                    runRecord = r
                }
            }
        } catch let error as SQLiteError {
            throw classify(error, action: "storing log '\(name)'")
        }
        let span = log.timeSpan
        return StoredLogSummary(
            name: name, cases: log.caseCount, events: log.eventCount, activities: log.activities.count,
            resources: log.resources.count, groups: log.groups.count,
            firstTimestamp: span.map { Timestamp.iso8601($0.lowerBound) },
            lastTimestamp: span.map { Timestamp.iso8601($0.upperBound) }, storedAt: storedAt, run: runRecord)
    }

    /// A name a log can be stored under: not empty, at most 200 bytes, no control characters.
    static func validate(name: String, path: String) throws(WorkspaceError) {
        let problem: String?
        if name.trimmingCharacters(in: .whitespaces).isEmpty {
            problem = "a log name cannot be empty"
        } else if name.utf8.count > 200 {
            problem = "a log name can have at most 200 bytes (this one has \(name.utf8.count))"
        } else if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            problem = "a log name cannot contain control characters such as newlines or tabs"
        } else {
            problem = nil
        }
        if let problem { throw WorkspaceError(.invalidName, path: path, logName: name, reason: problem) }
    }

    /// An id no stored log or leftover column uses.
    private func nextLogID() throws -> Int64 {
        let stmt = try database.prepare("""
            SELECT max(coalesce((SELECT max(log_id) FROM logs), 0), coalesce((SELECT max(log_id) FROM log_columns), 0)) + 1
            """)
        try stmt.step()
        return stmt.int64(0)
    }

    private func insertLogRow(id: Int64, name: String, log: EventLog, runID: Int64?, storedAt: String) throws {
        let stmt = try database.prepare("""
            INSERT INTO logs(log_id, name, cases, events, activities, resources, groups, first_timestamp,
                last_timestamp, run_id, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        stmt.bind(1, id)
        stmt.bind(2, name)
        stmt.bind(3, log.caseCount)
        stmt.bind(4, log.eventCount)
        stmt.bind(5, log.activities.count)
        stmt.bind(6, log.resources.count)
        stmt.bind(7, log.groups.count)
        if let span = log.timeSpan {
            stmt.bind(8, span.lowerBound)
            stmt.bind(9, span.upperBound)
        } else {
            stmt.bindNull(8)
            stmt.bindNull(9)
        }
        if let runID { stmt.bind(10, runID) } else { stmt.bindNull(10) }
        stmt.bind(11, storedAt)
        try stmt.step()
    }
}

/// Turns a log into stored columns and writes their bytes in chunks.
struct WorkspaceColumnWriter {
    /// One column to store: its description and its parts' bytes.
    struct Column {
        var role: WorkspaceColumnRole
        var name: String
        var type: AttributeType
        var rows: Int
        var poolCount = 0
        var poolBytes = 0
        var parts: [(part: WorkspaceColumnPart, data: PartData)]
    }

    /// The bytes of one part, kept in its natural array so that no copy is made to write it.
    enum PartData {
        case u32([UInt32]), i64([Int64]), bytes([UInt8]), bools([Bool])

        var byteCount: Int {
            switch self {
            case .u32(let a): a.count * 4
            case .i64(let a): a.count * 8
            case .bytes(let a): a.count
            case .bools(let a): a.count
            }
        }

        func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
            switch self {
            case .u32(let a): try a.withUnsafeBytes(body)
            case .i64(let a): try a.withUnsafeBytes(body)
            case .bytes(let a): try a.withUnsafeBytes(body)
            case .bools(let a): try a.withUnsafeBytes(body)
            }
        }
    }

    private let insert: SQLiteStatement
    private let describe: SQLiteStatement
    private let logID: Int64
    private let totalBytes: Int
    private var written = 0

    init(database: SQLiteDatabase, logID: Int64, totalBytes: Int) throws {
        insert = try database.prepare(
            "INSERT INTO log_chunks(log_id, column_id, part, chunk, data) VALUES (?, ?, ?, ?, ?)")
        describe = try database.prepare("""
            INSERT INTO log_columns(log_id, column_id, role, name, type, rows, pool_count, pool_bytes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        self.logID = logID
        self.totalBytes = totalBytes
    }

    /// Writes the column's description and its parts, chunk by chunk.
    mutating func write(
        _ column: Column, id: Int, checkpoint: ((WorkspaceWriteProgress) throws -> Void)?
    ) throws {
        describe.bind(1, logID)
        describe.bind(2, id)
        describe.bind(3, column.role.rawValue)
        describe.bind(4, column.name)
        describe.bind(5, column.type.rawValue)
        describe.bind(6, column.rows)
        describe.bind(7, column.poolCount)
        describe.bind(8, column.poolBytes)
        try describe.step()
        describe.reset()
        for (part, data) in column.parts {
            try data.withBytes { bytes in
                var offset = 0, chunk = 0
                while offset < bytes.count {
                    let n = min(WorkspaceSchema.chunkBytes, bytes.count - offset)
                    insert.bind(1, logID)
                    insert.bind(2, id)
                    insert.bind(3, part.rawValue)
                    insert.bind(4, chunk)
                    // SQLITE_STATIC (nil destructor): SQLite reads the bytes in place during step.
                    sqlite3_bind_blob(insert.stmt, 5, bytes.baseAddress.map { $0 + offset }, Int32(n), nil)
                    try insert.step()
                    insert.reset()
                    offset += n
                    chunk += 1
                    written += n
                    try checkpoint?(WorkspaceWriteProgress(bytesWritten: written, totalBytes: totalBytes))
                }
            }
        }
    }

    /// The columns of `log` in storage order: case ids, offsets, the standard event columns,
    /// case attributes, event attributes.
    static func columns(of log: EventLog) -> [Column] {
        func pooled(_ role: WorkspaceColumnRole, _ name: String, _ codes: [UInt32], _ pool: StringPool) -> Column {
            let (bytes, ends) = encode(pool)
            return Column(
                role: role, name: name, type: .string, rows: codes.count, poolCount: pool.count, poolBytes: bytes.count,
                parts: [(.values, .u32(codes)), (.poolBytes, .bytes(bytes)), (.poolEnds, .i64(ends))])
        }
        func attribute(_ role: WorkspaceColumnRole, _ c: AttributeColumn) -> Column {
            if c.type == .string { return pooled(role, c.name, c.codes, c.pool) }
            return Column(
                role: role, name: c.name, type: c.type, rows: c.count, parts: [(.values, .i64(c.raw)), (.validity, .bools(c.valid))])
        }
        var out: [Column] = []
        out.append(pooled(.caseIDs, "case:concept:name", [], log.caseIDs))
        out[0].rows = log.caseCount
        out.append(Column(
            role: .caseOffsets, name: "case offsets", type: .int, rows: log.caseOffsets.count,
            parts: [(.values, .i64(log.caseOffsets.map { Int64($0) }))]))
        out.append(pooled(.activity, "concept:name", log.activity, log.activities))
        out.append(Column(
            role: .timestamp, name: "time:timestamp", type: .date, rows: log.timestamp.count,
            parts: [(.values, .i64(log.timestamp))]))
        out.append(pooled(.resource, "org:resource", log.resource.codes, log.resources))
        out.append(pooled(.group, "org:group", log.group.codes, log.groups))
        out.append(pooled(.lifecycle, "lifecycle:transition", log.lifecycle.codes, log.lifecycles))
        out += log.caseAttributes.map { attribute(.caseAttribute, $0) }
        out += log.eventAttributes.map { attribute(.eventAttribute, $0) }
        return out
    }

    /// A pool as its concatenated bytes and the end offset of each string.
    static func encode(_ pool: StringPool) -> (bytes: [UInt8], ends: [Int64]) {
        var bytes: [UInt8] = []
        var ends: [Int64] = []
        ends.reserveCapacity(pool.count)
        for code in 0..<pool.count {
            pool.withBytes(UInt32(code)) { bytes.append(contentsOf: $0) }
            ends.append(Int64(bytes.count))
        }
        return (bytes, ends)
    }
}
