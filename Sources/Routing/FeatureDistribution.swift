import EventLog

/// The distribution of one input over fixed bins, recorded on the training rows and stored in
/// the model file so later data can be compared with it (``Drift``).
///
/// Categorical columns: one bin per kept value (the 20 most frequent for hashed columns),
/// then `(other)` and `(missing)`. Numerics: training deciles, then `(missing)`. Calendar:
/// hour of day and weekday of the detection time.
public struct FeatureDistribution: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable { case categorical, numeric, hour, weekday }

    public var feature: String
    public var kind: Kind
    /// Bin labels.
    public var bins: [String]
    /// Numeric: upper edges of all bins but the last value bin (ascending).
    public var edges: [Double]
    /// Share of training rows per bin (sums to 1).
    public var proportions: [Double]

    /// Bin counts of `input` for this feature, or `nil` when the input lacks the column.
    public func counts(in input: FeatureInput) -> [Int]? {
        var counts = [Int](repeating: 0, count: bins.count)
        switch kind {
        case .categorical:
            guard let column = input.categoricalColumn(feature) else { return nil }
            var index: [String: Int] = [:]
            for (i, b) in bins.dropLast(2).enumerated() { index[b] = i }
            let other = bins.count - 2, missing = bins.count - 1
            let map = (0..<column.pool.count).map { index[column.pool.string(UInt32($0))] ?? other }
            for code in column.codes { counts[code == StringPool.missing ? missing : map[Int(code)]] += 1 }
        case .numeric:
            guard let column = input.numericColumn(feature) else { return nil }
            for v in column.values { counts[numericBin(v)] += 1 }
        case .hour, .weekday:
            for t in input.detectedAt {
                let c = FeatureEncoder.calendar(t, monthEndDays: 1)
                counts[kind == .hour ? c.hour : c.weekday] += 1
            }
        }
        return counts
    }

    private func numericBin(_ v: Double) -> Int {
        guard !v.isNaN else { return bins.count - 1 }
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if v <= edges[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// References for every input of `spec`, measured on `input` (the training rows).
    public static func reference(for spec: FeatureSpec, from input: FeatureInput, topValues: Int = 20) -> [FeatureDistribution] {
        var out: [FeatureDistribution] = []
        for f in spec.categorical {
            guard let column = input.categoricalColumn(f.name) else { continue }
            var bins: [String]
            if f.encoding == .oneHot {
                bins = f.values
            } else {
                var freq = [Int](repeating: 0, count: column.pool.count)
                for code in column.codes where code != StringPool.missing { freq[Int(code)] += 1 }
                let ranked: [Int] = (0..<freq.count).sorted { (a: Int, b: Int) -> Bool in
                    freq[a] != freq[b] ? freq[a] > freq[b] : a < b
                }
                bins = ranked.prefix(topValues).map { column.pool.string(UInt32($0)) }
            }
            bins += ["(other)", "(missing)"]
            out.append(finish(FeatureDistribution(feature: f.name, kind: .categorical, bins: bins, edges: [], proportions: []), input))
        }
        for f in spec.numeric {
            guard let column = input.numericColumn(f.name) else { continue }
            let sorted = column.values.filter { !$0.isNaN }.sorted()
            var edges: [Double] = []
            if !sorted.isEmpty {
                for q in 1..<10 {
                    let e = sorted[min(sorted.count - 1, sorted.count * q / 10)]
                    if edges.last.map({ e > $0 }) ?? true { edges.append(e) }
                }
            }
            var bins: [String] = edges.map { "≤ " + AttributeValue.format($0) }
            bins.append("> " + (edges.last.map(AttributeValue.format) ?? "-inf"))
            bins.append("(missing)")
            out.append(finish(FeatureDistribution(feature: f.name, kind: .numeric, bins: bins, edges: edges, proportions: []), input))
        }
        if spec.calendar != nil {
            let hours = (0..<24).map { String($0) }, days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
            out.append(finish(FeatureDistribution(feature: "hour", kind: .hour, bins: hours, edges: [], proportions: []), input))
            out.append(finish(FeatureDistribution(feature: "weekday", kind: .weekday, bins: days, edges: [], proportions: []), input))
        }
        return out
    }

    private static func finish(_ d: FeatureDistribution, _ input: FeatureInput) -> FeatureDistribution {
        var d = d
        let counts = d.counts(in: input) ?? []
        let total = max(1, counts.reduce(0, +))
        d.proportions = counts.map { Double($0) / Double(total) }
        return d
    }

    /// Population stability index between the reference and `counts`:
    /// `Σ (aᵢ − eᵢ) · ln(aᵢ / eᵢ)`, shares floored at 1e-4 so empty bins stay finite.
    public func psi(_ counts: [Int]) -> Double {
        let total = Double(max(1, counts.reduce(0, +)))
        var psi = 0.0
        for (i, e) in proportions.enumerated() {
            let a = max(Double(counts[i]) / total, 1e-4), ex = max(e, 1e-4)
            psi += (a - ex) * log(a / ex)
        }
        return psi
    }
}

import Foundation
