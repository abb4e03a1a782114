/// Builds one typed ``AttributeColumn`` from cell bytes, row by row: strings interned
/// through a ``CSVCodeCache`` into the column's own pool, other types parsed into raw
/// 64-bit storage.
struct CSVColumnBuilder {
    let name: String
    let type: AttributeType
    private var pool = StringPool()
    private let cache: CSVCodeCache?
    private var codes: [UInt32] = []
    private var raw: [Int64] = []
    private var valid: [Bool] = []

    /// A builder for `rows` rows. A string column expected to hold `expectedDistinct`
    /// values (most of its rows) gets a pool of that size at once and no cache, which
    /// would only miss.
    init(name: String, type: AttributeType, rows: Int, expectedDistinct: Int? = nil) {
        self.name = name
        self.type = type
        if type == .string {
            if let expectedDistinct {
                cache = nil
                pool.reserveCapacity(strings: expectedDistinct, bytes: 0)
            } else {
                cache = CSVCodeCache(bits: 14)
            }
            codes.reserveCapacity(rows)
        } else {
            cache = nil
            raw.reserveCapacity(rows)
            valid.reserveCapacity(rows)
        }
    }

    /// Appends the value behind `ref` (``CSVValueRef/missing`` for none).
    @inline(__always)
    mutating func append(_ ref: UInt64, _ source: CSVValueSource, _ timestamps: inout CSVTimestampReader) {
        if type == .string {
            if ref == CSVValueRef.missing {
                codes.append(StringPool.missing)
            } else if let cache {
                codes.append(cache.intern(source.bytes(ref), into: &pool))
            } else {
                codes.append(pool.intern(source.bytes(ref)))
            }
        } else if ref == CSVValueRef.missing {
            raw.append(0)
            valid.append(false)
        } else {
            raw.append(CSVAttributeTyping.value(source.bytes(ref), as: type, timestamps: &timestamps))
            valid.append(true)
        }
    }

    /// The column, its rows reordered so that row `i` is appended row `order[i]` when given.
    func finish(order: [UInt32]?) -> AttributeColumn {
        if type == .string {
            return AttributeColumn(name: name, pool: pool, codes: order.map { codes.gathered(by: $0) } ?? codes)
        }
        guard let order else { return AttributeColumn(name: name, type: type, raw: raw, valid: valid) }
        return AttributeColumn(
            name: name, type: type, raw: raw.gathered(by: order), valid: valid.gathered(by: order))
    }
}
