import EventLog

/// The state machine that follows one case through its events, in time order.
///
/// Per event the caller first reports an owner change (``takeOwner(_:seenBefore:at:)``),
/// then the event's roles (``apply(_:at:index:)``). Rules:
/// - **Owners**: the first owner value is the first owner; each change is a handoff; a
///   change to an owner that held the case before is a ping-pong, and straight back to the
///   previous owner (A → B → A) also an immediate ping-pong.
/// - **Reopen**: a `reopened` event after a resolution, closure or cancellation (with
///   `implicitReopen`, also an assignment, work, escalation or info request after a
///   resolution or closure) sets the case open again and counts one reopen.
/// - **Resolution**: `resolved` (and `closed` on a case that was not resolved) is a
///   resolution; the resolving owner is the owner at the first or last resolution as the
///   profile says, else the last owner.
/// - **Touch**: the first work started, escalation, info request or resolution while an
///   owner holds the case.
/// - **Info wait**: from an info request to info received, or to the next work started,
///   resolution, closure or cancellation.
/// Cost: O(1) per event, no allocation.
struct CaseMachine {
    static let none = StringPool.missing
    static let noTime = ExceptionTable.noTime

    let lastResolutionNamesOwner: Bool
    let implicitReopen: Bool

    var state = ExceptionStatus.open
    var detectedIndex = -1
    var firstAssigned = noTime
    var firstTouch = noTime
    var firstResolved = noTime
    var lastResolved = noTime
    var closed = noTime
    var cancelled = noTime
    var reopens: UInt32 = 0
    var escalations: UInt32 = 0
    var infoRequests: UInt32 = 0
    var waitingSince = noTime
    var infoWait: Int64 = 0

    var current = none
    var previous = none
    var runStart = noTime
    var firstOwner = none
    var handoffs: UInt32 = 0
    var pingPongs: UInt32 = 0
    var immediatePingPongs: UInt32 = 0
    var resolvingOwner = none
    var resolvingRunStart = noTime
    var resolvingFixed = false

    init(profile: LifecycleProfile) {
        lastResolutionNamesOwner = profile.resolvingOwner == .lastResolution
        implicitReopen = profile.implicitReopen
    }

    /// Forgets the previous case.
    @inline(__always)
    mutating func reset() {
        self = CaseMachine(lastResolutionNamesOwner: lastResolutionNamesOwner, implicitReopen: implicitReopen)
    }

    private init(lastResolutionNamesOwner: Bool, implicitReopen: Bool) {
        self.lastResolutionNamesOwner = lastResolutionNamesOwner
        self.implicitReopen = implicitReopen
    }

    /// The case passes to `owner` (which differs from ``current``) at time `t`.
    @inline(__always)
    mutating func takeOwner(_ owner: UInt32, seenBefore: Bool, at t: Int64) {
        if current == CaseMachine.none {
            firstOwner = owner
            if firstAssigned == CaseMachine.noTime { firstAssigned = t }
        } else {
            handoffs &+= 1
            if seenBefore { pingPongs &+= 1 }
            if owner == previous { immediatePingPongs &+= 1 }
            previous = current
        }
        current = owner
        runStart = t
    }

    private static let reopeningWork =
        LifecycleRole.assigned.bit | LifecycleRole.reassigned.bit | LifecycleRole.workStarted.bit
        | LifecycleRole.escalated.bit | LifecycleRole.infoRequested.bit
    private static let touching =
        LifecycleRole.workStarted.bit | LifecycleRole.escalated.bit | LifecycleRole.infoRequested.bit
        | LifecycleRole.resolved.bit
    private static let endsWait =
        LifecycleRole.infoReceived.bit | LifecycleRole.workStarted.bit | LifecycleRole.resolved.bit
        | LifecycleRole.closed.bit | LifecycleRole.cancelled.bit

    /// Applies the roles `bits` of event `index` at time `t`.
    @inline(__always)
    mutating func apply(_ bits: UInt16, at t: Int64, index: Int) {
        guard bits != 0 else { return }
        if bits & LifecycleRole.detected.bit != 0, detectedIndex < 0 { detectedIndex = index }
        if bits & LifecycleRole.reopened.bit != 0, state != .open {
            reopen()
        } else if implicitReopen, bits & CaseMachine.reopeningWork != 0, state == .resolved || state == .closed {
            reopen()
        }
        if bits & (LifecycleRole.assigned.bit | LifecycleRole.reassigned.bit) != 0, firstAssigned == CaseMachine.noTime {
            firstAssigned = t
        }
        if waitingSince != CaseMachine.noTime, bits & CaseMachine.endsWait != 0 {
            infoWait += t - waitingSince
            waitingSince = CaseMachine.noTime
        }
        if bits & CaseMachine.touching != 0, current != CaseMachine.none, firstTouch == CaseMachine.noTime {
            firstTouch = t
        }
        if bits & LifecycleRole.escalated.bit != 0 { escalations &+= 1 }
        if bits & LifecycleRole.infoRequested.bit != 0 {
            infoRequests &+= 1
            if waitingSince == CaseMachine.noTime { waitingSince = t }
        }
        if bits & LifecycleRole.resolved.bit != 0 {
            resolve(at: t)
            if state == .open { state = .resolved }
        }
        if bits & LifecycleRole.closed.bit != 0 {
            if state == .open { resolve(at: t) }
            if state != .cancelled { state = .closed }
            closed = t
        }
        if bits & LifecycleRole.cancelled.bit != 0 {
            state = .cancelled
            cancelled = t
        }
    }

    @inline(__always)
    private mutating func reopen() {
        reopens &+= 1
        state = .open
    }

    @inline(__always)
    private mutating func resolve(at t: Int64) {
        if firstResolved == CaseMachine.noTime { firstResolved = t }
        lastResolved = t
        guard current != CaseMachine.none, lastResolutionNamesOwner || !resolvingFixed else { return }
        resolvingOwner = current
        resolvingRunStart = runStart
        resolvingFixed = true
    }

    /// The resolving owner and when its spell began: the owner the profile's rule names,
    /// else the last owner.
    var resolution: (owner: UInt32, since: Int64) {
        resolvingOwner != CaseMachine.none ? (resolvingOwner, resolvingRunStart) : (current, runStart)
    }
}
