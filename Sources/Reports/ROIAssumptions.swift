import Foundation

/// The business assumptions of the ROI backtest. Each has a default, can be set in a JSON
/// file (``load(_:)``) or by a command-line flag, and is printed in every report.
///
/// JSON keys are snake_case (`cost_per_hour`, `review_minutes`, `handoff_minutes`,
/// `hours_per_fte`, `currency`, `delay_effort_share`, `bootstrap_samples`, `confidence_level`, `seed`,
/// `comparable_minimum`); unknown keys are refused so that a typo does not silently fall
/// back to a default.
public struct ROIAssumptions: Sendable, Equatable, Codable {
    /// Fully loaded cost of one hour of exception handling, in ``currency``.
    public var costPerHour: Double
    /// Minutes a person spends reviewing an exception the model leaves below its threshold.
    public var reviewMinutes: Double
    /// Minutes of work one handoff costs (reading the case again, re-triage, handing over).
    public var handoffMinutes: Double
    /// Working hours of one full-time employee per year.
    public var hoursPerFTE: Double
    /// Currency of ``costPerHour`` and of the money figures (ISO 4217 code).
    public var currency: String
    /// Share of an hour of misroute delay that is staff effort. The delay is elapsed time
    /// with the wrong team, mostly waiting in a queue, so the default 0 values it through its
    /// SLA and revenue effects only; raise it to count part of it as work. Affects staff
    /// hours, money and FTE, not the delay hours, SLA or value-day figures.
    public var delayEffortShare: Double
    /// Bootstrap resamples of the hold-out exceptions for the intervals.
    public var bootstrapSamples: Int
    /// Coverage of the intervals (0.9 → 5th to 95th percentile).
    public var confidenceLevel: Double
    /// Seed of the bootstrap (same seed, same intervals).
    public var seed: UInt64
    /// Fewest misrouted training-period exceptions of a category for its own mean delay to
    /// stand for "comparable cases"; below it the mean over all categories is used.
    public var comparableMinimum: Int

    public init(
        costPerHour: Double = 45, reviewMinutes: Double = 3, handoffMinutes: Double = 20, hoursPerFTE: Double = 1_650,
        currency: String = "EUR", delayEffortShare: Double = 0, bootstrapSamples: Int = 1_000, confidenceLevel: Double = 0.9, seed: UInt64 = 7,
        comparableMinimum: Int = 10
    ) {
        self.costPerHour = costPerHour
        self.reviewMinutes = reviewMinutes
        self.handoffMinutes = handoffMinutes
        self.hoursPerFTE = hoursPerFTE
        self.currency = currency
        self.delayEffortShare = delayEffortShare
        self.bootstrapSamples = bootstrapSamples
        self.confidenceLevel = confidenceLevel
        self.seed = seed
        self.comparableMinimum = comparableMinimum
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case costPerHour = "cost_per_hour"
        case reviewMinutes = "review_minutes"
        case handoffMinutes = "handoff_minutes"
        case hoursPerFTE = "hours_per_fte"
        case currency
        case delayEffortShare = "delay_effort_share"
        case bootstrapSamples = "bootstrap_samples"
        case confidenceLevel = "confidence_level"
        case seed
        case comparableMinimum = "comparable_minimum"
    }

