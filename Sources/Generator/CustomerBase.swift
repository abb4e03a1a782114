#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One customer: fixed region, tier, main channel and main SKU family.
struct Customer {
    var number: Int32
    var region: Region
    var tier: CustomerTier
    var channel: SalesChannel
    var sku: SKUFamily
}

/// The attributes of one order that hit an exception.
struct OrderAttributes {
    var customer: Int32
    var tier: CustomerTier
    var region: Region
    var channel: SalesChannel
    var sku: SKUFamily
    /// Value in US dollars (used for value bands).
    var usdValue: Double
    /// Value in the region's currency, in cents.
    var valueCents: Int64

    /// Index of the (tier, region, channel, SKU) cell, 0 ..< ``cellCount``.
    var cell: Int { Self.cell(tier, region, channel, sku) }

    static let cellCount = CustomerTier.allCases.count * Region.allCases.count * SalesChannel.allCases.count
        * SKUFamily.allCases.count

    static func cell(_ t: CustomerTier, _ r: Region, _ c: SalesChannel, _ s: SKUFamily) -> Int {
        ((t.rawValue * Region.allCases.count + r.rawValue) * SalesChannel.allCases.count + c.rawValue)
            * SKUFamily.allCases.count + s.rawValue
    }
}

/// Customers ranked by Zipf popularity, and the sampling of orders from them.
///
/// The most popular customers are mostly strategic and key accounts (by ``GeneratorConfiguration/tierShares``
/// of the ranks, with some shuffling); each region draws its customers from its own alias
/// table, so a draw is O(1).
struct CustomerBase {
    private(set) var customers: [Customer]
    private var regionMembers: [[Int32]]
    private var regionTables: [AliasTable]
    /// Zipf weight of each customer (by rank).
    private(set) var weights: [Double]
    private let configuration: GeneratorConfiguration

    /// Probability that an order uses the customer's main channel / main SKU family.
    static let mainChannelShare = 0.8
    static let mainSKUShare = 0.6

    init(configuration: GeneratorConfiguration, rng: inout RandomSource) {
        self.configuration = configuration
        let k = configuration.customers
        weights = (0..<k).map { 1 / pow(Double($0 + 1), configuration.zipfExponent) }
        var numbers = Array(1...Int32(k))
        for i in stride(from: k - 1, to: 0, by: -1) { numbers.swapAt(i, rng.int(below: i + 1)) }
        let tierCut = Self.cumulative(GeneratorConfiguration.normalised(configuration.tierShares))
        let regions = GeneratorConfiguration.normalised(configuration.regionMix)
        var list: [Customer] = []
        list.reserveCapacity(k)
        for rank in 0..<k {
            let position = (Double(rank) + 0.5) / Double(k)
            var tier = tierCut.firstIndex { position < $0 } ?? 3
            if rng.chance(0.15) { tier = min(3, max(0, tier + (rng.chance(0.5) ? 1 : -1))) }
            let t = CustomerTier(rawValue: tier) ?? .standard
            let region = Region(rawValue: rng.pick(regions)) ?? .naEast
            let channel = SalesChannel(rawValue: rng.pick(Self.channelWeights(configuration.channelMix, tier: t))) ?? .portal
            let sku = SKUFamily(rawValue: rng.pick(configuration.skuMix)) ?? .industrial
            list.append(Customer(number: numbers[rank], region: region, tier: t, channel: channel, sku: sku))
        }
        // Every region needs at least one customer.
        for r in Region.allCases where !list.contains(where: { $0.region == r }) {
            list[k - 1 - r.rawValue].region = r
        }
        customers = list
        var members = [[Int32]](repeating: [], count: Region.allCases.count)
        for (rank, c) in list.enumerated() { members[c.region.rawValue].append(Int32(rank)) }
        regionMembers = members
        let w = weights
        regionTables = members.map { AliasTable($0.map { w[Int($0)] }) }
    }

    private static func cumulative(_ shares: [Double]) -> [Double] {
        var total = 0.0
        return shares.map {
            total += $0
            return total
        }
    }

