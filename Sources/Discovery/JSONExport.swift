import Foundation

/// JSON forms of the discovery results, for machines: keys in snake_case, sorted, durations
/// in seconds. Cost: O(size of the result).
public enum JSONExport {
    /// Durations of an edge, a variant or a set of cases, in seconds.
    public struct Durations: Codable, Equatable, Sendable {
        public var count: Int
        public var mean: Double
        public var median: Double
        public var min: Double
        public var max: Double
        public var total: Double
        public var stdev: Double?

        public init(_ d: DurationStatistics) {
            count = d.count
            mean = d.meanSeconds
            median = d.medianSeconds
            min = d.minSeconds
            max = d.maxSeconds
            total = d.totalSeconds
            stdev = d.stdevSeconds
        }
    }

    struct MapJSON: Codable {
        struct Activity: Codable {
            var name: String
            var count: Int
            var startCount: Int
            var endCount: Int
        }
        struct Path: Codable {
            var from: String
            var to: String
            var count: Int
            var durationSeconds: Durations?
        }
        var classifier: String
        var cases: Int
        var totalActivities: Int
        var totalPaths: Int
        var activities: [Activity]
        var edges: [Path]
        var startActivities: [String: Int]
        var endActivities: [String: Int]
    }

    /// The map as JSON: activities, activity-to-activity edges (with durations in a
    /// performance map), start and end activities. With ``MapSimplification/everything``
    /// this is pm4py's `discover_dfg` (+ `discover_performance_dfg`).
    public static func map(_ map: ProcessMap, classifier: String) throws -> Data {
        let names = map.nodes.map(\.name)
        var edges: [MapJSON.Path] = []
        var starts: [String: Int] = [:], ends: [String: Int] = [:]
        for e in map.edges {
            switch (e.from, e.to) {
            case (.activity(let a), .activity(let b)):
                edges.append(MapJSON.Path(from: names[a], to: names[b], count: e.count, durationSeconds: e.durations.map(Durations.init)))
            case (.start, .activity(let b)): starts[names[b]] = e.count
            case (.activity(let a), .end): ends[names[a]] = e.count
            default: break
            }
        }
        let value = MapJSON(
            classifier: classifier, cases: map.cases, totalActivities: map.totalActivities, totalPaths: map.totalPaths,
            activities: map.nodes.map { MapJSON.Activity(name: $0.name, count: $0.count, startCount: $0.startCount, endCount: $0.endCount) },
            edges: edges, startActivities: starts, endActivities: ends)
        return try encode(value)
    }

    struct VariantsJSON: Codable {
        struct Variant: Codable {
            var count: Int
            var activities: [String]
            var durationSeconds: Durations
        }
        var numCases: Int
        var numVariants: Int
        var variants: [Variant]
    }

    /// The `top` most frequent variants (all when `nil`) with counts and case durations.
    public static func variants(_ table: VariantTable, top: Int? = nil) throws -> Data {
        let shown = table.variants.indices.prefix(top ?? table.variants.count)
        let value = VariantsJSON(
            numCases: table.variantOfCase.count, numVariants: table.count,
            variants: shown.map { VariantsJSON.Variant(count: table.variants[$0].count, activities: table.names(of: $0), durationSeconds: Durations(table.variants[$0].durations)) })
        return try encode(value)
    }

    struct HandoverJSON: Codable {
        struct Edge: Codable {
            var from: String
            var to: String
            var count: Int
            var normalized: Double
        }
        var attribute: String
        var eventsWithAttribute: Int
        var eventsMissingAttribute: Int
        var distinctValues: Int
        var totalHandoversIncludingSelf: Int
        var totalHandoversExcludingSelf: Int
        var edges: [Edge]
        var routing: RoutingMetrics
    }

    /// The handover network with pm4py's normalised values and the routing figures;
    /// `includeSelf: false` leaves self-handovers out of the edge list (not the totals).
    public static func handovers(_ network: HandoverNetwork, includeSelf: Bool = true) throws -> Data {
        let n = network.names
        let value = HandoverJSON(
            attribute: network.attribute, eventsWithAttribute: network.eventsWithAttribute,
            eventsMissingAttribute: network.eventsMissingAttribute, distinctValues: network.distinctValues,
            totalHandoversIncludingSelf: network.totalIncludingSelf, totalHandoversExcludingSelf: network.totalExcludingSelf,
            edges: network.edges.filter { includeSelf || $0.from != $0.to }.map { HandoverJSON.Edge(from: n[$0.from], to: n[$0.to], count: $0.count, normalized: $0.normalized) },
            routing: network.routing)
        return try encode(value)
    }

    static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return try encoder.encode(value)
    }
}
