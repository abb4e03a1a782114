import EventLog

/// One categorical column of a ``FeatureInput``: values dictionary-coded in a ``StringPool``.
///
/// `codes[i]` is the pool code of row `i`, or ``StringPool/missing`` when the row has no value.
/// Cost: 4 bytes per row plus the distinct values once.
public struct CategoricalColumn: Sendable, Equatable {
    /// Attribute name, e.g. `exception_type` or `customer_id`.
    public var name: String
    /// The distinct values.
    public var pool: StringPool
    /// One code per row.
    public var codes: [UInt32]

    /// An empty column.
    public init(name: String) {
        self.name = name
        pool = StringPool()
        codes = []
    }

    /// A column over an existing pool and its codes (``StringPool/missing`` = missing).
    public init(name: String, pool: StringPool, codes: [UInt32]) {
        self.name = name
        self.pool = pool
        self.codes = codes
    }

    /// A column holding `values` in order (`nil` = missing).
    public init(name: String, values: [String?]) {
        self.init(name: name)
        codes.reserveCapacity(values.count)
        for v in values { append(v) }
    }

    /// Appends one value (`nil` or empty = missing).
    public mutating func append(_ value: String?) {
        guard let value, !value.isEmpty else { return codes.append(StringPool.missing) }
        codes.append(pool.intern(value))
    }

    /// Appends the value held in raw bytes (empty = missing).
    public mutating func append(bytes: UnsafeRawBufferPointer) {
        guard bytes.count > 0 else { return codes.append(StringPool.missing) }
        codes.append(pool.intern(bytes))
    }

    /// The value of row `row`, or `nil` when missing.
    public func value(at row: Int) -> String? { pool.optionalString(codes[row]) }

    /// Number of rows.
    public var count: Int { codes.count }

    /// The rows `indices`, in that order (the pool is shared, not copied per row).
    public func rows(_ indices: [Int]) -> CategoricalColumn {
        var out = self
        out.codes = indices.map { codes[$0] }
        return out
    }
}

/// One numeric column of a ``FeatureInput``; `Double.nan` marks a missing value.
public struct NumericColumn: Sendable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }

    /// The rows `indices`, in that order.
    public func rows(_ indices: [Int]) -> NumericColumn {
        NumericColumn(name: name, values: indices.map { values[$0] })
    }

    public static func == (a: NumericColumn, b: NumericColumn) -> Bool {
        a.name == b.name && a.values.count == b.values.count
            && zip(a.values, b.values).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) }
    }
}

/// What the routing model learns from: one row per exception, with only what was known when
/// it was detected, plus the owner that resolved it (the label) and, when known, the owner the
/// legacy process assigned first.
///
/// Columnar: categorical attributes dictionary-coded, numerics as `Double` (NaN = missing),
/// detection time as microseconds UTC. Built from a Lifecycle `ExceptionTable`, from a flat
/// file of exceptions, or by hand in tests. Rows need not be in time order; training sorts them.
public struct FeatureInput: Sendable, Equatable {
    /// Exception ids (e.g. case ids), one per row.
    public var ids: [String]
    /// Detection time per row, microseconds since the epoch, UTC.
    public var detectedAt: [Int64]
    /// Categorical attributes known at detection.
    public var categorical: [CategoricalColumn]
    /// Numeric attributes known at detection.
    public var numeric: [NumericColumn]
    /// The owner to predict (e.g. resolving owner); missing for unresolved exceptions.
    public var label: CategoricalColumn?
    /// The owner the legacy process assigned first, for the baseline.
    public var legacy: CategoricalColumn?
    /// The categorical column that names the exception category, for the majority-per-category baseline.
    public var categoryColumn: String?

    public init(
        ids: [String], detectedAt: [Int64], categorical: [CategoricalColumn] = [], numeric: [NumericColumn] = [],
        label: CategoricalColumn? = nil, legacy: CategoricalColumn? = nil, categoryColumn: String? = nil
    ) {
        self.ids = ids
        self.detectedAt = detectedAt
        self.categorical = categorical
        self.numeric = numeric
        self.label = label
        self.legacy = legacy
        self.categoryColumn = categoryColumn
    }

    /// Number of exceptions.
    public var rowCount: Int { detectedAt.count }

    /// The categorical column named `name`.
    public func categoricalColumn(_ name: String) -> CategoricalColumn? { categorical.first { $0.name == name } }

    /// The numeric column named `name`.
    public func numericColumn(_ name: String) -> NumericColumn? { numeric.first { $0.name == name } }

    /// Throws unless every column has one value per row and names are unique.
    public func validate() throws(RoutingError) {
        let n = rowCount
        guard ids.count == n else { throw .invalidInput("ids has \(ids.count) rows, detection times \(n)") }
        var seen = Set<String>()
        for c in categorical {
            guard c.count == n else { throw .invalidInput("column '\(c.name)' has \(c.count) rows, expected \(n)") }
            guard seen.insert(c.name).inserted else { throw .invalidInput("column '\(c.name)' appears twice") }
        }
        for c in numeric {
            guard c.values.count == n else {
                throw .invalidInput("column '\(c.name)' has \(c.values.count) rows, expected \(n)")
            }
            guard seen.insert(c.name).inserted else { throw .invalidInput("column '\(c.name)' appears twice") }
        }
        if let label, label.count != n { throw .invalidInput("label has \(label.count) rows, expected \(n)") }
        if let legacy, legacy.count != n { throw .invalidInput("legacy owner has \(legacy.count) rows, expected \(n)") }
    }

    /// The rows `indices`, in that order.
    public func rows(_ indices: [Int]) -> FeatureInput {
        FeatureInput(
            ids: indices.map { ids[$0] }, detectedAt: indices.map { detectedAt[$0] },
            categorical: categorical.map { $0.rows(indices) }, numeric: numeric.map { $0.rows(indices) },
            label: label?.rows(indices), legacy: legacy?.rows(indices), categoryColumn: categoryColumn)
    }

    /// Row indices ordered by detection time; ties keep input order (stable).
    public func timeOrder() -> [Int] {
        let t = detectedAt
        return (0..<rowCount).sorted { t[$0] != t[$1] ? t[$0] < t[$1] : $0 < $1 }
    }

    /// The same rows sorted by detection time (stable).
    public func sortedByTime() -> FeatureInput {
        let order = timeOrder()
        if order.elementsEqual(0..<rowCount) { return self }
        return rows(order)
    }
}
