/// One figure of the backtest with its bootstrap interval.
public struct Estimate: Sendable, Equatable, Codable {
    /// The figure on the hold-out exceptions as they are.
    public var value: Double
    /// Lower and upper percentile of the figure over the bootstrap resamples (equal to
    /// ``value`` when the bootstrap is off).
    public var low: Double
    public var high: Double

    public init(value: Double, low: Double, high: Double) {
        self.value = value
        self.low = low
        self.high = high
    }
}

/// What happened to one hold-out exception in the backtest.
public enum BacktestOutcome: String, Sendable, Codable, CaseIterable {
    /// Model above threshold named the resolving owner; the legacy first assignment did not.
    case saved
    /// Model above threshold was wrong where the legacy first assignment was right.
    case lost
    /// Model above threshold and legacy both right: nothing changes.
    case bothRight = "both_right"
    /// Model above threshold and legacy both wrong: counted as no change.
    case bothWrong = "both_wrong"
    /// Model below threshold: a person reviews it (review minutes charged), routed as before.
    case review
}

/// The backtest's effect on one hold-out exception (signed: positive = better with the model).
public struct BacktestRow: Sendable, Equatable, Codable {
    public var id: String
    public var category: String?
    public var legacyOwner: String
    public var resolvingOwner: String
    public var predictedOwner: String
    public var confidence: Double
    public var automated: Bool
    public var outcome: BacktestOutcome
    /// Misroute delay measured in the log (first assignment → final owner), hours; 0 when routed right.
    public var measuredDelayHours: Double
    /// Delay hours removed (saved) or added (lost: the comparable cases' mean delay, negative).
    public var delayHoursSaved: Double
    public var reviewHours: Double
    public var handoffsAvoided: Int
    /// +1 a breach avoided, −1 a breach caused, 0 no change.
    public var slaBreachesAvoided: Int
    public var valueDaysReduced: Double

    enum CodingKeys: String, CodingKey {
        case id, category
        case legacyOwner = "legacy_owner"
        case resolvingOwner = "resolving_owner"
        case predictedOwner = "predicted_owner"
        case confidence, automated, outcome
        case measuredDelayHours = "measured_delay_hours"
        case delayHoursSaved = "delay_hours_saved"
        case reviewHours = "review_hours"
        case handoffsAvoided = "handoffs_avoided"
        case slaBreachesAvoided = "sla_breaches_avoided"
        case valueDaysReduced = "value_days_reduced"
    }
}

/// The backtest per exception category.
public struct CategoryROI: Sendable, Equatable, Codable {
    public var category: String
    public var exceptions: Int
    public var saved: Int
    public var lost: Int
    public var review: Int
    public var netDelayHoursSaved: Double
    public var handoffsAvoided: Int

    enum CodingKeys: String, CodingKey {
        case category, exceptions, saved, lost, review
        case netDelayHoursSaved = "net_delay_hours_saved"
        case handoffsAvoided = "handoffs_avoided"
    }
}

/// The ROI backtest: what routing with the model would have changed on the hold-out period,
/// measured on the log's own exceptions. Hours are wall-clock hours; money is in
/// ``ROIAssumptions/currency``; value-days are order value × days in the order-value
/// attribute's units (not converted between currencies).
public struct ROIResult: Sendable, Equatable, Codable {
    public var assumptions: ROIAssumptions
    /// Detection times of the hold-out (µs UTC).
    public var holdoutFrom: Int64
    public var holdoutTo: Int64
    /// Days the hold-out spans (at least 1), the base of the yearly figures.
    public var periodDays: Double
    /// Hold-out exceptions scored (resolved, with a resolving owner).
    public var exceptions: Int
    /// Cases per outcome.
    public var outcomes: [String: Int]
    /// Share of scored exceptions routed automatically, and how often those were right.
    public var automationCoverage: Double
    public var automationPrecision: Double
    /// Misroute delay mean of comparable (same category, training-period) misrouted cases, hours.
    public var comparableDelayHours: [String: Double]
    public var overallComparableDelayHours: Double

    public var delayHoursSaved: Estimate
    public var delayHoursAdded: Estimate
    public var netDelayHoursSaved: Estimate
    public var reviewHours: Estimate
    /// Work of the handoffs avoided: handoffs avoided × handoff minutes.
    public var handoffEffortHours: Estimate
    /// Staff hours saved: handoff effort + net delay × delay effort share − review hours.
    public var netEffortHoursSaved: Estimate
    public var handoffsAvoided: Estimate
    public var slaBreachesAvoided: Estimate
    public var valueDaysReduced: Estimate
    /// Staff hours saved × cost per hour, for the hold-out period and per year.
    public var moneySaved: Estimate
    public var moneySavedPerYear: Estimate
    /// Staff hours saved per year ÷ hours per FTE.
    public var fteEquivalent: Estimate
    public var byCategory: [CategoryROI]

    enum CodingKeys: String, CodingKey {
        case assumptions
        case holdoutFrom = "holdout_from"
        case holdoutTo = "holdout_to"
        case periodDays = "period_days"
        case exceptions, outcomes
        case automationCoverage = "automation_coverage"
        case automationPrecision = "automation_precision"
        case comparableDelayHours = "comparable_delay_hours"
        case overallComparableDelayHours = "overall_comparable_delay_hours"
        case delayHoursSaved = "delay_hours_saved"
        case delayHoursAdded = "delay_hours_added"
        case netDelayHoursSaved = "net_delay_hours_saved"
        case reviewHours = "review_hours"
        case handoffEffortHours = "handoff_effort_hours"
        case netEffortHoursSaved = "net_effort_hours_saved"
        case handoffsAvoided = "handoffs_avoided"
        case slaBreachesAvoided = "sla_breaches_avoided"
        case valueDaysReduced = "value_days_reduced"
        case moneySaved = "money_saved"
        case moneySavedPerYear = "money_saved_per_year"
        case fteEquivalent = "fte_equivalent"
        case byCategory = "by_category"
    }

    /// Cases with `outcome`.
    public func count(_ outcome: BacktestOutcome) -> Int { outcomes[outcome.rawValue] ?? 0 }
}
