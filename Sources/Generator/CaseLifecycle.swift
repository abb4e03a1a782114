/// Gives a case's plan its times, one queue visit at a time.
///
/// ``advance(_:at:pods:)`` runs when a case reaches a queue (the dispatcher's, a team's, or
/// a team's again after a reopen) at the agenda time. It waits the queue's backlog, draws
/// lognormal delays by team, type and tier, emits the events up to the next queue, and
/// returns when that is, or `nil` when the case is finished. Human events land in the
/// region's working hours; system events (detection, reopen, close) at any hour.
struct CaseLifecycle {
    let clocks: [WorkingClock]
    let delayScale: Double

    init(configuration: GeneratorConfiguration) {
        clocks = Region.allCases.map {
            WorkingClock(region: $0, startHour: configuration.workdayStartHour, endHour: configuration.workdayEndHour)
        }
        delayScale = configuration.delayScale
    }

    /// Median minutes before a team picks up a case from its queue.
    static let pickupMinutes: [Double] = [40, 90, 120, 60, 30, 75, 150, 90, 180]
    /// Median hours of effort per type (credit hold … compliance hold).
    static let effortHours: [Double] = [1.0, 2.0, 1.5, 1.2, 0.6, 0.3, 2.0, 1.5, 3.0]
    static let effortSigma = 0.8
    /// Queue and pickup priority by tier: strategic cases jump the queue.
    static let tierPriority: [Double] = [0.3, 0.6, 1.0, 1.3]
    /// Effort (hours) of a visit that only looks and hands on, or works a little first.
    static let bounceEffort = 0.2
    static let workThenBounceEffort = 0.6
    static let dispatchEffort = 0.1
    /// Handling stretches over more working time than its effort (people multitask).
    static let multitasking = 1.8

    static func detectingSystem(_ type: ExceptionType) -> SystemActor {
        [.erp, .wms, .erp, .ediGateway, .wms, .erp, .taxEngine, .wms, .erp][type.rawValue]
    }

    /// Working seconds of a lognormal delay with this median in minutes, at least a minute.
    @inline(__always)
    private func working(_ medianMinutes: Double, _ sigma: Double, _ rng: inout RandomSource) -> Int64 {
        Int64(max(60, rng.lognormal(median: medianMinutes * 60 * delayScale, sigma: sigma)))
    }

    /// Records the detection and returns when the case reaches the dispatcher's queue.
    func start(_ c: inout CaseRecord) -> Int64 {
        c.emit(.detected, at: c.detected, by: Organisation.systemResource(Self.detectingSystem(c.type)), team: SimEvent.noTeam)
        return clocks[c.region.rawValue].snap(c.detected)
    }

    /// Advances `c`, which reaches its next queue at `t`. Returns the next queue time or `nil`.
    func advance(_ c: inout CaseRecord, at t: Int64, pods: inout [Pod]) -> Int64? {
        let clock = clocks[c.region.rawValue]
        let tier = c.order.tier.rawValue
        switch c.stage {
        case .done:
            return nil
        case .dispatch:
            let p = Organisation.dispatchPodIndex(c.region)
            let wait = pods[p].arrive(at: t, effortHours: Self.dispatchEffort, clock: clock) * Self.tierPriority[tier]
            let dispatcher = pods[p].people[c.rng.int(below: pods[p].people.count)]
            let classified = clock.adding(Int64(wait * 3600) + working(20, 0.8, &c.rng), to: t)
            c.emit(.classified, at: classified, by: dispatcher, team: SimEvent.dispatchTeam)
            let assigned = clock.adding(Int64(max(30, c.rng.lognormal(median: 180, sigma: 0.6))), to: classified)
            c.emit(.assigned, at: assigned, by: dispatcher, team: SimEvent.code(c.plan.visits[0].team))
            c.stage = .visit(0)
            return assigned
        case .visit(let j):
            return visit(&c, j, at: t, pods: &pods, clock: clock)
        case .reopen:
            let team = c.plan.visits[c.plan.visits.count - 1].team
            let p = Organisation.podIndex(team, c.region)
            let effort = c.rng.lognormal(median: Self.effortHours[c.type.rawValue] * 0.5, sigma: Self.effortSigma)
            let wait = pods[p].arrive(at: t, effortHours: effort, clock: clock) * Self.tierPriority[tier]
            let person = c.rng.chance(0.7) ? c.handler : pods[p].people[c.rng.int(below: pods[p].people.count)]
            let pickup = Self.pickupMinutes[team.rawValue] * 0.5 * Self.tierPriority[tier]
            let started = clock.adding(Int64(wait * 3600) + working(pickup, 0.9, &c.rng), to: t)
            c.emit(.workStarted, at: started, by: person, team: SimEvent.code(team))
            let resolved = clock.adding(working(effort * 60 * Self.multitasking, 0.5, &c.rng), to: started)
            c.emit(.resolved, at: resolved, by: person, team: SimEvent.code(team))
            close(&c, after: resolved)
            return nil
        }
    }

