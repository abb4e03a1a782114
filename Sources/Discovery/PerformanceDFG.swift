import EventLog

/// Time spent on each edge of the directly-follows graph — pm4py's
/// `discover_performance_dfg` with every aggregation at once.
///
/// For each pair of consecutive events `x → y` of a case (the same pairs
/// ``DirectlyFollowsGraph`` counts), the edge records `timestamp(y) − timestamp(x)`.
/// Each edge reports count, total, min, max, mean, median and sample standard deviation
/// of those durations, exact to the microsecond (seconds in the accessors).
///
/// Cost: two passes over the events (count, then scatter each duration into one flat
/// array grouped by edge), each split over the cores by case slices, then one selection
/// per edge for the median. Memory: 8 bytes per pair.
public struct PerformanceDFG: Sendable, Equatable {
    /// One edge's durations.
    public struct Edge: Sendable, Equatable {
        public var from: Int
        public var to: Int
        public var durations: DurationStatistics
        public var count: Int { durations.count }
    }

    /// Class names; node `i` is `activities[i]`.
    public var activities: [String]
    /// Edges, most frequent first (ties by names).
    public var edges: [Edge]

    /// Computes the performance graph of `log` with the given event classes.
    public init(log: EventLog, classes: EventClasses) {
        self.init(log: log, classes: classes, keep: nil)
    }

    /// Computes the performance graph of `log` classified by `classifier`.
    public init(log: EventLog, classifier: ActivityClassifier = .activity) throws(DiscoveryError) {
        self.init(log: log, classes: try classifier.classes(of: log))
    }

    /// The graph of the log projected on the kept classes (see ``DirectlyFollowsGraph``).
    init(log: EventLog, classes: EventClasses, keep: [Bool]?) {
        let n = classes.count
        let offsets = log.caseOffsets
        let slices = Parallel.caseSlices(offsets, count: Parallel.sliceCount(events: log.eventCount))
        var values: [Int64] = []
        var edgeList: [(a: Int, b: Int)] = []
        var edgeStart: [Int] = [0]
        classes.codes.withUnsafeBufferPointer { codes in
            offsets.withUnsafeBufferPointer { offs in
                log.timestamp.withUnsafeBufferPointer { times in
                    // Pass 1: pair counts per slice.
                    let counts = Parallel.map(slices.count) { s in
                        PairCounts.count(codes: codes, offsets: offs, cases: slices[s], n: n, keep: keep)
                    }
                    var total = PairCounts(n: n)
                    for c in counts { total.merge(c) }
                    // Dense edge ids and each slice's write position inside each edge.
                    let nonZero = total.nonZero()
                    var edgeID = EdgeIndex(n: n)
                    for (i, p) in nonZero.enumerated() {
                        edgeList.append((p.a, p.b))
                        edgeID.set(p.a, p.b, i)
                        edgeStart.append(edgeStart[i] + p.count)
                    }
                    var cursors: [[Int]] = []
                    var running = Array(edgeStart.dropLast())
                    for c in counts {
                        cursors.append(running)
                        for (i, p) in nonZero.enumerated() { running[i] += c.count(p.a, p.b) }
                    }
                    // Pass 2: scatter durations, each slice into its own positions.
                    // Every position is written by the scatter below: no need to zero it first.
                    values = [Int64](unsafeUninitializedCapacity: edgeStart.last ?? 0) { _, n in n = edgeStart.last ?? 0 }
                    values.withUnsafeMutableBufferPointer { out in
                        _ = Parallel.map(slices.count) { s in
                            var cursor = cursors[s]
                            cursor.withUnsafeMutableBufferPointer { next in
                                if keep == nil, let dense = edgeID.denseIDs {
                                    dense.withUnsafeBufferPointer { ids in
                                        PerformanceDFG.scatter(codes, offs, times, slices[s], n, ids, next, out)
                                    }
                                } else {
                                    PerformanceDFG.scatter(codes, offs, times, slices[s], keep, edgeID, next, out)
                                }
                            }
                            return 0
                        }
                    }
                }
            }
        }
        // Per-edge statistics over each edge's contiguous block.
        let stats = DurationStatistics.ofBlocks(&values, starts: edgeStart)
        activities = classes.names
        let names = classes.names
        edges = zip(edgeList, stats).map { Edge(from: $0.a, to: $0.b, durations: $1) }
            .sorted { x, y in
                if x.count != y.count { return x.count > y.count }
                if x.from != y.from { return names[x.from] < names[y.from] }
                return names[x.to] < names[y.to]
            }
    }

