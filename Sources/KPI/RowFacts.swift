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

/// Reads ``RowFacts`` from a table's columns. Cost per row: O(1), no allocation (plus one
/// `log` per present duration for its sketch bin).
struct RowFactsReader {
    let now: Int64
    let dueSoonMicros: Int64
    let business: BusinessHours?
    let hasValues: Bool
    // The table's columns, held one by one so that reading a row touches only them.
    private let detectedAt, resolvedAt, closedAt, cancelledAt, firstResolvedAt, firstTouchAt, workStartedAt: [Int64]
    private let firstAssignedAt, finalOwnerAssignedAt: [Int64]
    private let status: [ExceptionStatus]
    private let clockSkew: [Bool]
    private let handoffs, pingPongs, immediatePingPongs, reopenCount, firstOwner, resolvingOwner: [UInt32]
    private let slaTargetHours, orderValue: [Double]

    init(table t: ExceptionTable, now: Int64, dueSoonHours: Double, business: BusinessHours?) {
        self.now = now
        dueSoonMicros = RowFactsReader.micros(hours: dueSoonHours)
        self.business = business
        hasValues = t.orderValue.count == t.count
        detectedAt = t.detectedAt
        resolvedAt = t.resolvedAt
        closedAt = t.closedAt
        cancelledAt = t.cancelledAt
        firstResolvedAt = t.firstResolvedAt
        firstTouchAt = t.firstTouchAt
        workStartedAt = t.workStartedAt.count == t.count ? t.workStartedAt : [Int64](repeating: noTime, count: t.count)
        firstAssignedAt = t.firstAssignedAt
        finalOwnerAssignedAt = t.finalOwnerAssignedAt
        status = t.status
        clockSkew = t.clockSkew
        handoffs = t.handoffs
        pingPongs = t.pingPongs
        immediatePingPongs = t.immediatePingPongs
        reopenCount = t.reopenCount
        firstOwner = t.firstOwner
        resolvingOwner = t.resolvingOwner
        slaTargetHours = t.slaTargetHours.count == t.count ? t.slaTargetHours : [Double](repeating: .nan, count: t.count)
        orderValue = t.orderValue
    }

    /// `hours` in µs, clamped to ±10^17 µs (about 3 000 years) so any setting converts safely.
    static func micros(hours: Double) -> Int64 {
        guard !hours.isNaN else { return 0 }
        return Int64((min(max(hours * 3_600_000_000, -1e17), 1e17)).rounded())
    }

    /// Order value in cents, or `nil` when missing, not finite or beyond ±10 trillion.
    @inline(__always)
    static func cents(_ value: Double) -> Int64? {
        guard value.isFinite, abs(value) < 1e13 else { return nil }
        return Int64((value * 100).rounded())
    }

    @inline(__always)
    func facts(_ r: Int) -> RowFacts {
        var f = RowFacts()
        let detected = detectedAt[r]
        f.detectedAt = detected
        f.skew = clockSkew[r]
        let resolved = resolvedAt[r], closed = closedAt[r], cancelled = cancelledAt[r]
        let state = status[r]
        if state == .cancelled, cancelled != noTime, cancelled <= now {
            f.state = .cancelled
            f.end = cancelled
        } else if resolved != noTime, resolved <= now {
            f.state = state == .closed && closed != noTime && closed <= now ? .closed : .resolved
            f.end = resolved
        }
        f.handoffs = handoffs[r]
        f.pingPongs = pingPongs[r]
        f.immediatePingPongs = immediatePingPongs[r]
        f.reopens = reopenCount[r]
        let isResolved = f.state == .resolved || f.state == .closed
        let firstResolved = firstResolvedAt[r]
        f.everResolved = firstResolved != noTime && firstResolved <= now
        let touchedAt = firstTouchAt[r]
        f.touched = touchedAt != noTime && touchedAt <= now
        let sameOwner = firstOwner[r] == resolvingOwner[r]
        f.firstOwnerResolved = isResolved && sameOwner
        if isResolved, !sameOwner { f.misroute = Measure.between(firstAssignedAt[r], finalOwnerAssignedAt[r]) }
        if !f.skew {
            if isResolved {
                f.resolution = Measure.between(detected, resolved)
                if let business, f.resolution.isPresent {
                    f.resolutionBusiness = Measure(business.workingTime(from: detected, to: resolved))
                }
                f.work = Measure.between(workStartedAt[r], resolved)
            }
            if f.state == .closed {
                f.close = Measure.between(detected, closed)
                if let business, f.close.isPresent {
                    f.closeBusiness = Measure(business.workingTime(from: detected, to: closed))
                }
            }
            if f.touched { f.firstTouch = Measure.between(detected, touchedAt) }
            let start = workStartedAt[r]
            if start != noTime, start <= now { f.queue = Measure.between(detected, start) }
            f.lifetime = Measure.between(detected, f.end == noTime ? Swift.max(now, detected) : f.end)
        }
        if f.state == .open { f.ageBucket = AgeBuckets.bucket(ageMicros: now - detected) }
        let hours = slaTargetHours[r]
        if !hours.isNaN {
            f.hasTarget = true
            let targetMicros = hours * 3_600_000_000
            let elapsed = (f.end == noTime ? now : f.end) - detected
            f.breached = Double(elapsed) > targetMicros
            if f.breached { f.overage = max(0, elapsed - RowFactsReader.micros(hours: hours)) }
            if f.state == .open, !f.breached { f.dueSoon = Double(elapsed + dueSoonMicros) > targetMicros }
        }
        if hasValues, let cents = RowFactsReader.cents(orderValue[r]) {
            f.hasValue = true
            f.valueCents = cents
        }
        return f
    }
}
