/// The events parsed from one byte range of a CSV file, in file order, with its own string
/// pools. Chunks parsed on separate threads are appended to one another in file order.
struct CSVChunk: Sendable {
    var caseIDs = StringPool()
    var activities = StringPool()
    var resources = StringPool()
    var groups = StringPool()
    var lifecycles = StringPool()
    var caseOfEvent: [UInt32] = []
    var activity: [UInt32] = []
    var timestamp: [Int64] = []
    /// Empty when the file has no resource column (likewise `group`, `lifecycle`).
    var resource: [UInt32] = []
    var group: [UInt32] = []
    var lifecycle: [UInt32] = []
    /// The attribute columns, in ``CSVColumnLayout/attributeIndices`` order.
    var attributes: CSVAttributeSet
    var rejected: [RejectedRow] = []
    var rowsRead = 0

    /// Offset where the next row would start (parsing stops at the first row starting at
    /// or after the chunk's limit), its line, and whether quotes were unbalanced by then.
    var endOffset = 0
    var endLine = 0
    var endUnbalanced = false
    /// The first bad row of a strict import.
    var failure: ImportError?

    init(attributeCount: Int) {
        attributes = CSVAttributeSet(count: attributeCount)
    }

    var eventCount: Int { activity.count }

    /// Makes room for `events` events in all, so that appending chunks copies once.
    mutating func reserve(events: Int) {
        caseOfEvent.reserveCapacity(events)
        activity.reserveCapacity(events)
        timestamp.reserveCapacity(events)
        if !resource.isEmpty { resource.reserveCapacity(events) }
        if !group.isEmpty { group.reserveCapacity(events) }
        if !lifecycle.isEmpty { lifecycle.reserveCapacity(events) }
    }

    /// Appends the events, rejections and counts of `other`, the chunk that follows this one
    /// in the file. Strings of `other` are re-coded into this chunk's pools; cases seen in
    /// both keep this chunk's code, so the first-seen order of cases is the file's order.
    /// Cost: one intern per distinct value of `other`, one pass over its events.
    mutating func append(_ other: CSVChunk) {
        let oldCases = caseIDs.count
        let caseMap = CSVChunk.remap(other.caseIDs, into: &caseIDs)
        let activityMap = CSVChunk.remap(other.activities, into: &activities)
        attributes.append(
            other.attributes, caseMap: caseMap, oldCases: oldCases, caseOfEvent: caseOfEvent,
            otherCaseOfEvent: other.caseOfEvent)
        caseOfEvent.append(contentsOf: other.caseOfEvent.map { caseMap[Int($0)] })
        activity.append(contentsOf: other.activity.map { activityMap[Int($0)] })
        timestamp.append(contentsOf: other.timestamp)
        CSVChunk.appendCodes(other.resource, from: other.resources, to: &resource, pool: &resources)
        CSVChunk.appendCodes(other.group, from: other.groups, to: &group, pool: &groups)
        CSVChunk.appendCodes(other.lifecycle, from: other.lifecycles, to: &lifecycle, pool: &lifecycles)
        rejected.append(contentsOf: other.rejected)
        rowsRead += other.rowsRead
        endOffset = other.endOffset
        endLine = other.endLine
        endUnbalanced = other.endUnbalanced
        if failure == nil { failure = other.failure }
    }

    private static func appendCodes(_ codes: [UInt32], from: StringPool, to: inout [UInt32], pool: inout StringPool) {
        guard !codes.isEmpty else { return }
        let map = CSVChunk.remap(from, into: &pool)
        to.append(contentsOf: codes.map { $0 == StringPool.missing ? $0 : map[Int($0)] })
    }

    /// For each code of `from`, its code in `into` (interned there when new).
    static func remap(_ from: StringPool, into: inout StringPool) -> [UInt32] {
        var map = [UInt32](repeating: 0, count: from.count)
        for code in 0..<from.count {
            map[code] = from.withBytes(UInt32(code)) { into.intern($0) }
        }
        return map
    }

    /// Shifts the line numbers of a chunk parsed before its first line was known.
    mutating func shiftLines(by delta: Int) {
        guard delta != 0 else { return }
        for i in rejected.indices { rejected[i].line += delta }
        endLine += delta
        if let line = failure?.line { failure?.line = line + delta }
    }
}
