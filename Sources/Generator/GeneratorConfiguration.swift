/// Every dial of the generator, with its default. `datasets/README.md` documents each one.
///
/// Probabilities are in [0, 1]; mixes are non-negative weights (normalised when used) indexed
/// by the raw value of their enum. Call ``validate()`` before use; the generator does.
public struct GeneratorConfiguration: Sendable, Equatable {
    // MARK: Size and time
    /// Number of exceptions (cases) to generate.
    public var cases = 5_000
    /// Seed of every random draw: the same seed gives the same bytes.
    public var seed: UInt64 = 42
    /// First instant of the log, seconds since the epoch UTC (default 2025-01-06T00:00:00Z, a Monday).
    public var start: Int64 = 1_736_121_600
    /// Mean number of exceptions detected per calendar day (sets how long the log runs).
    public var casesPerDay = 60.0
    /// When set (seconds UTC), the organisation changes at this instant (see ``DriftModel``).
    public var driftAt: Int64? = nil

    // MARK: Customers and orders
    /// Number of distinct customers.
    public var customers = 2_500
    /// Zipf exponent of customer popularity (rank r gets weight 1/r^s).
    public var zipfExponent = 0.7
    /// Share of customers in each tier by popularity rank (strategic, key, standard, small).
    public var tierShares: [Double] = [0.01, 0.06, 0.38, 0.55]
    /// Share of exceptions per region (NA-East, NA-West, EU-Central, UK, APAC).
    public var regionMix: [Double] = [0.28, 0.17, 0.27, 0.13, 0.15]
    /// Share of customers' main channel (EDI, portal, sales_rep, marketplace_api), before tier tilts.
    public var channelMix: [Double] = [0.35, 0.30, 0.20, 0.15]
    /// Share of SKU families (industrial, electrical, hazardous_chemicals, consumables, bulky_freight, spare_parts).
    public var skuMix: [Double] = [0.25, 0.22, 0.08, 0.20, 0.10, 0.15]
    /// Probability that an order with an exception has a second one (and a fifth of those a third).
    public var multiExceptionProbability = 0.08

    // MARK: Exceptions and owners
    /// Target share of each exception type over the whole log (order of ``ExceptionType``);
    /// per order it tilts with channel, SKU family, region and tier.
    public var typeMix: [Double] = [0.18, 0.20, 0.14, 0.10, 0.12, 0.05, 0.06, 0.09, 0.06]
    /// Mean probability that the owner is the one the attributes point to: the accuracy of
    /// the Bayes-optimal classifier (the noise ceiling).
    public var ownerPredictability = 0.87
    /// Share of cases whose legacy first assignment is the right team.
    public var legacyAccuracy = 0.70
    /// Given a misroute, relative weights of 1, 2 and 3 handoffs before the owner gets it.
    public var handoffWeights: [Double] = [0.55, 0.30, 0.15]
    /// Given a misroute with 3 handoffs, probability that it ping-pongs back to an earlier team.
    public var pingPongProbability = 0.5
    /// Given a right first assignment, probability that the owner bounces it away and gets it back.
    public var correctBounceProbability = 0.03
    /// Probability that a wrong team logs `Work Started` before handing the case over.
    public var wrongTeamWorkProbability = 0.4

    // MARK: Lifecycle
    /// Probability that the owner requests information at least once.
    public var infoRequestProbability = 0.30
    /// Probability of each further information request.
    public var infoRepeatProbability = 0.25
    /// Base probability of an escalation (×2.5 strategic, ×1.5 key, ×0.6 small).
    public var escalationProbability = 0.06
    /// Probability that a resolved case is reopened (×1.5 for pricing discrepancies).
    public var reopenProbability = 0.05
    /// Probability that a case is cancelled (×6 for duplicate orders, capped at 0.9).
    public var cancelProbability = 0.03
    /// Target utilisation of each team's people; staff is sized from it, so queues build at peaks.
    public var utilisation = 0.80
    /// Multiplies every human working delay.
    public var delayScale = 1.0

    // MARK: Calendar
    /// Local working hours, start (inclusive) and end (exclusive), Monday to Friday.
    public var workdayStartHour = 8
    public var workdayEndHour = 18
    /// Arrival intensity on Saturday and Sunday relative to a weekday.
    public var weekendFactor = 0.15
    /// Arrival intensity outside working hours relative to working hours.
    public var nightFactor = 0.25
    /// Arrival intensity on the last three days of a month relative to other days.
    public var monthEndPeak = 1.6

