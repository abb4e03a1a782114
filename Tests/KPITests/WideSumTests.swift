import Testing

@testable import KPI

/// 128-bit sums: exact past Int64, signed, order-independent.
@Suite struct WideSumTests {
    @Test func sumsPastInt64() {
        var s = WideSum()
        s.add(Int64.max)
        s.add(Int64.max)
        s.add(2)
        // 2 × (2^63 − 1) + 2 = 2^64.
        #expect(s.high == 1 && s.low == 0)
        #expect(s.doubleValue == 18_446_744_073_709_551_616.0)
    }

    @Test func negativeValuesAndSubtraction() {
        var s = WideSum()
        s.add(-5)
        #expect(s.doubleValue == -5)
        s.subtract(-7)
        #expect(s.doubleValue == 2)
        s.subtract(Int64.min)
        #expect(s.doubleValue == 2 + 9_223_372_036_854_775_808.0)
        var t = WideSum(10)
        t.subtract(WideSum(25))
        #expect(t.doubleValue == -15)
    }

    @Test func productsAreExact() {
        var s = WideSum()
        s.add(10_000_000_000, times: 10_000_000_000)
        s.add(-1, times: 3)
        // 10^20 − 3 = 5 × 2^64 + 7 766 279 631 452 241 917.
        #expect(s.high == 5 && s.low == 7_766_279_631_452_241_917)
        var a = WideSum(), b = WideSum()
        let values: [Int64] = [Int64.max, -3, 42, Int64.min + 1, 7]
        for v in values { a.add(v) }
        for v in values.reversed() { b.add(v) }
        #expect(a == b)
    }
}
