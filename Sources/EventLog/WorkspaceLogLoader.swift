import CSQLite
import Foundation

extension Workspace {
    /// Loads the log stored as `name`: the same ``EventLog`` that was stored — same event
    /// order, dictionaries in the same code order, same attribute columns and types — with
    /// ``EventLog/name`` set to `name`.
    ///
    /// Checks that the stored parts add up (sizes, offsets, codes within their dictionaries)
    /// and throws ``WorkspaceError/Kind/corrupt`` rather than return a log that could crash a
    /// later step. Throws ``WorkspaceError/Kind/unknownLog`` listing the stored names when
    /// there is no such log. Cost: one read of the log's bytes and one re-interning of its
    /// dictionaries; tens of millions of events per second.
    public func loadLog(named name: String) throws(WorkspaceError) -> EventLog {
        do {
            guard let id = try logID(named: name) else {
                throw WorkspaceError.unknownLog(name, path: path, available: try logNames())
            }
            let reader = try WorkspaceColumnReader(database: database, logID: id, corrupt: { reason in
                WorkspaceError(.corrupt, path: self.path, logName: name, reason: "log '\(name)' is damaged: \(reason)")
            })
            var log = try reader.read()
            log.name = name
            log.dropPoolHashes()
            return log
        } catch {
            throw classify(error, action: "loading log '\(name)'")
        }
    }
}

/// Reads a stored log's columns back into an ``EventLog``, checking every size on the way.
struct WorkspaceColumnReader {
    private struct Description {
        var id: Int
        var role: WorkspaceColumnRole
        var name: String
        var type: AttributeType
        var rows: Int
        var poolCount: Int
        var poolBytes: Int
    }

    private let chunks: SQLiteStatement
    private let database: SQLiteDatabase
    private let columns: [Description]
    private let logID: Int64
    private let corrupt: (String) -> WorkspaceError

    init(database: SQLiteDatabase, logID: Int64, corrupt: @escaping (String) -> WorkspaceError) throws {
        self.logID = logID
        self.corrupt = corrupt
        chunks = try database.prepare(
            "SELECT rowid, length(data) FROM log_chunks WHERE log_id = ? AND column_id = ? AND part = ? ORDER BY chunk")
        self.database = database
        let stmt = try database.prepare("""
            SELECT column_id, role, name, type, rows, pool_count, pool_bytes
            FROM log_columns WHERE log_id = ? ORDER BY column_id
            """)
        stmt.bind(1, logID)
        var found: [Description] = []
        while try stmt.step() {
            let roleText = stmt.text(1) ?? "", typeText = stmt.text(3) ?? ""
            guard let role = WorkspaceColumnRole(rawValue: roleText), let type = AttributeType(rawValue: typeText) else {
                throw corrupt("unknown column role '\(roleText)' or type '\(typeText)'")
            }
            let sizes = [stmt.int64(4), stmt.int64(5), stmt.int64(6)]
            guard sizes.allSatisfy({ $0 >= 0 && $0 < Int64(Int32.max) * 64 }) else {
                throw corrupt("column '\(stmt.text(2) ?? "")' has impossible sizes \(sizes)")
            }
            found.append(Description(
                id: Int(stmt.int64(0)), role: role, name: stmt.text(2) ?? "", type: type, rows: Int(sizes[0]),
                poolCount: Int(sizes[1]), poolBytes: Int(sizes[2])))
        }
        columns = found
    }

