import EventLog

/// One attribute read as a dictionary code per event, whatever level or type it has.
///
/// `codes[e]` is an index into `names`, or ``StringPool/missing`` when event `e` has no
/// value. Standard columns and string columns are used as they are (no copy); case
/// attributes are spread over their events; int, float, bool and date columns are turned
/// into text once per event. Cost: O(events) at most.
public struct AttributeCodes: Sendable {
    /// The attribute's name as asked for.
    public var attribute: String
    /// One code per event.
    public var codes: [UInt32]
    /// The text of each code.
    public var names: [String]

    public init(attribute: String, codes: [UInt32], names: [String]) {
        self.attribute = attribute
        self.codes = codes
        self.names = names
    }

    /// Reads `attribute` from `log`: `concept:name`, `org:resource`, `org:group`,
    /// `lifecycle:transition`, `case:concept:name`, any event attribute, or any case
    /// attribute (by its name, with or without a `case:` prefix).
    ///
    /// - Throws: ``DiscoveryError`` naming the attributes that exist when there is no such one.
    public init(_ log: EventLog, attribute: String) throws(DiscoveryError) {
        self.attribute = attribute
        switch attribute {
        case "concept:name":
            (codes, names) = (log.activity, log.activities.strings)
        case "org:resource":
            (codes, names) = (log.resource.codes, log.resources.strings)
        case "org:group":
            (codes, names) = (log.group.codes, log.groups.strings)
        case "lifecycle:transition":
            (codes, names) = (log.lifecycle.codes, log.lifecycles.strings)
        case "case:concept:name":
            (codes, names) = (log.caseIndexPerEvent(), log.caseIDs.strings)
        default:
            if let column = log.eventAttribute(attribute) {
                (codes, names) = AttributeCodes.coded(column)
            } else if let column = log.caseAttribute(attribute)
                ?? (attribute.hasPrefix("case:") ? log.caseAttribute(String(attribute.dropFirst(5))) : nil)
                ?? log.caseAttribute("case:" + attribute)
            {
                let (perCase, caseNames) = AttributeCodes.coded(column)
                var perEvent = [UInt32](repeating: StringPool.missing, count: log.eventCount)
                for c in 0..<log.caseCount where c < perCase.count {
                    let code = perCase[c]
                    for e in log.events(ofCase: c) { perEvent[e] = code }
                }
                (codes, names) = (perEvent, caseNames)
            } else {
                throw DiscoveryError.unknownAttribute(attribute, available: AttributeCodes.availableNames(log))
            }
        }
    }

    /// The attribute names ``init(_:attribute:)`` accepts for this log.
    public static func availableNames(_ log: EventLog) -> [String] {
        var names = ["concept:name", "case:concept:name"]
        if log.hasResources { names.append("org:resource") }
        if log.hasGroups { names.append("org:group") }
        if log.hasLifecycle { names.append("lifecycle:transition") }
        names += log.eventAttributes.map(\.name)
        names += log.caseAttributes.map { $0.name.hasPrefix("case:") ? $0.name : "case:" + $0.name }
        return names
    }

    /// Codes and names of a column: string columns as stored, others through their text.
    static func coded(_ column: AttributeColumn) -> ([UInt32], [String]) {
        if column.type == .string { return (column.codes, column.pool.strings) }
        var pool = StringPool()
        var codes = [UInt32](repeating: StringPool.missing, count: column.count)
        for row in 0..<column.count {
            if let value = column.value(at: row) { codes[row] = pool.intern(value.text) }
        }
        return (codes, pool.strings)
    }
}
