/// A drawable process map: activities with counts, and paths between them and from a
/// start node / to an end node, optionally with the time spent on each path.
///
/// Built by ``MapSimplification`` from a log (all or the most frequent activities and
/// paths); rendered by ``DOTExport`` and ``JSONExport``.
public struct ProcessMap: Sendable, Equatable {
    /// One end of a path.
    public enum Endpoint: Sendable, Hashable {
        case start
        case end
        /// Index into ``ProcessMap/nodes``.
        case activity(Int)
    }

    /// One activity box.
    public struct Node: Sendable, Equatable {
        public var name: String
        /// Events of this activity (after projecting the log on the kept activities).
        public var count: Int
        /// Cases starting / ending with it.
        public var startCount: Int
        public var endCount: Int
    }

    /// One path (arrow).
    public struct Edge: Sendable, Equatable {
        public var from: Endpoint
        public var to: Endpoint
        /// How often it was taken.
        public var count: Int
        /// Time between the two events (activity-to-activity paths of a performance map only).
        public var durations: DurationStatistics?
    }

    public var nodes: [Node]
    public var edges: [Edge]
    /// Whether the map carries durations.
    public var hasPerformance: Bool
    /// Activities and activity-to-activity paths in the whole log, before simplification.
    public var totalActivities: Int
    public var totalPaths: Int
    /// Cases in the log.
    public var cases: Int
}
