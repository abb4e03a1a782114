/// First-touch resolution: of the exceptions resolved by now, those resolved by their first
/// owner with no handoff and no reopening.
public struct FirstTouchResolutionKPIs: Sendable, Equatable, Codable {
    public var resolved: Int
    public var count: Int
    public var rate: Double?

    init(count: Int, resolved: Int) {
        self.resolved = resolved
        self.count = count
        self.rate = fraction(count, resolved)
    }

    /// Whether a row counts.
    @inline(__always)
    static func counts(_ f: RowFacts) -> Bool { f.firstOwnerResolved && f.handoffs == 0 && f.reopens == 0 }
}
