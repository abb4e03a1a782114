import EventLog

/// Where the time-based hold-out starts.
public enum Holdout: Sendable, Equatable, Codable {
    /// The most recent share of labelled exceptions (e.g. 0.2).
    case fraction(Double)
    /// Exceptions detected at or after this time (µs UTC).
    case from(Int64)
    /// No hold-out: train on everything (no test metrics).
    case none
}

/// Everything ``RoutingTraining`` needs besides the data.
public struct RoutingTrainingConfiguration: Sendable, Equatable {
    public var features = FeatureConfig()
    public var training = TrainingOptions()
    public var holdout = Holdout.fraction(0.2)
    /// Share of the training period (its most recent part) used for early stopping and the threshold.
    public var validationFraction = 0.1
    public var targetPrecision = 0.95
    /// Validation rows that must sit at or above the threshold, so a handful of lucky rows
    /// cannot set it.
    public var thresholdMinimumRows = 50
    public var target = "resolving-owner"
    public var profile: String?
    /// Creation time written in the model (µs UTC); `nil` = now.
    public var createdAt: Int64?
    /// Inverse regularisation strength as scikit-learn's `C`: the L2 penalty becomes
    /// `1 / (C · training rows)` on the mean loss, the same objective as
    /// `LogisticRegression(C=…)`. `nil` = use `training.l2` as given.
    public var inverseRegularization: Double? = 1.0
    /// Shrink mini-batches on small data so that an epoch still makes about 100 steps
    /// (never below 32 rows, never above `training.batchSize`).
    public var adaptiveBatch = true

    public init() {}

    /// The trainer options for `trainingRows` rows: L2 from ``inverseRegularization`` and the
    /// batch size from ``adaptiveBatch``.
    public func effectiveOptions(trainingRows n: Int) -> TrainingOptions {
        var o = training
        if let c = inverseRegularization, c > 0, n > 0 { o.l2 = Float(1 / (c * Double(n))) }
        if adaptiveBatch { o.batchSize = max(1, min(o.batchSize, max(32, n / 100))) }
        return o
    }
}

/// Labelled data split in time and encoded, ready for training (and for export).
public struct PreparedRoutingData: Sendable {
    /// The input, sorted by detection time.
    public var input: FeatureInput
    public var spec: FeatureSpec
    /// Every row of `input`, encoded (history counts see all earlier rows).
    public var encoded: EncodedRows
    public var classes: [String]
    /// Class index per row of `input`; -1 = no label or a class unknown to training.
    public var labels: [Int32]
    public var trainingRows: [Int]
    public var validationRows: [Int]
    public var testRows: [Int]
    public var unlabeledRows: Int
}

