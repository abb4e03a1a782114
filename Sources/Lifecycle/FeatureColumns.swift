import EventLog

/// Fills the category, customer, order, tier, dimension and order-value columns of a
/// table: per row the first value seen in the case, and the value known at detection
/// (case attributes always; event attributes: the latest value at or before the detection
/// event). Cost: O(rows × attributes), scanning only until a value is found.
enum FeatureColumns {
    static func fill(_ table: inout ExceptionTable, log: EventLog, profile: LifecycleProfile, detectedIndex: [Int]) {
        for (role, name) in profile.featureAttributes {
            guard let source = AttributeResolver.coded(name, in: log) else {
                table.warnings.append("attribute '\(name)' (\(role.rawValue)) is not in the log; its column stays empty")
                let empty = [UInt32](repeating: StringPool.missing, count: table.count)
                table.attributes.append(
                    ExceptionAttribute(
                        role: role, name: name, foundName: nil, isCaseLevel: true, pool: StringPool(), values: empty,
                        atDetection: empty))
                continue
            }
            var column = ExceptionAttribute(
                role: role, name: name, foundName: source.foundName, isCaseLevel: source.level == .caseLevel,
                pool: source.pool)
            if source.level == .caseLevel {
                column.values = table.caseIndex.map { source.codes[Int($0)] }
                column.atDetection = column.values
            } else {
                column.values = firstPresent(source.codes, table: table, log: log) { $0 != StringPool.missing }
                    .map { $0.map { source.codes[$0] } ?? StringPool.missing }
                column.atDetection = atDetection(table: table, log: log, detectedIndex: detectedIndex) {
                    source.codes[$0] != StringPool.missing
                }.map { $0.map { source.codes[$0] } ?? StringPool.missing }
            }
            table.attributes.append(column)
        }
        guard let name = profile.orderValue else { return }
        guard let source = AttributeResolver.numeric(name, in: log) else {
            table.warnings.append("attribute '\(name)' (order value) is not in the log; its column stays empty")
            table.orderValue = [Double](repeating: .nan, count: table.count)
            table.orderValueAtDetection = table.orderValue
            return
        }
        table.orderValueAttribute = source.foundName
        if source.level == .caseLevel {
            table.orderValue = table.caseIndex.map { source.values[Int($0)] }
            table.orderValueAtDetection = table.orderValue
        } else {
            table.orderValue = firstPresent(source.values, table: table, log: log) { !$0.isNaN }
                .map { $0.map { source.values[$0] } ?? .nan }
            table.orderValueAtDetection = atDetection(table: table, log: log, detectedIndex: detectedIndex) {
                !source.values[$0].isNaN
            }.map { $0.map { source.values[$0] } ?? .nan }
        }
    }

    /// Per row, the first event of the case whose value is present.
    private static func firstPresent<T>(
        _ values: [T], table: ExceptionTable, log: EventLog, present: (T) -> Bool
    ) -> [Int?] {
        table.caseIndex.map { c in
            log.events(ofCase: Int(c)).first { present(values[$0]) }
        }
    }

    /// Per row, the latest event at or before detection whose value is present.
    private static func atDetection(
        table: ExceptionTable, log: EventLog, detectedIndex: [Int], present: (Int) -> Bool
    ) -> [Int?] {
        (0..<table.count).map { r in
            let lo = log.caseOffsets[Int(table.caseIndex[r])]
            var e = detectedIndex[r]
            while e >= lo {
                if present(e) { return e }
                e -= 1
            }
            return nil
        }
    }
}

/// Sets each row's SLA target and breach flag from the profile's ``SLAPolicy``.
enum SLAEvaluation {
    static func fill(_ table: inout ExceptionTable, profile: LifecycleProfile) {
        let n = table.count
        let category = table.attribute(.category)
        let tier = table.attribute(.tier)
        var cache: [UInt64: Double] = [:]
        var targets = [Double](repeating: .nan, count: n)
        var breached = [Bool](repeating: false, count: n)
        let noTime = ExceptionTable.noTime
        for r in 0..<n {
            let cat = category?.values[r] ?? StringPool.missing
            let tr = tier?.values[r] ?? StringPool.missing
            let key = UInt64(cat) << 32 | UInt64(tr)
            let hours: Double
            if let hit = cache[key] {
                hours = hit
            } else {
                hours =
                    profile.sla.targetHours(
                        category: category?.pool.optionalString(cat), tier: tier?.pool.optionalString(tr)) ?? .nan
                cache[key] = hours
            }
            targets[r] = hours
            guard !hours.isNaN else { continue }
            var end = table.resolvedAt[r]
            if end == noTime, table.status[r] == .cancelled { end = table.cancelledAt[r] }
            if end == noTime { end = table.logEnd }
            let elapsed = end == noTime ? 0 : end - table.detectedAt[r]
            breached[r] = Double(elapsed) > hours * 3_600_000_000
        }
        table.slaTargetHours = targets
        table.slaBreached = breached
    }
}
