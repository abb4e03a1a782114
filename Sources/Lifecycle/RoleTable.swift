import EventLog

/// The roles of every event, looked up by code: one mask per activity code, one per
/// transition code, and a small table for (activity, transition) pairs.
///
/// Built once per log from a profile (cost: one normalisation per distinct activity and
/// transition); ``roles(activity:transition:)`` is then two array reads and an `OR`
/// (plus one hash look-up for activities that appear in a pair matcher).
struct RoleTable: Sendable {
    private var byActivity: [UInt16]
    private var byTransition: [UInt16]
    private var activityInPair: [Bool]
    private var byPair: [UInt64: UInt16]

    init(profile: LifecycleProfile, activities: StringPool, transitions: StringPool) {
        var activityNames: [String: UInt16] = [:]
        var transitionNames: [String: UInt16] = [:]
        var pairNames: [String: [String: UInt16]] = [:]
        for role in LifecycleRole.allCases {
            for m in profile.matchers(role) {
                let a = m.activity.map(RoleMatcher.normalized).flatMap { $0.isEmpty ? nil : $0 }
                let t = m.transition.map(RoleMatcher.normalized).flatMap { $0.isEmpty ? nil : $0 }
                switch (a, t) {
                case (let a?, let t?): pairNames[a, default: [:]][t, default: 0] |= role.bit
                case (let a?, nil): activityNames[a, default: 0] |= role.bit
                case (nil, let t?): transitionNames[t, default: 0] |= role.bit
                case (nil, nil): break
                }
            }
        }
        let activityKeys = activities.strings.map(RoleMatcher.normalized)
        let transitionKeys = transitions.strings.map(RoleMatcher.normalized)
        byActivity = activityKeys.map { activityNames[$0] ?? 0 }
        byTransition = transitionKeys.map { transitionNames[$0] ?? 0 }
        activityInPair = activityKeys.map { pairNames[$0] != nil }
        byPair = [:]
        for (a, aKey) in activityKeys.enumerated() {
            guard let inner = pairNames[aKey] else { continue }
            for (t, tKey) in transitionKeys.enumerated() {
                if let bits = inner[tKey] { byPair[UInt64(a) << 32 | UInt64(t)] = bits }
            }
        }
    }

    /// The role bits of an event with these codes (``StringPool/missing`` allowed).
    @inline(__always)
    func roles(activity a: UInt32, transition t: UInt32) -> UInt16 {
        var bits: UInt16 = 0
        let ai = Int(a), ti = Int(t)
        if ai < byActivity.count {
            bits = byActivity[ai]
            if activityInPair[ai], ti < byTransition.count { bits |= byPair[UInt64(a) << 32 | UInt64(t)] ?? 0 }
        }
        if ti < byTransition.count { bits |= byTransition[ti] }
        return bits
    }

    /// Whether no activity or transition of the log matches any role.
    var matchesNothing: Bool {
        !byActivity.contains { $0 != 0 } && !byTransition.contains { $0 != 0 } && byPair.isEmpty
    }
}
