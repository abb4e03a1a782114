/// The ground truth of who owns an exception: a noisy function of the order's attributes.
///
/// A rule maps (type, tier, region, channel, SKU family, value band) to the team the
/// attributes point to; with probability `q` that team owns the case, otherwise one of the
/// type's confusable teams does. `q` varies with type, channel and tier around
/// ``GeneratorConfiguration/ownerPredictability`` (its mean over the order distribution is
/// exactly the dial before clamping), and since `q > 1/2` the rule's team is always the most
/// likely one: `q` is the probability that the Bayes-optimal classifier gets the case right.
struct OwnerModel {
    /// The drawn owner of one case.
    struct Draw {
        var owner: Team
        var ruleOwner: Team
        /// Probability that the Bayes-optimal rule is right on this case.
        var ceiling: Double
        /// Whether the drift changed the rule's team for this case.
        var drifted: Bool
    }

    private let predictability: Double
    private let centre: Double

    init(configuration: GeneratorConfiguration, mix: ExceptionMix, cells: [Double]) {
        predictability = configuration.ownerPredictability
        var mean = 0.0
        for cell in 0..<cells.count where cells[cell] > 0 {
            let (t, _, c, _) = ExceptionMix.decode(cell)
            for type in ExceptionType.allCases {
                mean += cells[cell] * mix.probability(type, cell: cell) * Self.shift(type, c, t)
            }
        }
        centre = mean
    }

    /// How much more (or less) predictable the owner is for these attributes.
    static func shift(_ type: ExceptionType, _ channel: SalesChannel, _ tier: CustomerTier) -> Double {
        let byType = [0.05, -0.04, -0.03, 0.03, -0.04, 0.0, 0.03, -0.02, 0.05][type.rawValue]
        let byChannel = [0.02, 0.0, -0.03, -0.04][channel.rawValue]
        let byTier = [0.02, 0.01, 0.0, -0.02][tier.rawValue]
        return byType + byChannel + byTier
    }

    /// The team the type's runbook names, regardless of the order (what the legacy router follows).
    static func runbookTeam(_ type: ExceptionType) -> Team {
        [.credit, .planning, .pricingOps, .integrationSupport, .customerService, .customerService, .tax,
         .transportPlanning, .compliance][type.rawValue]
    }

    /// Teams that plausibly own (or get handed) a case of this type, most plausible first.
    static func confusable(_ type: ExceptionType) -> [Team] {
        switch type {
        case .creditHold: [.customerService, .pricingOps, .credit]
        case .inventoryShortfall: [.warehouseOps, .planning, .transportPlanning, .customerService]
        case .pricingDiscrepancy: [.customerService, .pricingOps, .integrationSupport, .credit]
        case .ediFailure: [.customerService, .integrationSupport, .warehouseOps]
        case .incompleteShippingData: [.transportPlanning, .warehouseOps, .customerService, .integrationSupport]
        case .duplicateOrder: [.integrationSupport, .customerService, .warehouseOps]
        case .taxFailure: [.customerService, .integrationSupport, .tax, .compliance]
        case .transportConstraint: [.warehouseOps, .compliance, .transportPlanning, .planning]
        case .complianceHold: [.tax, .transportPlanning, .compliance, .customerService]
        }
    }

    /// The team the attributes point to. `reorganised` applies the drift's new responsibilities.
    static func ruleOwner(_ type: ExceptionType, _ o: OrderAttributes, reorganised: Bool) -> Team {
        let europe = o.region == .euCentral || o.region == .uk
        switch type {
        case .creditHold:
            if o.tier == .strategic || o.channel == .marketplaceAPI { return .customerService }
            return .credit
        case .inventoryShortfall:
            if o.sku == .spareParts || o.region == .apac { return .warehouseOps }
            return reorganised && europe ? .warehouseOps : .planning
        case .pricingDiscrepancy:
            if o.channel == .edi { return .integrationSupport }
            if o.channel == .salesRep && (o.tier == .strategic || o.tier == .key) { return .customerService }
            return .pricingOps
        case .ediFailure:
            if o.channel == .marketplaceAPI { return .integrationSupport }
            if o.tier == .small || o.channel == .portal || o.channel == .salesRep { return .customerService }
            return .integrationSupport
        case .incompleteShippingData:
            if o.sku == .hazardousChemicals { return .compliance }
            if o.sku == .bulkyFreight { return .transportPlanning }
            if o.channel == .marketplaceAPI { return .integrationSupport }
            return .customerService
        case .duplicateOrder:
            return o.channel == .edi || o.channel == .marketplaceAPI ? .integrationSupport : .customerService
        case .taxFailure:
            if o.channel == .marketplaceAPI { return .integrationSupport }
            if o.tier == .small && (o.region == .naEast || o.region == .naWest) { return .customerService }
            return .tax
        case .transportConstraint:
            if o.sku == .hazardousChemicals { return .compliance }
            if o.usdValue < 1_500 { return .warehouseOps }
            return reorganised && europe ? .warehouseOps : .transportPlanning
        case .complianceHold:
            // Dual-use electrical goods outside North America need an export classification.
            if o.sku == .electrical && o.region != .naEast && o.region != .naWest { return .tax }
            return .compliance
        }
    }

    /// Probability that the rule's team owns this case.
    func ceiling(_ type: ExceptionType, _ o: OrderAttributes) -> Double {
        min(0.985, max(0.55, predictability + Self.shift(type, o.channel, o.tier) - centre))
    }

    /// Draws the owner of a case detected before (`afterDrift == false`) or after the drift.
    func draw(_ type: ExceptionType, _ o: OrderAttributes, afterDrift: Bool, rng: inout RandomSource) -> Draw {
        let rule = Self.ruleOwner(type, o, reorganised: afterDrift)
        let drifted = afterDrift && rule != Self.ruleOwner(type, o, reorganised: false)
        let q = ceiling(type, o)
        guard !rng.chance(q) else { return Draw(owner: rule, ruleOwner: rule, ceiling: q, drifted: drifted) }
        let alternatives = Self.confusable(type).filter { $0 != rule }
        let owner = alternatives.count > 1 && !rng.chance(0.65) ? alternatives[1] : (alternatives.first ?? .customerService)
        return Draw(owner: owner, ruleOwner: rule, ceiling: q, drifted: drifted)
    }
}
