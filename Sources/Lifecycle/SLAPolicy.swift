/// Service-level targets in hours, by exception category and customer tier.
///
/// The target of an exception is, most specific first: the `byCategoryAndTier` entry for
/// its pair; else the stricter (smaller) of its `byCategory` and `byTier` entries when
/// both exist, or whichever exists; else `defaultHours`; else none. Category and tier
/// values match case-insensitively. The SLA clock runs on wall-clock time from detection
/// to the final resolution (or cancellation, or the end of the log while still open).
public struct SLAPolicy: Sendable, Equatable, Codable {
    /// Target for exceptions no other entry covers; `nil` = no target.
    public var defaultHours: Double?
    /// Target per category value.
    public var byCategory: [String: Double]
    /// Target per tier value.
    public var byTier: [String: Double]
    /// Target per category, then per tier within it.
    public var byCategoryAndTier: [String: [String: Double]]

    public init(
        defaultHours: Double? = nil, byCategory: [String: Double] = [:], byTier: [String: Double] = [:],
        byCategoryAndTier: [String: [String: Double]] = [:]
    ) {
        self.defaultHours = defaultHours
        self.byCategory = byCategory
        self.byTier = byTier
        self.byCategoryAndTier = byCategoryAndTier
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case defaultHours = "default_hours"
        case byCategory = "by_category"
        case byTier = "by_tier"
        case byCategoryAndTier = "by_category_and_tier"
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        defaultHours = try c.decodeIfPresent(Double.self, forKey: .defaultHours)
        byCategory = try c.decodeIfPresent([String: Double].self, forKey: .byCategory) ?? [:]
        byTier = try c.decodeIfPresent([String: Double].self, forKey: .byTier) ?? [:]
        byCategoryAndTier = try c.decodeIfPresent([String: [String: Double]].self, forKey: .byCategoryAndTier) ?? [:]
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(defaultHours, forKey: .defaultHours)
        if !byCategory.isEmpty { try c.encode(byCategory, forKey: .byCategory) }
        if !byTier.isEmpty { try c.encode(byTier, forKey: .byTier) }
        if !byCategoryAndTier.isEmpty { try c.encode(byCategoryAndTier, forKey: .byCategoryAndTier) }
    }

    /// The target in hours for a category and tier (either may be `nil`), by the rule above.
    /// Cost: a few dictionary look-ups; reconstruction calls it once per distinct pair.
    public func targetHours(category: String?, tier: String?) -> Double? {
        let cat = category.map(RoleMatcher.normalized)
        let tr = tier.map(RoleMatcher.normalized)
        if let cat, let tr, let inner = SLAPolicy.lookup(byCategoryAndTier, cat),
            let hours = SLAPolicy.lookup(inner, tr)
        {
            return hours
        }
        let byCat = cat.flatMap { SLAPolicy.lookup(byCategory, $0) }
        let byT = tr.flatMap { SLAPolicy.lookup(byTier, $0) }
        switch (byCat, byT) {
        case (let a?, let b?): return min(a, b)
        case (let a?, nil): return a
        case (nil, let b?): return b
        case (nil, nil): return defaultHours
        }
    }

    private static func lookup<V>(_ table: [String: V], _ normalizedKey: String) -> V? {
        if let hit = table[normalizedKey] { return hit }
        return table.first { RoleMatcher.normalized($0.key) == normalizedKey }?.value
    }
}

/// Working hours for later business-time KPIs (reconstruction itself uses wall-clock time).
public struct BusinessCalendar: Sendable, Equatable, Codable {
    /// Zone of the working hours: `UTC`, `+01:00`, or an IANA name.
    public var timezone: String
    /// Working days, lower-case three-letter names (`mon` … `sun`).
    public var days: [String]
    /// First working hour (0–23).
    public var startHour: Int
    /// End of the working day (1–24, after `startHour`).
    public var endHour: Int
    /// Non-working dates, `YYYY-MM-DD`.
    public var holidays: [String]

    public static let weekdayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

    public init(
        timezone: String = "UTC", days: [String] = ["mon", "tue", "wed", "thu", "fri"], startHour: Int = 8,
        endHour: Int = 17, holidays: [String] = []
    ) {
        self.timezone = timezone
        self.days = days
        self.startHour = startHour
        self.endHour = endHour
        self.holidays = holidays
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case timezone, days
        case startHour = "start_hour"
        case endHour = "end_hour"
        case holidays
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = BusinessCalendar()
        timezone = try c.decodeIfPresent(String.self, forKey: .timezone) ?? defaults.timezone
        days = try c.decodeIfPresent([String].self, forKey: .days) ?? defaults.days
        startHour = try c.decodeIfPresent(Int.self, forKey: .startHour) ?? defaults.startHour
        endHour = try c.decodeIfPresent(Int.self, forKey: .endHour) ?? defaults.endHour
        holidays = try c.decodeIfPresent([String].self, forKey: .holidays) ?? []
    }
}
