/// What will happen to one exception, drawn when it is detected; the simulation then
/// gives it times.
struct CasePlan {
    /// How a team handles its visit.
    enum VisitKind: UInt8 {
        /// Looks at it and hands it on.
        case bounce
        /// Starts work, then hands it on.
        case workThenBounce
        /// Owns it and resolves it.
        case own
    }

    struct Visit {
        var team: Team
        var kind: VisitKind
    }

    /// Teams in the order they hold the case; the last one owns it.
    var visits: [Visit]
    /// Number of information requests by the owner.
    var infoRequests: Int
    var escalates: Bool
    var reopens: Bool
    /// The visit during which the case is cancelled, or `nil`.
    var cancelAtVisit: Int?

    var handoffs: Int { visits.count - 1 }

    /// Draws the plan of a case whose first assignment is `first` and owner is `owner`.
    static func draw(
        type: ExceptionType, tier: CustomerTier, owner: Team, first: Team, configuration c: GeneratorConfiguration,
        rng: inout RandomSource
    ) -> CasePlan {
        var teams: [Team]
        if first == owner {
            if rng.chance(c.correctBounceProbability) {
                teams = [owner, other(type, excluding: [owner], rng: &rng), owner]
            } else {
                teams = [owner]
            }
        } else {
            switch rng.pick(c.handoffWeights) {
            case 0:
                teams = [first, owner]
            case 1:
                teams = [first, other(type, excluding: [first, owner], rng: &rng), owner]
            default:
                if rng.chance(c.pingPongProbability) {
                    teams = rng.chance(0.5)
                        ? [first, owner, first, owner]
                        : [first, other(type, excluding: [first, owner], rng: &rng), first, owner]
                } else {
                    let x = other(type, excluding: [first, owner], rng: &rng)
                    teams = [first, x, other(type, excluding: [first, owner, x], rng: &rng), owner]
                }
            }
        }
        var visits = teams.map { Visit(team: $0, kind: rng.chance(c.wrongTeamWorkProbability) ? .workThenBounce : .bounce) }
        visits[visits.count - 1].kind = .own
        let infos = rng.chance(c.infoRequestProbability) ? 1 + rng.geometric(continue: c.infoRepeatProbability, cap: 5) : 0
        let escalation = c.escalationProbability * [2.5, 1.5, 1.0, 0.6][tier.rawValue]
        let reopen = c.reopenProbability * (type == .pricingDiscrepancy ? 1.5 : 1)
        let cancel = min(0.9, c.cancelProbability * (type == .duplicateOrder ? 6 : 1))
        return CasePlan(
            visits: visits, infoRequests: infos, escalates: rng.chance(min(1, escalation)),
            reopens: rng.chance(min(1, reopen)),
            cancelAtVisit: rng.chance(cancel) ? rng.int(below: visits.count) : nil)
    }

    /// A plausible team for this type that is none of `excluding`.
    private static func other(_ type: ExceptionType, excluding: [Team], rng: inout RandomSource) -> Team {
        var candidates = OwnerModel.confusable(type).filter { !excluding.contains($0) }
        if candidates.isEmpty { candidates = Team.allCases.filter { !excluding.contains($0) } }
        return candidates[rng.int(below: candidates.count)]
    }
}
