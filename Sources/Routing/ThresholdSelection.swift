/// The confidence above which routing is automatic, chosen on validation rows.
public struct ThresholdChoice: Codable, Sendable, Equatable {
    /// Precision asked for (default 0.95).
    public var targetPrecision: Double
    /// Lowest confidence whose rows at or above it reach the target precision; `nil` when no
    /// confidence does, and then every exception goes to review.
    public var threshold: Double?
    /// Precision of the validation rows at or above the threshold.
    public var precision: Double
    /// Share of validation rows at or above the threshold (the automation coverage).
    public var coverage: Double
    /// Validation rows it was chosen on.
    public var rows: Int

    /// `auto` when `confidence` reaches the threshold, else `review`.
    @inline(__always)
    public func decision(_ confidence: Float) -> RoutingDecision.Decision {
        guard let threshold else { return .review }
        return Double(confidence) >= threshold ? .auto : .review
    }
}

/// What a threshold gives on some rows: how many go automatic and how often those are right.
public struct AutomationResult: Codable, Sendable, Equatable {
    public var threshold: Double?
    public var coverage: Double
    public var precision: Double
    public var automatedRows: Int
    public var rows: Int
}

/// Chooses and applies confidence thresholds.
public enum ThresholdSelection {
    /// The lowest confidence `t` such that the rows with confidence ≥ `t` are right at least
    /// `targetPrecision` of the time (and number at least `minimumRows`). Rows with equal
    /// confidence go in or out together. Cost: one sort.
    public static func choose(
        confidence: [Float], correct: [Bool], targetPrecision: Double = 0.95, minimumRows: Int = 1
    ) -> ThresholdChoice {
        let n = confidence.count
        var choice = ThresholdChoice(targetPrecision: targetPrecision, threshold: nil, precision: 0, coverage: 0, rows: n)
        let order = (0..<n).sorted { confidence[$0] > confidence[$1] }
        var hits = 0, i = 0
        while i < n {
            let value = confidence[order[i]]
            while i < n && confidence[order[i]] == value {
                if correct[order[i]] { hits += 1 }
                i += 1
            }
            let precision = Double(hits) / Double(i)
            if precision >= targetPrecision && i >= minimumRows {
                choice.threshold = Double(value)
                choice.precision = precision
                choice.coverage = Double(i) / Double(n)
            }
        }
        return choice
    }

    /// Coverage and precision of `threshold` on rows.
    public static func apply(threshold: Double?, confidence: [Float], correct: [Bool]) -> AutomationResult {
        var automated = 0, hits = 0
        if let threshold {
            for i in confidence.indices where Double(confidence[i]) >= threshold {
                automated += 1
                if correct[i] { hits += 1 }
            }
        }
        let n = confidence.count
        return AutomationResult(
            threshold: threshold, coverage: n > 0 ? Double(automated) / Double(n) : 0,
            precision: automated > 0 ? Double(hits) / Double(automated) : 0, automatedRows: automated, rows: n)
    }
}
