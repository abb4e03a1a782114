import Lifecycle

/// What to compute: slicing, time window, as-of instant and the settings the measures use.
///
/// ``init(profile:)`` takes the recurrence window and business calendar from a lifecycle
/// profile; SLA targets come with the table (one per row).
public struct KPIOptions: Sendable, Equatable {
    /// Dimensions to slice by: none, one or two names (see ``SliceDimension``).
    public var slicing: [String] = []
    /// The dimension within each category whose fastest slice is the drag ranking's
    /// benchmark (default `region`; `nil` or absent from the table: no benchmark).
    public var compareWithin: String? = "region"
    /// Only exceptions detected at or after this instant (µs UTC).
    public var from: Int64?
    /// Only exceptions detected before this instant (µs UTC); also the as-of instant when earlier than the log's end.
    public var to: Int64?
    /// The "now" of open exceptions, backlog, SLA and revenue at risk (µs UTC). `nil` = the
    /// table's log end, or ``to`` when earlier. Partitions that will be merged must share it.
    public var asOf: Int64?
    /// Days within which another exception of the same customer and category is a recurrence.
    public var recurrenceWindowDays = 30
    /// Working hours for the business-time cycle times; `nil` = wall-clock only.
    public var businessCalendar: BusinessCalendar?
    /// Orders processed in the period, for the rate of exceptions per 1 000 orders.
    public var orderCount: Int?
    /// Open exceptions whose SLA deadline falls within this many hours of now are "due soon".
    public var dueSoonHours = 24.0
    /// Points of the backlog series: one per day or one per week (Sunday end).
    public var granularity = BacklogGranularity.day
    /// Smallest slice (exceptions) that may serve as the drag ranking's benchmark.
    public var minimumComparableSize = 20

    public init() {}

    /// Options with the profile's recurrence window and business calendar.
    public init(profile: LifecycleProfile) {
        recurrenceWindowDays = profile.recurrenceWindowDays
        businessCalendar = profile.businessCalendar
    }
}

/// Spacing of the backlog series.
public enum BacklogGranularity: String, Sendable, Codable, CaseIterable {
    case day, week
}