    /// Channel weights for a customer's main channel, tilted by tier (big accounts use EDI,
    /// small ones the portal and marketplaces).
    static func channelWeights(_ mix: [Double], tier: CustomerTier) -> [Double] {
        let tilt: [[Double]] = [[2.0, 0.6, 1.0, 0.3], [1.5, 0.9, 1.0, 0.6], [1, 1, 1, 1], [0.4, 1.3, 0.8, 1.8]]
        return zip(mix, tilt[tier.rawValue]).map { $0 * $1 }
    }

    /// Channel mix of orders not on the main channel; after a drift the marketplace doubles.
    static func otherChannelWeights(_ mix: [Double], drifted: Bool) -> [Double] {
        drifted ? mix.enumerated().map { $0.offset == SalesChannel.marketplaceAPI.rawValue ? $0.element * 4 : $0.element } : mix
    }

    /// A customer (rank index) of `region`, drawn by popularity.
    func sampleCustomer(region: Region, rng: inout RandomSource) -> Int {
        let members = regionMembers[region.rawValue]
        return Int(members[regionTables[region.rawValue].sample(&rng)])
    }

    /// Median order value in USD by tier, and its log-space spread.
    static let valueMedian: [Double] = [42_000, 16_000, 4_200, 950]
    static let valueSigma: [Double] = [0.8, 0.8, 0.9, 1.0]

    /// An order of customer `rank`: channel, SKU family and lognormal value.
    func sampleOrder(customerRank rank: Int, drifted: Bool, rng: inout RandomSource) -> OrderAttributes {
        let c = customers[rank]
        let channel: SalesChannel
        if rng.chance(Self.mainChannelShare) {
            channel = c.channel
        } else {
            let weights = Self.otherChannelWeights(configuration.channelMix, drifted: drifted)
            channel = SalesChannel(rawValue: rng.pick(weights)) ?? c.channel
        }
        let sku = rng.chance(Self.mainSKUShare) ? c.sku : (SKUFamily(rawValue: rng.pick(configuration.skuMix)) ?? c.sku)
        let channelFactor = [1.3, 1.0, 1.1, 0.6][channel.rawValue]
        let usd = max(20, rng.lognormal(
            median: Self.valueMedian[c.tier.rawValue] * channelFactor, sigma: Self.valueSigma[c.tier.rawValue]))
        let cents = Int64((usd * c.region.unitsPerUSD * 100).rounded())
        return OrderAttributes(
            customer: c.number, tier: c.tier, region: c.region, channel: channel, sku: sku, usdValue: usd,
            valueCents: cents)
    }

    /// The share of orders in each (tier, region, channel, SKU) cell before any drift: the
    /// exact distribution the exception mix is calibrated on.
    func cellDistribution() -> [Double] {
        let regions = GeneratorConfiguration.normalised(configuration.regionMix)
        let channels = GeneratorConfiguration.normalised(configuration.channelMix)
        let skus = GeneratorConfiguration.normalised(configuration.skuMix)
        // Mass of customers by (tier, region, main channel, main SKU): the same cell layout.
        var mains = [Double](repeating: 0, count: OrderAttributes.cellCount)
        for r in Region.allCases {
            let members = regionMembers[r.rawValue]
            let total = members.reduce(0.0) { $0 + weights[Int($1)] }
            guard total > 0 else { continue }
            for m in members {
                let c = customers[Int(m)]
                mains[OrderAttributes.cell(c.tier, r, c.channel, c.sku)] += regions[r.rawValue] * weights[Int(m)] / total
            }
        }
        var joint = [Double](repeating: 0, count: OrderAttributes.cellCount)
        for t in CustomerTier.allCases {
            for r in Region.allCases {
                for mc in SalesChannel.allCases {
                    for ms in SKUFamily.allCases {
                        let mass = mains[OrderAttributes.cell(t, r, mc, ms)]
                        guard mass > 0 else { continue }
                        for ch in SalesChannel.allCases {
                            let pc = (ch == mc ? Self.mainChannelShare : 0) + (1 - Self.mainChannelShare) * channels[ch.rawValue]
                            for s in SKUFamily.allCases {
                                let ps = (s == ms ? Self.mainSKUShare : 0) + (1 - Self.mainSKUShare) * skus[s.rawValue]
                                joint[OrderAttributes.cell(t, r, ch, s)] += mass * pc * ps
                            }
                        }
                    }
                }
            }
        }
        return joint
    }
}
