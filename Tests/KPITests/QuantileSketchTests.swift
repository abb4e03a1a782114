import Foundation
import Testing

@testable import KPI

/// The sketch answers exactly while small, within its error bound when binned, and merges exactly.
@Suite struct QuantileSketchTests {
    private func sketch(_ values: [Int64]) -> QuantileSketch {
        var s = QuantileSketch()
        for v in values { s.add(v) }
        return s
    }

    @Test func exactQuantilesInterpolateLikeNumpy() {
        let s = sketch([40, 10, 30, 20])
        // Sorted 10 20 30 40: median at rank 1.5 → 25; p90 at rank 2.7 → 30 + 0.7 × 10 = 37; p95 at 2.85 → 38.5.
        let q = s.quantiles([0.5, 0.9, 0.95, 0, 1])
        #expect(q == [25, 37, 38.5, 10, 40])
        #expect(!s.isBinned && s.count == 4 && s.min == 10 && s.max == 40)
    }

    @Test func emptyAndSingle() {
        #expect(QuantileSketch().quantiles([0.5]).isEmpty)
        #expect(sketch([7]).quantiles([0.5, 0.95]) == [7, 7])
        #expect(sketch([0, 0, 0]).quantiles([0.5]) == [0])
    }

    @Test func excessOverAThreshold() {
        // max(0, 0 − 5) + max(0, 10 − 5) + max(0, 20 − 5) = 20.
        #expect(sketch([0, 10, 20]).excess(over: 5) == 20)
        #expect(sketch([0, 10, 20]).excess(over: 25) == 0)
    }

    @Test func binnedAnswersStayWithinTheRelativeErrorBound() {
        var rng = SplitMix(seed: 3)
        var values: [Int64] = []
        for _ in 0..<20_000 {
            let v = Int64(exp(Double(rng.next() % 1_000_000) / 1_000_000 * 20))
            values.append(rng.next() % 50 == 0 ? 0 : v)
        }
        let s = sketch(values)
        #expect(s.isBinned)
        let sorted = values.sorted()
        let alpha = QuantileSketch.relativeAccuracy
        for q in [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99] {
            let h = q * Double(values.count - 1)
            let lo = Double(sorted[Int(h.rounded(.down))]), hi = Double(sorted[min(Int(h.rounded(.down)) + 1, values.count - 1)])
            let got = s.quantiles([q])[0]
            #expect(got >= lo * (1 - alpha) - 1e-9 && got <= hi * (1 + alpha) + 1e-9, "q \(q): \(got) not in [\(lo), \(hi)] ± α")
        }
        #expect(s.quantiles([0, 1]) == [Double(sorted[0]), Double(sorted[values.count - 1])])
        let exactExcess = values.reduce(0.0) { $0 + max(0, Double($1) - 1000) }
        #expect(abs(s.excess(over: 1000) - exactExcess) <= exactExcess * alpha)
    }

    @Test func mergingHalvesEqualsTheWhole() {
        var rng = SplitMix(seed: 9)
        for total in [10, 1024, 1025, 1500, 5000] {
            let values = (0..<total).map { _ in Int64(rng.next() % 10_000_000) }
            let whole = sketch(values)
            for cut in [0, 1, total / 3, total / 2, total - 1] {
                var left = sketch(Array(values[..<cut]))
                left.merge(sketch(Array(values[cut...])))
                let qs = [0.0, 0.1, 0.5, 0.9, 0.95, 1.0]
                #expect(left.quantiles(qs) == whole.quantiles(qs), "total \(total) cut \(cut)")
                #expect(left.count == whole.count && left.isBinned == whole.isBinned)
                #expect(left.excess(over: 5_000_000) == whole.excess(over: 5_000_000))
            }
        }
    }
}

/// A tiny deterministic generator for tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
