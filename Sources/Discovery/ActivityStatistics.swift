import EventLog

/// Per event class: how many events and cases have it, and its sojourn time.
///
/// The sojourn time of an event is the time since the previous event of the same case
/// (waiting plus working, as far as a log of completion times can tell); a case's first
/// event has none. Mean and median are over the events that have one.
///
/// Cost: one pass over the events, split over the cores, plus grouping the sojourn
/// times per class for the medians (8 bytes per event).
public struct ActivityStatistics: Sendable {
    /// The figures of one class.
    public struct Row: Sendable, Equatable {
        public var activity: String
        /// Events of this class.
        public var events: Int
        /// Cases with at least one event of this class.
        public var cases: Int
        /// Time since the previous event of the case, over events that are not first.
        public var sojourn: DurationStatistics
    }

    /// One row per class, most events first (ties by name); classes without events left out.
    public var rows: [Row]

    /// Computes the statistics of `log` with the given event classes.
    public init(log: EventLog, classes: EventClasses) {
        let n = classes.count
        let offsets = log.caseOffsets
        struct Partial {
            var events: [Int]
            var cases: [Int]
            var withSojourn: [Int]
        }
        let missing = StringPool.missing
        // Pass 1: counts.
        let slices = Parallel.caseSlices(offsets, count: Parallel.sliceCount(events: log.eventCount))
        let partials: [Partial] = classes.codes.withUnsafeBufferPointer { codes in
            Parallel.map(slices.count) { s in
                var events = [Int](repeating: 0, count: n)
                var cases = [Int](repeating: 0, count: n)
                var withSojourn = [Int](repeating: 0, count: n)
                var lastCase = [Int](repeating: -1, count: n)
                for c in slices[s] {
                    let lo = offsets[c]
                    for e in lo..<offsets[c + 1] {
                        let k = codes[e]
                        if k == missing { continue }
                        let i = Int(k)
                        events[i] += 1
                        if e > lo { withSojourn[i] += 1 }
                        if lastCase[i] != c {
                            lastCase[i] = c
                            cases[i] += 1
                        }
                    }
                }
                return Partial(events: events, cases: cases, withSojourn: withSojourn)
            }
        }
        var events = [Int](repeating: 0, count: n)
        var cases = events
        var start = [Int](repeating: 0, count: n + 1)
        // Write positions of each slice inside each class's block of sojourn times.
        var cursors: [[Int]] = []
        for p in partials {
            for i in 0..<n {
                events[i] += p.events[i]
                cases[i] += p.cases[i]
                start[i + 1] += p.withSojourn[i]
            }
        }
        for i in 0..<n { start[i + 1] += start[i] }
        var running = Array(start.dropLast())
        for p in partials {
            cursors.append(running)
            for i in 0..<n { running[i] += p.withSojourn[i] }
        }
        // Pass 2: scatter sojourn times by class.
        var grouped = [Int64](unsafeUninitializedCapacity: start[n]) { _, count in count = start[n] }
        classes.codes.withUnsafeBufferPointer { codes in
            log.timestamp.withUnsafeBufferPointer { t in
                grouped.withUnsafeMutableBufferPointer { out in
                    _ = Parallel.map(slices.count) { s in
                        var cursor = cursors[s]
                        for c in slices[s] {
                            let lo = offsets[c], hi = offsets[c + 1]
                            guard hi - lo > 1 else { continue }
                            for e in (lo + 1)..<hi {
                                let k = codes[e]
                                if k == missing { continue }
                                out[cursor[Int(k)]] = t[e] &- t[e - 1]
                                cursor[Int(k)] += 1
                            }
                        }
                        return 0
                    }
                }
            }
        }
        let names = classes.names
        let stats = DurationStatistics.ofBlocks(&grouped, starts: start)
        rows = (0..<n).compactMap { i -> Row? in
            events[i] > 0 ? Row(activity: names[i], events: events[i], cases: cases[i], sojourn: stats[i]) : nil
        }.sorted { $0.events != $1.events ? $0.events > $1.events : $0.activity < $1.activity }
    }

    /// Computes the statistics of `log` classified by `classifier`.
    public init(log: EventLog, classifier: ActivityClassifier = .activity) throws(DiscoveryError) {
        self.init(log: log, classes: try classifier.classes(of: log))
    }
}
