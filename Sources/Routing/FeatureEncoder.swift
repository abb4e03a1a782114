import EventLog

/// Turns attribute values into encoded rows according to a ``FeatureSpec``: the same code path
/// for training data (``encode(_:)``) and for raw rows at scoring time (the per-value functions).
///
/// Cost: building the encoder interns the one-hot values once; encoding is a table lookup per
/// categorical value and a few arithmetic operations per numeric.
public struct FeatureEncoder: Sendable {
    public let spec: FeatureSpec
    /// Per categorical column: for one-hot, a pool holding kept values (codes `0..<kept`) then rare values.
    let lookups: [StringPool]
    /// Per cross: kept pairs then rare pairs.
    let crossLookups: [StringPool]

    public init(spec: FeatureSpec) {
        self.spec = spec
        lookups = spec.categorical.map { f in
            f.encoding == .oneHot ? StringPool(f.values + f.rareValues) : StringPool()
        }
        crossLookups = spec.crosses.map { StringPool($0.values + $0.rareValues) }
    }

    /// The slot of cross `k` for a pair key (`nil` = a side missing).
    public func crossSlot(_ k: Int, key: String?) -> Int32 {
        let c = spec.crosses[k]
        let kept = c.values.count
        guard let key, let code = crossLookups[k].code(of: key) else { return Int32(c.offset + kept + 1) }
        return Int32(c.offset + min(Int(code), kept))
    }

    /// The entry of categorical column `f` for a value's bytes (empty = missing).
    @inline(__always)
    public func categoricalEntry(_ f: Int, bytes: UnsafeRawBufferPointer) -> (index: Int32, value: Float) {
        let feature = spec.categorical[f]
        switch feature.encoding {
        case .oneHot:
            let kept = feature.values.count
            guard bytes.count > 0, let code = lookups[f].code(of: bytes) else {
                return (Int32(feature.offset + kept + 1), 1)
            }
            return (Int32(feature.offset + (Int(code) < kept ? Int(code) : kept)), 1)
        case .hashed:
            guard bytes.count > 0 else { return (Int32(feature.offset), 0) }
            let (bucket, sign) = FeatureEncoder.hashSlot(bytes, bits: feature.bits, seed: feature.seed)
            return (Int32(feature.offset + bucket), sign)
        }
    }

    /// The entry of categorical column `f` for a string value (`nil` or empty = missing).
    public func categoricalEntry(_ f: Int, value: String?) -> (index: Int32, value: Float) {
        var copy = value ?? ""
        return copy.withUTF8 { categoricalEntry(f, bytes: UnsafeRawBufferPointer($0)) }
    }

    /// Bucket and sign of a hashed value.
    @inline(__always)
    public static func hashSlot(_ bytes: UnsafeRawBufferPointer, bits: Int, seed: UInt64) -> (Int, Float) {
        var h = StringPool.hash(bytes) ^ seed
        h = h &* 0xD6E8_FEB8_6659_FD93
        h ^= h >> 32
        return (Int(h & ((1 << UInt64(bits)) - 1)), (h >> 63) == 0 ? 1 : -1)
    }

    /// The two entries (value, missing flag) of numeric column `f`; NaN = missing.
    @inline(__always)
    public func numericEntries(_ f: Int, _ x: Double) -> (Float, Float) {
        guard !x.isNaN, x.isFinite else { return (0, 1) }
        return (Float(spec.numeric[f].transform(x)), 0)
    }

    /// Hour (0–23), weekday (0 = Monday) and month-end flag of a UTC time.
    @inline(__always)
    public static func calendar(_ micros: Int64, monthEndDays: Int) -> (hour: Int, weekday: Int, monthEnd: Bool) {
        let secs = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        var days = secs / 86_400
        var sod = secs % 86_400
        if sod < 0 {
            sod += 86_400
            days -= 1
        }
        let weekday = Int(((days + 3) % 7 + 7) % 7)
        let (y, m, d) = Timestamp.civilFromDays(Int(days))
        let monthEnd = d > Timestamp.daysInMonth(year: y, month: m) - monthEndDays
        return (Int(sod / 3600), weekday, monthEnd)
    }

