import EventLog
import Foundation

/// Exceptions with a known answer, for tests and benchmarks: the owner is drawn from a
/// softmax over additive attribute effects, so the Bayes-optimal accuracy (the noise ceiling)
/// is known exactly for every row.
///
/// Columns: `exception_type` (9), `region` (5), `channel` (4), `customer_tier` (4),
/// `sku_family` (6), `customer_id` (Zipf over `customers`), `order_value` (lognormal by tier),
/// detection times over 2024 with business-hour peaks. Cost: ~1 µs per row.
public struct SyntheticRoutingData: Sendable {
    public static let owners = [
        "credit", "planning", "pricing_ops", "integration_support", "customer_service", "warehouse_ops", "tax",
        "transport_planning", "compliance",
    ]
    public static let types = [
        "credit_hold", "inventory_shortfall", "pricing_discrepancy", "edi_failure", "incomplete_shipping_data",
        "duplicate_order", "tax_failure", "transport_constraint", "compliance_hold",
    ]
    public static let regions = ["NA-East", "NA-West", "EU-Central", "UK", "APAC"]
    public static let channels = ["EDI", "portal", "sales_rep", "marketplace_api"]
    public static let tiers = ["strategic", "key", "standard", "small"]
    public static let skus = ["industrial", "electrical", "hazardous_chemicals", "consumables", "bulky_freight", "spare_parts"]

    /// The generated rows (label = true owner, legacy = a first assignment right ~70 % of the time).
    public var input: FeatureInput
    /// Per row, the probability that the Bayes-optimal rule names the drawn owner.
    public var ceilingProbability: [Double]
    /// Mean of ``ceilingProbability``: the best accuracy any model can expect.
    public var noiseCeiling: Double { ceilingProbability.isEmpty ? 0 : ceilingProbability.reduce(0, +) / Double(ceilingProbability.count) }

    /// Draws `rows` exceptions. `seed` fixes the owner model (the effects), `rowSeed` (default:
    /// `seed`) the rows drawn from it, so two samples of one population differ only in rows.
    /// `signal` scales every effect (higher = cleaner labels).
    public init(rows: Int, seed: UInt64, rowSeed: UInt64? = nil, customers: Int = 2000, signal: Double = 1.0) {
        var rng = SeededGenerator(seed: seed)
        let c = SyntheticRoutingData.owners.count
        func table(_ n: Int, _ scale: Double) -> [[Double]] {
            (0..<n).map { _ in (0..<c).map { _ in rng.normal() * scale * signal } }
        }
        let regionFx = table(5, 2.0), channelFx = table(4, 2.0), tierFx = table(4, 1.2), skuFx = table(6, 2.0)
        let customerFx = table(min(customers, 50), 1.5)
        let hourFx = (0..<c).map { _ in rng.normal() * 0.6 * signal }
        let valueFx = (0..<c).map { _ in rng.normal() * 0.5 * signal }
        let tierMean = [10.2, 9.4, 8.3, 7.2]
        // Zipf over customers: cumulative weights 1/k.
        var cumulative: [Double] = []
        var acc = 0.0
        for k in 1...max(customers, 1) {
            acc += 1 / Double(k)
            cumulative.append(acc)
        }

        var ids: [String] = [], times: [Int64] = []
        var type = CategoricalColumn(name: "exception_type"), region = CategoricalColumn(name: "region")
        var channel = CategoricalColumn(name: "channel"), tier = CategoricalColumn(name: "customer_tier")
        var sku = CategoricalColumn(name: "sku_family"), customer = CategoricalColumn(name: "customer_id")
        var label = CategoricalColumn(name: "resolving_owner"), legacy = CategoricalColumn(name: "first_owner")
        var values: [Double] = []
        var ceiling: [Double] = []
        ids.reserveCapacity(rows)
        times.reserveCapacity(rows)
        let year2024 = Int64(Timestamp.daysFromCivil(year: 2024, month: 1, day: 1)) * 86_400_000_000
        var logits = [Double](repeating: 0, count: c)
        if let rowSeed { rng = SeededGenerator(seed: rowSeed ^ 0x5EED) }
        for i in 0..<rows {
            let t = Int(rng.next() % 9), r = Int(rng.next() % 5), ch = Int(rng.next() % 4)
            let ti = Int(rng.next() % 4), s = Int(rng.next() % 6)
            let u = rng.unit() * acc
            var lo = 0, hi = cumulative.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if cumulative[mid] < u { lo = mid + 1 } else { hi = mid }
            }
            let cust = lo
            let value = exp(tierMean[ti] + rng.normal() * 0.8)
            let day = Int64(rng.next() % 366)
            let hour = rng.unit() < 0.8 ? 8 + Int64(rng.next() % 10) : Int64(rng.next() % 24)
            let time = year2024 + day * 86_400_000_000 + hour * 3_600_000_000 + Int64(rng.next() % 3_600_000_000)
            let late = hour >= 18 || hour < 6
            for k in 0..<c {
                var z = (k == t ? 8.0 * signal : 0) + regionFx[r][k] + channelFx[ch][k] + tierFx[ti][k] + skuFx[s][k]
                if cust < customerFx.count { z += customerFx[cust][k] }
                if late { z += hourFx[k] }
                z += valueFx[k] * (log(value) - 8.8)
                logits[k] = z
            }
            let mx = logits.max() ?? 0
            var sum = 0.0
            for k in 0..<c {
                logits[k] = exp(logits[k] - mx)
                sum += logits[k]
            }
            var draw = rng.unit() * sum, owner = c - 1
            for k in 0..<c {
                draw -= logits[k]
                if draw < 0 {
                    owner = k
                    break
                }
            }
            ceiling.append((logits.max() ?? 0) / sum)
            let legacyOwner = rng.unit() < 0.7 ? owner : Int(rng.next() % UInt64(c))
            ids.append("EX-\(i)")
            times.append(time)
            type.append(SyntheticRoutingData.types[t])
            region.append(SyntheticRoutingData.regions[r])
            channel.append(SyntheticRoutingData.channels[ch])
            tier.append(SyntheticRoutingData.tiers[ti])
            sku.append(SyntheticRoutingData.skus[s])
            customer.append("C-\(cust)")
            values.append((value * 100).rounded() / 100)
            label.append(SyntheticRoutingData.owners[owner])
            legacy.append(SyntheticRoutingData.owners[legacyOwner])
        }
        input = FeatureInput(
            ids: ids, detectedAt: times, categorical: [type, region, channel, tier, sku, customer],
            numeric: [NumericColumn(name: "order_value", values: values)], label: label, legacy: legacy,
            categoryColumn: "exception_type")
        ceilingProbability = ceiling
    }
}