    public init(from decoder: Decoder) throws {
        let defaults = ROIAssumptions()
        let keys = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue)
        let allowed = Set(CodingKeys.allCases.map(\.rawValue))
        if let unknown = keys.first(where: { !allowed.contains($0) }) {
            throw ReportError.assumptions(
                "unknown key '\(unknown)'; known keys: " + CodingKeys.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        costPerHour = try c.decodeIfPresent(Double.self, forKey: .costPerHour) ?? defaults.costPerHour
        reviewMinutes = try c.decodeIfPresent(Double.self, forKey: .reviewMinutes) ?? defaults.reviewMinutes
        handoffMinutes = try c.decodeIfPresent(Double.self, forKey: .handoffMinutes) ?? defaults.handoffMinutes
        hoursPerFTE = try c.decodeIfPresent(Double.self, forKey: .hoursPerFTE) ?? defaults.hoursPerFTE
        currency = try c.decodeIfPresent(String.self, forKey: .currency) ?? defaults.currency
        delayEffortShare = try c.decodeIfPresent(Double.self, forKey: .delayEffortShare) ?? defaults.delayEffortShare
        bootstrapSamples = try c.decodeIfPresent(Int.self, forKey: .bootstrapSamples) ?? defaults.bootstrapSamples
        confidenceLevel = try c.decodeIfPresent(Double.self, forKey: .confidenceLevel) ?? defaults.confidenceLevel
        seed = try c.decodeIfPresent(UInt64.self, forKey: .seed) ?? defaults.seed
        comparableMinimum = try c.decodeIfPresent(Int.self, forKey: .comparableMinimum) ?? defaults.comparableMinimum
    }

    /// Throws naming the first assumption that cannot work.
    public func validate() throws(ReportError) {
        guard costPerHour.isFinite, costPerHour >= 0 else { throw .assumptions("cost_per_hour must be 0 or more, got \(costPerHour)") }
        guard reviewMinutes.isFinite, reviewMinutes >= 0 else {
            throw .assumptions("review_minutes must be 0 or more, got \(reviewMinutes)")
        }
        guard handoffMinutes.isFinite, handoffMinutes >= 0 else {
            throw .assumptions("handoff_minutes must be 0 or more, got \(handoffMinutes)")
        }
        guard hoursPerFTE.isFinite, hoursPerFTE > 0 else { throw .assumptions("hours_per_fte must be more than 0, got \(hoursPerFTE)") }
        let code = currency.trimmingCharacters(in: .whitespaces)
        guard !code.isEmpty, code.count <= 8, code.unicodeScalars.allSatisfy({ Escape.isVisible($0) }) else {
            throw .assumptions("currency must be a short code such as EUR or USD, got '\(Escape.singleLine(currency))'")
        }
        guard delayEffortShare.isFinite, delayEffortShare >= 0, delayEffortShare <= 1 else {
            throw .assumptions("delay_effort_share must be between 0 and 1, got \(delayEffortShare)")
        }
        guard bootstrapSamples >= 0, bootstrapSamples <= 100_000 else {
            throw .assumptions("bootstrap_samples must be between 0 and 100000, got \(bootstrapSamples)")
        }
        guard confidenceLevel > 0, confidenceLevel < 1 else {
            throw .assumptions("confidence_level must be between 0 and 1 (e.g. 0.9), got \(confidenceLevel)")
        }
        guard comparableMinimum >= 1 else { throw .assumptions("comparable_minimum must be at least 1, got \(comparableMinimum)") }
    }

    /// Reads assumptions from a JSON file; keys left out keep their defaults.
    public static func load(_ path: String) throws(ReportError) -> ROIAssumptions {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .assumptions("cannot read \(path): \(error.localizedDescription)")
        }
        let value: ROIAssumptions
        do {
            value = try JSONDecoder().decode(ROIAssumptions.self, from: data)
        } catch let error as ReportError {
            throw .assumptions("\(path): \(error.description.replacingOccurrences(of: "assumptions: ", with: ""))")
        } catch DecodingError.typeMismatch(_, let context) {
            throw .assumptions("\(path): wrong type for '\(context.codingPath.map(\.stringValue).joined(separator: "."))'")
        } catch {
            throw .assumptions("\(path) is not a JSON object of assumptions: \(error.localizedDescription)")
        }
        try value.validate()
        return value
    }

    /// Each assumption with its value and meaning, for the report's assumptions table.
    public var described: [(name: String, value: String, meaning: String)] {
        [
            ("cost_per_hour", "\(ReportFormat.number(costPerHour, digits: 2)) \(currency)",
             "fully loaded cost of one hour of exception handling"),
            ("review_minutes", ReportFormat.number(reviewMinutes, digits: 1),
             "minutes of human review for each exception below the confidence threshold"),
            ("handoff_minutes", ReportFormat.number(handoffMinutes, digits: 1),
             "minutes of work each handoff costs (re-reading, re-triage, handing over)"),
            ("hours_per_fte", ReportFormat.number(hoursPerFTE, digits: 0), "working hours of one full-time employee per year"),
            ("delay_effort_share", ReportFormat.number(delayEffortShare, digits: 2),
             "share of an hour of misroute delay counted as staff effort (0 = waiting time only)"),
            ("currency", currency, "currency of the cost per hour and of the money figures"),
            ("bootstrap_samples", "\(bootstrapSamples)", "resamples of the hold-out exceptions behind each interval"),
            ("confidence_level", ReportFormat.percent(confidenceLevel, digits: 0), "coverage of the intervals"),
            ("seed", "\(seed)", "seed of the bootstrap"),
            ("comparable_minimum", "\(comparableMinimum)",
             "misrouted exceptions a category needs for its own mean delay to price a model error"),
        ]
    }
}

/// A coding key for any string (used to list the keys present).
struct AnyKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}
