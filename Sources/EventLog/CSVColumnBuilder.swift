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
    /// Slot hashes of the batch being interned.
    private var batchHashes = [UInt32](repeating: 0, count: CSVColumnBuilder.batch)

    /// A builder for `rows` rows. A string column expected to hold `expectedDistinct`
    /// values (most of its rows, or more than a cache keeps) gets a pool of that size at once
    /// and no cache, which would only miss.
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

    /// Appends the values behind `refs`, in order. A string column without a cache (nearly
    /// every value new) hashes the whole batch and loads its table slots first, so that
    /// their cache misses overlap.
    mutating func append(batch refs: UnsafeBufferPointer<UInt64>, _ source: CSVValueSource, _ timestamps: inout CSVTimestampReader) {
        guard type == .string, cache == nil, refs.count <= CSVColumnBuilder.batch else {
            for ref in refs { append(ref, source, &timestamps) }
            return
        }
        for (i, ref) in refs.enumerated() {
            batchHashes[i] = ref == CSVValueRef.missing ? 0 : StringPool.slotHash(source.bytes(ref))
        }
        batchHashes.withUnsafeBufferPointer { pool.warmSlots(UnsafeBufferPointer(rebasing: $0[0..<refs.count])) }
        for (i, ref) in refs.enumerated() {
            codes.append(ref == CSVValueRef.missing ? StringPool.missing : pool.intern(source.bytes(ref), slotHash: batchHashes[i]))
        }
    }

    /// Rows per ``append(batch:_:_:)``.
    static let batch = 16

    /// The column, its rows reordered so that row `i` is appended row `order[i]` when given.
    /// Its pool drops the hashes it kept while interning (see ``StringPool/dropHashes()``).
    func finish(order: [UInt32]?) -> AttributeColumn {
        if type == .string {
            var pool = pool
            pool.dropHashes()
            return AttributeColumn(name: name, pool: pool, codes: order.map { codes.gathered(by: $0) } ?? codes)
        }
        guard let order else { return AttributeColumn(name: name, type: type, raw: raw, valid: valid) }
        return AttributeColumn(
            name: name, type: type, raw: raw.gathered(by: order), valid: valid.gathered(by: order))
    }
}
