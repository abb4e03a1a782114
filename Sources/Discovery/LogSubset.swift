import EventLog

extension EventLog {
    /// A new log with only the cases whose `keep[c]` is true, in the same order.
    ///
    /// String pools are shared (codes stay valid); case ids are re-coded so that a case's
    /// code is still its index. Cost: one copy of the kept events' columns.
    public func keepingCases(_ keep: [Bool]) -> EventLog {
        var events = [Bool](repeating: false, count: eventCount)
        for c in 0..<caseCount where c < keep.count && keep[c] {
            for e in self.events(ofCase: c) { events[e] = true }
        }
        return keepingEvents(events)
    }

    /// A new log with only the events whose `keep[e]` is true; cases left without events
    /// are dropped. Order within cases is unchanged.
    public func keepingEvents(_ keep: [Bool]) -> EventLog {
        var out = EventLog(name: name)
        out.activities = activities
        out.resources = resources
        out.groups = groups
        out.lifecycles = lifecycles
        var rows: [Int] = []
        var caseRows: [Int] = []
        var offsets = [0]
        for c in 0..<caseCount {
            let before = rows.count
            for e in events(ofCase: c) where e < keep.count && keep[e] { rows.append(e) }
            if rows.count > before {
                caseRows.append(c)
                offsets.append(rows.count)
                _ = out.caseIDs.intern(caseIDs.string(UInt32(c)))
            }
        }
        out.caseOffsets = offsets
        out.activity = rows.map { activity[$0] }
        out.timestamp = rows.map { timestamp[$0] }
        out.resource = CodeColumn(rows.map { resource[$0] })
        out.group = CodeColumn(rows.map { group[$0] })
        out.lifecycle = CodeColumn(rows.map { lifecycle[$0] })
        out.eventAttributes = eventAttributes.map { $0.permuted(by: rows) }
        out.caseAttributes = caseAttributes.map { column in
            var full = column
            while full.count < caseCount { full.appendMissing() }
            return full.permuted(by: caseRows)
        }
        return out
    }
}
