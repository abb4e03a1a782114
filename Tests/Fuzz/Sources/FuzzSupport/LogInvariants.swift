import EventLog

/// Checks what every reader promises about the log it returns; aborts on a broken promise.
public enum LogInvariants {
    public static func check(_ result: ImportResult, _ context: String) {
        let log = result.log
        if result.rowsRead != log.eventCount + result.rejected.count {
            FuzzInput.fail("\(context): rows read \(result.rowsRead) != accepted \(log.eventCount) + rejected \(result.rejected.count)")
        }
        if log.caseOffsets.first != 0 || log.caseOffsets.last != log.eventCount {
            FuzzInput.fail("\(context): case offsets do not span the events")
        }
        for c in 0..<log.caseCount {
            let range = log.caseOffsets[c]..<log.caseOffsets[c + 1]
            if range.isEmpty { FuzzInput.fail("\(context): case \(c) has no events") }
            for e in range.dropFirst() where log.timestamp[e - 1] > log.timestamp[e] {
                FuzzInput.fail("\(context): events of case \(c) are not in time order")
            }
        }
        let sizes = [log.timestamp.count, log.resource.count, log.group.count, log.lifecycle.count]
        if sizes.contains(where: { $0 != log.eventCount }) { FuzzInput.fail("\(context): event columns differ in length") }
        if log.caseIDs.count != log.caseCount { FuzzInput.fail("\(context): \(log.caseIDs.count) case ids for \(log.caseCount) cases") }
        for t in log.timestamp where t < Timestamp.minimum || t > Timestamp.maximum {
            FuzzInput.fail("\(context): timestamp \(t) outside the years 1–9999")
        }
        for a in log.activity where Int(a) >= log.activities.count { FuzzInput.fail("\(context): activity code out of range") }
        for column in log.eventAttributes where column.count != log.eventCount {
            FuzzInput.fail("\(context): event attribute \(column.name) has \(column.count) rows")
        }
        for column in log.caseAttributes where column.count != log.caseCount {
            FuzzInput.fail("\(context): case attribute \(column.name) has \(column.count) rows")
        }
        for column in log.eventAttributes + log.caseAttributes where column.type == .date {
            for row in 0..<column.count where column.valid[row] && (column.raw[row] < Timestamp.minimum || column.raw[row] > Timestamp.maximum) {
                FuzzInput.fail("\(context): date attribute \(column.name) holds \(column.raw[row]), outside the years 1–9999")
            }
        }
        // Every string the log holds can be rendered (no invalid pool entries).
        for c in 0..<log.caseCount { _ = log.caseID(c) }
    }

    /// A thrown error must say something a user can act on.
    public static func check(_ error: ImportError, _ context: String) {
        if error.reason.isEmpty { FuzzInput.fail("\(context): an error without a reason: \(error)") }
        _ = error.description
    }
}
