import EventLog
import Lifecycle
import Routing

/// The routing model on the hold-out period of a table: its evaluation (the same numbers as
/// `switchyard evaluate --from <hold-out start>`) and its answer for every hold-out
/// exception (for the ROI backtest and the per-category accuracy).
public struct HoldoutScoring: Sendable {
    /// First detection time of the hold-out (µs UTC).
    public var start: Int64
    public var evaluation: EvaluationReport
    /// One per exception detected in the hold-out period (resolved or not), in time order.
    public var predictions: [BacktestPrediction]

    /// Where the hold-out of `model` starts: its recorded hold-out window, else just after
    /// its training and validation windows (a model trained elsewhere), else `nil`.
    public static func holdoutStart(of model: RoutingModel) -> Int64? {
        if let w = model.training.holdoutWindow { return w.from }
        let last = [model.training.validationWindow?.to, model.training.trainingWindow?.to].compactMap { $0 }.max()
        return last.map { $0 + 1 }
    }

    /// Scores `model` on the exceptions of `table` detected at or after `start`.
    public init(model: RoutingModel, table: ExceptionTable, input: FeatureInput, start: Int64) throws(ReportError) {
        self.start = start
        let window = TimeWindow(from: start, to: Int64.max)
        do {
            evaluation = try model.evaluate(input, window: window)
        } catch {
            throw .data("cannot evaluate the model on the hold-out period from \(Timestamp.iso8601(start)): \(error)")
        }
        var rowOfID: [String: Int] = [:]
        for r in 0..<table.count { rowOfID[table.id(r)] = r }
        let sorted = input.sortedByTime()
        let rows = (0..<sorted.rowCount).filter { sorted.detectedAt[$0] >= start }
        let encoded: EncodedRows
        do {
            encoded = try FeatureEncoder(spec: model.features).encode(sorted)
        } catch {
            throw .data("cannot encode the exceptions for the model: \(error)")
        }
        let c = model.classes.count
        let probabilities = model.regression.probabilities(encoded.rows(rows))
        let top = Predictions(probabilities: probabilities, classCount: c)
        var out: [BacktestPrediction] = []
        out.reserveCapacity(rows.count)
        for (k, r) in rows.enumerated() {
            guard let row = rowOfID[sorted.ids[r]], k < top.top1.count else { continue }
            let cls = Int(top.top1[k])
            let confidence = top.confidence[k]
            out.append(
                BacktestPrediction(
                    row: row, owner: cls >= 0 && cls < c ? model.classes[cls] : "", confidence: Double(confidence),
                    automated: model.threshold.decision(confidence) == .auto))
        }
        predictions = out
    }
}
