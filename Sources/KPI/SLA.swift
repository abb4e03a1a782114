/// SLA counts of a slice. Merges exactly.
struct SLACounts: Sendable {
    var withTarget = 0
    var resolvedWithTarget = 0
    var resolvedMet = 0
    var breaches = 0
    var openBreached = 0
    var dueSoon = 0
    var overage = DurationStats()

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        guard f.hasTarget else { return }
        withTarget += 1
        if f.state == .resolved || f.state == .closed {
            resolvedWithTarget += 1
            if !f.breached { resolvedMet += 1 }
        }
        if f.breached {
            breaches += 1
            if f.state == .open { openBreached += 1 }
            overage.add(Measure(f.overage))
        }
        if f.dueSoon { dueSoon += 1 }
    }

    mutating func merge(_ o: SLACounts) {
        withTarget += o.withTarget
        resolvedWithTarget += o.resolvedWithTarget
        resolvedMet += o.resolvedMet
        breaches += o.breaches
        openBreached += o.openBreached
        dueSoon += o.dueSoon
        overage.merge(o.overage)
    }
}

/// SLA (targets per category and tier from the profile; the clock runs in wall-clock time
/// from detection to the final resolution, the cancellation, or now while open):
/// compliance = resolved within target ÷ resolved with a target; breaches of every status
/// (open ones included, as soon as they are past target); time over SLA of breached
/// exceptions; open exceptions not yet breached whose deadline falls within the next
/// ``KPIOptions/dueSoonHours`` hours.
public struct SLAKPIs: Sendable, Equatable, Codable {
    public var withTarget: Int
    public var resolvedWithTarget: Int
    public var met: Int
    public var compliance: Double?
    public var breaches: Int
    public var openBreached: Int
    public var timeOver: DurationSummary
    public var dueSoon: Int

    enum CodingKeys: String, CodingKey {
        case withTarget = "with_target"
        case resolvedWithTarget = "resolved_with_target"
        case met, compliance, breaches
        case openBreached = "open_breached"
        case timeOver = "time_over_sla"
        case dueSoon = "due_soon"
    }

    init(_ c: SLACounts) {
        withTarget = c.withTarget
        resolvedWithTarget = c.resolvedWithTarget
        met = c.resolvedMet
        compliance = fraction(c.resolvedMet, c.resolvedWithTarget)
        breaches = c.breaches
        openBreached = c.openBreached
        timeOver = c.overage.summary()
        dueSoon = c.dueSoon
    }
}
