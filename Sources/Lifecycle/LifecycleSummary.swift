/// Counts of a reconstruction, for people and machines: rows per status, every unusable
/// case with its reason, routing totals and warnings. Codable with snake_case keys.
public struct LifecycleSummary: Sendable, Equatable, Codable {
    public struct Unusable: Sendable, Equatable, Codable {
        public var caseID: String
        public var reason: String
        public var detail: String

        enum CodingKeys: String, CodingKey {
            case caseID = "case_id"
            case reason, detail
        }
    }

    public var log: String
    public var profile: String
    public var ownerAttribute: String
    /// Cases in the log (= exceptions + unusable).
    public var cases: Int
    public var exceptions: Int
    public var open: Int
    public var resolved: Int
    public var closed: Int
    public var cancelled: Int
    public var unusable: Int
    public var unusableByReason: [String: Int]
    public var unusableCases: [Unusable]
    /// Exceptions whose first owner differs from the resolving owner.
    public var misrouted: Int
    public var handoffs: Int
    /// Exceptions with at least one return to an earlier owner.
    public var pingPongExceptions: Int
    public var reopened: Int
    public var slaBreached: Int
    public var clockSkew: Int
    public var warnings: [String]

    enum CodingKeys: String, CodingKey {
        case log, profile
        case ownerAttribute = "owner_attribute"
        case cases, exceptions, open, resolved, closed, cancelled, unusable
        case unusableByReason = "unusable_by_reason"
        case unusableCases = "unusable_cases"
        case misrouted, handoffs
        case pingPongExceptions = "ping_pong_exceptions"
        case reopened
        case slaBreached = "sla_breached"
        case clockSkew = "clock_skew"
        case warnings
    }

    /// Summarises `table` (built from a log named `logName`). Cost: one pass over the rows.
    public init(_ table: ExceptionTable, logName: String) {
        log = logName
        profile = table.profileName
        ownerAttribute = table.ownerAttribute
        exceptions = table.count
        unusable = table.unusable.count
        cases = exceptions + unusable
        let counts = table.statusCounts()
        open = counts[.open] ?? 0
        resolved = counts[.resolved] ?? 0
        closed = counts[.closed] ?? 0
        cancelled = counts[.cancelled] ?? 0
        unusableByReason = Dictionary(table.unusable.map { ($0.reason.rawValue, 1) }, uniquingKeysWith: +)
        unusableCases = table.unusable.map { Unusable(caseID: $0.caseID, reason: $0.reason.rawValue, detail: $0.detail) }
        var misrouted = 0, handoffs = 0, pingPong = 0, reopened = 0, breached = 0, skew = 0
        for r in 0..<table.count {
            if table.firstOwner[r] != table.resolvingOwner[r] { misrouted += 1 }
            handoffs += Int(table.handoffs[r])
            if table.pingPongs[r] > 0 { pingPong += 1 }
            if table.reopenCount[r] > 0 { reopened += 1 }
            if table.slaBreached[r] { breached += 1 }
            if table.clockSkew[r] { skew += 1 }
        }
        self.misrouted = misrouted
        self.handoffs = handoffs
        pingPongExceptions = pingPong
        self.reopened = reopened
        slaBreached = breached
        clockSkew = skew
        warnings = table.warnings
    }
}
