import Foundation
import Testing
@testable import Routing

@Suite struct EvaluationTests {
    // Four rows, three classes (binary fractions, so bins are exact): right (0.75), wrong but
    // top-2 (0.625), right (0.5), wrong but top-2 (0.375).
    let probabilities: [Float] = [0.75, 0.125, 0.125, 0.125, 0.625, 0.25, 0.25, 0.25, 0.5, 0.375, 0.34375, 0.28125]
    let labels: [Int32] = [0, 2, 2, 1]

    @Test func metricsOfAHandComputedExample() {
        let m = Evaluation.metrics(probabilities: probabilities, classCount: 3, labels: labels, classNames: ["a", "b", "c"])
        #expect(m.rows == 4)
        #expect(m.accuracy == 0.5)
        #expect(m.top2Accuracy == 1.0)
        let logLoss = -(log(0.75) + log(0.25) + log(0.5) + log(0.34375)) / 4
        #expect(abs(m.logLoss - logLoss) < 1e-6)
        #expect(m.confusion == [[1, 0, 0], [1, 0, 0], [0, 1, 1]])
        // F1: a = 2·(0.5·1)/(1.5) = 2/3, b = 0, c = 2·(1·0.5)/1.5 = 2/3.
        #expect(abs(m.macroF1 - 4.0 / 9.0) < 1e-12)
        #expect(m.perClass.map(\.support) == [1, 1, 2])
        // ECE, 10 bins: |1−0.75| + |0−0.625| + |1−0.5| + |0−0.375| over 4.
        #expect(abs(m.expectedCalibrationError - 0.4375) < 1e-9)
        #expect(m.coverageCurve.count == 10)
        #expect(m.coverageCurve.last?.accuracy == 0.5)
    }

    @Test func coverageCurveKeepsTheMostConfidentRows() {
        let curve = Evaluation.coverageCurve(confidence: [0.7, 0.6, 0.5, 0.4], correct: [true, false, true, false], steps: 4)
        #expect(curve.map(\.rows) == [1, 2, 3, 4])
        #expect(curve.map(\.accuracy) == [1.0, 0.5, 2.0 / 3.0, 0.5])
        #expect(curve.map { Float($0.minConfidence) } == [0.7, 0.6, 0.5, 0.4])
    }

    @Test func anOwnerUnknownToTheModelCountsAsWrongAndAsAClassWithZeroF1() {
        let m = Evaluation.metrics(
            probabilities: probabilities, classCount: 3, labels: [0, 2, 2, -1], classNames: ["a", "b", "c"])
        #expect(m.unknownLabelRows == 1)
        #expect(m.accuracy == 0.5)
        #expect(abs(m.logLoss - -(log(0.75) + log(0.25) + log(0.5)) / 3) < 1e-6)
        // a: predicted twice, right once → 2/3; b: never true, never predicted right → 0 (predicted once); c: 2/3; unknown: 0.
        #expect(abs(m.macroF1 - (2.0 / 3 + 0 + 2.0 / 3 + 0) / 4) < 1e-12)
    }

    @Test func baselinesOfAHandMadeInput() throws {
        let input = FeatureInput(
            ids: ["1", "2", "3", "4", "5"], detectedAt: [1, 2, 3, 4, 5],
            categorical: [CategoricalColumn(name: "type", values: ["x", "x", "x", "y", nil])],
            label: CategoricalColumn(name: "owner", values: ["A", "A", "B", "C", "A"]),
            legacy: CategoricalColumn(name: "first", values: ["A", "B", "B", nil, "C"]), categoryColumn: "type")
        let rule = try #require(MajorityRule.fit(input, column: "type"))
        #expect(rule.owners == ["x": "A", "y": "C", "": "A"])
        #expect(rule.fallback == "A")
        #expect(Baselines.majority(rule, on: input)?.accuracy == 4.0 / 5.0)
        let legacy = try #require(Baselines.legacy(input))
        #expect(legacy.rows == 4)
        #expect(legacy.accuracy == 0.5)
    }
}
