/// An exact sum of `Int64` values, or of products of two, kept in 128 bits.
///
/// Totals of microseconds, cents and cent-microseconds neither overflow nor depend on the
/// order of addition, so a sum built from partitions in any order has the same bits as
/// the sum over the whole: the property the merge of KPI accumulators relies on.
/// Cost: two integer additions per value (a full-width multiply for products).
public struct WideSum: Sendable, Equatable, Hashable {
    /// The upper 64 bits, two's complement.
    public private(set) var high: Int64 = 0
    /// The lower 64 bits.
    public private(set) var low: UInt64 = 0

    public init() {}

    /// A sum holding `value`.
    public init(_ value: Int64) { add(value) }

    /// Adds `value`.
    @inline(__always)
    public mutating func add(_ value: Int64) {
        let (sum, carry) = low.addingReportingOverflow(UInt64(bitPattern: value))
        low = sum
        high = high &+ (value < 0 ? -1 : 0) &+ (carry ? 1 : 0)
    }

    /// Subtracts `value`.
    @inline(__always)
    public mutating func subtract(_ value: Int64) {
        if value == .min {
            // −Int64.min = 2^63, which fits the low word.
            let (sum, carry) = low.addingReportingOverflow(1 << 63)
            low = sum
            high = high &+ (carry ? 1 : 0)
        } else {
            add(-value)
        }
    }

    /// Subtracts another sum.
    @inline(__always)
    public mutating func subtract(_ other: WideSum) {
        // Two's complement negation of the 128-bit value, then an addition.
        let negLow = ~other.low &+ 1
        let negHigh = ~other.high &+ (other.low == 0 ? 1 : 0)
        let (sum, carry) = low.addingReportingOverflow(negLow)
        low = sum
        high = high &+ negHigh &+ (carry ? 1 : 0)
    }

    /// Adds `a × b` exactly.
    @inline(__always)
    public mutating func add(_ a: Int64, times b: Int64) {
        let product = a.multipliedFullWidth(by: b)
        let (sum, carry) = low.addingReportingOverflow(product.low)
        low = sum
        high = high &+ product.high &+ (carry ? 1 : 0)
    }

    /// Adds another sum.
    @inline(__always)
    public mutating func add(_ other: WideSum) {
        let (sum, carry) = low.addingReportingOverflow(other.low)
        low = sum
        high = high &+ other.high &+ (carry ? 1 : 0)
    }

    /// The sum as a `Double` (exact up to 2^53, then rounded once).
    public var doubleValue: Double {
        if high == 0 { return Double(low) }
        if high == -1, low >= 1 << 63 { return Double(Int64(bitPattern: low)) }
        return Double(high) * 18_446_744_073_709_551_616.0 + Double(low)
    }
}
