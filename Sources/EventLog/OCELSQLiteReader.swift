import CSQLite

/// Reads the OCEL 2.0 SQLite form, opened read-only: tables `event`, `object`,
/// `event_object`, `object_object`, `event_map_type`, `object_map_type`, and one
/// `event_<Type>` / `object_<Type>` table per type (`<Type>` from the map tables).
///
/// Events are taken type table by type table in type-name order and then ordered by
/// (time, row within its type table) — pm4py's order, which decides ties. Objects come in
/// the same type-table order. Object rows whose `ocel_changed_field` is set carry a later
/// value of that one attribute.
enum OCELSQLiteReader {
    static func read(_ path: String, into a: inout OCELLogAssembler) throws(ImportError) {
        do {
            let db = try SQLiteDatabase(path: path, readOnly: true, create: false)
            try readTables(db, into: &a)
        } catch let error as SQLiteError {
            let notDB = error.code == SQLITE_NOTADB || error.code == SQLITE_CORRUPT
            throw ImportError(
                .unreadable, file: path, expected: notDB ? "an OCEL 2.0 SQLite database" : nil,
                reason: notDB ? "not an SQLite database (\(error.message))" : "SQLite failed: \(error.description)")
        } catch let error as ImportError {
            throw error
        } catch {
            throw ImportError(.unreadable, file: path, reason: "\(error)")
        }
    }

    private static func readTables(_ db: SQLiteDatabase, into a: inout OCELLogAssembler) throws {
        let tables = Set(try db.tableNames())
        for required in ["event", "object", "event_object"] where !tables.contains(required) {
            throw ImportError(
                .missingColumn, file: a.path, column: "table \(required)",
                expected: "the OCEL 2.0 tables event, object, event_object, event_<Type>, object_<Type>",
                found: tables.sorted().joined(separator: ", "), reason: "not an OCEL 2.0 SQLite database: no table '\(required)'")
        }
        try readObjects(db, tables, into: &a)
        try readEvents(db, tables, into: &a)

        var unknownEvents = 0
        let e2o = try db.prepare("SELECT ocel_event_id, ocel_object_id, ocel_qualifier FROM event_object")
        while try e2o.step() {
            guard let eid = e2o.text(0), let oid = e2o.text(1), let e = a.log.eventIDs.code(of: eid) else {
                unknownEvents += 1
                continue
            }
            a.addEventToObject(Int(e), objectID: oid, qualifier: e2o.text(2))
        }
        if unknownEvents > 0 { a.warn("\(unknownEvents) event_object rows name events that were not read; ignored") }
        if tables.contains("object_object") {
            let o2o = try db.prepare("SELECT ocel_source_id, ocel_target_id, ocel_qualifier FROM object_object")
            while try o2o.step() {
                guard let sid = o2o.text(0), let tid = o2o.text(1), let s = a.log.objectIDs.code(of: sid) else { continue }
                a.addObjectToObject(Int(s), objectID: tid, qualifier: o2o.text(2))
            }
        }
    }

