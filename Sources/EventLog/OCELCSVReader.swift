/// Reads the OCEL 1.0 CSV form (pm4py's "extended table"): one row per event with
/// `ocel:eid`, `ocel:activity`, `ocel:timestamp`, one `ocel:type:<Type>` column per object
/// type holding a Python-style list of object ids (`['880001','880004']`; anything not
/// starting with `[` means none), and the other columns as event attributes.
///
/// Objects are those named in the lists, typed by their column, in first-seen order.
/// Attribute cells that read as integers or decimals are stored as numbers.
enum OCELCSVReader {
    static let typePrefix = "ocel:type:"

    /// Whether the first line looks like an OCEL CSV header.
    static func looksLikeOCELCSV(_ bytes: [UInt8]) -> Bool {
        let firstLine = bytes.prefix { $0 != 0x0A }
        let header = String(decoding: firstLine, as: UTF8.self)
        return header.contains("ocel:eid") && header.contains(typePrefix)
    }

    static func read(_ path: String, bytes: [UInt8], into a: inout OCELLogAssembler) throws(ImportError) {
        var rows = CSVRows(bytes)
        guard let header = try rows.next(path) else { throw ImportError(.emptyInput, file: path, reason: "the file has no header") }
        func column(_ name: String) throws(ImportError) -> Int {
            guard let i = header.fields.firstIndex(of: name) else {
                throw ImportError(
                    .missingColumn, file: path, line: 1, column: name, expected: "an OCEL CSV header with ocel:eid, ocel:activity, ocel:timestamp",
                    found: header.fields.joined(separator: ","), reason: "no column '\(name)'")
            }
            return i
        }
        let eid = try column("ocel:eid"), activity = try column("ocel:activity"), time = try column("ocel:timestamp")
        let typeColumns = header.fields.enumerated().filter { $0.element.hasPrefix(typePrefix) }
            .map { (index: $0.offset, type: String($0.element.dropFirst(typePrefix.count))) }
        let attributeColumns = header.fields.enumerated()
            .filter { ![eid, activity, time].contains($0.offset) && !$0.element.hasPrefix(typePrefix) }

        while let row = try rows.next(path) {
            if row.fields.count == 1 && row.fields[0].isEmpty { continue }
            let raw = row.fields.joined(separator: ",")
            guard row.fields.count == header.fields.count else {
                try a.rejectEvent(
                    line: row.line, raw: raw, column: nil,
                    reason: "expected \(header.fields.count) fields, found \(row.fields.count)", kind: .malformedRow)
                continue
            }
            let id = row.fields[eid]
            guard let e = try a.addEvent(
                id: id, type: row.fields[activity], time: row.fields[time], line: row.line, locator: "event '\(id)' at line \(row.line)")
            else { continue }
            for (c, name) in attributeColumns {
                a.setEventAttribute(e, name, number(row.fields[c]))
            }
            for (c, type) in typeColumns {
                for oid in objectList(row.fields[c]) {
                    a.ensureObject(id: oid, type: type)
                    a.addEventToObject(e, objectID: oid, qualifier: nil)
                }
            }
        }
    }

    /// `['a', "b"]` → `["a", "b"]`; anything not starting with `[` → `[]`.
    static func objectList(_ cell: String) -> [String] {
        let trimmed = cell.drop { $0 == " " }
        guard trimmed.first == "[", let close = trimmed.lastIndex(of: "]") else { return [] }
        return trimmed[trimmed.index(after: trimmed.startIndex)..<close].split(separator: ",").compactMap { item in
            var s = Substring(item).drop { $0 == " " }
            while s.last == " " { s = s.dropLast() }
            if let q = s.first, q == "'" || q == "\"", s.count >= 2, s.last == q { s = s.dropFirst().dropLast() }
            return s.isEmpty ? nil : String(s)
        }
    }

    /// An integer, a decimal, text, or `nil` for an empty (or blank) cell.
    private static func number(_ cell: String) -> AttributeValue? {
        if cell.allSatisfy({ $0 == " " }) { return nil }
        if let v = Int64(cell) { return .int(v) }
        if let d = Double(cell), d.isFinite { return .float(d) }
        return .string(cell)
    }
}

/// An RFC 4180 row splitter over bytes: quotes, doubled quotes, newlines inside quotes,
/// CRLF. Yields each row's fields and its 1-based starting line.
struct CSVRows {
    private let bytes: [UInt8]
    private var i = 0
    private var line = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
    }

    mutating func next(_ path: String) throws(ImportError) -> (fields: [String], line: Int)? {
        guard i < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        while i < bytes.count {
            let c = bytes[i]
            i += 1
            if quoted {
                if c == 0x22 {
                    if i < bytes.count, bytes[i] == 0x22 { field.append(0x22); i += 1 } else { quoted = false }
                } else {
                    if c == 0x0A { line += 1 }
                    field.append(c)
                }
                continue
            }
            switch c {
            case 0x22 where field.isEmpty: quoted = true
            case 0x2C: fields.append(try text(field, path)); field.removeAll(keepingCapacity: true)
            case 0x0A:
                line += 1
                if field.last == 0x0D { field.removeLast() }
                fields.append(try text(field, path))
                return (fields, start)
            default: field.append(c)
            }
        }
        if quoted { throw ImportError(.truncated, file: path, line: start, reason: "a quoted field is not closed before the end of the file") }
        fields.append(try text(field, path))
        return (fields, start)
    }

    private func text(_ field: [UInt8], _ path: String) throws(ImportError) -> String {
        guard let s = String(validating: field, as: UTF8.self) else {
            throw ImportError(.invalidEncoding, file: path, line: line, reason: "invalid UTF-8")
        }
        return s
    }
}