/// Train → threshold → evaluate, on a time-based split: the training period is the past, the
/// hold-out the future, and the validation slice the most recent part of the training period.
public enum RoutingTraining {
    /// Sorts, splits, fits the feature spec on the training period only, and encodes.
    public static func prepare(_ raw: FeatureInput, configuration: RoutingTrainingConfiguration) throws(RoutingError)
        -> PreparedRoutingData
    {
        try raw.validate()
        guard raw.label != nil else { throw .invalidInput("the input has no target column (the resolving owner)") }
        guard configuration.validationFraction >= 0 && configuration.validationFraction < 1 else {
            throw .invalidOption("validation fraction must be in [0, 1)")
        }
        let input = raw.sortedByTime()
        guard let sortedLabel = input.label else { throw .invalidInput("the input has no target column") }
        let labelled = (0..<input.rowCount).filter { sortedLabel.codes[$0] != StringPool.missing }
        let unlabeled = input.rowCount - labelled.count
        let cut: Int
        switch configuration.holdout {
        case .fraction(let f):
            guard f > 0 && f < 1 else { throw .invalidOption("hold-out fraction must be between 0 and 1, got \(f)") }
            cut = labelled.count - Int((Double(labelled.count) * f).rounded())
        case .from(let t):
            cut = labelled.firstIndex { input.detectedAt[$0] >= t } ?? labelled.count
        case .none:
            cut = labelled.count
        }
        let past = Array(labelled[..<cut]), test = Array(labelled[cut...])
        let validationCount = Int((Double(past.count) * configuration.validationFraction).rounded())
        let train = Array(past[..<(past.count - validationCount)]), validation = Array(past[(past.count - validationCount)...])
        guard train.count >= 2 else {
            throw .notEnoughData("\(train.count) labelled exceptions before the hold-out; need at least 2 to train")
        }
        if configuration.holdout != .none && test.isEmpty {
            throw .notEnoughData("the hold-out is empty: no labelled exception at or after the hold-out start")
        }
        let pastInput = input.rows(past)
        let spec = try FeatureSpec.fit(pastInput, config: configuration.features)
        let encoded = try FeatureEncoder(spec: spec).encode(input)
        var classes: [String] = []
        var seen = Set<UInt32>()
        for r in past where seen.insert(sortedLabel.codes[r]).inserted { classes.append(sortedLabel.pool.string(sortedLabel.codes[r])) }
        classes.sort()
        var codeToClass = [Int32](repeating: -1, count: sortedLabel.pool.count)
        for (k, name) in classes.enumerated() {
            if let code = sortedLabel.pool.code(of: name) { codeToClass[Int(code)] = Int32(k) }
        }
        let labels = sortedLabel.codes.map { $0 == StringPool.missing ? -1 : codeToClass[Int($0)] }
        return PreparedRoutingData(
            input: input, spec: spec, encoded: encoded, classes: classes, labels: labels, trainingRows: train,
            validationRows: validation, testRows: test, unlabeledRows: unlabeled)
    }

    /// Trains, chooses the threshold on the validation slice, and evaluates on the hold-out.
    public static func train(_ raw: FeatureInput, configuration: RoutingTrainingConfiguration) throws(RoutingError)
        -> RoutingModel
    {
        try train(prepared: prepare(raw, configuration: configuration), configuration: configuration)
    }

    /// The training step on already prepared data.
    public static func train(prepared p: PreparedRoutingData, configuration: RoutingTrainingConfiguration) throws(RoutingError)
        -> RoutingModel
    {
        let c = p.classes.count
        let options = configuration.effectiveOptions(trainingRows: p.trainingRows.count)
        let (regression, report) = try SoftmaxTrainer.train(
            p.encoded.rows(p.trainingRows), labels: p.trainingRows.map { p.labels[$0] },
            validation: p.encoded.rows(p.validationRows), validationLabels: p.validationRows.map { p.labels[$0] },
            classCount: c, options: options)
        // Threshold on validation (or, without one, on the training rows).
        let thresholdRows = p.validationRows.isEmpty ? p.trainingRows : p.validationRows
        let vp = Predictions(probabilities: regression.probabilities(p.encoded.rows(thresholdRows)), classCount: c)
        let threshold = ThresholdSelection.choose(
            confidence: vp.confidence, correct: thresholdRows.indices.map { vp.top1[$0] == p.labels[thresholdRows[$0]] },
            targetPrecision: configuration.targetPrecision,
            minimumRows: min(configuration.thresholdMinimumRows, max(1, thresholdRows.count / 10)))
        let pastInput = p.input.rows(p.trainingRows + p.validationRows)
        let rule = p.input.categoryColumn.flatMap { MajorityRule.fit(pastInput, column: $0) }
        var model = RoutingModel(
            schemaVersion: RoutingModel.currentSchemaVersion,
            createdAt: Timestamp.iso8601(configuration.createdAt ?? currentMicros()), target: configuration.target,
            profile: configuration.profile, classes: p.classes, features: p.spec, regression: regression,
            threshold: threshold, evaluation: nil, majorityRule: rule,
            training: TrainingSummary(
                dataFingerprint: fingerprint(p.input, rows: p.trainingRows + p.validationRows + p.testRows),
                inputRows: p.input.rowCount, unlabeledRows: p.unlabeledRows, trainingRows: p.trainingRows.count,
                validationRows: p.validationRows.count, testRows: p.testRows.count,
                trainingWindow: window(p.input, p.trainingRows), validationWindow: window(p.input, p.validationRows),
                holdoutWindow: window(p.input, p.testRows), featureConfig: configuration.features,
                options: options, report: report),
            driftReference: FeatureDistribution.reference(for: p.spec, from: pastInput))
        if !p.testRows.isEmpty {
            model.evaluation = model.evaluate(encoded: p.encoded, labels: p.labels, input: p.input, rows: p.testRows)
        }
        return model
    }

