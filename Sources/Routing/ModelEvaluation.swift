import EventLog

extension RoutingModel {
    /// Class index of each row's true owner in this model (-1 = missing or unknown owner).
    public func labelIndices(_ input: FeatureInput) -> [Int32] {
        guard let label = input.label else { return [Int32](repeating: -1, count: input.rowCount) }
        var index: [String: Int32] = [:]
        for (k, name) in classes.enumerated() { index[name] = Int32(k) }
        let map = (0..<label.pool.count).map { index[label.pool.string(UInt32($0))] ?? -1 }
        return label.codes.map { $0 == StringPool.missing ? -1 : map[Int($0)] }
    }

    /// Scores the model on the labelled rows of `input` (all of them, or those detected in
    /// `window`), with the legacy and majority baselines on the same rows. History counts see
    /// every earlier row of `input`, inside the window or not.
    public func evaluate(_ input: FeatureInput, window: TimeWindow? = nil) throws(RoutingError) -> EvaluationReport {
        let sorted = input.sortedByTime()
        let encoded = try FeatureEncoder(spec: features).encode(sorted)
        let hasLabel = sorted.label.map { l in (0..<sorted.rowCount).map { l.codes[$0] != StringPool.missing } }
            ?? [Bool](repeating: false, count: sorted.rowCount)
        let rows = (0..<sorted.rowCount).filter { r in
            hasLabel[r] && (window.map { sorted.detectedAt[r] >= $0.from && sorted.detectedAt[r] <= $0.to } ?? true)
        }
        guard !rows.isEmpty else { throw .notEnoughData("no exception with a known owner in the evaluation window") }
        return evaluate(encoded: encoded, labels: labelIndices(sorted), input: sorted, rows: rows)
    }

    /// Scores already encoded rows (`rows` indexes `encoded`, `labels` and `input`).
    func evaluate(encoded: EncodedRows, labels: [Int32], input: FeatureInput, rows: [Int]) -> EvaluationReport {
        let c = classes.count
        let probabilities = regression.probabilities(encoded.rows(rows))
        let y = rows.map { labels[$0] }
        let metrics = Evaluation.metrics(probabilities: probabilities, classCount: c, labels: y, classNames: classes)
        let pred = Predictions(probabilities: probabilities, classCount: c)
        let automation = ThresholdSelection.apply(
            threshold: threshold.threshold, confidence: pred.confidence, correct: y.indices.map { pred.top1[$0] == y[$0] })
        let subset = input.rows(rows)
        return EvaluationReport(
            window: RoutingTraining.window(input, rows), model: metrics, automation: automation,
            legacy: Baselines.legacy(subset), majorityPerCategory: majorityRule.flatMap { Baselines.majority($0, on: subset) })
    }
}
