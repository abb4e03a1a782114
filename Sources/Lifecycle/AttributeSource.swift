import EventLog

/// Where a profile's attribute name was found in a log, as one code per row (event or
/// case) into a pool. Non-string columns are rendered to text once, so every source reads
/// the same way. Built once per reconstruction; O(rows) for non-string columns, O(1) else.
struct CodedSource: Sendable {
    enum Level: String, Sendable { case event, caseLevel = "case" }
    /// The name as found in the log (e.g. `org:group`, `case:channel`).
    var foundName: String
    var level: Level
    var codes: [UInt32]
    var pool: StringPool
}

/// A numeric attribute per row; `nan` where missing or not a number.
struct NumericSource: Sendable {
    var foundName: String
    var level: CodedSource.Level
    var values: [Double]
}

/// Finds attributes by the names a profile uses.
enum AttributeResolver {
    /// Looks `name` up in `log`: the standard keys (`org:group`, `org:resource`,
    /// `concept:name`, `lifecycle:transition`), then event and case attribute columns
    /// (also as `case:NAME` or without a `case:` prefix), then the plain aliases `team` /
    /// `group` (group column) and `resource` (resource column). `nil` when absent or empty.
    static func coded(_ name: String, in log: EventLog) -> CodedSource? {
        if let standard = standardColumn(name, in: log) { return standard }
        if let found = column(name, in: log) {
            let coded = codes(of: found.column)
            return CodedSource(foundName: found.column.name, level: found.level, codes: coded.codes, pool: coded.pool)
        }
        switch name.lowercased() {
        case "team", "group": return standardColumn("org:group", in: log)
        case "resource": return standardColumn("org:resource", in: log)
        default: return nil
        }
    }

    /// A numeric view of `name` (ints and floats as they are, strings parsed as numbers).
    static func numeric(_ name: String, in log: EventLog) -> NumericSource? {
        if let found = column(name, in: log) {
            let col = found.column
            var values = [Double](repeating: .nan, count: col.count)
            switch col.type {
            case .float, .int:
                for r in 0..<col.count {
                    switch col.value(at: r) {
                    case .float(let v)?: values[r] = v
                    case .int(let v)?: values[r] = Double(v)
                    default: break
                    }
                }
            default:
                let coded = codes(of: col)
                let parsed = coded.pool.strings.map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan }
                for r in 0..<col.count where coded.codes[r] != StringPool.missing {
                    values[r] = parsed[Int(coded.codes[r])]
                }
            }
            return NumericSource(foundName: col.name, level: found.level, values: values)
        }
        guard let coded = coded(name, in: log) else { return nil }
        let parsed = coded.pool.strings.map { Double($0.trimmingCharacters(in: .whitespaces)) ?? .nan }
        let values = coded.codes.map { $0 == StringPool.missing ? Double.nan : parsed[Int($0)] }
        return NumericSource(foundName: coded.foundName, level: coded.level, values: values)
    }

    /// Every attribute name a profile could use in this log, for error messages.
    static func availableNames(in log: EventLog) -> [String] {
        var out: [String] = []
        if log.hasGroups { out.append("org:group") }
        if log.hasResources { out.append("org:resource") }
        out.append("concept:name")
        if log.hasLifecycle { out.append("lifecycle:transition") }
        out += log.eventAttributes.map(\.name)
        out += log.caseAttributes.map(\.name)
        return out
    }

    private static func standardColumn(_ name: String, in log: EventLog) -> CodedSource? {
        switch name {
        case "org:group" where log.hasGroups:
            return CodedSource(foundName: name, level: .event, codes: log.group.codes, pool: log.groups)
        case "org:resource" where log.hasResources:
            return CodedSource(foundName: name, level: .event, codes: log.resource.codes, pool: log.resources)
        case "concept:name":
            return CodedSource(foundName: name, level: .event, codes: log.activity, pool: log.activities)
        case "lifecycle:transition" where log.hasLifecycle:
            return CodedSource(foundName: name, level: .event, codes: log.lifecycle.codes, pool: log.lifecycles)
        default: return nil
        }
    }

    private static func column(_ name: String, in log: EventLog) -> (column: AttributeColumn, level: CodedSource.Level)? {
        if let c = log.eventAttribute(name) { return (c, .event) }
        if let c = log.caseAttribute(name) { return (c, .caseLevel) }
        if let c = log.caseAttribute("case:" + name) { return (c, .caseLevel) }
        if name.hasPrefix("case:") {
            let bare = String(name.dropFirst(5))
            if let c = log.caseAttribute(bare) { return (c, .caseLevel) }
            if let c = log.eventAttribute(bare) { return (c, .event) }
        }
        return nil
    }

    /// The column as codes into a pool (string columns as they are; others rendered to text).
    private static func codes(of column: AttributeColumn) -> (codes: [UInt32], pool: StringPool) {
        if column.type == .string { return (column.codes, column.pool) }
        var pool = StringPool()
        var codes = [UInt32](repeating: StringPool.missing, count: column.count)
        for r in 0..<column.count {
            if let v = column.value(at: r) { codes[r] = pool.intern(v.text) }
        }
        return (codes, pool)
    }
}
