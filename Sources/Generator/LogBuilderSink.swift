import EventLog

/// Collects cases into an ``EventLogBuilder`` (and optionally their truth rows) for the
/// in-memory log and the XES writer.
///
/// Standard columns: case id, activity, timestamp (µs UTC), resource, group (`team`). The nine
/// case attributes become typed case columns (`order_value` a float), in CSV column order,
/// so the log equals what a CSV reader makes of the generated file.
struct LogBuilderSink: CaseSink {
    private(set) var builder: EventLogBuilder
    private(set) var truth: [OwnerTruth] = []
    private let keepTruth: Bool
    private let truthFile: TruthWriter?
    private var resourceNames: [String] = []
    private var resourceCodes: [UInt32] = []
    private var groupCodes: [UInt32] = []
    private var activityCodes: [UInt32] = []
    private var columns: [AttributeColumn]

    static let caseColumnNames = [
        "exception_type", "order_id", "customer_id", "customer_tier", "region", "channel", "order_value", "currency",
        "sku_family",
    ]

    init(name: String, keepTruth: Bool, truthFile: TruthWriter?) {
        builder = EventLogBuilder(name: name)
        self.keepTruth = keepTruth
        self.truthFile = truthFile
        columns = Self.caseColumnNames.map {
            AttributeColumn(name: $0, type: $0 == "order_value" ? .float : .string)
        }
    }

    mutating func begin(resourceNames: [String]) throws(GeneratorError) {
        self.resourceNames = resourceNames
        resourceCodes = [UInt32](repeating: StringPool.missing, count: resourceNames.count)
        groupCodes = [UInt32](repeating: StringPool.missing, count: Team.allCases.count + 2)
        activityCodes = [UInt32](repeating: StringPool.missing, count: ExceptionActivity.allCases.count)
        try truthFile?.begin(resourceNames: resourceNames)
    }

    mutating func write(_ c: CaseRecord) throws(GeneratorError) {
        let id = CaseText.string { CaseText.appendCaseID(&$0, c.number) }
        let code = builder.caseIDs.intern(id)
        for e in c.events {
            builder.appendEvent(
                caseCode: code, activity: activityCode(e.activity), timestamp: e.time * 1_000_000,
                resource: resourceCode(e.resource), group: groupCode(e.team))
        }
        let values: [AttributeValue] = [
            .string(c.type.name), .string(CaseText.string { CaseText.appendOrderID(&$0, c.orderNumber) }),
            .string(CaseText.string { CaseText.appendCustomerID(&$0, Int(c.order.customer)) }),
            .string(c.order.tier.name), .string(c.order.region.name), .string(c.order.channel.name),
            .float(Double(c.order.valueCents) / 100), .string(c.order.region.currency), .string(c.order.sku.name),
        ]
        for (i, v) in values.enumerated() { columns[i].append(v) }
        if keepTruth {
            truth.append(OwnerTruth(
                caseID: id, trueOwner: c.truth.owner, legacyOwner: c.legacy, drift: c.truth.drifted,
                noiseCeilingProbability: c.truth.ceiling))
        }
        try truthFile?.write(c)
    }

    /// The finished log.
    func build() -> EventLog {
        var b = builder
        b.caseAttributes = columns
        return b.build()
    }

    private mutating func activityCode(_ a: ExceptionActivity) -> UInt32 {
        let i = Int(a.rawValue)
        if activityCodes[i] == StringPool.missing { activityCodes[i] = builder.activities.intern(a.name) }
        return activityCodes[i]
    }

    private mutating func resourceCode(_ r: UInt32) -> UInt32 {
        let i = Int(r)
        if resourceCodes[i] == StringPool.missing { resourceCodes[i] = builder.resources.intern(resourceNames[i]) }
        return resourceCodes[i]
    }

    private mutating func groupCode(_ team: UInt8) -> UInt32 {
        guard team != SimEvent.noTeam else { return StringPool.missing }
        let i = Int(team)
        if groupCodes[i] == StringPool.missing {
            let name = team == SimEvent.dispatchTeam ? Team.dispatchName : (Team(rawValue: i - 1)?.name ?? "")
            groupCodes[i] = builder.groups.intern(name)
        }
        return groupCodes[i]
    }
}

/// The ground truth of one case (a row of the truth file).
public struct OwnerTruth: Sendable, Equatable {
    public var caseID: String
    /// The team that should own the case (and resolves it unless it is cancelled or still open).
    public var trueOwner: Team
    /// The legacy first assignment.
    public var legacyOwner: Team
    /// Whether the drift changed this case's owner rule.
    public var drift: Bool
    /// Probability that the Bayes-optimal classifier, knowing the case's attributes, is right.
    public var noiseCeilingProbability: Double

    /// Whether the legacy first assignment was right.
    public var legacyCorrect: Bool { trueOwner == legacyOwner }
}
