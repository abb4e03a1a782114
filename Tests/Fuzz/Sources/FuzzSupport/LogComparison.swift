import EventLog

/// Compares a log with the log read back from what a writer made of it.
///
/// Pools may number strings differently and columns may come in another order. A column
/// whose type changed on the way (its text was re-typed, e.g. `"1.50"` read as a string
/// beside a rejected row, then as a float once alone) is compared by name only; every
/// other value must be equal.
public enum LogComparison {
    public static func difference(_ a: EventLog, _ b: EventLog) -> String? {
        guard a.caseCount == b.caseCount else { return "cases \(a.caseCount) vs \(b.caseCount)" }
        guard a.eventCount == b.eventCount else { return "events \(a.eventCount) vs \(b.eventCount)" }
        guard a.caseOffsets == b.caseOffsets else { return "case offsets differ" }
        for c in 0..<a.caseCount where a.caseID(c) != b.caseID(c) { return "case \(c): '\(a.caseID(c))' vs '\(b.caseID(c))'" }
        for e in 0..<a.eventCount {
            if a.activities.optionalString(a.activity[e]) != b.activities.optionalString(b.activity[e]) {
                return "activity of event \(e): \(String(describing: a.activities.optionalString(a.activity[e]))) vs \(String(describing: b.activities.optionalString(b.activity[e])))"
            }
            if a.timestamp[e] != b.timestamp[e] { return "timestamp of event \(e): \(a.timestamp[e]) vs \(b.timestamp[e])" }
            if a.resources.optionalString(a.resource[e]) != b.resources.optionalString(b.resource[e]) {
                return "resource of event \(e): \(String(describing: a.resources.optionalString(a.resource[e]))) vs \(String(describing: b.resources.optionalString(b.resource[e])))"
            }
            if a.groups.optionalString(a.group[e]) != b.groups.optionalString(b.group[e]) { return "group of event \(e)" }
            if a.lifecycles.optionalString(a.lifecycle[e]) != b.lifecycles.optionalString(b.lifecycle[e]) { return "lifecycle of event \(e)" }
        }
        // Case-level and event-level columns may trade places (a column constant within
        // cases is promoted), so compare every column as per-event values.
        let ea = perEvent(a), eb = perEvent(b)
        guard ea.keys.sorted() == eb.keys.sorted() else { return "attribute names \(ea.keys.sorted()) vs \(eb.keys.sorted())" }
        for (name, x) in ea {
            guard let y = eb[name] else { continue }
            guard x.type == y.type else { continue }
            for e in 0..<a.eventCount where !same(x.values[e], y.values[e]) {
                return "attribute \(name) at event \(e): \(String(describing: x.values[e])) vs \(String(describing: y.values[e]))"
            }
        }
        return nil
    }

    /// Equal values, NaN equal to NaN.
    private static func same(_ x: AttributeValue?, _ y: AttributeValue?) -> Bool {
        if case .float(let p)? = x, case .float(let q)? = y, p.isNaN, q.isNaN { return true }
        return x == y
    }

    private static func perEvent(_ log: EventLog) -> [String: (type: AttributeType, values: [AttributeValue?])] {
        var out: [String: (type: AttributeType, values: [AttributeValue?])] = [:]
        let caseOf = log.caseIndexPerEvent()
        for column in log.caseAttributes {
            out[column.name] = (column.type, (0..<log.eventCount).map { column.value(at: Int(caseOf[$0])) })
        }
        for column in log.eventAttributes {
            out[column.name] = (column.type, (0..<log.eventCount).map { column.value(at: $0) })
        }
        return out
    }
}
