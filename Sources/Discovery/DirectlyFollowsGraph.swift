import EventLog

/// The directly-follows graph of a log: how often each class of event is directly
/// followed by another within a case, with start and end counts — pm4py's `discover_dfg`.
///
/// An edge `a → b` is counted once for each pair of consecutive events of a case (in the
/// log's order: by timestamp, ties in file order). Events without a class break the chain,
/// as pandas drops pairs with a missing side. Start and end counts are the classes of the
/// first and last event of each case.
///
/// Cost: one pass over the class codes, split over the cores by case slices; pairs are
/// counted in a flat `n × n` matrix when the number of classes `n` is at most 1,024, in a
/// hash map above.
public struct DirectlyFollowsGraph: Sendable, Equatable {
    /// One edge and how often it was taken.
    public struct Edge: Sendable, Equatable, Hashable {
        public var from: Int
        public var to: Int
        public var count: Int
    }

    /// Class names; node `i` is `activities[i]`.
    public var activities: [String]
    /// Events per class.
    public var activityCounts: [Int]
    /// Cases whose first event has each class.
    public var startCounts: [Int]
    /// Cases whose last event has each class.
    public var endCounts: [Int]
    /// Edges with a non-zero count, most frequent first (ties by names).
    public var edges: [Edge]

    /// Computes the graph of `log` with the given event classes.
    public init(log: EventLog, classes: EventClasses) {
        self.init(log: log, classes: classes, keep: nil)
    }

    /// Computes the graph of `log` classified by `classifier`.
    public init(log: EventLog, classifier: ActivityClassifier = .activity) throws(DiscoveryError) {
        self.init(log: log, classes: try classifier.classes(of: log))
    }

    /// The graph of the log projected on the classes with `keep[class] == true`: events of
    /// other classes are removed first, so their neighbours follow each other directly.
    init(log: EventLog, classes: EventClasses, keep: [Bool]?) {
        let n = classes.count
        struct Partial {
            var pairs: PairCounts
            var events: [Int]
            var starts: [Int]
            var ends: [Int]
        }
        let offsets = log.caseOffsets
        let partials: [Partial] = classes.codes.withUnsafeBufferPointer { codes in
            offsets.withUnsafeBufferPointer { offs in
                Parallel.mapCaseSlices(offsets) { slice in
                    var events = [Int](repeating: 0, count: n)
                    var starts = [Int](repeating: 0, count: n)
                    var ends = [Int](repeating: 0, count: n)
                    let missing = StringPool.missing
                    for c in slice {
                        var first = missing, last = missing
                        for e in offs[c]..<offs[c + 1] {
                            let code = codes[e]
                            if code == missing { continue }
                            if let keep, !keep[Int(code)] { continue }
                            events[Int(code)] += 1
                            if first == missing { first = code }
                            last = code
                        }
                        if first != missing { starts[Int(first)] += 1 }
                        if last != missing { ends[Int(last)] += 1 }
                    }
                    let pairs = PairCounts.count(codes: codes, offsets: offs, cases: slice, n: n, keep: keep)
                    return Partial(pairs: pairs, events: events, starts: starts, ends: ends)
                }
            }
        }
        var pairs = PairCounts(n: n)
        var events = [Int](repeating: 0, count: n)
        var starts = events, ends = events
        for p in partials {
            pairs.merge(p.pairs)
            for i in 0..<n {
                events[i] += p.events[i]
                starts[i] += p.starts[i]
                ends[i] += p.ends[i]
            }
        }
        activities = classes.names
        activityCounts = events
        startCounts = starts
        endCounts = ends
        let names = classes.names
        edges = pairs.nonZero().map { Edge(from: $0.a, to: $0.b, count: $0.count) }
            .sorted { x, y in
                if x.count != y.count { return x.count > y.count }
                if x.from != y.from { return names[x.from] < names[y.from] }
                return names[x.to] < names[y.to]
            }
    }

    /// Sum of all edge counts.
    public var totalCount: Int { edges.reduce(0) { $0 + $1.count } }

    /// The count of edge `from → to` by class names (0 when absent).
    public func count(from: String, to: String) -> Int {
        edges.first { activities[$0.from] == from && activities[$0.to] == to }?.count ?? 0
    }

    /// Start counts by class name, classes that start no case left out.
    public var startActivities: [String: Int] { named(startCounts) }
    /// End counts by class name, classes that end no case left out.
    public var endActivities: [String: Int] { named(endCounts) }
    /// Event counts by class name, classes with no event left out.
    public var activityCountsByName: [String: Int] { named(activityCounts) }

    private func named(_ counts: [Int]) -> [String: Int] {
        var out: [String: Int] = [:]
        for (i, c) in counts.enumerated() where c > 0 { out[activities[i], default: 0] += c }
        return out
    }
}
