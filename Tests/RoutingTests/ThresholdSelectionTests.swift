import Testing
@testable import Routing

@Suite struct ThresholdSelectionTests {
    let confidence: [Float] = [0.99, 0.95, 0.9, 0.9, 0.8, 0.7]
    let correct = [true, true, true, false, true, false]

    @Test func choosesTheLowestConfidenceThatKeepsTheTargetPrecision() {
        let strict = ThresholdSelection.choose(confidence: confidence, correct: correct, targetPrecision: 0.95)
        #expect(strict.threshold == Double(Float(0.95)))
        #expect(strict.precision == 1.0)
        #expect(abs(strict.coverage - 2.0 / 6.0) < 1e-12)
        // At 0.75 the tied 0.9 rows (3 of 4 right) pass, 0.8 gives 4/5, 0.7 gives 4/6 and fails.
        let loose = ThresholdSelection.choose(confidence: confidence, correct: correct, targetPrecision: 0.75)
        #expect(loose.threshold == Double(Float(0.8)))
        #expect(abs(loose.coverage - 5.0 / 6.0) < 1e-12)
        #expect(loose.decision(0.8) == .auto)
        #expect(loose.decision(0.79) == .review)
    }

    @Test func noConfidenceReachingTheTargetSendsEverythingToReview() {
        let choice = ThresholdSelection.choose(confidence: [0.9, 0.8], correct: [false, true], targetPrecision: 0.95)
        #expect(choice.threshold == nil)
        #expect(choice.coverage == 0)
        #expect(choice.decision(1.0) == .review)
    }

    /// On a trained model's validation slice: the chosen threshold reaches the precision, and
    /// every lower confidence in the slice would miss it.
    @Test func thresholdReachesItsPrecisionOnValidation() throws {
        let config = RoutingFixtures.configuration
        let prepared = try RoutingTraining.prepare(RoutingFixtures.data.input, configuration: config)
        let model = try RoutingFixtures.model()
        let rows = prepared.validationRows
        let pred = Predictions(
            probabilities: model.regression.probabilities(prepared.encoded.rows(rows)), classCount: model.classes.count)
        let correct = rows.indices.map { pred.top1[$0] == prepared.labels[rows[$0]] }
        let threshold = try #require(model.threshold.threshold)
        let applied = ThresholdSelection.apply(threshold: threshold, confidence: pred.confidence, correct: correct)
        #expect(applied.precision >= 0.95)
        #expect(applied.coverage == model.threshold.coverage)
        #expect(applied.coverage > 0.3)
        for lower in Set(pred.confidence.filter { Double($0) < threshold }) {
            let p = ThresholdSelection.apply(threshold: Double(lower), confidence: pred.confidence, correct: correct).precision
            #expect(p < 0.95)
        }
    }
}
