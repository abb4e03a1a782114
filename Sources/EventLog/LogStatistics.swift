/// Summary figures of an ``EventLog``: what `switchyard stats` prints.
public struct LogStatistics: Sendable, Codable, Equatable {
    /// One attribute's name, level, type and how often it is filled.
    public struct Attribute: Sendable, Codable, Equatable {
        public var name: String
        public var level: String
        public var type: String
        public var distinctValues: Int?
        public var fillRate: Double
    }

    public var name: String
    public var cases: Int
    public var events: Int
    public var activities: Int
    public var resources: Int
    public var groups: Int
    public var lifecycleTransitions: Int
    public var firstTimestamp: String?
    public var lastTimestamp: String?
    public var attributes: [Attribute]

    /// Computes the figures in one pass over the attribute columns.
    public init(_ log: EventLog) {
        name = log.name
        cases = log.caseCount
        events = log.eventCount
        activities = log.activities.count
        resources = log.resources.count
        groups = log.groups.count
        lifecycleTransitions = log.lifecycles.count
        let span = log.timeSpan
        firstTimestamp = span.map { Timestamp.iso8601($0.lowerBound) }
        lastTimestamp = span.map { Timestamp.iso8601($0.upperBound) }
        func fill<C: Collection>(_ codes: C) -> Double where C.Element == UInt32 {
            codes.isEmpty ? 0 : Double(codes.reduce(0) { $0 + ($1 == StringPool.missing ? 0 : 1) }) / Double(codes.count)
        }
        var attrs: [Attribute] = [
            Attribute(name: "case:concept:name", level: "case", type: "string", distinctValues: log.caseCount, fillRate: log.caseCount > 0 ? 1 : 0),
            Attribute(name: "concept:name", level: "event", type: "string", distinctValues: log.activities.count, fillRate: fill(log.activity)),
            Attribute(name: "time:timestamp", level: "event", type: "date", distinctValues: nil, fillRate: log.eventCount > 0 ? 1 : 0),
        ]
        if log.hasResources {
            attrs.append(Attribute(name: "org:resource", level: "event", type: "string", distinctValues: log.resources.count, fillRate: fill(log.resource)))
        }
        if log.hasGroups {
            attrs.append(Attribute(name: "org:group", level: "event", type: "string", distinctValues: log.groups.count, fillRate: fill(log.group)))
        }
        if log.hasLifecycle {
            attrs.append(Attribute(name: "lifecycle:transition", level: "event", type: "string", distinctValues: log.lifecycles.count, fillRate: fill(log.lifecycle)))
        }
        for (level, columns) in [("case", log.caseAttributes), ("event", log.eventAttributes)] {
            for c in columns {
                attrs.append(Attribute(
                    name: c.name, level: level, type: c.type.rawValue,
                    distinctValues: c.type == .string ? c.pool.count : nil,
                    fillRate: c.count == 0 ? 0 : Double(c.presentCount) / Double(c.count)))
            }
        }
        attributes = attrs
    }
}