    /// Type name → suffix of its per-type table, from the map table or, without one, the
    /// name with everything but letters and digits removed (as pm4py writes it).
    private static func typeTables(_ db: SQLiteDatabase, _ tables: Set<String>, kind: String) throws -> [(type: String, table: String)] {
        var ids: [String: String] = [:]
        let types = try db.prepare("SELECT ocel_id, ocel_type FROM \(kind)")
        var names = Set<String>()
        while try types.step() {
            if let id = types.text(0), let t = types.text(1) {
                names.insert(t)
                ids[id] = t
            }
        }
        var map: [String: String] = [:]
        if tables.contains("\(kind)_map_type") {
            let m = try db.prepare("SELECT ocel_type, ocel_type_map FROM \(kind)_map_type")
            while try m.step() { if let t = m.text(0), let s = m.text(1) { map[t] = s } }
        }
        return names.sorted().map { t in
            (t, "\(kind)_" + (map[t] ?? String(t.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })))
        }
    }

    private static func quoted(_ name: String) -> String { "\"" + name.replacingAll("\"", with: "\"\"") + "\"" }

    private static func readObjects(_ db: SQLiteDatabase, _ tables: Set<String>, into a: inout OCELLogAssembler) throws {
        var declared: [String: String] = [:]
        let all = try db.prepare("SELECT ocel_id, ocel_type FROM object")
        var order: [(id: String, type: String)] = []
        while try all.step() {
            if let id = all.text(0), let t = all.text(1) {
                declared[id] = t
                order.append((id, t))
            }
        }
        for (type, table) in try typeTables(db, tables, kind: "object") where tables.contains(table) {
            let stmt = try db.prepare("SELECT * FROM \(quoted(table))")
            let columns = (0..<stmt.columnCount).map { stmt.columnName($0) }
            let idColumn = columns.firstIndex(of: "ocel_id")
            let timeColumn = columns.firstIndex(of: "ocel_time")
            let changedColumn = columns.firstIndex(of: "ocel_changed_field")
            let special: Set<Int> = Set([idColumn, timeColumn, changedColumn].compactMap { $0 })
            while try stmt.step() {
                guard let idColumn, let id = stmt.text(Int32(idColumn)), declared[id] != nil else { continue }
                let object: Int
                if let code = a.log.objectIDs.code(of: id) {
                    object = Int(code)
                } else if let added = a.addObject(id: id, type: declared[id] ?? type) {
                    object = added
                } else {
                    continue
                }
                let time = timeColumn.flatMap { stmt.text(Int32($0)) }.flatMap { a.parseTime($0) }
                let changed = changedColumn.flatMap { stmt.text(Int32($0)) }.flatMap { $0.isEmpty ? nil : $0 }
                for (c, name) in columns.enumerated() where !special.contains(c) && (changed == nil || changed == name) {
                    a.setObjectAttribute(object, name, value(stmt, Int32(c)), time: time)
                }
            }
        }
        for o in order where a.log.objectIDs.code(of: o.id) == nil { _ = a.addObject(id: o.id, type: o.type) }
    }

    private static func readEvents(_ db: SQLiteDatabase, _ tables: Set<String>, into a: inout OCELLogAssembler) throws {
        var typeOf: [String: String] = [:]
        let all = try db.prepare("SELECT ocel_id, ocel_type FROM event")
        while try all.step() { if let id = all.text(0), let t = all.text(1) { typeOf[id] = t } }

        struct Row {
            var id: String, type: String, micros: Int64, row: Int, rank: Int, table: String
            var attributes: [(String, AttributeValue?)]
        }
        var rows: [Row] = []
        var seen = Set<String>()
        for (rank, (type, table)) in try typeTables(db, tables, kind: "event").enumerated() {
            guard tables.contains(table) else {
                a.warn("no table '\(table)' for event type '\(type)'; its events have no time")
                continue
            }
            let stmt = try db.prepare("SELECT * FROM \(quoted(table))")
            let columns = (0..<stmt.columnCount).map { stmt.columnName($0) }
            guard let idColumn = columns.firstIndex(of: "ocel_id"), let timeColumn = columns.firstIndex(of: "ocel_time") else {
                throw ImportError(
                    .missingColumn, file: a.path, column: "table \(table)", expected: "columns ocel_id and ocel_time",
                    found: columns.joined(separator: ", "), reason: "event table '\(table)' lacks ocel_id or ocel_time")
            }
            var n = 0
            while try stmt.step() {
                n += 1
                let id = stmt.text(Int32(idColumn))
                let locator = "\(table) row \(n): event '\(id ?? "?")'"
                guard let id, typeOf[id] == type else {
                    try a.rejectEvent(
                        line: n, raw: locator, column: "ocel_id",
                        reason: "event '\(id ?? "")' is in \(table) but not listed with type '\(type)' in table event", kind: .malformedRow)
                    continue
                }
                seen.insert(id)
                guard stmt.columnType(Int32(timeColumn)) == SQLITE_TEXT, let text = stmt.text(Int32(timeColumn)), let micros = a.parseTime(text) else {
                    let found = stmt.text(Int32(timeColumn)) ?? "NULL"
                    try a.rejectEvent(
                        line: n, raw: locator, column: "ocel_time",
                        reason: "event '\(id)' has an unparsable time '\(found)' (expected ISO 8601 text like 2022-01-09 15:00:00)",
                        kind: .invalidTimestamp)
                    continue
                }
                let attributes = columns.enumerated().filter { $0.offset != idColumn && $0.offset != timeColumn }
                    .map { ($0.element, value(stmt, Int32($0.offset))) }
                rows.append(Row(id: id, type: type, micros: micros, row: n - 1, rank: rank, table: table, attributes: attributes))
            }
        }
        // pm4py: events sorted by (time, row index within the type table), stable over type order.
        rows.sort { x, y in
            if x.micros != y.micros { return x.micros < y.micros }
            if x.row != y.row { return x.row < y.row }
            return x.rank < y.rank
        }
        for r in rows {
            guard let e = try a.addEvent(id: r.id, type: r.type, micros: r.micros, line: r.row + 1, locator: "\(r.table) row \(r.row + 1): event '\(r.id)'")
            else { continue }
            for (name, v) in r.attributes { a.setEventAttribute(e, name, v) }
        }
        for (id, type) in typeOf.sorted(by: { $0.key < $1.key }) where !seen.contains(id) {
            try a.rejectEvent(
                line: 0, raw: "event '\(id)'", column: "ocel_time",
                reason: "event '\(id)' of type '\(type)' has no row in its event_<Type> table, so no time", kind: .invalidTimestamp)
        }
    }

    private static func value(_ stmt: SQLiteStatement, _ c: Int32) -> AttributeValue? {
        switch stmt.columnType(c) {
        case SQLITE_INTEGER: .int(stmt.int64(c))
        case SQLITE_FLOAT: .float(stmt.double(c))
        case SQLITE_TEXT: stmt.text(c).map { .string($0) }
        default: nil
        }
    }
}

extension String {
    fileprivate func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
