import EventLog

/// How far one input's recent distribution moved from training.
public struct FeatureDrift: Codable, Sendable, Equatable {
    public var feature: String
    /// Population stability index.
    public var psi: Double
    /// `stable` (< 0.1), `moderate` (< 0.25) or `significant`.
    public var level: String
    /// The bin whose share moved most, with its training and recent shares.
    public var largestShift: String
    public var expectedShare: Double
    public var actualShare: Double
}

/// Model accuracy over one week (Monday 00:00 UTC onwards).
public struct WeeklyAccuracy: Codable, Sendable, Equatable {
    public var weekStart: Int64
    public var rows: Int
    public var accuracy: Double
    public var legacyAccuracy: Double?
    /// Share decided `auto` at the model's threshold.
    public var coverage: Double
    /// Whether the week overlaps the model's training period (in-sample, optimistic).
    public var inTraining: Bool
}

/// Population stability per input between training and a recent window, and accuracy by week.
public struct DriftReport: Codable, Sendable, Equatable {
    public var window: TimeWindow
    public var rows: Int
    public var features: [FeatureDrift]
    public var weekly: [WeeklyAccuracy]
}

public enum Drift {
    /// PSI thresholds conventionally read as moderate and significant shift.
    public static let moderate = 0.1, significant = 0.25

    /// Compares `input` with the model's training distributions. `window` defaults to the
    /// exceptions detected after the model's training and validation periods.
    public static func report(_ model: RoutingModel, input raw: FeatureInput, window: TimeWindow? = nil) throws(RoutingError)
        -> DriftReport
    {
        let input = raw.sortedByTime()
        let trainedUntil = model.training.validationWindow?.to ?? model.training.trainingWindow?.to ?? Int64.min
        let w = window ?? TimeWindow(from: trainedUntil == Int64.min ? Int64.min : trainedUntil + 1, to: Int64.max)
        let recent = (0..<input.rowCount).filter { input.detectedAt[$0] >= w.from && input.detectedAt[$0] <= w.to }
        guard let first = recent.first, let last = recent.last else {
            throw .notEnoughData(
                "no exception detected after the model's training period (which ends \(Timestamp.iso8601(trainedUntil))); "
                    + "pass a window start")
        }
        let recentInput = input.rows(recent)
        var features: [FeatureDrift] = []
        for ref in model.driftReference {
            guard let counts = ref.counts(in: recentInput) else { continue }
            let psi = ref.psi(counts)
            let total = Double(max(1, counts.reduce(0, +)))
            var worst = 0
            for i in counts.indices where abs(Double(counts[i]) / total - ref.proportions[i])
                > abs(Double(counts[worst]) / total - ref.proportions[worst])
            {
                worst = i
            }
            features.append(FeatureDrift(
                feature: ref.feature, psi: psi, level: psi < moderate ? "stable" : psi < significant ? "moderate" : "significant",
                largestShift: ref.bins.isEmpty ? "" : ref.bins[worst], expectedShare: ref.proportions.isEmpty ? 0 : ref.proportions[worst],
                actualShare: counts.isEmpty ? 0 : Double(counts[worst]) / total))
        }
        return DriftReport(
            window: TimeWindow(from: input.detectedAt[first], to: input.detectedAt[last]), rows: recent.count,
            features: features, weekly: try weekly(model, input: input, trainedUntil: trainedUntil))
    }

    /// Accuracy per week over every labelled exception of `input` (sorted by time).
    static func weekly(_ model: RoutingModel, input: FeatureInput, trainedUntil: Int64) throws(RoutingError) -> [WeeklyAccuracy] {
        guard input.label != nil else { return [] }
        let encoded = try FeatureEncoder(spec: model.features).encode(input)
        let labels = model.labelIndices(input)
        let rows = (0..<input.rowCount).filter { input.label?.codes[$0] != StringPool.missing }
        guard !rows.isEmpty else { return [] }
        let pred = Predictions(probabilities: model.regression.probabilities(encoded.rows(rows)), classCount: model.classes.count)
        let legacyHits = legacyMatches(input)
        let week: Int64 = 7 * 86_400_000_000
        // 1970-01-01 was a Thursday; Monday 1969-12-29 is 3 days earlier.
        let mondayOrigin: Int64 = -3 * 86_400_000_000
        var out: [WeeklyAccuracy] = []
        var i = 0
        while i < rows.count {
            let start = (input.detectedAt[rows[i]] - mondayOrigin).floorDiv(week) * week + mondayOrigin
            var n = 0, hits = 0, auto = 0, legacyN = 0, legacyOK = 0
            while i < rows.count && input.detectedAt[rows[i]] < start + week {
                let r = rows[i]
                n += 1
                if pred.top1[i] == labels[r] { hits += 1 }
                if model.threshold.decision(pred.confidence[i]) == .auto { auto += 1 }
                if let l = legacyHits?[r] {
                    legacyN += 1
                    if l { legacyOK += 1 }
                }
                i += 1
            }
            out.append(WeeklyAccuracy(
                weekStart: start, rows: n, accuracy: Double(hits) / Double(n),
                legacyAccuracy: legacyN > 0 ? Double(legacyOK) / Double(legacyN) : nil, coverage: Double(auto) / Double(n),
                inTraining: start <= trainedUntil))
        }
        return out
    }

    /// Per row: whether the legacy owner equals the true owner (`nil` when either is missing).
    static func legacyMatches(_ input: FeatureInput) -> [Bool?]? {
        guard let label = input.label, let legacy = input.legacy else { return nil }
        let map = (0..<legacy.pool.count).map { label.pool.code(of: legacy.pool.string(UInt32($0))) }
        return (0..<input.rowCount).map { r in
            guard label.codes[r] != StringPool.missing, legacy.codes[r] != StringPool.missing else { return nil }
            return map[Int(legacy.codes[r])] == label.codes[r]
        }
    }
}

extension Int64 {
    /// Division rounding towards negative infinity.
    func floorDiv(_ d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
