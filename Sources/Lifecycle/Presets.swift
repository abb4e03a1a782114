/// The profiles that ship with Switchyard.
///
/// - `orders`: the vocabulary of the bundled order-exception data (`VOCABULARY.md`): owner
///   `team` (`dispatch` is not an owner), one activity per role, resolving owner = team of
///   the last `Resolved`, category `exception_type`, tier `customer_tier`. SLA targets (wall-clock
///   hours, near the 80th percentile of the bundled sample's resolution times): 48–120 by
///   category, 48 for strategic and 72 for key accounts, 96 otherwise.
/// - `itsm`: IT-service-management incident logs (BPI Challenge 2013 incidents,
///   ServiceNow-style exports, helpdesk logs): owner `org:group` (else the first of
///   `assignment_group`, `Assignment Group`, `assigned_group`, `support_group`,
///   `resolver_group`, `workgroup`, `team`, `group` that the log has), status words matched on
///   the activity *or* the lifecycle transition, resolving owner = group at the first
///   resolution, and work after a resolution reopens the case. SLA: 120 h for every ticket
///   (a placeholder: ITSM targets depend on priority; set `by_tier` with `tier: priority`).
public enum Presets {
    /// Names accepted by ``named(_:)``.
    public static let names = ["orders", "itsm"]

    /// The preset with this name (case-insensitive), or `nil`.
    public static func named(_ name: String) -> LifecycleProfile? {
        switch name.lowercased() {
        case "orders": orders
        case "itsm": itsm
        default: nil
        }
    }

    /// The `orders` preset.
    public static let orders = LifecycleProfile(
        name: "orders",
        owner: "team",
        nonOwners: ["dispatch"],
        roles: [
            .detected: [.activity("Exception Detected")],
            .assigned: [.activity("Assigned")],
            .reassigned: [.activity("Reassigned")],
            .workStarted: [.activity("Work Started")],
            .escalated: [.activity("Escalated")],
            .infoRequested: [.activity("Info Requested")],
            .infoReceived: [.activity("Info Received")],
            .resolved: [.activity("Resolved")],
            .reopened: [.activity("Reopened")],
            .closed: [.activity("Closed")],
            .cancelled: [.activity("Cancelled")],
        ],
        resolvingOwner: .lastResolution,
        implicitReopen: false,
        category: "exception_type",
        orderValue: "order_value",
        customer: "customer_id",
        order: "order_id",
        tier: "customer_tier",
        dimensions: ["region", "channel", "sku_family"],
        sla: SLAPolicy(
            defaultHours: 96,
            byCategory: [
                "credit_hold": 72, "inventory_shortfall": 96, "pricing_discrepancy": 72, "edi_failure": 48,
                "incomplete_shipping_data": 72, "duplicate_order": 48, "tax_failure": 96,
                "transport_constraint": 72, "compliance_hold": 120,
            ],
            byTier: ["strategic": 48, "key": 72]),
        recurrenceWindowDays: 30)

    /// The `itsm` preset.
    public static let itsm = LifecycleProfile(
        name: "itsm",
        owner: "org:group",
        ownerFallbacks: [
            "assignment_group", "Assignment Group", "assigned_group", "support_group", "resolver_group", "workgroup",
            "team", "group",
        ],
        nonOwners: [],
        roles: [
            .detected: either(
                "Open", "Opened", "New", "Created", "Registered", "Logged", "Insert ticket", "Open ticket",
                "Create ticket", "Ticket opened", "Detected"),
            .assigned: either("Assigned", "Assign", "Assignment", "Awaiting Assignment", "Queued"),
            .reassigned: either("Reassigned", "Reassign", "Reassignment", "Transferred", "Transfer", "Forwarded"),
            .workStarted: either(
                "In Progress", "Work in Progress", "Work Started", "Take in charge ticket", "Active", "Started"),
            .escalated: either("Escalated", "Escalate", "Escalation", "Require upgrade"),
            .infoRequested: either(
                "Wait - User", "Wait - Customer", "Wait - Vendor", "Wait", "Awaiting User Info", "Awaiting Customer",
                "Awaiting Vendor", "Awaiting Evidence", "Pending Customer", "Pending User", "Pending Vendor",
                "On Hold", "Info Requested"),
            .infoReceived: either(
                "Info Received", "User Responded", "Customer Responded", "Customer Replied", "User Replied"),
            .resolved: either("Resolved", "Resolve", "Resolve ticket", "Solved", "Fixed", "In Call"),
            .reopened: either("Reopened", "Reopen", "Re-opened", "Re-open"),
            .closed: either("Closed", "Close", "Closure", "Close ticket"),
            .cancelled: either("Cancelled", "Canceled", "Cancel", "Aborted") + [.transition("pi_abort")],
        ],
        resolvingOwner: .firstResolution,
        implicitReopen: true,
        sla: SLAPolicy(defaultHours: 120),
        recurrenceWindowDays: 30)

    /// Matchers for each word as an activity and as a lifecycle transition.
    private static func either(_ words: String...) -> [RoleMatcher] {
        words.flatMap { [RoleMatcher.activity($0), .transition($0)] }
    }
}