    /// Assembles and checks the log.
    func read() throws -> EventLog {
        var log = EventLog()
        func only(_ role: WorkspaceColumnRole) throws -> Description {
            let matching = columns.filter { $0.role == role }
            guard matching.count == 1, let column = matching.first else {
                throw corrupt("expected one \(role.rawValue) column, found \(matching.count)")
            }
            return column
        }
        let caseColumn = try only(.caseIDs)
        log.caseIDs = try pool(caseColumn)
        guard log.caseIDs.count == caseColumn.rows else { throw corrupt("case ids do not match the case count") }
        let offsets = try values(Int64.self, try only(.caseOffsets), .values)
        log.activity = try codes(try only(.activity), into: &log.activities)
        let eventCount = log.activity.count
        log.caseOffsets = offsets.map { Int($0) }
        guard log.caseOffsets.count == caseColumn.rows + 1, log.caseOffsets.first == 0,
            log.caseOffsets.last == eventCount, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 })
        else { throw corrupt("case offsets do not partition the \(eventCount) events") }
        log.timestamp = try values(Int64.self, try only(.timestamp), .values)
        log.resource = CodeColumn(try codes(try only(.resource), into: &log.resources))
        log.group = CodeColumn(try codes(try only(.group), into: &log.groups))
        log.lifecycle = CodeColumn(try codes(try only(.lifecycle), into: &log.lifecycles))
        for (what, column) in [("timestamps", log.timestamp.count), ("resources", log.resource.count),
            ("groups", log.group.count), ("lifecycle transitions", log.lifecycle.count)] where column != eventCount {
            throw corrupt("\(column) \(what) for \(eventCount) events")
        }
        for column in columns where column.role == .caseAttribute || column.role == .eventAttribute {
            let attribute = try self.attribute(column)
            let expected = column.role == .caseAttribute ? caseColumn.rows : eventCount
            guard attribute.count == expected else {
                throw corrupt("attribute '\(column.name)' has \(attribute.count) rows, expected \(expected)")
            }
            if column.role == .caseAttribute { log.caseAttributes.append(attribute) } else { log.eventAttributes.append(attribute) }
        }
        return log
    }

    private func attribute(_ column: Description) throws -> AttributeColumn {
        if column.type == .string {
            var strings = StringPool()
            let c = try codes(column, into: &strings)
            return AttributeColumn(name: column.name, pool: strings, codes: c)
        }
        let raw = try values(Int64.self, column, .values)
        let valid = try values(UInt8.self, column, .validity)
        guard valid.count == raw.count else { throw corrupt("attribute '\(column.name)' has a short validity part") }
        return AttributeColumn(name: column.name, type: column.type, raw: raw, valid: valid.map { $0 != 0 })
    }

    /// A column of codes and its dictionary; every code must be in the dictionary or missing.
    private func codes(_ column: Description, into strings: inout StringPool) throws -> [UInt32] {
        strings = try pool(column)
        let out = try values(UInt32.self, column, .values)
        let limit = UInt32(strings.count)
        if let bad = out.first(where: { $0 >= limit && $0 != StringPool.missing }) {
            throw corrupt("column '\(column.name)' has code \(bad) but only \(limit) values")
        }
        return out
    }

    /// A dictionary from its bytes and end offsets, interned in stored order.
    private func pool(_ column: Description) throws -> StringPool {
        let bytes = try read(UInt8.self, column.id, .poolBytes, count: column.poolBytes, name: column.name)
        let ends = try read(Int64.self, column.id, .poolEnds, count: column.poolCount, name: column.name)
        var strings = StringPool()
        var start = 0
        try bytes.withUnsafeBytes { raw in
            for end64 in ends {
                let end = Int(end64)
                guard end >= start, end <= raw.count else { throw corrupt("column '\(column.name)' has a broken dictionary") }
                _ = strings.intern(UnsafeRawBufferPointer(rebasing: raw[start..<end]))
                start = end
            }
        }
        guard strings.count == column.poolCount, start == bytes.count else {
            throw corrupt("column '\(column.name)' has a dictionary with repeated or stray values")
        }
        return strings
    }

    private func values<T: FixedWidthInteger>(_ type: T.Type, _ column: Description, _ part: WorkspaceColumnPart) throws -> [T] {
        try read(type, column.id, part, count: column.rows, name: column.name)
    }

    /// The `count` elements of one part, concatenated from its chunks.
    private func read<T: FixedWidthInteger>(
        _ type: T.Type, _ columnID: Int, _ part: WorkspaceColumnPart, count: Int, name: String
    ) throws -> [T] {
        let expected = count * MemoryLayout<T>.stride
        var out = [T](repeating: 0, count: count)
        var filled = 0
        chunks.bind(1, logID)
        chunks.bind(2, columnID)
        chunks.bind(3, part.rawValue)
        defer { chunks.reset() }
        // Incremental blob I/O copies each chunk straight into the array (length() does not
        // read the blob), instead of SQLite assembling it in a buffer first.
        var blob: OpaquePointer?
        defer { if let blob { sqlite3_blob_close(blob) } }
        try out.withUnsafeMutableBytes { destination in
            while try chunks.step() {
                let rowid = sqlite3_column_int64(chunks.stmt, 0)
                let n = Int(sqlite3_column_int64(chunks.stmt, 1))
                guard filled + n <= expected else { throw corrupt("column '\(name)' holds more bytes than its \(count) rows") }
                guard n > 0, let base = destination.baseAddress else { continue }
                let rc: Int32
                if let open = blob {
                    rc = sqlite3_blob_reopen(open, rowid)
                } else {
                    rc = sqlite3_blob_open(database.handle, "main", "log_chunks", "data", rowid, 0, &blob)
                }
                guard rc == SQLITE_OK, let open = blob else { throw database.currentError(rc, sql: "blob read") }
                let read = sqlite3_blob_read(open, base + filled, Int32(n), 0)
                guard read == SQLITE_OK else { throw database.currentError(read, sql: "blob read") }
                filled += n
            }
        }
        guard filled == expected else {
            throw corrupt("column '\(name)' holds \(filled) bytes, expected \(expected)")
        }
        return out
    }
}
