/// Encoded feature rows in a compact sparse form: every row has exactly `entriesPerRow`
/// (index, value) pairs. 8 bytes per entry, so 800 k rows × 12 entries take ~77 MB where the
/// dense matrix of a few hundred columns would take ~1 GB.
///
/// Training expands mini-batches into dense row-major blocks (``scatter(rows:into:)``) for
/// `cblas_sgemm`, then clears only the touched positions (``clear(rows:in:)``).
public struct EncodedRows: Sendable, Equatable {
    /// Length of a dense row.
    public let dimension: Int
    /// Entries per row.
    public let entriesPerRow: Int
    /// Feature indices, `rowCount × entriesPerRow`.
    public internal(set) var indices: [Int32]
    /// Feature values, same shape.
    public internal(set) var values: [Float]

    public init(dimension: Int, entriesPerRow: Int, indices: [Int32] = [], values: [Float] = []) {
        self.dimension = dimension
        self.entriesPerRow = entriesPerRow
        self.indices = indices
        self.values = values
    }

    /// Number of rows.
    public var rowCount: Int { entriesPerRow == 0 ? 0 : indices.count / entriesPerRow }

    /// The rows in `range`.
    public func rows(_ range: Range<Int>) -> EncodedRows {
        let k = entriesPerRow
        return EncodedRows(
            dimension: dimension, entriesPerRow: k, indices: Array(indices[range.lowerBound * k..<range.upperBound * k]),
            values: Array(values[range.lowerBound * k..<range.upperBound * k]))
    }

    /// The rows `list`, in that order.
    public func rows(_ list: [Int]) -> EncodedRows {
        let k = entriesPerRow
        var out = EncodedRows(dimension: dimension, entriesPerRow: k)
        out.indices.reserveCapacity(list.count * k)
        out.values.reserveCapacity(list.count * k)
        for r in list {
            out.indices.append(contentsOf: indices[r * k..<(r + 1) * k])
            out.values.append(contentsOf: values[r * k..<(r + 1) * k])
        }
        return out
    }

    /// Row `row` as a dense vector (for tests and explanations).
    public func dense(row: Int) -> [Float] {
        var out = [Float](repeating: 0, count: dimension)
        for e in 0..<entriesPerRow { out[Int(indices[row * entriesPerRow + e])] += values[row * entriesPerRow + e] }
        return out
    }

    /// Writes rows `rows[i]` into dense row `i` of `block` (row-major, `dimension` wide), which
    /// must be zero at the positions these rows touch. Cost: O(rows × entriesPerRow).
    func scatter(rows: UnsafeBufferPointer<Int32>, into block: UnsafeMutablePointer<Float>) {
        let k = entriesPerRow, d = dimension
        indices.withUnsafeBufferPointer { idx in
            values.withUnsafeBufferPointer { val in
                for (i, r) in rows.enumerated() {
                    let base = Int(r) * k
                    let out = block + i * d
                    for e in 0..<k { out[Int(idx[base + e])] += val[base + e] }
                }
            }
        }
    }

    /// Zeroes the positions that ``scatter(rows:into:)`` wrote for the same rows.
    func clear(rows: UnsafeBufferPointer<Int32>, in block: UnsafeMutablePointer<Float>) {
        let k = entriesPerRow, d = dimension
        indices.withUnsafeBufferPointer { idx in
            for (i, r) in rows.enumerated() {
                let base = Int(r) * k
                let out = block + i * d
                for e in 0..<k { out[Int(idx[base + e])] = 0 }
            }
        }
    }

    mutating func append(index: Int32, value: Float) {
        indices.append(index)
        values.append(value)
    }

    mutating func reserve(rows: Int) {
        indices.reserveCapacity(rows * entriesPerRow)
        values.reserveCapacity(rows * entriesPerRow)
    }
}
