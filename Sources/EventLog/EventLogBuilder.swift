/// Accumulates events in file order and turns them into an ``EventLog`` grouped by case
/// and stably sorted by time.
///
/// Readers intern values straight into the builder's pools (``caseIDs``, ``activities``, …)
/// and append one event at a time. ``build(threads:)`` groups by case with a counting sort
/// (cases keep their first-seen order) and sorts each case by timestamp only when it is out
/// of order, keeping ties in file order; events that come grouped and in order keep their
/// columns as they are. Cost: O(events) plus the sort of unsorted cases.
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
    /// Room never filled costs address space, not memory.
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

    /// Appends the events of `other`, a builder for a later part of the same input, with
    /// their codes translated into this builder's codes by the maps (`map[c]` is the code
    /// here of `other`'s code `c`). Extra event columns are padded with missing values.
    /// Cost: one pass per column, each column its own job on up to `threads` threads, beside
    /// `extraJobs` jobs of the caller's (`extra(0)`, `extra(1)`, …), which run first and must
    /// not touch this builder.
    mutating func appendEvents(
        of other: EventLogBuilder, caseMap: [UInt32], activityMap: [UInt32], resourceMap: [UInt32],
        groupMap: [UInt32], lifecycleMap: [UInt32], threads: Int, alongside extraJobs: Int = 0,
        _ extra: (Int) -> Void = { _ in }
    ) {
        let added = other.eventCount
        let codes = JobSlots<[UInt32]>(5)
        codes.set(0, caseOfEvent)
        codes.set(1, activity)
        codes.set(2, resource)
        codes.set(3, group)
        codes.set(4, lifecycle)
        let times = JobSlots<[Int64]>(1)
        times.set(0, timestamp)
        (caseOfEvent, activity, resource, group, lifecycle, timestamp) = ([], [], [], [], [], [])
        let sources = [other.caseOfEvent, other.activity, other.resource, other.group, other.lifecycle]
        let maps = [caseMap, activityMap, resourceMap, groupMap, lifecycleMap]
        ParallelJobs.run(jobs: extraJobs + 6, threads: threads) { job in
            if job < extraJobs { return extra(job) }
            let column = job - extraJobs
            if column == 5 {
                guard var time = times.take(0) else { return }
                time.append(contentsOf: other.timestamp)
                times.set(0, time)
                return
            }
            guard var joined = codes.take(column) else { return }
            joined.appendRemapped(sources[column], through: maps[column])
            codes.set(column, joined)
        }
        timestamp = times.take(0) ?? []
        caseOfEvent = codes.take(0) ?? []
        activity = codes.take(1) ?? []
        resource = codes.take(2) ?? []
        group = codes.take(3) ?? []
        lifecycle = codes.take(4) ?? []
        for i in eventAttributes.indices {
            for _ in 0..<added { eventAttributes[i].appendMissing() }
        }
    }

    /// Groups events by case (first-seen case order) and sorts each case stably by time.
    ///
    /// When the events already come grouped and in time order (a XES file, one trace after
    /// another), the columns are handed over as they are; otherwise each is gathered into
    /// the new order, up to `threads` columns at a time.
    public func build(threads: Int = 1) -> EventLog {
        let caseCount = caseIDs.count
        let n = eventCount
        var offsets = [Int](repeating: 0, count: caseCount + 1)
        var grouped = true
        caseOfEvent.withUnsafeBufferPointer { cases in
            offsets.withUnsafeMutableBufferPointer { counts in
                var previous: UInt32 = 0
                for c in cases {
                    counts[Int(c) + 1] += 1
                    if c < previous { grouped = false }
                    previous = c
                }
            }
        }
        for c in 0..<caseCount { offsets[c + 1] += offsets[c] }
        // Counting sort by case keeps file order inside each case; codes are first-seen, so
        // non-decreasing case codes mean the events are grouped already (no order needed).
        var order: [UInt32]?
        if !grouped {
            var cursor = offsets
            var sorted = [UInt32](repeating: 0, count: n)
            for e in 0..<n {
                let c = Int(caseOfEvent[e])
                sorted[cursor[c]] = UInt32(e)
                cursor[c] += 1
            }
            order = sorted
        }
        // Stable sort by timestamp within each case, only where needed. Inside a case the
        // order is ascending file position, so ties break on the event index.
        timestamp.withUnsafeBufferPointer { time in
            for c in 0..<caseCount {
                let lo = offsets[c], hi = offsets[c + 1]
                guard hi - lo > 1 else { continue }
                var inOrder = true
                if let order {
                    for k in (lo + 1)..<hi where time[Int(order[k])] < time[Int(order[k - 1])] {
                        inOrder = false
                        break
                    }
                } else {
                    for k in (lo + 1)..<hi where time[k] < time[k - 1] {
                        inOrder = false
                        break
                    }
                }
                if inOrder { continue }
                // Taken out of `order` while it changes, so that the change is in place.
                var reordered = order ?? (0..<UInt32(n)).map { $0 }
                order = nil
                let slice = reordered[lo..<hi].sorted { a, b in
                    let ta = time[Int(a)], tb = time[Int(b)]
                    return ta != tb ? ta < tb : a < b
                }
                reordered.replaceSubrange(lo..<hi, with: slice)
                order = reordered
            }
        }
        var log = EventLog(name: name)
        log.caseIDs = caseIDs
        log.caseOffsets = offsets
        log.activities = activities
        log.resources = resources
        log.groups = groups
        log.lifecycles = lifecycles
        log.caseAttributes = caseAttributes.map { column in
            var padded = column
            while padded.count < caseCount { padded.appendMissing() }
            return padded
        }
        guard let order else {
            log.activity = activity
            log.timestamp = timestamp
            log.resource = CodeColumn(resource)
            log.group = CodeColumn(group)
            log.lifecycle = CodeColumn(lifecycle)
            log.eventAttributes = eventAttributes
            return log
        }
        let codes = JobSlots<[UInt32]>(4)
        let times = JobSlots<[Int64]>(1)
        let sources = [activity, resource, group, lifecycle]
        ParallelJobs.run(jobs: 5, threads: threads) { job in
            if job < 4 { codes.set(job, sources[job].gathered(by: order)) } else { times.set(0, timestamp.gathered(by: order)) }
        }
        log.activity = codes.take(0) ?? []
        log.resource = CodeColumn(codes.take(1) ?? [])
        log.group = CodeColumn(codes.take(2) ?? [])
        log.lifecycle = CodeColumn(codes.take(3) ?? [])
        log.timestamp = times.take(0) ?? []
        if !eventAttributes.isEmpty {
            let rows = order.map { Int($0) }
            log.eventAttributes = eventAttributes.map { $0.permuted(by: rows) }
        }
        return log
    }
}
