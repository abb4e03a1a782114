import EventLog

/// Handover of work: how often work passes from one value of an attribute (a resource, a
/// group, any event attribute) to another between consecutive events of a case —
/// pm4py's `discover_handover_of_work_network` with its default `beta = 0`.
///
/// Each case contributes one handover per pair of consecutive events. Self-handovers
/// (`A → A`) are counted like pm4py does; ``totalExcludingSelf`` leaves them out. pm4py's
/// normalised value of an edge is its count divided by the number of consecutive pairs
/// of all cases (``totalIncludingSelf``).
///
/// **Missing values.** Events without a value are skipped: the handover goes from the last
/// value before them to the next value after them, because the work still went from one
/// holder to the next. pm4py raises on such logs (Road Traffic Fine Management carries a
/// resource only on a case's first event: pm4py fails with "zero-size array to reduction
/// operation"); here that log yields no handovers, and ``eventsMissingAttribute`` says why.
///
/// Cost: one pass over the events, split over the cores; counts in an `n × n` matrix for up
/// to 1,024 values, a hash map above.
public struct HandoverNetwork: Sendable {
    /// One directed edge.
    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var count: Int
        /// `count` divided by ``HandoverNetwork/totalIncludingSelf`` (pm4py's value).
        public var normalized: Double
    }

    /// The attribute the network is about.
    public var attribute: String
    /// Value names; node `i` is `names[i]`.
    public var names: [String]
    /// Edges with a non-zero count, most frequent first (ties by names), self-loops included.
    public var edges: [Edge]
    /// Events with a value.
    public var eventsWithAttribute: Int
    /// Events without one (skipped).
    public var eventsMissingAttribute: Int
    /// Distinct values on the events.
    public var distinctValues: Int
    /// All handovers, self-handovers included.
    public var totalIncludingSelf: Int
    /// Handovers between different values.
    public var totalExcludingSelf: Int
    /// Per-case routing figures of the same value sequences: changes, ping-pong, returns.
    public var routing: RoutingMetrics

    /// Computes the network of `attribute` over `log` (see ``AttributeCodes`` for the names).
    public init(log: EventLog, attribute: String) throws(DiscoveryError) {
        self.init(log: log, values: try AttributeCodes(log, attribute: attribute))
    }

    /// Computes the network over already coded values.
    public init(log: EventLog, values: AttributeCodes) {
        let n = values.names.count
        let offsets = log.caseOffsets
        struct Partial {
            var pairs: PairCounts
            var present: Int
            var seen: [Bool]
            var routing: RoutingMetrics
        }
        let partials: [Partial] = values.codes.withUnsafeBufferPointer { codes in
            Parallel.mapCaseSlices(offsets) { slice in
                var pairs = PairCounts(n: n)
                var present = 0
                var seen = [Bool](repeating: false, count: n)
                var routing = RoutingMetrics()
                var tracker = RoutingMetrics.CaseTracker(valueCount: n)
                let missing = StringPool.missing
                for c in slice {
                    var prev = missing
                    tracker.begin(case: c)
                    for e in offsets[c]..<offsets[c + 1] {
                        let v = codes[e]
                        if v == missing { continue }
                        present += 1
                        seen[Int(v)] = true
                        if prev != missing { pairs.add(prev, v) }
                        prev = v
                        tracker.visit(v)
                    }
                    routing.add(tracker.finish())
                }
                return Partial(pairs: pairs, present: present, seen: seen, routing: routing)
            }
        }
        var pairs = PairCounts(n: n)
        var present = 0
        var seen = [Bool](repeating: false, count: n)
        var routing = RoutingMetrics()
        for p in partials {
            pairs.merge(p.pairs)
            present += p.present
            for i in 0..<n where p.seen[i] { seen[i] = true }
            routing.merge(p.routing)
        }
        let raw = pairs.nonZero()
        let total = raw.reduce(0) { $0 + $1.count }
        let names = values.names
        attribute = values.attribute
        self.names = names
        edges = raw.map { Edge(from: $0.a, to: $0.b, count: $0.count, normalized: total == 0 ? 0 : Double($0.count) / Double(total)) }
            .sorted { x, y in
                if x.count != y.count { return x.count > y.count }
                if x.from != y.from { return names[x.from] < names[y.from] }
                return names[x.to] < names[y.to]
            }
        eventsWithAttribute = present
        eventsMissingAttribute = log.eventCount - present
        distinctValues = seen.reduce(0) { $0 + ($1 ? 1 : 0) }
        totalIncludingSelf = total
        totalExcludingSelf = raw.reduce(0) { $0 + ($1.a != $1.b ? $1.count : 0) }
        self.routing = routing
    }

    /// The count of edge `from → to` by value names (0 when absent).
    public func count(from: String, to: String) -> Int {
        edges.first { names[$0.from] == from && names[$0.to] == to }?.count ?? 0
    }
}