    /// Appends the calendar entries of a time (`nil` = missing: three zero-valued entries).
    @inline(__always)
    func appendCalendar(_ micros: Int64?, to rows: inout EncodedRows) {
        guard let cal = spec.calendar else { return }
        guard let micros else {
            for _ in 0..<3 { rows.append(index: Int32(cal.offset), value: 0) }
            return
        }
        let c = FeatureEncoder.calendar(micros, monthEndDays: cal.monthEndDays)
        rows.append(index: Int32(cal.offset + c.hour), value: 1)
        rows.append(index: Int32(cal.offset + 24 + c.weekday), value: 1)
        rows.append(index: Int32(cal.offset + 31), value: c.monthEnd ? 1 : 0)
    }

    /// The history entry for a raw count.
    @inline(__always)
    func historyValue(_ h: Int, count: Int) -> Float {
        let f = spec.history[h]
        return Float((log1pD(Double(count)) - f.mean) / f.std)
    }

    /// Encodes every row of `input`. History counts look only at strictly earlier rows of
    /// `input` itself. Throws when a column of the spec is absent or has the wrong kind.
    /// Cost: O(rows × entries) plus a sort when history counts are on.
    public func encode(_ input: FeatureInput) throws(RoutingError) -> EncodedRows {
        try input.validate()
        let n = input.rowCount
        let available = input.categorical.map(\.name) + input.numeric.map(\.name)
        // Per categorical column: input code → entry.
        var catColumns: [[UInt32]] = []
        var catTables: [[(Int32, Float)]] = []
        var missingEntry: [(Int32, Float)] = []
        for (f, feature) in spec.categorical.enumerated() {
            guard let column = input.categoricalColumn(feature.name) else {
                if input.numericColumn(feature.name) != nil {
                    throw .invalidInput("column '\(feature.name)' is numeric here but categorical in the model")
                }
                throw .missingColumn(name: feature.name, available: available)
            }
            catColumns.append(column.codes)
            catTables.append((0..<column.pool.count).map { code in
                column.pool.withBytes(UInt32(code)) { categoricalEntry(f, bytes: $0) }
            })
            missingEntry.append(categoricalEntry(f, bytes: UnsafeRawBufferPointer(start: nil, count: 0)))
        }
        var crossSlots: [[Int32]] = []
        for k in spec.crosses.indices {
            var cache: [String: Int32] = [:]
            crossSlots.append(try spec.crosses[k].keys(input).map { key in
                guard let key else { return crossSlot(k, key: nil) }
                if let hit = cache[key] { return hit }
                let slot = crossSlot(k, key: key)
                cache[key] = slot
                return slot
            })
        }
        var numColumns: [[Double]] = []
        for feature in spec.numeric {
            guard let column = input.numericColumn(feature.name) else {
                if input.categoricalColumn(feature.name) != nil {
                    throw .invalidInput("column '\(feature.name)' is categorical here but numeric in the model")
                }
                throw .missingColumn(name: feature.name, available: available)
            }
            numColumns.append(column.values)
        }
        var historyCounts: [[Int]] = []
        for h in spec.history {
            guard let column = input.categoricalColumn(h.key) else {
                throw .missingColumn(name: h.key, available: available)
            }
            historyCounts.append(
                HistoryCounter.counts(keys: column.codes, times: input.detectedAt, windowMicros: h.windowMicros))
        }

        var rows = EncodedRows(dimension: spec.dimension, entriesPerRow: spec.entriesPerRow)
        rows.reserve(rows: n)
        for r in 0..<n {
            for f in 0..<catColumns.count {
                let code = catColumns[f][r]
                let e = code == StringPool.missing ? missingEntry[f] : catTables[f][Int(code)]
                rows.append(index: e.0, value: e.1)
            }
            for k in 0..<crossSlots.count { rows.append(index: crossSlots[k][r], value: 1) }
            for f in 0..<numColumns.count {
                let (v, missing) = numericEntries(f, numColumns[f][r])
                rows.append(index: Int32(spec.numeric[f].offset), value: v)
                rows.append(index: Int32(spec.numeric[f].offset + 1), value: missing)
            }
            appendCalendar(input.detectedAt[r], to: &rows)
            for h in 0..<historyCounts.count {
                rows.append(index: Int32(spec.history[h].offset), value: historyValue(h, count: historyCounts[h][r]))
            }
        }
        return rows
    }
}
