/// Order-value sums of a slice, in cents (and cent-µs). Merges exactly.
struct RevenueSums: Sendable {
    var withValue = 0
    var missingValue = 0
    var total = WideSum()
    var open = WideSum()
    var openBreached = WideSum()
    var breached = WideSum()
    var valueTime = WideSum()

    @inline(__always)
    mutating func add(_ f: RowFacts) {
        guard f.hasValue else {
            missingValue += 1
            return
        }
        withValue += 1
        total.add(f.valueCents)
        if f.state == .open {
            open.add(f.valueCents)
            if f.breached { openBreached.add(f.valueCents) }
        }
        if f.breached { breached.add(f.valueCents) }
        if f.lifetime.isPresent { valueTime.add(f.valueCents, times: f.lifetime.micros) }
    }

    mutating func merge(_ o: RevenueSums) {
        withValue += o.withValue
        missingValue += o.missingValue
        total.add(o.total)
        open.add(o.open)
        openBreached.add(o.openBreached)
        breached.add(o.breached)
        valueTime.add(o.valueTime)
    }
}

/// Revenue at risk, in the order-value attribute's currency units (the table does not
/// convert currencies: slice by region or currency when the log mixes them): value of all
/// exceptions with a value, of those open now, open and past SLA, breached at any time, and
/// value-days at risk (value × days from detection to resolution, cancellation or now).
/// Exceptions without a value are counted, not guessed.
public struct RevenueKPIs: Sendable, Equatable, Codable {
    public var withValue: Int
    public var missingValue: Int
    public var totalValue: Double
    public var openValue: Double
    public var openBreachedValue: Double
    public var breachedValue: Double
    public var valueDaysAtRisk: Double

    enum CodingKeys: String, CodingKey {
        case withValue = "with_value"
        case missingValue = "missing_value"
        case totalValue = "total_value"
        case openValue = "open_value"
        case openBreachedValue = "open_breached_value"
        case breachedValue = "breached_value"
        case valueDaysAtRisk = "value_days_at_risk"
    }

    init(_ s: RevenueSums) {
        withValue = s.withValue
        missingValue = s.missingValue
        totalValue = s.total.doubleValue / 100
        openValue = s.open.doubleValue / 100
        openBreachedValue = s.openBreached.doubleValue / 100
        breachedValue = s.breached.doubleValue / 100
        valueDaysAtRisk = s.valueTime.doubleValue / 100 / Double(microsPerDay)
    }
}
