/// An event log held in memory as columns (struct of arrays).
///
/// Events are grouped by case; within a case they are ordered by timestamp with ties in
/// file order (a stable sort), which is the order pm4py uses. Case `c` owns the events
/// `caseOffsets[c] ..< caseOffsets[c + 1]`; its id is `caseIDs.string(UInt32(c))`.
///
/// The standard per-event columns are codes into their own ``StringPool`` (missing is
/// ``StringPool/missing``) plus one `Int64` timestamp in microseconds UTC: 12 bytes per
/// event, plus 4 for each of resource, group and lifecycle that the log has (an optional
/// column no event fills is an absent ``CodeColumn`` and costs nothing). Extra attributes are typed ``AttributeColumn``s, per event or per case.
///
/// Build one with ``EventLogBuilder`` or a reader (``EventLogImporter``).
public struct EventLog: Sendable, Equatable {
    /// A human name (the import name or file stem).
    public var name: String

    /// Case ids; the code of a case id is the case index.
    public var caseIDs: StringPool
    /// `cases + 1` offsets into the event columns.
    public var caseOffsets: [Int]
    /// Case-level attributes, one row per case (XES trace attributes, constant CSV columns).
    public var caseAttributes: [AttributeColumn]

    /// Activity (`concept:name`) code per event.
    public var activity: [UInt32]
    /// Activity names.
    public var activities: StringPool
    /// Microseconds since the epoch, UTC, per event.
    public var timestamp: [Int64]
    /// Resource (`org:resource`) code per event (absent when no event has one).
    public var resource: CodeColumn
    /// Resource names.
    public var resources: StringPool
    /// Group or team (`org:group`) code per event (absent when no event has one).
    public var group: CodeColumn
    /// Group names.
    public var groups: StringPool
    /// Lifecycle transition (`lifecycle:transition`) code per event (absent when no event has one).
    public var lifecycle: CodeColumn
    /// Lifecycle transition values.
    public var lifecycles: StringPool
    /// Other event-level attributes, one row per event in log order.
    public var eventAttributes: [AttributeColumn]

    /// An empty log.
    public init(name: String = "") {
        self.name = name
        caseIDs = StringPool()
        caseOffsets = [0]
        caseAttributes = []
        activity = []
        activities = StringPool()
        timestamp = []
        resource = []
        resources = StringPool()
        group = []
        groups = StringPool()
        lifecycle = []
        lifecycles = StringPool()
        eventAttributes = []
    }

    /// Narrows the table of every string pool of the log to codes alone, 8–16 bytes per
    /// distinct string (see ``StringPool/dropHashes()``): readers call it once a log is complete.
    public mutating func dropPoolHashes() {
        caseIDs.dropHashes()
        activities.dropHashes()
        resources.dropHashes()
        groups.dropHashes()
        lifecycles.dropHashes()
        for k in caseAttributes.indices { caseAttributes[k].dropPoolHashes() }
        for k in eventAttributes.indices { eventAttributes[k].dropPoolHashes() }
    }

    /// Number of cases.
    public var caseCount: Int { caseOffsets.count - 1 }
    /// Number of events.
    public var eventCount: Int { activity.count }

    /// The event index range of case `c`.
    @inlinable
    public func events(ofCase c: Int) -> Range<Int> { caseOffsets[c]..<caseOffsets[c + 1] }

    /// The id of case `c`.
    public func caseID(_ c: Int) -> String { caseIDs.string(UInt32(c)) }

    /// The case attribute column with this name.
    public func caseAttribute(_ name: String) -> AttributeColumn? { caseAttributes.first { $0.name == name } }

    /// The event attribute column with this name.
    public func eventAttribute(_ name: String) -> AttributeColumn? { eventAttributes.first { $0.name == name } }

    /// Whether any event carries a resource.
    public var hasResources: Bool { resources.count > 0 }
    /// Whether any event carries a group.
    public var hasGroups: Bool { groups.count > 0 }
    /// Whether any event carries a lifecycle transition.
    public var hasLifecycle: Bool { lifecycles.count > 0 }

    /// First and last timestamp of the log, or `nil` when it is empty.
    public var timeSpan: ClosedRange<Int64>? {
        guard let lo = timestamp.min(), let hi = timestamp.max() else { return nil }
        return lo...hi
    }

    /// The case index of every event (computed; 4 bytes per event).
    public func caseIndexPerEvent() -> [UInt32] {
        var out = [UInt32](repeating: 0, count: eventCount)
        for c in 0..<caseCount {
            for e in events(ofCase: c) { out[e] = UInt32(c) }
        }
        return out
    }

    /// Moves every event attribute whose value never changes within a case to the case
    /// attributes (CSV files repeat case attributes on every row). Cost: one pass per column.
    public mutating func promoteCaseConstantColumns(excluding names: Set<String> = []) {
        var kept: [AttributeColumn] = []
        for column in eventAttributes {
            guard !names.contains(column.name), caseCount > 0, isConstantWithinCases(column) else {
                kept.append(column)
                continue
            }
            let firstRows = (0..<caseCount).map { caseOffsets[$0] }
            let nonEmpty = (0..<caseCount).filter { caseOffsets[$0] < caseOffsets[$0 + 1] }
            guard nonEmpty.count == caseCount else {
                kept.append(column)
                continue
            }
            caseAttributes.append(column.permuted(by: firstRows))
        }
        eventAttributes = kept
    }

    private func isConstantWithinCases(_ column: AttributeColumn) -> Bool {
        for c in 0..<caseCount {
            let r = events(ofCase: c)
            guard let first = r.first else { continue }
            for e in r.dropFirst() where !column.sameValue(first, e) { return false }
        }
        return true
    }
}
