/// The whole result of a KPI computation; Codable (snake_case keys) for JSON.
///
/// Durations are seconds (`*_s`) or hours (`*_hours`), values are in the order-value
/// attribute's currency units, times are µs since the Unix epoch (UTC) and rates are
/// fractions (0.25 = 25 %).
public struct KPIReport: Sendable, Equatable, Codable {
    public var profile: String
    /// The as-of instant (µs UTC): the "now" of open exceptions.
    public var asOf: Int64
    public var from: Int64?
    public var to: Int64?
    /// Slicing dimensions, as given.
    public var dimensions: [String]
    /// Cases that are not exceptions: never assigned to an owner, or without events.
    public var unusable: UnusableCounts
    /// Exceptions left out by the time window (or detected after the as-of instant).
    public var outsideWindow: Int
    public var businessCalendar: Bool
    public var overall: SliceKPIs
    /// One entry per slice, ordered by labels; empty without slicing dimensions.
    public var slices: [SliceKPIs]
    public var drag: DragRanking
    public var backlog: BacklogKPIs
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case profile
        case asOf = "as_of"
        case from, to, dimensions, unusable
        case outsideWindow = "outside_window"
        case businessCalendar = "business_calendar"
        case overall, slices, drag, backlog, warnings
    }
}

/// Cases of the log that are not exception rows, by reason.
public struct UnusableCounts: Sendable, Equatable, Codable {
    /// No owner ever held the case (never assigned).
    public var neverAssigned: Int
    public var noEvents: Int

    enum CodingKeys: String, CodingKey {
        case neverAssigned = "never_assigned"
        case noEvents = "no_events"
    }
}