    static func window(_ input: FeatureInput, _ rows: [Int]) -> TimeWindow? {
        guard let first = rows.first, let last = rows.last else { return nil }
        return TimeWindow(from: input.detectedAt[first], to: input.detectedAt[last])
    }

    /// SHA-256 over ids, detection times, labels and every feature column of `rows`, in that
    /// order. Values enter as bytes; the bulk is folded through a fast 64-bit hash per 64 KiB
    /// block and the block digests go through SHA-256, so fingerprinting 1 M rows takes tens of
    /// milliseconds. Categorical codes are replaced by the rank of their value, so the result
    /// depends on the values only, not on the order a reader interned them.
    public static func fingerprint(_ input: FeatureInput, rows: [Int]) -> String {
        var folder = BlockFolder()
        for r in rows {
            var id = input.ids[r]
            id.withUTF8 { folder.add(UnsafeRawBufferPointer($0)) }
            folder.add(byte: 0)
        }
        for r in rows { folder.add(integer: UInt64(bitPattern: input.detectedAt[r])) }
        func addColumn(_ column: CategoricalColumn) {
            var name = column.name
            name.withUTF8 { folder.add(UnsafeRawBufferPointer($0)) }
            let values = column.pool.strings
            let ranked = values.indices.sorted { values[$0] < values[$1] }
            var rank = [UInt32](repeating: 0, count: values.count)
            for (k, code) in ranked.enumerated() {
                rank[code] = UInt32(k)
                var v = values[code]
                v.withUTF8 { folder.add(UnsafeRawBufferPointer($0)) }
                folder.add(byte: 0)
            }
            for r in rows {
                let code = column.codes[r]
                folder.add(integer: code == StringPool.missing ? UInt64.max : UInt64(rank[Int(code)]))
            }
        }
        if let label = input.label { addColumn(label) }
        for c in input.categorical { addColumn(c) }
        for c in input.numeric {
            var name = c.name
            name.withUTF8 { folder.add(UnsafeRawBufferPointer($0)) }
            for r in rows { folder.add(integer: c.values[r].bitPattern) }
        }
        return folder.finish()
    }
}

/// Accumulates bytes in 64 KiB blocks, hashes each block with ``StringPool/hash(_:)`` and
/// feeds the digests to SHA-256.
struct BlockFolder {
    private var block: [UInt8] = []
    private var sha = SHA256()
    private var digests: [UInt8] = []

    init() { block.reserveCapacity(1 << 16) }

    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        block.append(contentsOf: bytes)
        if block.count >= 1 << 16 { fold() }
    }

    mutating func add(byte: UInt8) { block.append(byte) }

    mutating func add(integer: UInt64) {
        withUnsafeBytes(of: integer.littleEndian) { block.append(contentsOf: $0) }
        if block.count >= 1 << 16 { fold() }
    }

    private mutating func fold() {
        let h = block.withUnsafeBytes { StringPool.hash($0) }
        withUnsafeBytes(of: h.littleEndian) { digests.append(contentsOf: $0) }
        withUnsafeBytes(of: UInt64(block.count).littleEndian) { digests.append(contentsOf: $0) }
        block.removeAll(keepingCapacity: true)
        if digests.count >= 1 << 16 {
            sha.update(digests)
            digests.removeAll(keepingCapacity: true)
        }
    }

    mutating func finish() -> String {
        if !block.isEmpty { fold() }
        sha.update(digests)
        return sha.finalize().map { b in (b < 16 ? "0" : "") + String(b, radix: 16) }.joined()
    }
}

/// Now, microseconds since the epoch.
func currentMicros() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_REALTIME, &ts)
    return Int64(ts.tv_sec) * 1_000_000 + Int64(ts.tv_nsec) / 1000
}

#if canImport(Glibc)
import Glibc
#endif