    public init() {}

    /// Checks every dial; the error names the dial and the accepted range.
    public func validate() throws(GeneratorError) {
        guard cases >= 1, cases <= 100_000_000 else {
            throw .dial("--cases", "between 1 and 100000000", found: "\(cases)")
        }
        guard casesPerDay.isFinite, casesPerDay >= 0.01, casesPerDay <= 10_000_000 else {
            throw .dial("--cases-per-day", "between 0.01 and 10000000", found: "\(casesPerDay)")
        }
        guard Double(cases) / casesPerDay <= 36_500 else {
            throw .dial("--cases-per-day", "at least --cases / 36500 so that the log spans at most a century", found: "\(casesPerDay)")
        }
        guard customers >= 10, customers <= 10_000_000 else {
            throw .dial("--customers", "between 10 and 10000000", found: "\(customers)")
        }
        guard zipfExponent.isFinite, zipfExponent >= 0, zipfExponent <= 5 else {
            throw .dial("--zipf", "between 0 and 5", found: "\(zipfExponent)")
        }
        try Self.checkMix("--tier-shares", tierShares, count: CustomerTier.allCases.count)
        try Self.checkMix("--region-mix", regionMix, count: Region.allCases.count)
        try Self.checkMix("--channel-mix", channelMix, count: SalesChannel.allCases.count)
        try Self.checkMix("--sku-mix", skuMix, count: SKUFamily.allCases.count)
        try Self.checkMix("--type-mix", typeMix, count: ExceptionType.allCases.count)
        try Self.checkMix("--handoff-weights", handoffWeights, count: 3)
        let probabilities: [(String, Double)] = [
            ("--multi-exception", multiExceptionProbability), ("--ping-pong", pingPongProbability),
            ("--correct-bounce", correctBounceProbability), ("--wrong-team-work", wrongTeamWorkProbability),
            ("--info-request", infoRequestProbability), ("--info-repeat", infoRepeatProbability),
            ("--escalation", escalationProbability), ("--reopen", reopenProbability), ("--cancel", cancelProbability),
            ("--legacy-accuracy", legacyAccuracy),
        ]
        for (name, p) in probabilities where !(p >= 0 && p <= 1) {
            throw .dial(name, "a probability between 0 and 1", found: "\(p)")
        }
        guard infoRepeatProbability <= 0.95 else {
            throw .dial("--info-repeat", "at most 0.95", found: "\(infoRepeatProbability)")
        }
        guard ownerPredictability >= 0.55, ownerPredictability <= 0.99 else {
            throw .dial("--owner-predictability", "between 0.55 and 0.99", found: "\(ownerPredictability)")
        }
        guard utilisation > 0.05, utilisation <= 1.5 else {
            throw .dial("--utilisation", "between 0.05 and 1.5", found: "\(utilisation)")
        }
        guard delayScale.isFinite, delayScale > 0, delayScale <= 100 else {
            throw .dial("--delay-scale", "a positive number up to 100", found: "\(delayScale)")
        }
        guard workdayStartHour >= 0, workdayEndHour <= 24, workdayStartHour < workdayEndHour else {
            throw .dial("--work-hours", "START-END with 0 <= START < END <= 24", found: "\(workdayStartHour)-\(workdayEndHour)")
        }
        for (name, f) in [("--weekend-factor", weekendFactor), ("--night-factor", nightFactor), ("--month-end-peak", monthEndPeak)]
        where !(f.isFinite && f >= 0 && f <= 100) {
            throw .dial(name, "a factor between 0 and 100", found: "\(f)")
        }
        guard start >= 0, start <= 253_402_300_799 - 36_600 * 86_400 else {
            throw .dial("--start", "a date between 1970 and 9899", found: "\(start)")
        }
    }

    private static func checkMix(_ name: String, _ weights: [Double], count: Int) throws(GeneratorError) {
        let text = weights.map { "\($0)" }.joined(separator: ",")
        guard weights.count == count else {
            throw .dial(name, "\(count) weights", found: text)
        }
        guard weights.allSatisfy({ $0.isFinite && $0 >= 0 }), weights.reduce(0, +) > 0 else {
            throw .dial(name, "non-negative weights with a positive sum", found: text)
        }
    }

    /// Weights normalised to sum to one.
    static func normalised(_ weights: [Double]) -> [Double] {
        let total = weights.reduce(0, +)
        return total > 0 ? weights.map { $0 / total } : weights
    }
}
