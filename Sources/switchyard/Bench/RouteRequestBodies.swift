import EventLog
import Routing

/// `POST /v1/route` bodies made from real exceptions: one flat JSON object per exception with
/// its `exception_id` and every field the model reads (`null` where the exception has no
/// value, which the service scores as unknown), so that a load run sends many different
/// requests rather than one.
///
/// Exceptions holding a category value the model never saw in training are left out (the
/// service answers those with 400 unless started with `--allow-unknown-values`), and the rest
/// are sampled evenly across the log. Cost: one pass over the chosen rows.
struct RouteRequestBodies {
    /// The JSON bodies, in the order to send them.
    let bodies: [[UInt8]]
    /// Exceptions left out because of values the model does not know.
    let skipped: Int

    init(model: RoutingModel, input: FeatureInput, limit: Int) {
        let spec = model.features
        var known: [(column: CategoricalColumn, values: Set<String>)] = []
        for feature in spec.categorical where feature.encoding == .oneHot {
            guard let column = input.categoricalColumn(feature.name) else { continue }
            known.append((column, Set(feature.values + feature.rareValues)))
        }
        var usable: [Int] = []
        for row in 0..<input.rowCount {
            let fits = known.allSatisfy { c in c.column.value(at: row).map { c.values.contains($0) } ?? true }
            if fits { usable.append(row) }
        }
        skipped = input.rowCount - usable.count
        let count = min(limit, usable.count)
        let chosen = (0..<count).map { usable[$0 * usable.count / count] }
        bodies = chosen.map { RouteRequestBodies.body(row: $0, input: input, fields: spec.inputColumns, timeColumn: spec.timeColumn) }
    }

    /// One exception as `{"exception_id": …, field: value | null, …}`.
    static func body(row: Int, input: FeatureInput, fields: [String], timeColumn: String) -> [UInt8] {
        var out: [UInt8] = [0x7B]
        string("exception_id", &out)
        out.append(0x3A)
        string(input.ids[row], &out)
        for name in fields where name != "exception_id" {
            out.append(0x2C)
            string(name, &out)
            out.append(0x3A)
            if name == timeColumn {
                string(Timestamp.iso8601(input.detectedAt[row]), &out)
            } else if let column = input.categoricalColumn(name), let value = column.value(at: row) {
                string(value, &out)
            } else if let column = input.numericColumn(name), column.values[row].isFinite {
                out.append(contentsOf: AttributeValue.format(column.values[row]).utf8)
            } else {
                out.append(contentsOf: "null".utf8)
            }
        }
        out.append(0x7D)
        return out
    }

    /// A JSON string literal.
    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case ..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(b >> 4)], hex[Int(b & 15)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}
