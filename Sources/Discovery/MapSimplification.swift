import EventLog

/// Disco-like sliders that keep a map readable: keep the most frequent `activities` percent
/// of activities and `paths` percent of paths, and keep every kept activity connected from
/// the start and to the end.
///
/// 1. Activities are ranked by events; the top `activities` % (at least one) are kept.
/// 2. The log is projected on them (other events are removed, so their neighbours follow
///    each other directly) and its directly-follows graph, start and end counts computed.
/// 3. Paths — activity to activity, start to activity, activity to end — are ranked by
///    count; the top `paths` % are kept.
/// 4. While a kept activity cannot be reached from the start, the most frequent path from a
///    reachable node to an unreachable one is added back; the same towards the end.
///
/// Leaving a slider `nil` picks a readable default: all activities up to
/// ``defaultActivityLimit``, else the most frequent ones; all paths up to
/// ``defaultPathLimit``, else the most frequent `2 ×` activities paths plus those that
/// connectivity needs. Cost: one or two DFG passes over the log plus O(kept activities ×
/// paths) for connectivity.
public struct MapSimplification: Sendable, Equatable {
    /// Percent of activities to keep (0–100), or `nil` for the default.
    public var activities: Double?
    /// Percent of paths to keep (0–100), or `nil` for the default.
    public var paths: Double?

    /// Most activities the default keeps.
    public static let defaultActivityLimit = 30
    /// Most paths the default keeps before it starts to thin them out.
    public static let defaultPathLimit = 80

    public init(activities: Double? = nil, paths: Double? = nil) {
        self.activities = activities
        self.paths = paths
    }

    /// Keeps everything: the full directly-follows graph.
    public static let everything = MapSimplification(activities: 100, paths: 100)

    /// Builds the map of `log` with event classes `classes`; with `performance`, each
    /// activity-to-activity path carries its durations.
    ///
    /// - Throws: ``DiscoveryError`` when a slider is outside 0–100.
    public func map(log: EventLog, classes: EventClasses, performance: Bool) throws(DiscoveryError) -> ProcessMap {
        try validate()
        let full = DirectlyFollowsGraph(log: log, classes: classes)
        let present = (0..<classes.count).filter { full.activityCounts[$0] > 0 }
        let ranked = present.sorted { a, b in
            full.activityCounts[a] != full.activityCounts[b]
                ? full.activityCounts[a] > full.activityCounts[b] : classes.names[a] < classes.names[b]
        }
        let keepCount: Int
        if let activities {
            keepCount = min(ranked.count, max(1, Int((Double(ranked.count) * activities / 100).rounded(.up))))
        } else {
            keepCount = min(ranked.count, MapSimplification.defaultActivityLimit)
        }
        var keep = [Bool](repeating: false, count: classes.count)
        for c in ranked.prefix(keepCount) { keep[c] = true }
        let all = keepCount == ranked.count
        let dfg = all ? full : DirectlyFollowsGraph(log: log, classes: classes, keep: keep)
        let perf = performance ? PerformanceDFG(log: log, classes: classes, keep: all ? nil : keep) : nil

        // Nodes in rank order; class → node index.
        var nodeOf = [Int](repeating: -1, count: classes.count)
        var nodes: [ProcessMap.Node] = []
        for c in ranked.prefix(keepCount) {
            nodeOf[c] = nodes.count
            nodes.append(ProcessMap.Node(
                name: classes.names[c], count: dfg.activityCounts[c], startCount: dfg.startCounts[c],
                endCount: dfg.endCounts[c]))
        }
        var durations: [Int: DurationStatistics] = [:]
        if let perf {
            for e in perf.edges where nodeOf[e.from] >= 0 && nodeOf[e.to] >= 0 {
                durations[nodeOf[e.from] * nodes.count + nodeOf[e.to]] = e.durations
            }
        }
        var candidates: [ProcessMap.Edge] = []
        for e in dfg.edges where nodeOf[e.from] >= 0 && nodeOf[e.to] >= 0 {
            let a = nodeOf[e.from], b = nodeOf[e.to]
            candidates.append(ProcessMap.Edge(
                from: .activity(a), to: .activity(b), count: e.count, durations: durations[a * nodes.count + b]))
        }
        for (i, node) in nodes.enumerated() {
            if node.startCount > 0 { candidates.append(ProcessMap.Edge(from: .start, to: .activity(i), count: node.startCount)) }
            if node.endCount > 0 { candidates.append(ProcessMap.Edge(from: .activity(i), to: .end, count: node.endCount)) }
        }
        candidates.sort { $0.count > $1.count }
        let pathCount: Int
        if let paths {
            pathCount = Int((Double(candidates.count) * paths / 100).rounded(.up))
        } else if candidates.count <= MapSimplification.defaultPathLimit {
            pathCount = candidates.count
        } else {
            pathCount = 2 * nodes.count
        }
        var kept = [Bool](repeating: false, count: candidates.count)
        for i in 0..<min(pathCount, candidates.count) { kept[i] = true }
        MapSimplification.connect(candidates, &kept, nodeCount: nodes.count, forward: true)
        MapSimplification.connect(candidates, &kept, nodeCount: nodes.count, forward: false)
        return ProcessMap(
            nodes: nodes, edges: zip(candidates, kept).filter { $1 }.map { $0.0 }, hasPerformance: performance,
            totalActivities: present.count, totalPaths: full.edges.count, cases: log.caseCount)
    }

    /// Checks that both sliders are percentages.
    public func validate() throws(DiscoveryError) {
        for (name, value) in [("activities", activities), ("paths", paths)] {
            if let value, !(value >= 0 && value <= 100) {
                throw DiscoveryError(.invalidArgument, "--\(name) must be a percentage from 0 to 100, got \(value)")
            }
        }
    }

    /// Adds back the most frequent candidate paths until every node is reachable from the
    /// start (`forward`) or can reach the end (backward).
    static func connect(_ edges: [ProcessMap.Edge], _ kept: inout [Bool], nodeCount: Int, forward: Bool) {
        // Node ids: activities 0..<n, start/end = n.
        let n = nodeCount
        func id(_ p: ProcessMap.Endpoint) -> Int? {
            switch p {
            case .activity(let i): i
            case .start: forward ? n : nil
            case .end: forward ? nil : n
            }
        }
        // Oriented edges: (source, target) in the direction of the search.
        let oriented: [(Int, Int)?] = edges.map { e in
            guard let a = id(e.from), let b = id(e.to) else { return nil }
            return forward ? (a, b) : (b, a)
        }
        var outgoing = [[Int]](repeating: [], count: n + 1)
        for (i, o) in oriented.enumerated() { if let (a, _) = o { outgoing[a].append(i) } }
        var reached = [Bool](repeating: false, count: n + 1)
        func spread(from root: Int) {
            var stack = [root]
            reached[root] = true
            while let u = stack.popLast() {
                for i in outgoing[u] where kept[i] {
                    if let (_, b) = oriented[i], !reached[b] {
                        reached[b] = true
                        stack.append(b)
                    }
                }
            }
        }
        spread(from: n)
        while reached.contains(false) {
            // Candidates are sorted by count: the first edge that crosses the frontier is the strongest.
            var added = false
            for (i, o) in oriented.enumerated() where !kept[i] {
                if let (a, b) = o, reached[a], !reached[b] {
                    kept[i] = true
                    spread(from: b)
                    added = true
                    break
                }
            }
            if !added { break }
        }
    }
}
