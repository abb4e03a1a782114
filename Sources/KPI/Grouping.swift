import Lifecycle

/// Slices of exceptions by up to two dimensions, each slice with its accumulator, keyed by
/// its labels so that tables and accumulators with different string pools meet in the
/// same slice.
///
/// Slices are created on first sight. Cost per row: one array read (a dictionary look-up
/// when the two dimensions have more than 4 M label pairs).
struct Grouping<Accumulator: SliceMergeable>: Sendable {
    /// Dimension names as the user gave them.
    var names: [String]
    var labels: [[String]] = []
    var slices: [Accumulator] = []
    private var index: [[String]: Int] = [:]

    init(names: [String]) { self.names = names }

    /// The slice with these labels, created if new.
    mutating func slice(_ key: [String]) -> Int {
        if let i = index[key] { return i }
        let i = slices.count
        index[key] = i
        labels.append(key)
        slices.append(Accumulator())
        return i
    }

    /// Makes room for `n` more slices (avoids moving big accumulators as the array grows).
    mutating func reserve(_ n: Int) {
        slices.reserveCapacity(slices.count + n)
        labels.reserveCapacity(labels.count + n)
    }

    /// Adds `other`'s slices to this grouping's; returns, per slice of `other`, its index here.
    @discardableResult
    mutating func merge(_ other: Grouping<Accumulator>) -> [Int] {
        var map = [Int](repeating: 0, count: other.slices.count)
        for (j, key) in other.labels.enumerated() {
            let i = slice(key)
            slices[i].merge(other.slices[j])
            map[j] = i
        }
        return map
    }
}

/// An accumulator a ``Grouping`` keeps per slice.
protocol SliceMergeable: Sendable {
    init()
    mutating func merge(_ other: Self)
}

/// The slice of each row of one table for one ``Grouping``.
struct SliceMapper {
    private var columns: [DimensionColumn]
    private var dense: [Int32] = []
    private var sparse: [UInt64: Int32] = [:]
    private let width: UInt64
    private let useDense: Bool
    /// At most this many slices can come from this table.
    private(set) var expectedSlices = 1

    /// Resolves the grouping's dimension names in `table`; throws for a name it lacks.
    init(names: [String], table: ExceptionTable) throws(KPIError) {
        var columns: [DimensionColumn] = []
        for name in names { columns.append(DimensionColumn(try SliceDimension.resolve(name, in: table), table: table)) }
        self.init(columns: columns)
    }

    /// Resolves the names in `table`; a name it lacks slices nothing (every row "(none)").
    /// `resolved[i]` says which names were found.
    init(lenient names: [String], table: ExceptionTable) {
        var columns: [DimensionColumn] = []
        var found: [Bool] = []
        for name in names {
            if let d = try? SliceDimension.resolve(name, in: table) {
                columns.append(DimensionColumn(d, table: table))
                found.append(true)
            } else {
                columns.append(DimensionColumn(constant: SliceDimension.missingLabel, count: table.count))
                found.append(false)
            }
        }
        self.init(columns: columns)
        resolved = found
    }

    /// Which dimension names were found (``init(lenient:table:)``; all true otherwise).
    private(set) var resolved: [Bool] = []

    private init(columns: [DimensionColumn]) {
        self.columns = columns
        width = UInt64(columns.count == 2 ? columns[1].labels.count : 1)
        var cells = 1
        for c in columns {
            let (product, overflow) = cells.multipliedReportingOverflow(by: c.labels.count)
            cells = overflow ? Int.max : product
        }
        useDense = cells <= 1 << 22
        if useDense { dense = [Int32](repeating: -1, count: cells) }
        expectedSlices = min(cells, 1 << 20)
    }

    /// The slice of row `r` in `grouping`.
    @inline(__always)
    mutating func slice<A>(ofRow r: Int, in grouping: inout Grouping<A>) -> Int {
        var key: UInt64 = 0
        if columns.count >= 1 { key = UInt64(columns[0].codes[r]) }
        if columns.count == 2 { key = key * width + UInt64(columns[1].codes[r]) }
        if useDense {
            let hit = dense[Int(key)]
            if hit >= 0 { return Int(hit) }
        } else if let hit = sparse[key] {
            return Int(hit)
        }
        let labels = columns.map { $0.labels[Int($0.codes[r])] }
        let i = grouping.slice(labels)
        if useDense { dense[Int(key)] = Int32(i) } else { sparse[key] = Int32(i) }
        return i
    }
}
