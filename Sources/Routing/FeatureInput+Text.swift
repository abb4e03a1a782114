import EventLog

extension FeatureInput {
    /// Header names of ``csv(idColumn:timeColumn:)``: id, time, categorical columns, numeric columns.
    public func textColumns(idColumn: String = "exception_id", timeColumn: String = "detected_at", owners: Bool = false) -> [String] {
        [idColumn, timeColumn] + categorical.map(\.name) + numeric.map(\.name)
            + (owners ? ["first_owner", "resolving_owner"] : [])
    }

    /// The rows as CSV with a header (id, detection time in ISO 8601 UTC, attributes; no
    /// labels unless `owners`: then `first_owner` and `resolving_owner` too), the shape
    /// `switchyard route` reads. Values with `,` `"` or newlines are quoted.
    public func csv(idColumn: String = "exception_id", timeColumn: String = "detected_at", owners: Bool = false) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(rowCount * 120)
        func field(_ s: String) {
            if s.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
                out.append(0x22)
                for b in s.utf8 {
                    if b == 0x22 { out.append(0x22) }
                    out.append(b)
                }
                out.append(0x22)
            } else {
                out.append(contentsOf: s.utf8)
            }
        }
        out.append(contentsOf: textColumns(idColumn: idColumn, timeColumn: timeColumn, owners: owners).joined(separator: ",").utf8)
        out.append(0x0A)
        let pools = categorical.map(\.pool.strings)
        for r in 0..<rowCount {
            field(ids[r])
            out.append(0x2C)
            out.append(contentsOf: Timestamp.iso8601(detectedAt[r]).utf8)
            for (c, column) in categorical.enumerated() {
                out.append(0x2C)
                let code = column.codes[r]
                if code != StringPool.missing { field(pools[c][Int(code)]) }
            }
            for column in numeric {
                out.append(0x2C)
                let v = column.values[r]
                if !v.isNaN { out.append(contentsOf: AttributeValue.format(v).utf8) }
            }
            if owners {
                out.append(0x2C)
                if let v = legacy?.value(at: r) { field(v) }
                out.append(0x2C)
                if let v = label?.value(at: r) { field(v) }
            }
            out.append(0x0A)
        }
        return out
    }

    /// The rows as JSON Lines, one flat object per exception (missing values left out).
    public func jsonLines(idColumn: String = "exception_id", timeColumn: String = "detected_at") -> [UInt8] {
        var out: [UInt8] = []
        func string(_ s: String) {
            out.append(0x22)
            for b in s.utf8 {
                switch b {
                case 0x22: out.append(contentsOf: [0x5C, 0x22])
                case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: out.append(contentsOf: [0x5C, 0x6E])
                case ..<0x20: out.append(contentsOf: Array("\\u00\(b < 16 ? "0" : "")\(String(b, radix: 16))".utf8))
                default: out.append(b)
                }
            }
            out.append(0x22)
        }
        let pools = categorical.map(\.pool.strings)
        for r in 0..<rowCount {
            out.append(0x7B)
            string(idColumn)
            out.append(0x3A)
            string(ids[r])
            out.append(0x2C)
            string(timeColumn)
            out.append(0x3A)
            string(Timestamp.iso8601(detectedAt[r]))
            for (c, column) in categorical.enumerated() where column.codes[r] != StringPool.missing {
                out.append(0x2C)
                string(column.name)
                out.append(0x3A)
                string(pools[c][Int(column.codes[r])])
            }
            for column in numeric where !column.values[r].isNaN {
                out.append(0x2C)
                string(column.name)
                out.append(0x3A)
                out.append(contentsOf: AttributeValue.format(column.values[r]).utf8)
            }
            out.append(contentsOf: [0x7D, 0x0A])
        }
        return out
    }
}
