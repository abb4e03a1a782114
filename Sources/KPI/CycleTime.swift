/// Cycle-time durations of a slice. Merges exactly.
struct CycleTimeStats: Sendable {
    var toResolution = DurationStats()
    var toClose = DurationStats()
    var toResolutionBusiness = DurationStats()
    var toCloseBusiness = DurationStats()
    var lifetime = DurationStats()

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        toResolution.add(f.resolution)
        toClose.add(f.close)
        toResolutionBusiness.add(f.resolutionBusiness)
        toCloseBusiness.add(f.closeBusiness)
        lifetime.add(f.lifetime)
    }

    mutating func merge(_ o: CycleTimeStats) {
        toResolution.merge(o.toResolution)
        toClose.merge(o.toClose)
        toResolutionBusiness.merge(o.toResolutionBusiness)
        toCloseBusiness.merge(o.toCloseBusiness)
        lifetime.merge(o.lifetime)
    }
}

/// Cycle time: detection → (final) resolution of resolved exceptions, detection → closure of
/// closed ones, the same in working time when the profile has a business calendar, and the
/// lifetime of every exception (detection → resolution, cancellation, or now while open).
public struct CycleTimeKPIs: Sendable, Equatable, Codable {
    public var toResolution: DurationSummary
    public var toClose: DurationSummary
    /// Working time; `nil` without a business calendar.
    public var toResolutionBusiness: DurationSummary?
    public var toCloseBusiness: DurationSummary?
    public var lifetime: DurationSummary

    enum CodingKeys: String, CodingKey {
        case toResolution = "to_resolution"
        case toClose = "to_close"
        case toResolutionBusiness = "to_resolution_business"
        case toCloseBusiness = "to_close_business"
        case lifetime
    }

    init(_ s: CycleTimeStats, business: Bool) {
        toResolution = s.toResolution.summary()
        toClose = s.toClose.summary()
        toResolutionBusiness = business ? s.toResolutionBusiness.summary() : nil
        toCloseBusiness = business ? s.toCloseBusiness.summary() : nil
        lifetime = s.lifetime.summary()
    }
}
