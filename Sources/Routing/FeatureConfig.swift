import EventLog

/// Choices for fitting a ``FeatureSpec`` to training data.
///
/// Defaults: every categorical column is one-hot when it has at most ``maxOneHotValues``
/// distinct values and hashed into `2^hashBits` buckets otherwise; values seen fewer than
/// ``minFrequency`` times share a rare slot; non-negative numerics get `log1p`; calendar
/// features on; no history counts.
public struct FeatureConfig: Sendable, Codable, Equatable {
    /// Categorical columns to use; `nil` = all of the input's.
    public var categorical: [String]?
    /// Numeric columns to use; `nil` = all of the input's.
    public var numeric: [String]?
    /// Columns hashed whatever their cardinality (e.g. `customer_id`, `sku`).
    public var hashed: [String]
    /// A column with more distinct values than this is hashed.
    public var maxOneHotValues: Int
    /// A value seen fewer times than this in training shares the rare slot.
    public var minFrequency: Int
    /// Buckets of a hashed column: `2^hashBits`.
    public var hashBits: Int
    /// `log1p` for numeric columns whose training values are all ≥ 0.
    public var logTransform: Bool
    /// Hour, weekday and month-end of the detection time.
    public var calendar: Bool
    /// Days at the end of a month that count as month-end.
    public var monthEndDays: Int
    /// Keys for history counts (e.g. `customer_id`): earlier exceptions with the same key.
    public var historyKeys: [String]
    /// Window of the history counts, days.
    public var historyWindowDays: Int
    /// Field holding the detection time in raw rows.
    public var timeColumn: String
    /// Pairs of inputs to encode together (e.g. `[["exception_type", "channel"]]`).
    public var crosses: [[String]]
    /// Also cross the category column with every other one-hot column and every numeric one.
    public var crossCategory: Bool
    /// Quantile bins of a numeric input inside a cross.
    public var crossBins: Int

    public init(
        categorical: [String]? = nil, numeric: [String]? = nil, hashed: [String] = [], maxOneHotValues: Int = 50,
        minFrequency: Int = 5, hashBits: Int = 8, logTransform: Bool = true, calendar: Bool = true,
        monthEndDays: Int = 3, historyKeys: [String] = [], historyWindowDays: Int = 30,
        timeColumn: String = "detected_at", crosses: [[String]] = [], crossCategory: Bool = false, crossBins: Int = 10
    ) {
        self.categorical = categorical
        self.numeric = numeric
        self.hashed = hashed
        self.maxOneHotValues = maxOneHotValues
        self.minFrequency = minFrequency
        self.hashBits = hashBits
        self.logTransform = logTransform
        self.calendar = calendar
        self.monthEndDays = monthEndDays
        self.historyKeys = historyKeys
        self.historyWindowDays = historyWindowDays
        self.timeColumn = timeColumn
        self.crosses = crosses
        self.crossCategory = crossCategory
        self.crossBins = crossBins
    }
}

extension FeatureSpec {
    /// Fits the encoding to training rows: kept and rare values per one-hot column, mean and
    /// standard deviation per numeric and history column. Uses only `input` (pass the training
    /// part of a time split, never the hold-out). Cost: one pass over each column.
    public static func fit(_ input: FeatureInput, config: FeatureConfig = FeatureConfig()) throws(RoutingError) -> FeatureSpec {
        try input.validate()
        guard config.hashBits >= 1 && config.hashBits <= 20 else {
            throw .invalidOption("hash bits must be between 1 and 20, got \(config.hashBits)")
        }
        guard config.minFrequency >= 1 else { throw .invalidOption("minimum frequency must be ≥ 1") }
        guard config.historyWindowDays >= 1 else { throw .invalidOption("history window must be ≥ 1 day") }
        let available = input.categorical.map(\.name) + input.numeric.map(\.name)
        let catNames = config.categorical ?? input.categorical.map(\.name)
        let numNames = config.numeric ?? input.numeric.map(\.name)

        var categorical: [CategoricalFeature] = []
        for (i, name) in catNames.enumerated() {
            guard let column = input.categoricalColumn(name) else {
                throw .missingColumn(name: name, available: available)
            }
            var counts = [Int](repeating: 0, count: column.pool.count)
            for code in column.codes where code != StringPool.missing { counts[Int(code)] += 1 }
            if config.hashed.contains(name) || column.pool.count > config.maxOneHotValues {
                categorical.append(.hashed(name, bits: config.hashBits, seed: UInt64(i + 1) &* 0x9E37_79B9_7F4A_7C15))
                continue
            }
            var kept: [String] = [], rare: [String] = []
            for code in 0..<column.pool.count {
                let value = column.pool.string(UInt32(code))
                if counts[code] >= config.minFrequency { kept.append(value) } else { rare.append(value) }
            }
            categorical.append(.oneHot(name, values: kept.sorted(), rare: rare.sorted()))
        }

        var numeric: [NumericFeature] = []
        for name in numNames {
            guard let column = input.numericColumn(name) else { throw .missingColumn(name: name, available: available) }
            let present = column.values.filter { !$0.isNaN && $0.isFinite }
            let useLog = config.logTransform && !present.isEmpty && present.allSatisfy { $0 >= 0 }
            let transformed = useLog ? present.map(log1pSigned) : present
            let (mean, std) = meanAndStd(transformed)
            numeric.append(NumericFeature(name: name, logTransform: useLog, mean: mean, std: std))
        }

        var history: [HistoryFeature] = []
        for key in config.historyKeys {
            guard let column = input.categoricalColumn(key) else {
                throw .missingColumn(name: key, available: input.categorical.map(\.name))
            }
            let window = Int64(config.historyWindowDays) * 86_400 * 1_000_000
            let counts = HistoryCounter.counts(keys: column.codes, times: input.detectedAt, windowMicros: window)
            let (mean, std) = meanAndStd(counts.map { log1pD(Double($0)) })
            history.append(HistoryFeature(key: key, windowDays: config.historyWindowDays, mean: mean, std: std))
        }

        var pairs = config.crosses
        if config.crossCategory, let category = input.categoryColumn,
            categorical.contains(where: { $0.name == category && $0.encoding == .oneHot })
        {
            for f in categorical where f.encoding == .oneHot && f.name != category { pairs.append([category, f.name]) }
            for f in numeric { pairs.append([category, f.name]) }
        }
        var crosses: [CrossFeature] = []
        var seenPairs = Set<[String]>()
        for pair in pairs where seenPairs.insert(pair).inserted {
            crosses.append(try CrossFeature.fit(pair, on: input, minFrequency: config.minFrequency, bins: config.crossBins))
        }

        return FeatureSpec(
            categorical: categorical, crosses: crosses, numeric: numeric,
            calendar: config.calendar ? CalendarFeatures(monthEndDays: config.monthEndDays) : nil,
            history: history, timeColumn: config.timeColumn)
    }
}

/// Mean and standard deviation (population); std is 1 when the values are constant or absent.
func meanAndStd(_ values: [Double]) -> (Double, Double) {
    guard !values.isEmpty else { return (0, 1) }
    var sum = 0.0
    for v in values { sum += v }
    let mean = sum / Double(values.count)
    var ss = 0.0
    for v in values { ss += (v - mean) * (v - mean) }
    let std = (ss / Double(values.count)).squareRoot()
    return (mean, std > 1e-12 ? std : 1)
}
