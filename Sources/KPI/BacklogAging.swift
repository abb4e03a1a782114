/// Open exceptions of a slice by age bucket, as of now. Merges by addition.
struct BacklogCounts: Sendable {
    /// Counts per bucket (lanes 0–4), inline: no heap storage per slice.
    var byAge = SIMD8<Int>()

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        if f.ageBucket >= 0 { byAge[f.ageBucket] &+= 1 }
    }

    mutating func merge(_ o: BacklogCounts) { byAge &+= o.byAge }
}

/// Backlog of a slice as of now: open exceptions by age since detection (0–1 d, 1–3 d,
/// 3–7 d, 7–14 d, > 14 d).
public struct BacklogNowKPIs: Sendable, Equatable, Codable {
    public var open: Int
    /// Counts per bucket of ``BacklogKPIs/ageBuckets``.
    public var byAge: [Int]

    enum CodingKeys: String, CodingKey {
        case open
        case byAge = "by_age"
    }

    init(_ c: BacklogCounts) {
        byAge = (0..<AgeBuckets.count).map { c.byAge[$0] }
        open = byAge.reduce(0, +)
    }
}

/// The backlog over time: one point per day (or per week, at the end of Sunday), UTC.
///
/// A point counts the exceptions open at the last microsecond of its day: detected by then
/// and not yet finally resolved or cancelled (a reopened exception counts as open from
/// detection to its final resolution). Owners are the owner holding it at that instant,
/// `(unassigned)` before the first one.
public struct BacklogKPIs: Sendable, Equatable, Codable {
    public var granularity: BacklogGranularity
    public var ageBuckets: [String]
    /// Owners of ``BacklogPoint/byOwner`` and ``current`` (those with any open exception).
    public var owners: [String]
    public var series: [BacklogPoint]
    /// The backlog now (at the as-of instant).
    public var current: CurrentBacklog

    enum CodingKeys: String, CodingKey {
        case granularity
        case ageBuckets = "age_buckets"
        case owners, series, current
    }
}

/// One point of the backlog series.
public struct BacklogPoint: Sendable, Equatable, Codable {
    /// `YYYY-MM-DD` (UTC) of the day whose end the point describes.
    public var date: String
    public var open: Int
    public var byAge: [Int]
    /// Open exceptions per owner, aligned with ``BacklogKPIs/owners``.
    public var byOwner: [Int]
    /// Order value of the open exceptions (revenue at risk that day).
    public var openValue: Double

    enum CodingKeys: String, CodingKey {
        case date, open
        case byAge = "by_age"
        case byOwner = "by_owner"
        case openValue = "open_value"
    }
}

/// The backlog at the as-of instant, by age bucket and by current owner.
public struct CurrentBacklog: Sendable, Equatable, Codable {
    public var open: Int
    public var byAge: [Int]
    public var openValue: Double
    public var byOwner: [OwnerBacklog]

    enum CodingKeys: String, CodingKey {
        case open
        case byAge = "by_age"
        case openValue = "open_value"
        case byOwner = "by_owner"
    }
}

/// Open exceptions held by one owner now.
public struct OwnerBacklog: Sendable, Equatable, Codable {
    public var owner: String
    public var open: Int
    public var byAge: [Int]
    public var openValue: Double

    enum CodingKeys: String, CodingKey {
        case owner, open
        case byAge = "by_age"
        case openValue = "open_value"
    }
}
