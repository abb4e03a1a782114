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

    /// The ids and types of table `event` or `object`, interned from the raw bytes.
    private struct Declared {
        var ids = StringPool()
        var types = StringPool()
        /// Type code per id code.
        var typeOf: [UInt32] = []

        init(_ db: SQLiteDatabase, kind: String) throws {
            let stmt = try db.prepare("SELECT ocel_id, ocel_type FROM \(kind)")
            while try stmt.step() {
                guard !stmt.isNull(0), !stmt.isNull(1) else { continue }
                let known = ids.count
                let id = stmt.withBytes(0) { ids.intern($0) }
                guard id == known else { continue }  // a repeated id keeps its first type
                typeOf.append(stmt.withBytes(1) { types.intern($0) })
            }
        }

        func type(of id: String) -> String? { ids.code(of: id).map { types.string(typeOf[Int($0)]) } }
    }

    /// Type name → its per-type table (`<kind>_<suffix>`), in type-name order. The suffix
    /// comes from the map table or, without one, is the name with everything but letters and
    /// digits removed (as pm4py writes it).
    private static func typeTables(_ db: SQLiteDatabase, _ tables: Set<String>, kind: String, _ declared: Declared) throws -> [(type: String, table: String)] {
        var map: [String: String] = [:]
        if tables.contains("\(kind)_map_type") {
            let m = try db.prepare("SELECT ocel_type, ocel_type_map FROM \(kind)_map_type")
            while try m.step() { if let t = m.text(0), let s = m.text(1) { map[t] = s } }
        }
        return declared.types.strings.sorted().map { t in
            (t, "\(kind)_" + (map[t] ?? String(t.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) })))
        }
    }

    private static func quoted(_ name: String) -> String { "\"" + name.replacingAll("\"", with: "\"\"") + "\"" }

    private static func readObjects(_ db: SQLiteDatabase, _ tables: Set<String>, into a: inout OCELLogAssembler) throws {
        let declared = try Declared(db, kind: "object")
        for (_, table) in try typeTables(db, tables, kind: "object", declared) where tables.contains(table) {
            let stmt = try db.prepare("SELECT * FROM \(quoted(table))")
            let columns = (0..<stmt.columnCount).map { stmt.columnName($0) }
            let idColumn = columns.firstIndex(of: "ocel_id")
            let timeColumn = columns.firstIndex(of: "ocel_time")
            let changedColumn = columns.firstIndex(of: "ocel_changed_field")
            let special: Set<Int> = Set([idColumn, timeColumn, changedColumn].compactMap { $0 })
            while try stmt.step() {
                guard let idColumn, let id = stmt.text(Int32(idColumn)), let declaredType = declared.type(of: id) else { continue }
                let object: Int
                if let code = a.log.objectIDs.code(of: id) {
                    object = Int(code)
                } else if let added = a.addObject(id: id, type: declaredType) {
                    object = added
                } else {
                    continue
                }
                let time = a.attributeTime(timeColumn.flatMap { stmt.text(Int32($0)) })
                let changed = changedColumn.flatMap { stmt.text(Int32($0)) }.flatMap { $0.isEmpty ? nil : $0 }
                for (c, name) in columns.enumerated() where !special.contains(c) && (changed == nil || changed == name) {
                    a.setObjectAttribute(object, name, value(stmt, Int32(c)), time: time)
                }
            }
        }
        for o in 0..<declared.ids.count {
            a.ensureObject(id: declared.ids.string(UInt32(o)), type: declared.types.string(declared.typeOf[o]))
        }
    }

    private static func readEvents(_ db: SQLiteDatabase, _ tables: Set<String>, into a: inout OCELLogAssembler) throws {
        let declared = try Declared(db, kind: "event")
        var seen = [Bool](repeating: false, count: declared.ids.count)
        struct Row {
            var id: String, type: String, micros: Int64, row: Int, rank: Int, table: String
            var attributes: [(String, AttributeValue?)]
        }
        var rows: [Row] = []
        for (rank, (type, table)) in try typeTables(db, tables, kind: "event", declared).enumerated() {
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
            let typeCode = declared.types.code(of: type)
            var n = 0
            while try stmt.step() {
                n += 1
                let id = stmt.text(Int32(idColumn))
                let locator = "\(table) row \(n): event '\(id ?? "?")'"
                guard let id, let code = declared.ids.code(of: id), declared.typeOf[Int(code)] == typeCode else {
                    try a.rejectEvent(
                        line: n, raw: locator, column: "ocel_id",
                        reason: "event '\(id ?? "")' is in \(table) but not listed with type '\(type)' in table event", kind: .malformedRow)
                    continue
                }
                seen[Int(code)] = true
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
        for e in 0..<declared.ids.count where !seen[e] {
            let id = declared.ids.string(UInt32(e)), type = declared.types.string(declared.typeOf[e])
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
