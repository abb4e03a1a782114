#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: expands one 64-bit seed into well-mixed words (used to seed ``RandomSource``
/// and to derive independent per-case streams).
struct SplitMix64 {
    var state: UInt64

    @inline(__always)
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// One well-mixed word from two inputs (seed and a stream number).
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var s = SplitMix64(state: a ^ (b &* 0xD1B5_4A32_D192_ED03))
        _ = s.next()
        return s.next()
    }
}

/// A seeded xoshiro256** generator with the samplers the simulation needs.
///
/// Deterministic: the same seed gives the same sequence on every run. It never reads the
/// system's randomness. Each draw costs a few nanoseconds; `normal()` uses Box–Muller
/// without caching so that a draw's cost and effect do not depend on earlier calls.
struct RandomSource {
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    /// A generator whose state is expanded from `seed` with SplitMix64.
    init(seed: UInt64) {
        var sm = SplitMix64(state: seed)
        s0 = sm.next()
        s1 = sm.next()
        s2 = sm.next()
        s3 = sm.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 1 }
    }

    /// An independent stream for `stream` (e.g. a case number) under `seed`.
    init(seed: UInt64, stream: UInt64) {
        self.init(seed: SplitMix64.mix(seed, stream))
    }

    @inline(__always)
    private static func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = Self.rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotl(s3, 45)
        return result
    }

    /// Uniform in [0, 1) with 53 random bits.
    @inline(__always)
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in (0, 1].
    @inline(__always)
    mutating func uniformPositive() -> Double { Double((next() >> 11) + 1) * 0x1.0p-53 }

    /// Uniform integer in 0..<n (n > 0), Lemire's nearly divisionless method.
    @inline(__always)
    mutating func int(below n: Int) -> Int {
        guard n > 1 else { return 0 }
        let bound = UInt64(n)
        var m = next().multipliedFullWidth(by: bound)
        if m.low < bound {
            let threshold = (0 &- bound) % bound
            while m.low < threshold { m = next().multipliedFullWidth(by: bound) }
        }
        return Int(m.high)
    }

    /// `true` with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { uniform() < p }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double {
        let u1 = uniformPositive(), u2 = uniform()
        return sqrt(-2 * log(u1)) * cos(2 * Double.pi * u2)
    }

    /// Lognormal with the given median and log-space standard deviation.
    mutating func lognormal(median: Double, sigma: Double) -> Double {
        median * exp(sigma * normal())
    }

    /// Exponential with the given mean.
    mutating func exponential(mean: Double) -> Double { -mean * log(uniformPositive()) }

    /// Number of extra trials before a failure, each continuing with probability `p`.
    mutating func geometric(continue p: Double, cap: Int) -> Int {
        var n = 0
        while n < cap && chance(p) { n += 1 }
        return n
    }

    /// Poisson with mean `lambda`: Knuth's product method below 30, otherwise Hörmann's
    /// transformed rejection (PTRS), which costs O(1) draws for any mean.
    mutating func poisson(_ lambda: Double) -> Int {
        guard lambda > 0 else { return 0 }
        if lambda < 30 {
            let limit = exp(-lambda)
            var k = 0
            var p = uniform()
            while p > limit {
                k += 1
                p *= uniform()
            }
            return k
        }
        let slam = sqrt(lambda), loglam = log(lambda)
        let b = 0.931 + 2.53 * slam
        let a = -0.059 + 0.02483 * b
        let invalpha = 1.1239 + 1.1328 / (b - 3.4)
        let vr = 0.9277 - 3.6224 / (b - 2)
        while true {
            let u = uniform() - 0.5
            let v = uniformPositive()
            let us = 0.5 - abs(u)
            let k = floor((2 * a / us + b) * u + lambda + 0.43)
            if us >= 0.07 && v <= vr { return Int(k) }
            if k < 0 || (us < 0.013 && v > us) { continue }
            if log(v) + log(invalpha) - log(a / (us * us) + b) <= -lambda + k * loglam - lgamma(k + 1) {
                return Int(k)
            }
        }
    }

    /// An index drawn with probability proportional to `weights` (linear scan; for short lists).
    mutating func pick(_ weights: [Double]) -> Int {
        var total = 0.0
        for w in weights { total += w }
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return max(0, weights.count - 1)
    }
}

/// Walker's alias table: O(n) to build, O(1) per draw from a fixed discrete distribution.
struct AliasTable {
    private var probability: [Double]
    private var alias: [Int32]

    /// A table for `weights` (non-negative, at least one positive).
    init(_ weights: [Double]) {
        let n = weights.count
        let total = weights.reduce(0, +)
        probability = [Double](repeating: 1, count: n)
        alias = [Int32](repeating: 0, count: n)
        guard n > 0, total > 0 else { return }
        var scaled = weights.map { $0 * Double(n) / total }
        var small: [Int] = [], large: [Int] = []
        for i in 0..<n {
            alias[i] = Int32(i)
            if scaled[i] < 1 { small.append(i) } else { large.append(i) }
        }
        while let s = small.popLast() {
            guard let l = large.last else {
                probability[s] = 1
                continue
            }
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] -= 1 - scaled[s]
            if scaled[l] < 1 {
                large.removeLast()
                small.append(l)
            }
        }
        for l in large { probability[l] = 1 }
    }

    var count: Int { probability.count }

    /// One draw.
    @inline(__always)
    func sample(_ rng: inout RandomSource) -> Int {
        let i = rng.int(below: probability.count)
        return rng.uniform() < probability[i] ? i : Int(alias[i])
    }
}
