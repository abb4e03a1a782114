/// How to read an event log as exceptions: who owns a case, what each event means, which
/// attributes describe it, and the SLA targets.
///
/// Profiles are small JSON or YAML files (``ProfileLoader``) with snake_case keys, or one
/// of the ``Presets``. ``validate()`` checks one before use and names every bad field.
///
/// ```yaml
/// name: my-desk
/// owner: org:group            # column naming the team that holds the case
/// non_owners: [dispatch]      # values of it that are not owners
/// roles:
///   detected: [Ticket Opened]
///   resolved: [{transition: Resolved}, Resolve ticket]
///   closed: [Closed]
/// category: category
/// sla: {default_hours: 48, by_category: {network: 8}}
/// ```
public struct LifecycleProfile: Sendable, Equatable, Codable {
    /// Which resolution names the resolving owner.
    public enum ResolvingOwnerRule: String, Sendable, Codable, CaseIterable {
        /// The owner at the first resolution (ITSM: the group on the first Resolved).
        case firstResolution = "first-resolution"
        /// The owner at the last resolution (orders: the team of the last Resolved).
        case lastResolution = "last-resolution"
    }

    /// A short name, shown in summaries.
    public var name: String
    /// The attribute naming the owner: `org:group`, `team`, `org:resource`, or any event or
    /// case attribute. A change of its value (ignoring missing and ``nonOwners``) is a handoff.
    public var owner: String
    /// Attributes tried in order when the log has no ``owner`` attribute (a warning says which
    /// was used), e.g. `assignment_group` for ServiceNow-style exports.
    public var ownerFallbacks: [String]
    /// Values of the owner attribute that do not own the case (e.g. `dispatch`); case-insensitive.
    public var nonOwners: [String]
    /// Activity / transition matchers per role.
    public var roles: [LifecycleRole: [RoleMatcher]]
    /// Which resolution names the resolving owner (when the case never resolves: the last owner).
    public var resolvingOwner: ResolvingOwnerRule
    /// Whether an assignment, work, escalation or info request after a resolution or closure
    /// reopens the case even without a `reopened` event (ITSM logs rarely log reopening).
    public var implicitReopen: Bool
    /// Attribute holding the exception category (e.g. `exception_type`).
    public var category: String?
    /// Attribute holding the order value (numeric).
    public var orderValue: String?
    /// Attribute holding the customer.
    public var customer: String?
    /// Attribute holding the order id.
    public var order: String?
    /// Attribute holding the customer tier.
    public var tier: String?
    /// Further attributes to carry as dimensions (and routing features).
    public var dimensions: [String]
    /// SLA targets.
    public var sla: SLAPolicy
    /// Days within which a new exception for the same order/customer and category counts as a recurrence.
    public var recurrenceWindowDays: Int
    /// Working hours for business-time KPIs; `nil` = wall-clock time only.
    public var businessCalendar: BusinessCalendar?

    public init(
        name: String, owner: String, ownerFallbacks: [String] = [], nonOwners: [String] = [],
        roles: [LifecycleRole: [RoleMatcher]],
        resolvingOwner: ResolvingOwnerRule = .lastResolution, implicitReopen: Bool = false,
        category: String? = nil, orderValue: String? = nil, customer: String? = nil, order: String? = nil,
        tier: String? = nil, dimensions: [String] = [], sla: SLAPolicy = SLAPolicy(),
        recurrenceWindowDays: Int = 30, businessCalendar: BusinessCalendar? = nil
    ) {
        self.name = name
        self.owner = owner
        self.ownerFallbacks = ownerFallbacks
        self.nonOwners = nonOwners
        self.roles = roles
        self.resolvingOwner = resolvingOwner
        self.implicitReopen = implicitReopen
        self.category = category
        self.orderValue = orderValue
        self.customer = customer
        self.order = order
        self.tier = tier
        self.dimensions = dimensions
        self.sla = sla
        self.recurrenceWindowDays = recurrenceWindowDays
        self.businessCalendar = businessCalendar
    }

    /// The matchers of one role (empty when the profile lists none).
    public func matchers(_ role: LifecycleRole) -> [RoleMatcher] { roles[role] ?? [] }

