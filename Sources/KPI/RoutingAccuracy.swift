/// Routing counts of a slice. Merges by addition.
struct RoutingCounts: Sendable {
    /// Exceptions by number of handoffs: 0, 1, 2, 3, 4, 5 or more.
    /// Lanes 0–5, inline: no heap storage per slice.
    var handoffHistogram = SIMD8<Int>()
    var handoffs = 0
    var pingPong = 0
    var immediatePingPong = 0
    var resolved = 0
    var firstOwnerResolved = 0
    var misrouteDelay = DurationStats()

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        handoffHistogram[min(Int(f.handoffs), RoutingKPIs.histogramSize - 1)] &+= 1
        handoffs += Int(f.handoffs)
        if f.pingPongs > 0 { pingPong += 1 }
        if f.immediatePingPongs > 0 { immediatePingPong += 1 }
        if f.state == .resolved || f.state == .closed { resolved += 1 }
        if f.firstOwnerResolved { firstOwnerResolved += 1 }
        misrouteDelay.add(f.misroute)
    }

    mutating func merge(_ o: RoutingCounts) {
        handoffHistogram &+= o.handoffHistogram
        handoffs += o.handoffs
        pingPong += o.pingPong
        immediatePingPong += o.immediatePingPong
        resolved += o.resolved
        firstOwnerResolved += o.firstOwnerResolved
        misrouteDelay.merge(o.misrouteDelay)
    }
}

/// Routing accuracy: of the exceptions resolved by now, the share whose first owner is the
/// resolving owner (the rest are misrouted); handoffs per exception and their distribution;
/// the share of exceptions with a ping-pong (a return to an earlier owner) and with an
/// immediate one (A → B → A); and the misroute delay, first assignment → assignment to the
/// final owner, of misrouted exceptions (its total is the time lost to misroutes).
public struct RoutingKPIs: Sendable, Equatable, Codable {
    static let histogramSize = 6

    public var exceptions: Int
    public var resolved: Int
    public var firstOwnerResolved: Int
    public var accuracy: Double?
    public var misrouted: Int
    public var misrouteRate: Double?
    public var handoffs: Int
    public var handoffsPerException: Double?
    /// Exceptions with 0, 1, 2, 3, 4 and 5 or more handoffs.
    public var handoffDistribution: [Int]
    /// Share of exceptions with at least one handoff.
    public var handedOffRate: Double?
    public var pingPongExceptions: Int
    public var pingPongRate: Double?
    public var immediatePingPongExceptions: Int
    public var misrouteDelay: DurationSummary

    enum CodingKeys: String, CodingKey {
        case exceptions, resolved
        case firstOwnerResolved = "first_owner_resolved"
        case accuracy, misrouted
        case misrouteRate = "misroute_rate"
        case handoffs
        case handoffsPerException = "handoffs_per_exception"
        case handoffDistribution = "handoff_distribution"
        case handedOffRate = "handed_off_rate"
        case pingPongExceptions = "ping_pong_exceptions"
        case pingPongRate = "ping_pong_rate"
        case immediatePingPongExceptions = "immediate_ping_pong_exceptions"
        case misrouteDelay = "misroute_delay"
    }

    init(_ c: RoutingCounts) {
        handoffDistribution = (0..<RoutingKPIs.histogramSize).map { c.handoffHistogram[$0] }
        exceptions = handoffDistribution.reduce(0, +)
        resolved = c.resolved
        firstOwnerResolved = c.firstOwnerResolved
        accuracy = fraction(c.firstOwnerResolved, c.resolved)
        misrouted = c.resolved - c.firstOwnerResolved
        misrouteRate = fraction(misrouted, c.resolved)
        handoffs = c.handoffs
        handoffsPerException = fraction(c.handoffs, exceptions)
        handedOffRate = fraction(exceptions - c.handoffHistogram[0], exceptions)
        pingPongExceptions = c.pingPong
        pingPongRate = fraction(c.pingPong, exceptions)
        immediatePingPongExceptions = c.immediatePingPong
        misrouteDelay = c.misrouteDelay.summary()
    }
}
