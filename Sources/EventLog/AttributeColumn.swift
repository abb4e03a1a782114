/// The type of an attribute column, as XES names them.
public enum AttributeType: String, Sendable, Codable, CaseIterable {
    case string, int, float, bool, date
}

/// One attribute value, used at the edges (tests, writers, small lookups); columns
/// store values unboxed.
public enum AttributeValue: Sendable, Equatable, Hashable {
    case string(String)
    case int(Int64)
    case float(Double)
    case bool(Bool)
    /// Microseconds since the epoch, UTC.
    case date(Int64)

    /// The type of this value.
    public var type: AttributeType {
        switch self {
        case .string: .string
        case .int: .int
        case .float: .float
        case .bool: .bool
        case .date: .date
        }
    }

    /// Text form used when a column of mixed types falls back to strings, and by writers.
    public var text: String {
        switch self {
        case .string(let s): s
        case .int(let v): String(v)
        case .float(let v): AttributeValue.format(v)
        case .bool(let v): v ? "true" : "false"
        case .date(let v): Timestamp.iso8601(v)
        }
    }

    /// Shortest text that reads back to the same `Double`.
    public static func format(_ v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v > 0 ? "INF" : "-INF" }
        return "\(v)"
    }
}

/// A typed column of attribute values with explicit missing values.
///
/// Strings are pool codes (``StringPool/missing`` when absent); ints, dates (µs) and bools
/// (0/1) live in `Int64` storage, floats as their bit patterns, each with a validity flag.
/// A column starts with the type of its first value; an int column that meets a float
/// becomes a float column, and any other clash turns the column into strings (the values
/// already stored are rendered as text), so no value is ever lost.
public struct AttributeColumn: Sendable, Equatable {
    /// Attribute key, e.g. `order_value` or `case:region`.
    public let name: String
    /// Current type of the column.
    public private(set) var type: AttributeType
    /// String codes (string columns only).
    public private(set) var codes: [UInt32] = []
    /// String values (string columns only).
    public private(set) var pool = StringPool()

    /// Narrows the table of this column's string pool (see ``StringPool/dropHashes()``).
    public mutating func dropPoolHashes() { pool.dropHashes() }
    /// Raw 64-bit storage for int/date/bool (value) and float (bit pattern).
    public private(set) var raw: [Int64] = []
    /// Validity for non-string columns.
    public private(set) var valid: [Bool] = []

    /// An empty column of the given type.
    public init(name: String, type: AttributeType) {
        self.name = name
        self.type = type
    }

    /// Number of rows (events or cases), present or missing.
    public var count: Int { type == .string ? codes.count : raw.count }

    /// Number of rows that hold a value.
    public var presentCount: Int {
        type == .string ? codes.reduce(0) { $0 + ($1 == StringPool.missing ? 0 : 1) } : valid.reduce(0) { $0 + ($1 ? 1 : 0) }
    }

    /// The value at `row`, or `nil` when missing or out of range.
    public func value(at row: Int) -> AttributeValue? {
        guard row >= 0, row < count else { return nil }
        switch type {
        case .string:
            let c = codes[row]
            return c == StringPool.missing ? nil : .string(pool.string(c))
        case .int: return valid[row] ? .int(raw[row]) : nil
        case .float: return valid[row] ? .float(Double(bitPattern: UInt64(bitPattern: raw[row]))) : nil
        case .bool: return valid[row] ? .bool(raw[row] != 0) : nil
        case .date: return valid[row] ? .date(raw[row]) : nil
        }
    }

    /// Appends a missing value.
    public mutating func appendMissing() {
        if type == .string {
            codes.append(StringPool.missing)
        } else {
            raw.append(0)
            valid.append(false)
        }
    }

    /// Appends a string straight from bytes (hot path for CSV). Converts the column to
    /// strings if it held another type.
    public mutating func appendString(_ bytes: UnsafeRawBufferPointer) {
        if type != .string { convertToStrings() }
        codes.append(pool.intern(bytes))
    }

    /// Appends a value, promoting the column's type when needed.
    public mutating func append(_ value: AttributeValue?) {
        guard let value else { return appendMissing() }
        let fitted = fit(value)
        switch fitted {
        case .string(let s): codes.append(pool.intern(s))
        case .int(let v), .date(let v):
            raw.append(v)
            valid.append(true)
        case .float(let v):
            raw.append(Int64(bitPattern: v.bitPattern))
            valid.append(true)
        case .bool(let v):
            raw.append(v ? 1 : 0)
            valid.append(true)
        }
    }

    /// Sets the value at `row`, growing the column with missing values as needed.
    public mutating func set(_ value: AttributeValue?, at row: Int) {
        while count <= row { appendMissing() }
        guard let value else {
            if type == .string { codes[row] = StringPool.missing } else { valid[row] = false }
            return
        }
        switch fit(value) {
        case .string(let s): codes[row] = pool.intern(s)
        case .int(let v), .date(let v):
            raw[row] = v
            valid[row] = true
        case .float(let v):
            raw[row] = Int64(bitPattern: v.bitPattern)
            valid[row] = true
        case .bool(let v):
            raw[row] = v ? 1 : 0
            valid[row] = true
        }
    }

    /// A copy whose row `i` is this column's row `order[i]`.
    public func permuted(by order: [Int]) -> AttributeColumn {
        var out = self
        if type == .string {
            out.codes = order.map { codes[$0] }
        } else {
            out.raw = order.map { raw[$0] }
            out.valid = order.map { valid[$0] }
        }
        return out
    }

    /// Whether rows `a` and `b` hold the same value (two missing values are equal).
    public func sameValue(_ a: Int, _ b: Int) -> Bool {
        if type == .string { return codes[a] == codes[b] }
        return valid[a] == valid[b] && (!valid[a] || raw[a] == raw[b])
    }

    /// Converts `value` to this column's type, changing the column's type if they clash.
    private mutating func fit(_ value: AttributeValue) -> AttributeValue {
        if value.type == type { return value }
        if count == 0 || (type != .string && !valid.contains(true)) {
            // Nothing stored yet that would need converting: adopt the new type.
            let n = count
            self = AttributeColumn(name: name, type: value.type)
            for _ in 0..<n { appendMissing() }
            return value
        }
        switch (type, value) {
        case (.float, .int(let v)): return .float(Double(v))
        case (.int, .float):
            raw = zip(raw, valid).map { $1 ? Int64(bitPattern: Double($0).bitPattern) : 0 }
            type = .float
            return value
        case (.string, _): return .string(value.text)
        default:
            convertToStrings()
            return .string(value.text)
        }
    }

    private mutating func convertToStrings() {
        guard type != .string else { return }
        var converted = AttributeColumn(name: name, type: .string)
        for row in 0..<count {
            if let v = value(at: row) {
                converted.codes.append(converted.pool.intern(v.text))
            } else {
                converted.codes.append(StringPool.missing)
            }
        }
        self = converted
    }
}

extension AttributeColumn {
    /// A string column from stored parts: `codes[i]` indexes `pool` (``StringPool/missing``
    /// for no value). Used to reload a column exactly, pool order included.
    public init(name: String, pool: StringPool, codes: [UInt32]) {
        self.init(name: name, type: .string)
        self.pool = pool
        self.codes = codes
    }

    /// A non-string column from stored parts: `raw` as described on ``raw``, `valid` of the
    /// same length. Used to reload a column exactly.
    public init(name: String, type: AttributeType, raw: [Int64], valid: [Bool]) {
        self.init(name: name, type: type)
        self.raw = raw
        self.valid = valid
    }
}
