/// Counts of exceptions by where they stand as of now. Merges by addition.
struct VolumeCounts: Sendable, Equatable {
    var detected = 0
    var open = 0
    var resolved = 0
    var closed = 0
    var cancelled = 0
    var clockSkew = 0

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        detected += 1
        switch f.state {
        case .open: open += 1
        case .resolved: resolved += 1
        case .closed:
            resolved += 1
            closed += 1
        case .cancelled: cancelled += 1
        }
        if f.skew { clockSkew += 1 }
    }

    mutating func merge(_ o: VolumeCounts) {
        detected += o.detected
        open += o.open
        resolved += o.resolved
        closed += o.closed
        cancelled += o.cancelled
        clockSkew += o.clockSkew
    }
}

/// Volume: exceptions detected, resolved (closed included), closed, cancelled and open as of
/// now; rows with clock skew (a milestone before detection: counted, left out of durations);
/// and the rate per 1 000 orders when the order count is given (overall only).
public struct VolumeKPIs: Sendable, Equatable, Codable {
    public var detected: Int
    public var resolved: Int
    public var closed: Int
    public var cancelled: Int
    public var open: Int
    public var clockSkew: Int
    public var per1000Orders: Double?

    enum CodingKeys: String, CodingKey {
        case detected, resolved, closed, cancelled, open
        case clockSkew = "clock_skew"
        case per1000Orders = "per_1000_orders"
    }

    init(_ c: VolumeCounts, orders: Int?) {
        detected = c.detected
        resolved = c.resolved
        closed = c.closed
        cancelled = c.cancelled
        open = c.open
        clockSkew = c.clockSkew
        if let orders, orders > 0 { per1000Orders = Double(c.detected) * 1000 / Double(orders) }
    }
}

/// `part / whole`, or `nil` when `whole` is 0.
@inline(__always)
func fraction(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