    /// Writes each pair's duration at its edge's next position (dense edge ids, no projection).
    private static func scatter(
        _ codes: UnsafeBufferPointer<UInt32>, _ offsets: UnsafeBufferPointer<Int>, _ times: UnsafeBufferPointer<Int64>,
        _ cases: Range<Int>, _ n: Int, _ ids: UnsafeBufferPointer<Int32>, _ next: UnsafeMutableBufferPointer<Int>,
        _ out: UnsafeMutableBufferPointer<Int64>
    ) {
        let missing = StringPool.missing
        for c in cases {
            let lo = offsets[c], hi = offsets[c + 1]
            guard hi - lo > 1 else { continue }
            var prev = codes[lo]
            var prevTime = times[lo]
            for e in (lo + 1)..<hi {
                let cur = codes[e]
                let t = times[e]
                if prev != missing && cur != missing {
                    let id = Int(ids[Int(prev) &* n &+ Int(cur)])
                    out[next[id]] = t &- prevTime
                    next[id] &+= 1
                }
                prev = cur
                prevTime = t
            }
        }
    }

    /// The general scatter: sparse edge ids and/or a projection mask.
    private static func scatter(
        _ codes: UnsafeBufferPointer<UInt32>, _ offsets: UnsafeBufferPointer<Int>, _ times: UnsafeBufferPointer<Int64>,
        _ cases: Range<Int>, _ keep: [Bool]?, _ edgeID: EdgeIndex, _ next: UnsafeMutableBufferPointer<Int>,
        _ out: UnsafeMutableBufferPointer<Int64>
    ) {
        let missing = StringPool.missing
        for c in cases {
            var prev = missing
            var prevTime: Int64 = 0
            var started = false
            for e in offsets[c]..<offsets[c + 1] {
                let cur = codes[e]
                if let keep, cur != missing, !keep[Int(cur)] { continue }
                let t = times[e]
                if started && prev != missing && cur != missing {
                    let id = edgeID.get(Int(prev), Int(cur))
                    out[next[id]] = t &- prevTime
                    next[id] &+= 1
                }
                prev = cur
                prevTime = t
                started = true
            }
        }
    }

    /// The edge `from → to` by class names.
    public func edge(from: String, to: String) -> Edge? {
        edges.first { activities[$0.from] == from && activities[$0.to] == to }
    }
}

/// Edge id of a pair of classes: a flat matrix for modest `n`, a hash map above.
private struct EdgeIndex {
    /// The flat matrix, when there is one.
    var denseIDs: [Int32]? { dense.isEmpty ? nil : dense }

    let n: Int
    var dense: [Int32]
    var sparse: [UInt64: Int] = [:]

    init(n: Int) {
        self.n = n
        dense = n * n <= PairCounts.denseLimit ? [Int32](repeating: -1, count: n * n) : []
    }

    mutating func set(_ a: Int, _ b: Int, _ id: Int) {
        if dense.isEmpty { sparse[UInt64(a) << 32 | UInt64(b)] = id } else { dense[a * n + b] = Int32(id) }
    }

    @inline(__always)
    func get(_ a: Int, _ b: Int) -> Int {
        dense.isEmpty ? sparse[UInt64(a) << 32 | UInt64(b)] ?? 0 : Int(dense[a &* n &+ b])
    }
}
