/// How likely each exception type is for an order, given its tier, region, channel and SKU family.
///
/// P(type | order) ∝ base(type) × tilt(type, order). The tilts encode what causes what (EDI
/// failures come from EDI orders, compliance holds from hazardous goods, tax failures from
/// cross-border regions, …); the base weights are calibrated by iterative proportional
/// fitting so that, over the customer base's order distribution, the realised share of each
/// type equals ``GeneratorConfiguration/typeMix``. Cost: building is O(cells × types × 60);
/// a draw is a scan over nine cumulative weights.
struct ExceptionMix {
    static let typeCount = ExceptionType.allCases.count
    /// Cumulative P(type | cell), `typeCount` per cell.
    private var cumulative: [Double]
    /// P(type | cell), `typeCount` per cell.
    private(set) var conditional: [Double]
    /// Calibrated base weights.
    private(set) var base: [Double]

    init(target: [Double], cells: [Double]) {
        let goal = GeneratorConfiguration.normalised(target)
        let n = Self.typeCount
        let cellCount = OrderAttributes.cellCount
        var tilts = [Double](repeating: 0, count: cellCount * n)
        for cell in 0..<cellCount {
            let (t, r, c, s) = Self.decode(cell)
            for type in ExceptionType.allCases { tilts[cell * n + type.rawValue] = Self.tilt(type, t, r, c, s) }
        }
        var base = goal
        var conditional = [Double](repeating: 0, count: cellCount * n)
        for _ in 0..<60 {
            var marginal = [Double](repeating: 0, count: n)
            for cell in 0..<cellCount {
                var total = 0.0
                for k in 0..<n { total += base[k] * tilts[cell * n + k] }
                for k in 0..<n {
                    let p = total > 0 ? base[k] * tilts[cell * n + k] / total : 0
                    conditional[cell * n + k] = p
                    marginal[k] += cells[cell] * p
                }
            }
            for k in 0..<n where marginal[k] > 0 { base[k] *= goal[k] / marginal[k] }
        }
        self.base = base
        self.conditional = conditional
        cumulative = conditional
        for cell in 0..<cellCount {
            var run = 0.0
            for k in 0..<n {
                run += conditional[cell * n + k]
                cumulative[cell * n + k] = run
            }
        }
    }

    static func decode(_ cell: Int) -> (CustomerTier, Region, SalesChannel, SKUFamily) {
        let skuCount = SKUFamily.allCases.count, channelCount = SalesChannel.allCases.count
        let regionCount = Region.allCases.count
        let s = cell % skuCount
        let c = (cell / skuCount) % channelCount
        let r = (cell / skuCount / channelCount) % regionCount
        let t = cell / skuCount / channelCount / regionCount
        return (
            CustomerTier(rawValue: t) ?? .standard, Region(rawValue: r) ?? .naEast,
            SalesChannel(rawValue: c) ?? .portal, SKUFamily(rawValue: s) ?? .industrial
        )
    }

    /// The multiplier of `type` for an order with these attributes.
    static func tilt(_ type: ExceptionType, _ tier: CustomerTier, _ region: Region, _ channel: SalesChannel, _ sku: SKUFamily) -> Double {
        switch type {
        case .creditHold:
            return [0.5, 0.8, 1.2, 1.8][tier.rawValue] * (channel == .salesRep ? 1.3 : 1)
        case .inventoryShortfall:
            return (sku == .spareParts ? 1.6 : sku == .electrical ? 1.3 : 1) * (region == .apac ? 1.3 : 1)
        case .pricingDiscrepancy:
            return [1.8, 1.8, 1, 0.7][tier.rawValue] * (channel == .salesRep ? 1.5 : 1)
        case .ediFailure:
            return [6, 0.2, 0.05, 2][channel.rawValue]
        case .incompleteShippingData:
            return [0.7, 1.8, 1, 1.5][channel.rawValue] * (sku == .bulkyFreight ? 1.4 : 1)
        case .duplicateOrder:
            return [1.5, 1.3, 0.8, 1.1][channel.rawValue]
        case .taxFailure:
            return [0.7, 0.7, 1.8, 1.5, 1.3][region.rawValue] * (channel == .marketplaceAPI ? 1.5 : 1)
        case .transportConstraint:
            return (sku == .bulkyFreight ? 4 : sku == .hazardousChemicals ? 1.5 : 1) * (region == .apac ? 1.2 : 1)
        case .complianceHold:
            return (sku == .hazardousChemicals ? 8 : sku == .electrical ? 1.2 : 1) * (region == .apac ? 1.5 : 1)
        }
    }

    /// P(type | cell).
    func probability(_ type: ExceptionType, cell: Int) -> Double { conditional[cell * Self.typeCount + type.rawValue] }

    /// A type for an order in `cell`, never one whose bit is set in `excluding`.
    func sample(cell: Int, excluding: UInt16, rng: inout RandomSource) -> ExceptionType {
        let n = Self.typeCount
        let offset = cell * n
        if excluding == 0 {
            let u = rng.uniform() * cumulative[offset + n - 1]
            for k in 0..<n where u < cumulative[offset + k] { return ExceptionType(rawValue: k) ?? .creditHold }
            return ExceptionType(rawValue: n - 1) ?? .complianceHold
        }
        var weights = [Double](repeating: 0, count: n)
        for k in 0..<n where excluding & (1 << k) == 0 { weights[k] = conditional[offset + k] }
        if weights.reduce(0, +) <= 0 {
            for k in 0..<n where excluding & (1 << k) == 0 { weights[k] = 1 }
        }
        return ExceptionType(rawValue: rng.pick(weights)) ?? .creditHold
    }
}
