/// A cheap estimate of what building one attribute column will cost, from a sample of its
/// values: how many rows it has and what share of them are distinct. Used to start the
/// costly columns first (so that two threads finish together) and to size a string
/// column's pool up front when nearly every value is new (an order id, a document number).
struct CSVColumnCost {
    /// Rows the column will have (cases for a case-constant column, events otherwise).
    let rows: Int
    /// Estimated distinct values over rows, 0…1 (1 when nothing was sampled).
    let distinctShare: Double
    let type: AttributeType

    /// Values sampled per column, evenly spaced over its rows.
    static let sampleSize = 4096

    /// Work units per row, as measured on a 13-column order log: an integer or boolean 1, a
    /// decimal number or a date 3 (parsed in full), a string 1 plus 3 for a new value, or 4
    /// when there are too many values to cache (every row then looks up the pool's table).
    var units: Double {
        switch type {
        case .string: Double(rows) * (expectedDistinct == nil ? 1 + 3 * distinctShare : 4)
        case .float, .date: Double(rows) * 3
        case .int, .bool: Double(rows)
        }
    }

    /// Distinct values a string column will likely hold, when that is most of its rows or
    /// more than a ``CSVCodeCache`` of ``cachedDistinctLimit`` could keep: a cache in front
    /// of such a column would only miss.
    var expectedDistinct: Int? {
        let distinct = Double(rows) * distinctShare
        return type == .string && (distinctShare >= 0.5 || distinct > Double(CSVColumnCost.cachedDistinctLimit))
            ? Int(distinct) : nil
    }

    /// Most distinct values a string column may hold and still be interned through a cache
    /// (a quarter of the builder's 2^14 entries).
    static let cachedDistinctLimit = 4_096

    /// The estimate for column `k` of `set`.
    static func estimate(_ k: Int, set: CSVAttributeSet, events: Int, source: CSVValueSource) -> CSVColumnCost {
        let type = CSVAttributeTyping.type(of: set.typeMasks[k])
        let rows = set.constant[k] ? set.recordStart.count : events
        guard type == .string, rows > 0 else { return CSVColumnCost(rows: rows, distinctShare: 1, type: type) }
        var seen = Set<UInt64>()
        var present = 0
        let step = max(1, rows / sampleSize)
        for row in stride(from: 0, to: rows, by: step) {
            let ref = set.constant[k]
                ? CSVAttributeSet.valueRef(source.records, set.recordStart[row], column: k, of: set.count)
                : set.perEvent[k][row]
            guard ref != CSVValueRef.missing else { continue }
            present += 1
            seen.insert(StringPool.hash(source.bytes(ref)))
        }
        // Birthday estimate: s samples of D equally likely values repeat about s²/2D times.
        // A skewed column repeats more and is estimated lower, which only sizes less.
        let repeats = present - seen.count
        let distinct = repeats == 0
            ? Double(rows) : min(Double(rows), max(Double(seen.count), Double(present) * Double(present - 1) / Double(2 * repeats)))
        return CSVColumnCost(rows: rows, distinctShare: present == 0 ? 1 : distinct / Double(rows), type: type)
    }
}
