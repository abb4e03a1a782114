/// First-touch durations of a slice. Merges exactly.
struct FirstTouchStats: Sendable {
    var toFirstTouch = DurationStats()
    var queue = DurationStats()
    var work = DurationStats()
    var untouchedOpen = 0

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        toFirstTouch.add(f.firstTouch)
        queue.add(f.queue)
        work.add(f.work)
        if f.state == .open, !f.touched { untouchedOpen += 1 }
    }

    mutating func merge(_ o: FirstTouchStats) {
        toFirstTouch.merge(o.toFirstTouch)
        queue.merge(o.queue)
        work.merge(o.work)
        untouchedOpen += o.untouchedOpen
    }
}

/// First touch: detection → the first work (work started, escalation, info request or
/// resolution) while an owner holds the exception; open exceptions not touched yet.
/// Where the log has work-started events, the split of the cycle into **queue** time
/// (detection → first work started) and **work** time (first work started → resolution).
public struct FirstTouchKPIs: Sendable, Equatable, Codable {
    public var toFirstTouch: DurationSummary
    public var untouchedOpen: Int
    /// `nil` when no exception has a work-started event.
    public var queue: DurationSummary?
    public var work: DurationSummary?

    enum CodingKeys: String, CodingKey {
        case toFirstTouch = "to_first_touch"
        case untouchedOpen = "untouched_open"
        case queue, work
    }

    init(_ s: FirstTouchStats) {
        toFirstTouch = s.toFirstTouch.summary()
        untouchedOpen = s.untouchedOpen
        let hasStarts = s.queue.count > 0 || s.work.count > 0
        queue = hasStarts ? s.queue.summary() : nil
        work = hasStarts ? s.work.summary() : nil
    }
}
