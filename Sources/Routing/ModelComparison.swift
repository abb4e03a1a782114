import EventLog

/// Two models scored on the same exceptions.
public struct ModelComparison: Sendable, Equatable {
    public var window: TimeWindow
    public var a: EvaluationReport
    public var b: EvaluationReport
    /// `b.accuracy − a.accuracy`.
    public var accuracyDelta: Double { b.model.accuracy - a.model.accuracy }

    /// Whether `b` is worse than `a`: lower accuracy by more than `tolerance`.
    public func bIsWorse(tolerance: Double = 0) -> Bool { b.model.accuracy + tolerance < a.model.accuracy }

    /// The window neither model was trained on: after both training-and-validation periods.
    public static func recentWindow(_ a: RoutingModel, _ b: RoutingModel) -> TimeWindow {
        func end(_ m: RoutingModel) -> Int64 { m.training.validationWindow?.to ?? m.training.trainingWindow?.to ?? Int64.min }
        let from = max(end(a), end(b))
        return TimeWindow(from: from == Int64.min ? Int64.min : from + 1, to: Int64.max)
    }

    /// Scores both models on the labelled exceptions of `input` inside `window` (default:
    /// ``recentWindow(_:_:)``). History counts see all earlier rows of `input`.
    public static func compare(_ a: RoutingModel, _ b: RoutingModel, on input: FeatureInput, window: TimeWindow? = nil)
        throws(RoutingError) -> ModelComparison
    {
        let w = window ?? recentWindow(a, b)
        let reportA: EvaluationReport
        do {
            reportA = try a.evaluate(input, window: w)
        } catch .notEnoughData {
            throw .notEnoughData(
                "no exception with a known owner detected from \(Timestamp.iso8601(w.from)) on, after both models' training "
                    + "periods; pass an earlier window start (rows either model trained on make the comparison unfair)")
        }
        let reportB = try b.evaluate(input, window: w)
        return ModelComparison(window: reportA.window ?? w, a: reportA, b: reportB)
    }
}

/// Whether a candidate may replace the promoted model.
public struct PromotionCheck: Sendable, Equatable {
    public enum Basis: String, Sendable { case noPromotedModel, sameHoldout, recentWindow, forced }
    public var allowed: Bool
    public var basis: Basis
    public var message: String
    public var comparison: ModelComparison?

    /// Decides on stored hold-out scores when both models were evaluated on the same rows
    /// (same data fingerprint and hold-out window), otherwise on `input`'s recent window;
    /// refuses when neither is possible. `force` allows a worse model (still reported).
    public static func check(
        candidate: RoutingModel, current: RoutingModel?, input: FeatureInput?, force: Bool, tolerance: Double = 0
    ) throws(RoutingError) -> PromotionCheck {
        guard let current else {
            return PromotionCheck(allowed: true, basis: .noPromotedModel, message: "no model is promoted yet", comparison: nil)
        }
        var comparison: ModelComparison?
        var basis = PromotionCheck.Basis.recentWindow
        if let input {
            comparison = try ModelComparison.compare(current, candidate, on: input)
        } else if let ea = current.evaluation, let eb = candidate.evaluation,
            current.training.dataFingerprint == candidate.training.dataFingerprint,
            current.training.holdoutWindow == candidate.training.holdoutWindow, let w = ea.window
        {
            comparison = ModelComparison(window: w, a: ea, b: eb)
            basis = .sameHoldout
        }
        guard let comparison else {
            let message = "the two models were not evaluated on the same window; give a log to score both on its recent "
                + "exceptions, or force the promotion"
            return PromotionCheck(allowed: force, basis: force ? .forced : basis, message: message, comparison: nil)
        }
        let pct = { (x: Double) in String(Double(Int((x * 1000).rounded())) / 10) + " %" }
        let verdict = "candidate \(pct(comparison.b.model.accuracy)) vs promoted \(pct(comparison.a.model.accuracy)) accuracy on "
            + "\(comparison.b.model.rows) exceptions (\(Timestamp.iso8601(comparison.window.from).prefix(10)) to "
            + "\(Timestamp.iso8601(comparison.window.to).prefix(10)))"
        if comparison.bIsWorse(tolerance: tolerance) {
            return PromotionCheck(
                allowed: force, basis: force ? .forced : basis,
                message: (force ? "forced: the candidate is worse: " : "refused: the candidate is worse: ") + verdict,
                comparison: comparison)
        }
        return PromotionCheck(allowed: true, basis: basis, message: "not worse: " + verdict, comparison: comparison)
    }
}
