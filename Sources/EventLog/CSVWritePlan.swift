/// The strings of one pool, each already escaped as a CSV cell, so that writing a row
/// copies bytes instead of re-checking every value.
struct CSVEncodedPool {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]

    init(_ pool: StringPool, spreadsheetSafe: Bool) {
        bytes.reserveCapacity(pool.count * 8)
        for code in 0..<pool.count {
            pool.withBytes(UInt32(code)) { CSVCellEncoding.appendText($0, to: &bytes, spreadsheetSafe: spreadsheetSafe) }
            offsets.append(bytes.count)
        }
    }

    /// Appends the cell for `code`; nothing (an empty cell) for a missing value.
    @inline(__always)
    func append(_ code: UInt32, to out: inout [UInt8]) {
        guard code != StringPool.missing, Int(code) + 1 < offsets.count else { return }
        out.append(contentsOf: bytes[offsets[Int(code)]..<offsets[Int(code) + 1]])
    }
}

/// Which columns ``CSVLogWriter`` writes for a log, under which names, and how each cell
/// is rendered.
struct CSVWritePlan {
    enum Column {
        case caseID, activity, timestamp, resource, group, lifecycle
        case caseAttribute(Int), eventAttribute(Int)
    }

    let log: EventLog
    let columns: [Column]
    let names: [String]
    let spreadsheetSafe: Bool
    private let caseIDs: CSVEncodedPool
    private let activities: CSVEncodedPool
    private let resources: CSVEncodedPool
    private let groups: CSVEncodedPool
    private let lifecycles: CSVEncodedPool
    private let caseAttributePools: [CSVEncodedPool?]
    private let eventAttributePools: [CSVEncodedPool?]

    static let plainNames = ["case_id", "activity", "timestamp", "resource", "team", "lifecycle"]
    static let pm4pyNames = ["case:concept:name", "concept:name", "time:timestamp", "org:resource", "org:group", "lifecycle:transition"]

    init(_ log: EventLog, options: CSVWriteOptions) {
        self.log = log
        spreadsheetSafe = options.spreadsheetSafe
        // Roles an attribute could be taken for when the file is read back: its name is one
        // the reader looks for. Such a file gets pm4py's names (the reader tries them first,
        // and role columns come first), and an empty column for a contested role the log
        // lacks, so that the attribute stays an attribute.
        let attributeNames = Set((log.caseAttributes + log.eventAttributes).map { CSVColumnMapping.fold($0.name) })
        let aliases = [
            CSVColumnMapping.caseNames, CSVColumnMapping.activityNames, CSVColumnMapping.timestampNames,
            CSVColumnMapping.resourceNames, CSVColumnMapping.groupNames, CSVColumnMapping.lifecycleNames,
        ]
        let contested = aliases.map { $0.contains { attributeNames.contains($0) } }
        var columns: [Column] = [.caseID, .activity, .timestamp]
        var roleSlots = [0, 1, 2]
        if log.hasResources || contested[3] {
            columns.append(.resource)
            roleSlots.append(3)
        }
        if log.hasGroups || contested[4] {
            columns.append(.group)
            roleSlots.append(4)
        }
        if log.hasLifecycle || contested[5] {
            columns.append(.lifecycle)
            roleSlots.append(5)
        }
        let roleNames = options.pm4pyNames || contested.contains(true) ? CSVWritePlan.pm4pyNames : CSVWritePlan.plainNames
        // A role name spelt exactly like an attribute would be renamed `x.1` on reading; the
        // reader matches role names ignoring case, so a case variant keeps both apart.
        let rawNames = Set((log.caseAttributes + log.eventAttributes).map(\.name))
        var names = roleSlots.map { slot -> String in
            let name = roleNames[slot]
            guard rawNames.contains(name) else { return name }
            return [name.uppercased(), name.prefix(1).uppercased() + name.dropFirst()].first { !rawNames.contains($0) } ?? name
        }
        for (i, column) in log.caseAttributes.enumerated() {
            columns.append(.caseAttribute(i))
            names.append(column.name)
        }
        for (i, column) in log.eventAttributes.enumerated() {
            columns.append(.eventAttribute(i))
            names.append(column.name)
        }
        self.columns = columns
        self.names = names
        let safe = options.spreadsheetSafe
        caseIDs = CSVEncodedPool(log.caseIDs, spreadsheetSafe: safe)
        activities = CSVEncodedPool(log.activities, spreadsheetSafe: safe)
        resources = CSVEncodedPool(log.resources, spreadsheetSafe: safe)
        groups = CSVEncodedPool(log.groups, spreadsheetSafe: safe)
        lifecycles = CSVEncodedPool(log.lifecycles, spreadsheetSafe: safe)
        caseAttributePools = log.caseAttributes.map { $0.type == .string ? CSVEncodedPool($0.pool, spreadsheetSafe: safe) : nil }
        eventAttributePools = log.eventAttributes.map { $0.type == .string ? CSVEncodedPool($0.pool, spreadsheetSafe: safe) : nil }
    }

    func appendHeader(to out: inout [UInt8]) {
        for (i, name) in names.enumerated() {
            if i > 0 { out.append(0x2C) }
            CSVCellEncoding.appendText(name, to: &out, spreadsheetSafe: spreadsheetSafe)
        }
        out.append(0x0A)
    }

    /// Appends the row of event `e` of case `c`.
    func appendRow(event e: Int, case c: Int, to out: inout [UInt8]) {
        for (i, column) in columns.enumerated() {
            if i > 0 { out.append(0x2C) }
            switch column {
            case .caseID: caseIDs.append(UInt32(c), to: &out)
            case .activity: activities.append(log.activity[e], to: &out)
            case .timestamp: CSVCellEncoding.appendTimestamp(log.timestamp[e], to: &out)
            case .resource: resources.append(log.resource[e], to: &out)
            case .group: groups.append(log.group[e], to: &out)
            case .lifecycle: lifecycles.append(log.lifecycle[e], to: &out)
            case .caseAttribute(let k): appendValue(log.caseAttributes[k], row: c, pool: caseAttributePools[k], to: &out)
            case .eventAttribute(let k): appendValue(log.eventAttributes[k], row: e, pool: eventAttributePools[k], to: &out)
            }
        }
        out.append(0x0A)
    }

    private func appendValue(_ column: AttributeColumn, row: Int, pool: CSVEncodedPool?, to out: inout [UInt8]) {
        guard row < column.count else { return }
        if let pool {
            pool.append(column.codes[row], to: &out)
            return
        }
        guard column.valid[row] else { return }
        let raw = column.raw[row]
        switch column.type {
        case .int: CSVCellEncoding.appendInteger(raw, to: &out)
        case .float: CSVCellEncoding.appendFloat(Double(bitPattern: UInt64(bitPattern: raw)), to: &out)
        case .bool: out.append(contentsOf: raw != 0 ? Array("true".utf8) : Array("false".utf8))
        case .date: CSVCellEncoding.appendTimestamp(raw, to: &out)
        case .string: break
        }
    }
}
