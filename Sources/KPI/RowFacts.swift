import Lifecycle

/// Where an exception stands at the as-of instant.
enum AsOfState: UInt8, Sendable {
    case open, resolved, closed, cancelled
}

/// Age buckets of open exceptions: 0–1 d, 1–3 d, 3–7 d, 7–14 d, > 14 d.
enum AgeBuckets {
    static let labels = ["0-1d", "1-3d", "3-7d", "7-14d", ">14d"]
    /// Lower bounds in µs.
    static let lowerBounds: [Int64] = [0, 1, 3, 7, 14].map { $0 * microsPerDay }
    static let count = 5

    @inline(__always)
    static func bucket(ageMicros age: Int64) -> Int {
        if age < 1 * microsPerDay { return 0 }
        if age < 3 * microsPerDay { return 1 }
        if age < 7 * microsPerDay { return 2 }
        if age < 14 * microsPerDay { return 3 }
        return 4
    }
}

/// What one exception row contributes to every measure, worked out once per row as of `now`.
///
/// Durations are absent (never negative) when an end point is missing, later than now, or
/// earlier than its start; detection-based durations are also absent on rows with clock
/// skew, which are counted instead.
struct RowFacts {
    var detectedAt: Int64 = 0
    var state = AsOfState.open
    var skew = false
    var resolution = Measure.absent
    var resolutionBusiness = Measure.absent
    var close = Measure.absent
    var closeBusiness = Measure.absent
    var firstTouch = Measure.absent
    var queue = Measure.absent
    var work = Measure.absent
    var misroute = Measure.absent
    var lifetime = Measure.absent
    /// The exception's end as of now: resolution, cancellation, or `noTime` while open.
    var end = noTime
    var handoffs: UInt32 = 0
    var pingPongs: UInt32 = 0
    var immediatePingPongs: UInt32 = 0
    var reopens: UInt32 = 0
    /// Resolved at least once by now (the base of the reopen rate).
    var everResolved = false
    /// Touched (first work by an owner) by now.
    var touched = false
    var firstOwnerResolved = false
    var hasTarget = false
    var breached = false
    var dueSoon = false
    var overage: Int64 = 0
    var hasValue = false
    var valueCents: Int64 = 0
    /// Age bucket while open, else −1.
    var ageBucket = -1
}

/// Reads ``RowFacts`` from a table. Cost per row: O(1), no allocation (plus one `log` per
/// present duration for its sketch bin).
struct RowFactsReader {
    let table: ExceptionTable
    let now: Int64
    let dueSoonMicros: Int64
    let business: BusinessHours?
    let hasValues: Bool

    init(table: ExceptionTable, now: Int64, dueSoonHours: Double, business: BusinessHours?) {
        self.table = table
        self.now = now
        dueSoonMicros = Int64((dueSoonHours * 3_600_000_000).rounded())
        self.business = business
        hasValues = table.orderValue.count == table.count
    }

    /// Order value in cents, or `nil` when missing, not finite or beyond ±10 trillion.
    @inline(__always)
    static func cents(_ value: Double) -> Int64? {
        guard value.isFinite, abs(value) < 1e13 else { return nil }
        return Int64((value * 100).rounded())
    }

    @inline(__always)
    func facts(_ r: Int) -> RowFacts {
        let t = table
        var f = RowFacts()
        let detected = t.detectedAt[r]
        f.detectedAt = detected
        f.skew = t.clockSkew[r]
        let resolvedAt = t.resolvedAt[r], closedAt = t.closedAt[r], cancelledAt = t.cancelledAt[r]
        if t.status[r] == .cancelled, cancelledAt != noTime, cancelledAt <= now {
            f.state = .cancelled
            f.end = cancelledAt
        } else if resolvedAt != noTime, resolvedAt <= now {
            f.state = t.status[r] == .closed && closedAt != noTime && closedAt <= now ? .closed : .resolved
            f.end = resolvedAt
        }
        f.handoffs = t.handoffs[r]
        f.pingPongs = t.pingPongs[r]
        f.immediatePingPongs = t.immediatePingPongs[r]
        f.reopens = t.reopenCount[r]
        let resolved = f.state == .resolved || f.state == .closed
        let firstResolved = t.firstResolvedAt[r]
        f.everResolved = firstResolved != noTime && firstResolved <= now
        let touchedAt = t.firstTouchAt[r]
        f.touched = touchedAt != noTime && touchedAt <= now
        f.firstOwnerResolved = resolved && t.firstOwner[r] == t.resolvingOwner[r]
        if resolved, t.firstOwner[r] != t.resolvingOwner[r] {
            f.misroute = Measure.between(t.firstAssignedAt[r], t.finalOwnerAssignedAt[r])
        }
        if !f.skew {
            if resolved {
                f.resolution = Measure.between(detected, resolvedAt)
                if let business, f.resolution.isPresent {
                    f.resolutionBusiness = Measure(business.workingTime(from: detected, to: resolvedAt))
                }
                f.work = Measure.between(t.workStartedAt[r], resolvedAt)
            }
            if f.state == .closed {
                f.close = Measure.between(detected, closedAt)
                if let business, f.close.isPresent {
                    f.closeBusiness = Measure(business.workingTime(from: detected, to: closedAt))
                }
            }
            if f.touched { f.firstTouch = Measure.between(detected, touchedAt) }
            let start = t.workStartedAt[r]
            if start != noTime, start <= now { f.queue = Measure.between(detected, start) }
            f.lifetime = Measure.between(detected, f.end == noTime ? Swift.max(now, detected) : f.end)
        }
        if f.state == .open { f.ageBucket = AgeBuckets.bucket(ageMicros: now - detected) }
        let hours = t.slaTargetHours[r]
        if !hours.isNaN {
            f.hasTarget = true
            let targetMicros = hours * 3_600_000_000
            let elapsed = (f.end == noTime ? now : f.end) - detected
            f.breached = Double(elapsed) > targetMicros
            if f.breached { f.overage = elapsed - Int64(targetMicros.rounded()) }
            if f.state == .open, !f.breached { f.dueSoon = Double(elapsed + dueSoonMicros) > targetMicros }
        }
        if hasValues, let cents = RowFactsReader.cents(t.orderValue[r]) {
            f.hasValue = true
            f.valueCents = cents
        }
        return f
    }
}
