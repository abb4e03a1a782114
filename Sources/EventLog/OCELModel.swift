/// An object-centric event log (OCEL 2.0, or OCEL 1.0 read into the same shape), held as
/// columns.
///
/// Events and objects are numbered from 0 in the order the reader defines (file order for
/// JSON and XML; for SQLite, pm4py's order: event type tables by type name, then rows).
/// Event `e` has id `eventIDs.string(UInt32(e))`, type `eventTypes.string(eventType[e])` and
/// time `eventTime[e]` (microseconds UTC). Object attributes hold each attribute's
/// **earliest** value (the one with the smallest time; ties keep file order); later values
/// are kept in ``objectChanges``.
///
/// Use it directly for object-centric work, or ``flatten(on:)`` it into a case-centric
/// ``EventLog``. Read one with ``OCELLogReader/readOCEL(_:format:options:)``.
/// Cost: about 16 bytes per event and per relation plus the interned strings.
public struct OCELLog: Sendable {
    /// Event ids; the code of an id is the event index.
    public var eventIDs = StringPool()
    /// Event type (activity) names.
    public var eventTypes = StringPool()
    /// Event type code per event.
    public var eventType: [UInt32] = []
    /// Microseconds since the epoch, UTC, per event.
    public var eventTime: [Int64] = []
    /// Event attributes, one row per event.
    public var eventAttributes: [AttributeColumn] = []

    /// Object ids; the code of an id is the object index.
    public var objectIDs = StringPool()
    /// Object type names.
    public var objectTypes = StringPool()
    /// Object type code per object.
    public var objectType: [UInt32] = []
    /// Object attributes (earliest value of each), one row per object.
    public var objectAttributes: [AttributeColumn] = []
    /// Attribute values that replaced an earlier one, in file order.
    public var objectChanges: [OCELObjectChange] = []

    /// Relationship qualifiers (E2O and O2O).
    public var qualifiers = StringPool()
    /// Event-to-object relations, grouped by event in event order; at most one per
    /// (event, object) pair.
    public var eventToObject: [OCELRelation] = []
    /// Object-to-object relations in file order.
    public var objectToObject: [OCELRelation] = []

    public init() {}

    /// Number of events.
    public var eventCount: Int { eventType.count }
    /// Number of objects.
    public var objectCount: Int { objectType.count }

    /// Events per event type, by type name.
    public func eventTypeCounts() -> [String: Int] { Self.counts(eventType, eventTypes) }

    /// Objects per object type, by type name.
    public func objectTypeCounts() -> [String: Int] { Self.counts(objectType, objectTypes) }

    /// E2O relations per qualifier (relations without a qualifier are not counted).
    public func eventToObjectQualifierCounts() -> [String: Int] {
        Self.counts(eventToObject.map(\.qualifier), qualifiers)
    }

    /// Event indices ordered by time, ties in event order (a stable sort): the order in
    /// which pm4py holds the events of an OCEL. Cost: O(n log n) unless already sorted.
    public func eventsInTimeOrder() -> [Int] {
        var order = Array(0..<eventCount)
        var sorted = true
        for e in order.dropFirst() where eventTime[e] < eventTime[e - 1] {
            sorted = false
            break
        }
        if !sorted {
            order.sort { eventTime[$0] != eventTime[$1] ? eventTime[$0] < eventTime[$1] : $0 < $1 }
        }
        return order
    }

    /// `eventCount + 1` offsets into ``eventToObject``: the relations of event `e` are
    /// `eventToObject[offsets[e] ..< offsets[e + 1]]`.
    public func eventToObjectOffsets() -> [Int] {
        var offsets = [Int](repeating: 0, count: eventCount + 1)
        for r in eventToObject { offsets[Int(r.source) + 1] += 1 }
        for e in 0..<eventCount { offsets[e + 1] += offsets[e] }
        return offsets
    }

    private static func counts(_ codes: [UInt32], _ pool: StringPool) -> [String: Int] {
        var n = [Int](repeating: 0, count: pool.count)
        for c in codes where c != StringPool.missing { n[Int(c)] += 1 }
        var out: [String: Int] = [:]
        for (c, k) in n.enumerated() where k > 0 { out[pool.string(UInt32(c))] = k }
        return out
    }
}

/// One relation: event → object (E2O) or object → object (O2O), with its qualifier code
/// (``StringPool/missing`` when there is none).
public struct OCELRelation: Sendable, Equatable {
    /// Event index (E2O) or source object index (O2O).
    public var source: Int32
    /// Target object index.
    public var target: Int32
    /// Code in ``OCELLog/qualifiers``.
    public var qualifier: UInt32

    public init(source: Int32, target: Int32, qualifier: UInt32) {
        self.source = source
        self.target = target
        self.qualifier = qualifier
    }
}

/// A later value of an object attribute (OCEL 2.0 time-varying attributes).
public struct OCELObjectChange: Sendable, Equatable {
    /// Object index.
    public var object: Int
    /// Attribute name.
    public var attribute: String
    /// When the value took effect, microseconds UTC.
    public var time: Int64
    /// The new value.
    public var value: AttributeValue

    public init(object: Int, attribute: String, time: Int64, value: AttributeValue) {
        self.object = object
        self.attribute = attribute
        self.time = time
        self.value = value
    }
}
