/// Accumulates events in file order and turns them into an ``EventLog`` grouped by case
/// and stably sorted by time.
///
/// Readers intern values straight into the builder's pools (``caseIDs``, ``activities``, …)
/// and append one event at a time. ``build()`` groups by case with a counting sort (cases
/// keep their first-seen order) and sorts each case by timestamp only when it is out of
/// order, keeping ties in file order. Cost: O(events) plus the sort of unsorted cases.
public struct EventLogBuilder: Sendable {
    public var name: String
    /// Case ids, coded in first-seen order.
    public var caseIDs = StringPool()
    public var activities = StringPool()
    public var resources = StringPool()
    public var groups = StringPool()
    public var lifecycles = StringPool()

    public private(set) var caseOfEvent: [UInt32] = []
    public private(set) var activity: [UInt32] = []
    public private(set) var timestamp: [Int64] = []
    public private(set) var resource: [UInt32] = []
    public private(set) var group: [UInt32] = []
    public private(set) var lifecycle: [UInt32] = []
    /// Extra event columns, each kept as long as the event columns.
    public var eventAttributes: [AttributeColumn] = []
    /// Case columns, indexed by case code (may be shorter than the case count: missing).
    public var caseAttributes: [AttributeColumn] = []

    public init(name: String = "") { self.name = name }

    /// Events appended so far.
    public var eventCount: Int { activity.count }

    /// Reserves room for `events` events.
    public mutating func reserve(events: Int) {
        caseOfEvent.reserveCapacity(events)
        activity.reserveCapacity(events)
        timestamp.reserveCapacity(events)
        resource.reserveCapacity(events)
        group.reserveCapacity(events)
        lifecycle.reserveCapacity(events)
    }

    /// Appends one event. Extra attribute columns are padded with missing values for it;
    /// set them afterwards with ``setEventAttribute(_:_:)``.
    public mutating func appendEvent(
        caseCode: UInt32, activity a: UInt32, timestamp t: Int64,
        resource r: UInt32 = StringPool.missing, group g: UInt32 = StringPool.missing,
        lifecycle l: UInt32 = StringPool.missing
    ) {
        caseOfEvent.append(caseCode)
        activity.append(a)
        timestamp.append(t)
        resource.append(r)
        group.append(g)
        lifecycle.append(l)
        for i in eventAttributes.indices { eventAttributes[i].appendMissing() }
    }

    /// Index of the event column `name`, created (all missing so far) when new.
    public mutating func eventColumn(_ name: String, type: AttributeType = .string) -> Int {
        if let i = eventAttributes.firstIndex(where: { $0.name == name }) { return i }
        var column = AttributeColumn(name: name, type: type)
        for _ in 0..<eventCount { column.appendMissing() }
        eventAttributes.append(column)
        return eventAttributes.count - 1
    }

    /// Sets attribute `name` on the most recently appended event.
    public mutating func setEventAttribute(_ name: String, _ value: AttributeValue?) {
        guard eventCount > 0 else { return }
        let i = eventColumn(name, type: value?.type ?? .string)
        eventAttributes[i].set(value, at: eventCount - 1)
    }

    /// Sets case attribute `name` of case `caseCode`.
    public mutating func setCaseAttribute(_ name: String, _ value: AttributeValue?, caseCode: UInt32) {
        let i: Int
        if let found = caseAttributes.firstIndex(where: { $0.name == name }) {
            i = found
        } else {
            caseAttributes.append(AttributeColumn(name: name, type: value?.type ?? .string))
            i = caseAttributes.count - 1
        }
        caseAttributes[i].set(value, at: Int(caseCode))
    }

    /// Groups events by case (first-seen case order) and sorts each case stably by time.
    public func build() -> EventLog {
        let caseCount = caseIDs.count
        let n = eventCount
        // Counting sort by case keeps file order inside each case.
        var offsets = [Int](repeating: 0, count: caseCount + 1)
        for c in caseOfEvent { offsets[Int(c) + 1] += 1 }
        for c in 0..<caseCount { offsets[c + 1] += offsets[c] }
        var cursor = offsets
        var order = [Int](repeating: 0, count: n)
        for e in 0..<n {
            let c = Int(caseOfEvent[e])
            order[cursor[c]] = e
            cursor[c] += 1
        }
        // Stable sort by timestamp within each case, only where needed.
        for c in 0..<caseCount {
            let lo = offsets[c], hi = offsets[c + 1]
            var sorted = true
            var k = lo + 1
            while k < hi {
                if timestamp[order[k]] < timestamp[order[k - 1]] {
                    sorted = false
                    break
                }
                k += 1
            }
            if !sorted {
                let slice = order[lo..<hi].enumerated().sorted { a, b in
                    let ta = timestamp[a.element], tb = timestamp[b.element]
                    return ta != tb ? ta < tb : a.offset < b.offset
                }
                for (j, item) in slice.enumerated() { order[lo + j] = item.element }
            }
        }
        var log = EventLog(name: name)
        log.caseIDs = caseIDs
        log.caseOffsets = offsets
        log.activity = order.map { activity[$0] }
        log.timestamp = order.map { timestamp[$0] }
        log.resource = CodeColumn(order.map { resource[$0] })
        log.group = CodeColumn(order.map { group[$0] })
        log.lifecycle = CodeColumn(order.map { lifecycle[$0] })
        log.activities = activities
        log.resources = resources
        log.groups = groups
        log.lifecycles = lifecycles
        log.eventAttributes = eventAttributes.map { $0.permuted(by: order) }
        log.caseAttributes = caseAttributes.map { column in
            var padded = column
            while padded.count < caseCount { padded.appendMissing() }
            return padded
        }
        return log
    }
}
