/// Turns arrivals into exceptions: picks the customer and order, the exception type(s), the
/// true owner, the legacy first assignment and the plan.
///
/// Holds the models built once per run (customers, calibrated exception mix, owner model,
/// legacy router). Order numbers grow by a random gap, since most orders have no exception.
struct CaseFactory {
    let configuration: GeneratorConfiguration
    let customers: CustomerBase
    let mix: ExceptionMix
    let owners: OwnerModel
    let legacy: LegacyRouter
    private var rng: RandomSource
    private(set) var nextOrder = 4_700
    private(set) var nextCase = 1

    init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
        var setup = RandomSource(seed: configuration.seed, stream: 0x0C05_7043)
        customers = CustomerBase(configuration: configuration, rng: &setup)
        let cells = customers.cellDistribution()
        mix = ExceptionMix(target: configuration.typeMix, cells: cells)
        owners = OwnerModel(configuration: configuration, mix: mix, cells: cells)
        legacy = LegacyRouter(configuration: configuration)
        rng = RandomSource(seed: configuration.seed, stream: 0x0A77_1BA1)
    }

    /// The cases of one order arriving at `time` in `region` (one, sometimes two or three).
    mutating func cases(arrivingAt time: Int64, region: Region, limit: Int) -> [CaseRecord] {
        let afterDrift = configuration.driftAt.map { time >= $0 } ?? false
        let rank = customers.sampleCustomer(region: region, rng: &rng)
        let order = customers.sampleOrder(customerRank: rank, drifted: afterDrift, rng: &rng)
        nextOrder += 1 + rng.int(below: 40)
        var count = 1
        if rng.chance(configuration.multiExceptionProbability) { count = rng.chance(0.2) ? 3 : 2 }
        var seen: UInt16 = 0
        var detected = time
        var out: [CaseRecord] = []
        for k in 0..<min(count, limit) {
            let type = mix.sample(cell: order.cell, excluding: seen, rng: &rng)
            seen |= 1 << UInt16(type.rawValue)
            if k > 0 { detected += Int64(max(60, rng.lognormal(median: 2400, sigma: 1.0))) }
            let drifted = configuration.driftAt.map { detected >= $0 } ?? false
            out.append(make(number: nextCase, type: type, order: order, detected: detected, afterDrift: drifted))
            nextCase += 1
        }
        return out
    }

    /// One case with its own random stream, so its draws never depend on other cases.
    func make(number: Int, type: ExceptionType, order: OrderAttributes, detected: Int64, afterDrift: Bool) -> CaseRecord {
        var caseRNG = RandomSource(seed: configuration.seed, stream: UInt64(bitPattern: Int64(number)))
        let truth = owners.draw(type, order, afterDrift: afterDrift, rng: &caseRNG)
        let first = legacy.route(type, owner: truth.owner, drifted: truth.drifted, rng: &caseRNG)
        let plan = CasePlan.draw(
            type: type, tier: order.tier, owner: truth.owner, first: first, configuration: configuration, rng: &caseRNG)
        var record = CaseRecord(
            number: number, orderNumber: nextOrder, type: type, order: order, truth: truth, legacy: first, plan: plan,
            detected: detected, rng: caseRNG)
        record.events.reserveCapacity(8 + 2 * plan.visits.count + 2 * plan.infoRequests)
        return record
    }

    /// Expected effort per calendar day on each pod, from a pilot sample of cases drawn with
    /// a separate stream. Used to size the staff.
    func expectedLoad() -> [Double] {
        var pilot = RandomSource(seed: configuration.seed, stream: 0x0917_0700)
        let podCount = Organisation.teamCount * Organisation.regionCount + Organisation.regionCount
        var hours = [Double](repeating: 0, count: podCount)
        let regions = GeneratorConfiguration.normalised(configuration.regionMix)
        let samples = 20_000
        let meanFactor = 1.377  // exp(sigma² / 2) for sigma 0.8
        for i in 0..<samples {
            let region = Region(rawValue: pilot.pick(regions)) ?? .naEast
            let order = customers.sampleOrder(
                customerRank: customers.sampleCustomer(region: region, rng: &pilot), drifted: false, rng: &pilot)
            let type = mix.sample(cell: order.cell, excluding: 0, rng: &pilot)
            let c = make(number: -i - 1, type: type, order: order, detected: 0, afterDrift: false)
            hours[Organisation.dispatchPodIndex(region)] += CaseLifecycle.dispatchEffort
            for v in c.plan.visits {
                let h: Double
                switch v.kind {
                case .bounce: h = CaseLifecycle.bounceEffort
                case .workThenBounce: h = CaseLifecycle.workThenBounceEffort
                case .own:
                    h = CaseLifecycle.effortHours[type.rawValue] * meanFactor * (c.plan.reopens ? 1.5 : 1)
                }
                hours[Organisation.podIndex(v.team, region)] += h
            }
        }
        return hours.map { $0 * configuration.casesPerDay / Double(samples) }
    }
}
