/// One exception row as a plain value with strings and optionals.
///
/// For tests, JSON output and small tools; bulk consumers read the ``ExceptionTable``
/// columns instead. Times are microseconds UTC, `nil` when the event never happened.
public struct ExceptionRecord: Sendable, Equatable, Codable {
    public var id: String
    public var status: ExceptionStatus
    public var ownerSequence: [String]
    public var firstOwner: String
    public var resolvingOwner: String
    public var handoffs: Int
    public var pingPongs: Int
    public var immediatePingPongs: Int
    public var reopenCount: Int
    public var escalations: Int
    public var infoRequests: Int
    public var infoWaitMicros: Int64
    public var events: Int
    public var detectedByEvent: Bool
    public var detectedAt: Int64
    public var firstAssignedAt: Int64?
    public var finalOwnerAssignedAt: Int64?
    public var firstTouchAt: Int64?
    public var firstResolvedAt: Int64?
    public var resolvedAt: Int64?
    public var closedAt: Int64?
    public var cancelledAt: Int64?
    public var lastEventAt: Int64
    public var slaTargetHours: Double?
    public var slaBreached: Bool
    public var clockSkew: Bool
    /// Attribute values by the profile's attribute name (first value seen in the case).
    public var attributes: [String: String]
    /// Attribute values known at detection, by the profile's attribute name.
    public var attributesAtDetection: [String: String]
    public var orderValue: Double?
    public var orderValueAtDetection: Double?
}

extension ExceptionTable {
    /// Row `r` as an ``ExceptionRecord``. Cost: a few small allocations.
    public func record(_ r: Int) -> ExceptionRecord {
        func time(_ column: [Int64]) -> Int64? { column[r] == ExceptionTable.noTime ? nil : column[r] }
        func number(_ column: [Double]) -> Double? { r < column.count && !column[r].isNaN ? column[r] : nil }
        var attrs: [String: String] = [:]
        var atDetection: [String: String] = [:]
        for a in attributes {
            attrs[a.name] = a.value(r)
            atDetection[a.name] = a.valueAtDetection(r)
        }
        return ExceptionRecord(
            id: id(r), status: status[r], ownerSequence: ownerCodes(r).map { owners.string($0) },
            firstOwner: owners.string(firstOwner[r]), resolvingOwner: owners.string(resolvingOwner[r]),
            handoffs: Int(handoffs[r]), pingPongs: Int(pingPongs[r]), immediatePingPongs: Int(immediatePingPongs[r]),
            reopenCount: Int(reopenCount[r]), escalations: Int(escalations[r]), infoRequests: Int(infoRequests[r]),
            infoWaitMicros: infoWaitMicros[r], events: Int(eventCount[r]), detectedByEvent: detectedByEvent[r],
            detectedAt: detectedAt[r], firstAssignedAt: time(firstAssignedAt),
            finalOwnerAssignedAt: time(finalOwnerAssignedAt), firstTouchAt: time(firstTouchAt),
            firstResolvedAt: time(firstResolvedAt), resolvedAt: time(resolvedAt), closedAt: time(closedAt),
            cancelledAt: time(cancelledAt), lastEventAt: lastEventAt[r], slaTargetHours: number(slaTargetHours),
            slaBreached: slaBreached[r], clockSkew: clockSkew[r], attributes: attrs, attributesAtDetection: atDetection,
            orderValue: number(orderValue), orderValueAtDetection: number(orderValueAtDetection))
    }

    /// The row of the case with this id, or `nil`. Cost: O(rows).
    public func row(ofCase id: String) -> Int? {
        guard let code = caseIDs.code(of: id) else { return nil }
        return caseIndex.firstIndex(of: code)
    }
}
