import EventLog

/// A pair of inputs one-hot encoded together (e.g. `exception_type × channel`), so a linear
/// model can learn that a value means one owner for one category and another for the next.
/// A numeric input takes part through its training quantile bins (`q0`…`q9`).
///
/// Layout like a one-hot column: `[kept pairs…, (rare), (unknown)]`; a pair with a missing
/// side is unknown. Pairs are keyed `left \u{1F} right`.
public struct CrossFeature: Codable, Sendable, Equatable {
    public static let separator: UInt8 = 0x1F

    /// The two inputs.
    public var columns: [String]
    /// Per input: the upper edges of its quantile bins when numeric, empty when categorical.
    public var edges: [[Double]]
    /// Kept pairs, slot `i` for `values[i]`.
    public var values: [String]
    /// Pairs seen in training fewer than the minimum frequency (→ rare slot).
    public var rareValues: [String]
    public var offset: Int = 0

    /// Slots this cross takes.
    public var width: Int { values.count + 2 }

    /// Display name, e.g. `exception_type×channel`.
    public var name: String { columns.joined(separator: "×") }

    /// The bin label of a number for input `side` (`q0`, `q1`, …), by binary search of its edges.
    @inline(__always)
    func bin(_ x: Double, side: Int) -> Int {
        let e = edges[side]
        var lo = 0, hi = e.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if x <= e[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// The label of one side of a row of `input` (`nil` = missing).
    static func parts(_ input: FeatureInput, column: String, edges: [Double]) -> [String?]? {
        if let c = input.categoricalColumn(column) {
            let values = c.pool.strings
            return c.codes.map { $0 == StringPool.missing ? nil : values[Int($0)] }
        }
        if let n = input.numericColumn(column) {
            let probe = CrossFeature(columns: [column], edges: [edges], values: [], rareValues: [])
            return n.values.map { $0.isNaN ? nil : "q\(probe.bin($0, side: 0))" }
        }
        return nil
    }

    /// Pair keys of every row of `input` (`nil` when a side is missing). Throws when an input is absent.
    func keys(_ input: FeatureInput) throws(RoutingError) -> [String?] {
        let available = input.categorical.map(\.name) + input.numeric.map(\.name)
        guard let a = CrossFeature.parts(input, column: columns[0], edges: edges[0]) else {
            throw .missingColumn(name: columns[0], available: available)
        }
        guard let b = CrossFeature.parts(input, column: columns[1], edges: edges[1]) else {
            throw .missingColumn(name: columns[1], available: available)
        }
        return zip(a, b).map { x, y in
            guard let x, let y else { return nil }
            return x + "\u{1F}" + y
        }
    }

    /// Fits the cross of `pair` on training rows: quantile edges for numeric sides, kept and rare pairs.
    static func fit(_ pair: [String], on input: FeatureInput, minFrequency: Int, bins: Int) throws(RoutingError) -> CrossFeature {
        guard pair.count == 2, pair[0] != pair[1] else {
            throw .invalidOption("a cross needs two different columns, got \(pair.joined(separator: "×"))")
        }
        let edges = pair.map { name -> [Double] in
            guard let n = input.numericColumn(name) else { return [] }
            let sorted = n.values.filter { !$0.isNaN }.sorted()
            guard !sorted.isEmpty else { return [] }
            var out: [Double] = []
            for q in 1..<max(2, bins) {
                let e = sorted[min(sorted.count - 1, sorted.count * q / max(2, bins))]
                if out.last.map({ e > $0 }) ?? true { out.append(e) }
            }
            return out
        }
        var cross = CrossFeature(columns: pair, edges: edges, values: [], rareValues: [])
        var counts: [String: Int] = [:]
        for key in try cross.keys(input) {
            if let key { counts[key, default: 0] += 1 }
        }
        cross.values = counts.filter { $0.value >= minFrequency }.keys.sorted()
        cross.rareValues = counts.filter { $0.value < minFrequency }.keys.sorted()
        return cross
    }
}
