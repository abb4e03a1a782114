import EventLog
import Foundation

/// Which columns of a one-row-per-exception CSV hold what. `nil` = look for the usual names.
public struct ExceptionFileColumns: Sendable, Equatable {
    public var id: String?
    public var time: String?
    public var label: String?
    public var legacy: String?
    public var category: String?
    /// Feature columns; `nil` = the `detection_*` columns but the order id (values known at
    /// detection, as `switchyard lifecycles` writes them; the model knows them without the
    /// prefix), else the attributes of the orders vocabulary.
    public var features: [String]?

    public init(
        id: String? = nil, time: String? = nil, label: String? = nil, legacy: String? = nil, category: String? = nil,
        features: [String]? = nil
    ) {
        self.id = id
        self.time = time
        self.label = label
        self.legacy = legacy
        self.category = category
        self.features = features
    }

    static let idNames = ["id", "case_id", "exception_id", "case:concept:name"]
    static let timeNames = ["detected_at", "detection_time"]
    static let labelNames = ["resolving_owner"]
    static let legacyNames = ["first_owner"]
    static let vocabulary = ["exception_type", "customer_id", "customer_tier", "region", "channel", "sku_family", "order_value"]
}

/// Reads a flat CSV of exceptions (one row each: id, detection time, attributes, owners) into
/// a ``FeatureInput`` — the output of `switchyard lifecycles --out`, or any export of the same
/// shape. Feature columns whose non-empty values all parse as numbers become numeric. Rows
/// whose detection time does not parse, or with the wrong number of fields, are returned as
/// rejections, not dropped silently. Reads the whole file (tables are small next to logs).
public enum ExceptionFileReader {
    public static func read(path: String, columns: ExceptionFileColumns = ExceptionFileColumns()) throws(RoutingError)
        -> (input: FeatureInput, rejected: [RouteRejection])
    {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalidInput("\(path): cannot read the file")
        }
        return try parse([UInt8](data), columns: columns, file: path)
    }

    public static func parse(_ bytes: [UInt8], columns spec: ExceptionFileColumns, file: String) throws(RoutingError)
        -> (input: FeatureInput, rejected: [RouteRejection])
    {
        var rejected: [RouteRejection] = []
        var header: [String] = []
        var cells: [[String]] = []
        var lines: [Int] = []
        bytes.withUnsafeBufferPointer { raw in
            guard let p = raw.baseAddress else { return }
            var start = raw.count >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF ? 3 : 0
            var parser = CSVRecordParser()
            parser.delimiter = CSVRecordParser.detectDelimiter(p + start, count: raw.count - start)
            let fields = UnsafeMutableBufferPointer<FieldSlice>.allocate(capacity: 4096)
            let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, raw.count))
            defer {
                fields.deallocate()
                scratch.deallocate()
            }
            var line = 1
            while start < raw.count {
                switch parser.parse(p, start: start, end: raw.count, atEOF: true, fields: fields, scratch: scratch) {
                case .incomplete:
                    start = raw.count
                case .malformed(let next, let newlines, let reason):
                    rejected.append(RouteRejection(line: line, reason: reason, raw: text(p, start, next)))
                    start = next
                    line += newlines
                case .record(let next, let count, let newlines):
                    let values = (0..<min(count, fields.count)).map { String(decoding: fields[$0].bytes, as: UTF8.self) }
                    if header.isEmpty {
                        header = values.map { $0.trimmingSpaces() }
                    } else if !(count == 1 && values[0].isEmpty) {
                        if count == header.count {
                            cells.append(values)
                            lines.append(line)
                        } else {
                            rejected.append(RouteRejection(
                                line: line, reason: "expected \(header.count) fields as in the header, found \(count)",
                                raw: text(p, start, next)))
                        }
                    }
                    start = next
                    line += newlines
                }
            }
        }
        guard !header.isEmpty else { throw .invalidInput("\(file): the file is empty; expected a CSV header line") }
        func find(_ given: String?, _ defaults: [String], _ what: String, required: Bool) throws(RoutingError) -> Int? {
            if let given {
                guard let i = header.firstIndex(of: given) else { throw .missingColumn(name: given, available: header) }
                return i
            }
            if let i = defaults.lazy.compactMap({ header.firstIndex(of: $0) }).first { return i }
            if required {
                throw .invalidInput("\(file): no \(what) column (looked for \(defaults.joined(separator: ", "))); columns found: "
                    + header.joined(separator: ", "))
            }
            return nil
        }
        let idIndex = try find(spec.id, ExceptionFileColumns.idNames, "id", required: false)
        guard let timeIndex = try find(spec.time, ExceptionFileColumns.timeNames, "detection time", required: true) else {
            throw .invalidInput("\(file): no detection time column")
        }
        let labelIndex = try find(spec.label, ExceptionFileColumns.labelNames, "owner", required: false)
        let legacyIndex = try find(spec.legacy, ExceptionFileColumns.legacyNames, "first owner", required: false)
        // Feature columns and the names the model will know them by.
        var features: [(index: Int, name: String)] = []
        if let given = spec.features {
            for name in given {
                guard let i = header.firstIndex(of: name) ?? header.firstIndex(of: "detection_" + name) else {
                    throw .missingColumn(name: name, available: header)
                }
                features.append((i, name))
            }
        } else {
            // The order id names the order, not something that predicts its owner.
            features = header.indices.filter { header[$0].hasPrefix("detection_") && header[$0] != "detection_order_id" }
                .map { ($0, String(header[$0].dropFirst(10))) }
            if features.isEmpty {
                features = ExceptionFileColumns.vocabulary.compactMap { n in header.firstIndex(of: n).map { ($0, n) } }
            }
            guard !features.isEmpty else {
                throw .invalidInput("\(file): no feature columns found (no detection_* columns and none of "
                    + ExceptionFileColumns.vocabulary.joined(separator: ", ") + "); name them with --features")
            }
        }

        var ids: [String] = [], times: [Int64] = [], keep: [Int] = []
        for (k, row) in cells.enumerated() {
            guard let t = ISO8601Parser.parse(row[timeIndex]) else {
                rejected.append(RouteRejection(
                    line: lines[k], reason: "column '\(header[timeIndex])': expected an ISO 8601 time",
                    raw: row.joined(separator: ",")))
                continue
            }
            keep.append(k)
            times.append(t.micros)
            ids.append(idIndex.map { row[$0] } ?? "row-\(lines[k])")
        }
        var categorical: [CategoricalColumn] = [], numeric: [NumericColumn] = []
        for (index, name) in features {
            let values = keep.map { cells[$0][index] }
            let parsed = values.map { v -> Double? in v.isEmpty ? nil : Double(v.trimmingSpaces()) }
            let present = values.filter { !$0.isEmpty }.count
            if present > 0 && zip(values, parsed).allSatisfy({ $0.isEmpty || $1 != nil }) {
                numeric.append(NumericColumn(name: name, values: parsed.map { $0 ?? .nan }))
            } else {
                categorical.append(CategoricalColumn(name: name, values: values))
            }
        }
        func column(_ i: Int?, _ name: String) -> CategoricalColumn? {
            i.map { i in CategoricalColumn(name: name, values: keep.map { cells[$0][i] }) }
        }
        // With a lifecycle `status` column, only a resolution names the owner (an open or
        // cancelled case's last owner is not the answer).
        var label = column(labelIndex, "resolving_owner")
        if let statusIndex = header.firstIndex(of: "status"), let labelIndex {
            label = CategoricalColumn(name: "resolving_owner", values: keep.map { k in
                ["resolved", "closed"].contains(cells[k][statusIndex]) ? cells[k][labelIndex] : nil
            })
        }
        rejected.sort { $0.line < $1.line }
        let categoryName = spec.category ?? ["exception_type", "category"].first { n in categorical.contains { $0.name == n } }
        return (
            FeatureInput(
                ids: ids, detectedAt: times, categorical: categorical, numeric: numeric,
                label: label, legacy: column(legacyIndex, "first_owner"),
                categoryColumn: categoryName),
            rejected
        )
    }

    private static func text(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + from, count: min(to - from, 200)), as: UTF8.self).trimmingSuffixNewlines()
    }
}