    private func visit(_ c: inout CaseRecord, _ j: Int, at t: Int64, pods: inout [Pod], clock: WorkingClock) -> Int64? {
        let visit = c.plan.visits[j]
        let team = SimEvent.code(visit.team)
        let tier = c.order.tier.rawValue
        let p = Organisation.podIndex(visit.team, c.region)
        let effort: Double
        switch visit.kind {
        case .bounce: effort = Self.bounceEffort
        case .workThenBounce: effort = Self.workThenBounceEffort
        case .own: effort = c.rng.lognormal(median: Self.effortHours[c.type.rawValue], sigma: Self.effortSigma)
        }
        let wait = pods[p].arrive(at: t, effortHours: effort, clock: clock) * Self.tierPriority[tier]
        let person = pods[p].people[c.rng.int(below: pods[p].people.count)]
        let pickup = Self.pickupMinutes[visit.team.rawValue] * Self.tierPriority[tier]
        let started = clock.adding(Int64(wait * 3600) + working(pickup, 0.9, &c.rng), to: t)
        if c.plan.cancelAtVisit == j {
            var at = started
            if visit.kind != .bounce && c.rng.chance(0.5) {
                c.emit(.workStarted, at: started, by: person, team: team)
                at = clock.adding(working(45, 0.8, &c.rng), to: started)
            }
            c.emit(.cancelled, at: at, by: person, team: team)
            c.stage = .done
            return nil
        }
        switch visit.kind {
        case .bounce, .workThenBounce:
            let next = SimEvent.code(c.plan.visits[j + 1].team)
            var handedOver = started
            if visit.kind == .workThenBounce {
                c.emit(.workStarted, at: started, by: person, team: team)
                handedOver = clock.adding(working(75, 0.8, &c.rng), to: started)
            }
            c.emit(.reassigned, at: handedOver, by: person, team: next)
            c.stage = .visit(j + 1)
            return handedOver
        case .own:
            return own(&c, person: person, team: team, pod: p, effort: effort, from: started, pods: pods, clock: clock)
        }
    }

    private func own(
        _ c: inout CaseRecord, person: UInt32, team: UInt8, pod: Int, effort: Double, from started: Int64, pods: [Pod],
        clock: WorkingClock
    ) -> Int64? {
        c.emit(.workStarted, at: started, by: person, team: team)
        let segments = Double(c.plan.infoRequests + 1)
        let segmentMinutes = effort * 60 * Self.multitasking / segments
        var now = started
        for _ in 0..<c.plan.infoRequests {
            now = clock.adding(working(segmentMinutes, 0.4, &c.rng), to: now)
            c.emit(.infoRequested, at: now, by: person, team: team)
            // The customer's answer: about five working hours, often longer.
            now = clock.adding(working(300, 1.0, &c.rng), to: now)
            c.emit(.infoReceived, at: now, by: person, team: team)
        }
        var resolver = person
        if c.plan.escalates {
            now = clock.adding(working(segmentMinutes / 2, 0.5, &c.rng), to: now)
            c.emit(.escalated, at: now, by: person, team: team)
            if c.rng.chance(0.6) { resolver = pods[pod].lead }
            now = clock.adding(working(240, 0.8, &c.rng), to: now)
        }
        now = clock.adding(working(segmentMinutes, 0.4, &c.rng), to: now)
        c.emit(.resolved, at: now, by: resolver, team: team)
        c.handler = resolver
        if c.plan.reopens {
            // The customer or the ERP reports the problem again, about two days later.
            let reopened = now + Int64(max(600, c.rng.lognormal(median: 2 * 86_400, sigma: 0.7)))
            c.emit(.reopened, at: reopened, by: Organisation.systemResource(.erp), team: team)
            c.stage = .reopen
            return reopened
        }
        close(&c, after: now)
        return nil
    }

    /// The scheduler closes a resolved case about 30 hours later.
    private func close(_ c: inout CaseRecord, after resolved: Int64) {
        let closed = resolved + Int64(max(600, c.rng.lognormal(median: 30 * 3600, sigma: 0.5)))
        c.emit(.closed, at: closed, by: Organisation.systemResource(.scheduler), team: SimEvent.noTeam)
        c.stage = .done
    }
}