    /// The feature attributes in table order: category, customer, order, tier, then dimensions.
    /// Each entry is (the role it plays, the attribute name).
    public var featureAttributes: [(role: ExceptionAttributeRole, name: String)] {
        var out: [(ExceptionAttributeRole, String)] = []
        if let category { out.append((.category, category)) }
        if let customer { out.append((.customer, customer)) }
        if let order { out.append((.order, order)) }
        if let tier { out.append((.tier, tier)) }
        for d in dimensions { out.append((.dimension, d)) }
        return out
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, owner
        case ownerFallbacks = "owner_fallbacks"
        case nonOwners = "non_owners"
        case roles
        case resolvingOwner = "resolving_owner"
        case implicitReopen = "implicit_reopen"
        case category
        case orderValue = "order_value"
        case customer, order, tier, dimensions, sla
        case recurrenceWindowDays = "recurrence_window_days"
        case businessCalendar = "business_calendar"
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(allowed: CodingKeys.allCases.map(\.rawValue))
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        owner = try c.decode(String.self, forKey: .owner)
        ownerFallbacks = try c.decodeIfPresent([String].self, forKey: .ownerFallbacks) ?? []
        nonOwners = try c.decodeIfPresent([String].self, forKey: .nonOwners) ?? []
        let rolesDecoder = try c.superDecoder(forKey: .roles)
        try rolesDecoder.rejectUnknownKeys(allowed: LifecycleRole.allCases.map(\.rawValue))
        let rc = try rolesDecoder.container(keyedBy: AnyCodingKey.self)
        var roles: [LifecycleRole: [RoleMatcher]] = [:]
        for role in LifecycleRole.allCases {
            let key = AnyCodingKey(role.rawValue)
            guard rc.contains(key) else { continue }
            roles[role] = try rc.decode([RoleMatcher].self, forKey: key)
        }
        self.roles = roles
        if let rule = try c.decodeIfPresent(String.self, forKey: .resolvingOwner) {
            guard let parsed = ResolvingOwnerRule(rawValue: rule.lowercased()) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .resolvingOwner, in: c,
                    debugDescription: "expected first-resolution or last-resolution, found '\(rule)'")
            }
            resolvingOwner = parsed
        } else {
            resolvingOwner = .lastResolution
        }
        implicitReopen = try c.decodeIfPresent(Bool.self, forKey: .implicitReopen) ?? false
        category = try c.decodeIfPresent(String.self, forKey: .category)
        orderValue = try c.decodeIfPresent(String.self, forKey: .orderValue)
        customer = try c.decodeIfPresent(String.self, forKey: .customer)
        order = try c.decodeIfPresent(String.self, forKey: .order)
        tier = try c.decodeIfPresent(String.self, forKey: .tier)
        dimensions = try c.decodeIfPresent([String].self, forKey: .dimensions) ?? []
        sla = try c.decodeIfPresent(SLAPolicy.self, forKey: .sla) ?? SLAPolicy()
        recurrenceWindowDays = try c.decodeIfPresent(Int.self, forKey: .recurrenceWindowDays) ?? 30
        businessCalendar = try c.decodeIfPresent(BusinessCalendar.self, forKey: .businessCalendar)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encode(owner, forKey: .owner)
        if !ownerFallbacks.isEmpty { try c.encode(ownerFallbacks, forKey: .ownerFallbacks) }
        try c.encode(nonOwners, forKey: .nonOwners)
        var rc = c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .roles)
        for role in LifecycleRole.allCases {
            if let list = roles[role] { try rc.encode(list, forKey: AnyCodingKey(role.rawValue)) }
        }
        try c.encode(resolvingOwner, forKey: .resolvingOwner)
        try c.encode(implicitReopen, forKey: .implicitReopen)
        try c.encodeIfPresent(category, forKey: .category)
        try c.encodeIfPresent(orderValue, forKey: .orderValue)
        try c.encodeIfPresent(customer, forKey: .customer)
        try c.encodeIfPresent(order, forKey: .order)
        try c.encodeIfPresent(tier, forKey: .tier)
        try c.encode(dimensions, forKey: .dimensions)
        try c.encode(sla, forKey: .sla)
        try c.encode(recurrenceWindowDays, forKey: .recurrenceWindowDays)
        try c.encodeIfPresent(businessCalendar, forKey: .businessCalendar)
    }
}

/// The part an attribute plays in an exception row.
public enum ExceptionAttributeRole: String, Sendable, Codable, CaseIterable {
    case category, customer, order, tier, dimension
}
