/// The simulated legacy first assignment: a dispatcher working from the runbook.
///
/// The dispatcher is right with a probability that varies by type (clear-cut types such as
/// credit holds more often, ambiguous ones such as inventory shortfalls less), centred so
/// that the mean over the type mix equals ``GeneratorConfiguration/legacyAccuracy``. When
/// wrong it usually picks the type's runbook team, otherwise another confusable team. After a
/// drift the runbook is stale, so cases whose owner moved are routed right far less often.
struct LegacyRouter {
    private let accuracy: Double
    private let shifts: [Double]

    init(configuration: GeneratorConfiguration) {
        accuracy = configuration.legacyAccuracy
        let raw = [0.10, -0.08, -0.06, 0.06, -0.08, -0.02, 0.08, -0.04, 0.08]
        let mix = GeneratorConfiguration.normalised(configuration.typeMix)
        let mean = zip(raw, mix).reduce(0) { $0 + $1.0 * $1.1 }
        let room = min(1, min(accuracy, 1 - accuracy) / 0.12)
        shifts = raw.map { ($0 - mean) * room }
    }

    /// Probability of routing a case of `type` right.
    func accuracy(_ type: ExceptionType, drifted: Bool) -> Double {
        let p = min(1, max(0, accuracy + shifts[type.rawValue]))
        return drifted ? p * 0.45 : p
    }

    /// The first team a case is assigned to.
    func route(_ type: ExceptionType, owner: Team, drifted: Bool, rng: inout RandomSource) -> Team {
        if rng.chance(accuracy(type, drifted: drifted)) { return owner }
        return Self.wrongTeam(type, owner: owner, rng: &rng)
    }

    /// A plausible team other than `owner`.
    static func wrongTeam(_ type: ExceptionType, owner: Team, rng: inout RandomSource) -> Team {
        let runbook = OwnerModel.runbookTeam(type)
        if runbook != owner && rng.chance(0.6) { return runbook }
        var candidates = OwnerModel.confusable(type).filter { $0 != owner }
        if runbook != owner && !candidates.contains(runbook) { candidates.append(runbook) }
        if candidates.isEmpty { candidates = Team.allCases.filter { $0 != owner } }
        return candidates[rng.int(below: candidates.count)]
    }
}
