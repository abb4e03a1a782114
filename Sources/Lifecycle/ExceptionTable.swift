import EventLog

/// One row per exception, stored as columns (one array per field), built by
/// ``Reconstruction``.
///
/// Times are microseconds UTC; ``ExceptionTable/noTime`` marks "never happened". Owners are
/// codes into ``owners``; each row's owner sequence (the owners in order, consecutive
/// repeats collapsed) is `ownerSequence[ownerSequenceOffsets[r] ..< ownerSequenceOffsets[r + 1]]`.
/// Memory: about 150 bytes per row plus the feature columns. Use ``record(_:)`` for a
/// row as a value with strings (tests, small outputs); KPI code reads the columns.
public struct ExceptionTable: Sendable {
    /// The value of a time column for an event that never happened.
    public static let noTime = Int64.min

    /// The profile used.
    public var profileName: String
    /// The owner attribute as found in the log.
    public var ownerAttribute: String
    /// Case ids of the log (the table refers to them by ``caseIndex``).
    public var caseIDs: StringPool
    /// Index in the log of each row's case.
    public var caseIndex: [UInt32] = []

    /// Owner names.
    public var owners: StringPool
    public var ownerSequenceOffsets: [Int] = [0]
    public var ownerSequence: [UInt32] = []
    /// First owner (the first owner value seen).
    public var firstOwner: [UInt32] = []
    /// Owner at the resolution the profile names (first or last), else the last owner.
    public var resolvingOwner: [UInt32] = []
    /// Changes of owner.
    public var handoffs: [UInt32] = []
    /// Handoffs to an owner that held the case before (A → B → … → A).
    public var pingPongs: [UInt32] = []
    /// Handoffs straight back to the previous owner (A → B → A).
    public var immediatePingPongs: [UInt32] = []
    public var reopenCount: [UInt32] = []
    public var escalations: [UInt32] = []
    public var infoRequests: [UInt32] = []
    /// Time spent waiting between info requested and info received (or the next work), µs.
    public var infoWaitMicros: [Int64] = []
    public var eventCount: [UInt32] = []

    /// Whether a detection event exists (else the case starts at its first event).
    public var detectedByEvent: [Bool] = []
    public var detectedAt: [Int64] = []
    /// When the case first got an owner or an assignment event.
    public var firstAssignedAt: [Int64] = []
    /// Start of the resolving owner's last spell of ownership (misroute delay = this − first assigned).
    public var finalOwnerAssignedAt: [Int64] = []
    /// First work (work started, escalation, info request, resolution) while an owner holds it.
    public var firstTouchAt: [Int64] = []
    public var firstResolvedAt: [Int64] = []
    /// The resolution that ended the case (resolved or closed rows only).
    public var resolvedAt: [Int64] = []
    public var closedAt: [Int64] = []
    public var cancelledAt: [Int64] = []
    public var lastEventAt: [Int64] = []
    public var status: [ExceptionStatus] = []
    /// SLA target in hours; `nan` = none.
    public var slaTargetHours: [Double] = []
    /// Whether detection → final resolution (or cancellation, or the end of the log) exceeds the target.
    public var slaBreached: [Bool] = []
    /// A milestone (assignment, touch, resolution, closure, cancellation) is earlier than detection.
    public var clockSkew: [Bool] = []

    /// Category, customer, order, tier and dimension columns, in profile order.
    public var attributes: [ExceptionAttribute] = []
    /// The order-value attribute as found in the log, if any.
    public var orderValueAttribute: String?
    /// First order value seen in the case; `nan` = missing.
    public var orderValue: [Double] = []
    /// Order value known at detection; `nan` = missing.
    public var orderValueAtDetection: [Double] = []

    /// Cases that are not rows, each with a reason.
    public var unusable: [UnusableCase] = []
    /// Things the user should know (e.g. a profile attribute absent from the log).
    public var warnings: [String] = []
    /// The last timestamp of the log (the "now" of open cases).
    public var logEnd: Int64 = ExceptionTable.noTime

    public init(profileName: String, ownerAttribute: String, caseIDs: StringPool, owners: StringPool) {
        self.profileName = profileName
        self.ownerAttribute = ownerAttribute
        self.caseIDs = caseIDs
        self.owners = owners
    }

    /// Number of exception rows.
    public var count: Int { caseIndex.count }

    /// The id of row `r`.
    public func id(_ r: Int) -> String { caseIDs.string(caseIndex[r]) }

    /// The owner codes of row `r`, in order.
    public func ownerCodes(_ r: Int) -> ArraySlice<UInt32> {
        ownerSequence[ownerSequenceOffsets[r]..<ownerSequenceOffsets[r + 1]]
    }

    /// The attribute column playing `role` (the first for dimensions).
    public func attribute(_ role: ExceptionAttributeRole) -> ExceptionAttribute? {
        attributes.first { $0.role == role }
    }

    /// Rows per status.
    public func statusCounts() -> [ExceptionStatus: Int] {
        var out: [ExceptionStatus: Int] = [:]
        for s in status { out[s, default: 0] += 1 }
        return out
    }

    /// `to − from` in µs when both happened and the row has no clock skew; else `nil`.
    public func duration(_ r: Int, from: [Int64], to: [Int64]) -> Int64? {
        let a = from[r], b = to[r]
        guard a != ExceptionTable.noTime, b != ExceptionTable.noTime, !clockSkew[r], b >= a else { return nil }
        return b - a
    }
}

/// A category, customer, order, tier or dimension column of an ``ExceptionTable``.
public struct ExceptionAttribute: Sendable {
    public var role: ExceptionAttributeRole
    /// The name the profile uses.
    public var name: String
    /// The name as found in the log, or `nil` when the log lacks it (all values missing).
    public var foundName: String?
    /// Whether the log holds it per case (always known at detection) or per event.
    public var isCaseLevel: Bool
    public var pool: StringPool
    /// First value seen in the case (``StringPool/missing`` = none).
    public var values: [UInt32] = []
    /// Latest value at or before the detection event (the routing feature).
    public var atDetection: [UInt32] = []

    /// The value of row `r`, or `nil`.
    public func value(_ r: Int) -> String? { pool.optionalString(values[r]) }
    /// The value of row `r` known at detection, or `nil`.
    public func valueAtDetection(_ r: Int) -> String? { pool.optionalString(atDetection[r]) }
}
