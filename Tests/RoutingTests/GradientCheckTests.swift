import Testing
@testable import Routing

@Suite struct GradientCheckTests {
    /// The analytic gradient (sgemm backward pass) equals central finite differences of the
    /// loss, for weights and biases, with L2 and class weights on.
    @Test func gradientMatchesFiniteDifferences() throws {
        let data = SyntheticRoutingData(rows: 300, seed: 3)
        let spec = try FeatureSpec.fit(data.input, config: FeatureConfig(hashed: ["customer_id"], hashBits: 3))
        let rows = try FeatureEncoder(spec: spec).encode(data.input)
        let classes = data.input.label?.pool.strings.sorted() ?? []
        let labels = data.input.label?.codes.map { Int32(classes.firstIndex(of: data.input.label?.pool.string($0) ?? "") ?? 0) } ?? []
        var rng = SeededGenerator(seed: 5)
        var model = SoftmaxRegression(inputDimension: spec.dimension, classCount: classes.count)
        model.weights = model.weights.map { _ in Float(rng.normal() * 0.3) }
        model.bias = model.bias.map { _ in Float(rng.normal() * 0.3) }
        let weights = SoftmaxTrainer.classWeights(labels: labels, classCount: classes.count, mode: .balanced)
        let l2: Float = 0.05
        let (_, gw, gb) = SoftmaxTrainer.lossAndGradient(model, rows: rows, labels: labels, sampleWeights: weights, l2: l2)

        func loss(_ m: SoftmaxRegression) -> Double {
            SoftmaxTrainer.lossAndGradient(m, rows: rows, labels: labels, sampleWeights: weights, l2: l2).loss
        }
        let eps: Float = 1e-2
        var checked = 0, worst = 0.0
        // Every bias and 60 weights spread over the matrix, including the dense numeric rows.
        let weightIndices = (0..<60).map { ($0 * 7919) % model.weights.count } + [spec.numeric[0].offset * classes.count]
        for i in weightIndices {
            var plus = model, minus = model
            plus.weights[i] += eps
            minus.weights[i] -= eps
            let numeric = (loss(plus) - loss(minus)) / Double(2 * eps)
            let err = abs(numeric - Double(gw[i])) / max(1e-3, abs(numeric) + abs(Double(gw[i])))
            worst = max(worst, err)
            checked += 1
        }
        for k in 0..<classes.count {
            var plus = model, minus = model
            plus.bias[k] += eps
            minus.bias[k] -= eps
            let numeric = (loss(plus) - loss(minus)) / Double(2 * eps)
            let err = abs(numeric - Double(gb[k])) / max(1e-3, abs(numeric) + abs(Double(gb[k])))
            worst = max(worst, err)
            checked += 1
        }
        #expect(checked == 70)
        #expect(worst < 5e-3, "worst relative error \(worst)")
    }

    /// The loss itself matches a direct per-row computation.
    @Test func lossEqualsDirectCrossEntropy() throws {
        let data = SyntheticRoutingData(rows: 50, seed: 8)
        let spec = try FeatureSpec.fit(data.input, config: FeatureConfig(categorical: ["exception_type", "region"], calendar: false))
        let rows = try FeatureEncoder(spec: spec).encode(data.input)
        var rng = SeededGenerator(seed: 9)
        var model = SoftmaxRegression(inputDimension: spec.dimension, classCount: 3)
        model.weights = model.weights.map { _ in Float(rng.normal()) }
        let labels = (0..<50).map { Int32($0 % 3) }
        var direct = 0.0
        for r in 0..<50 {
            let x = rows.dense(row: r)
            var z = [Double](repeating: 0, count: 3)
            for k in 0..<3 {
                z[k] = Double(model.bias[k])
                for j in 0..<spec.dimension { z[k] += Double(x[j]) * Double(model.weights[j * 3 + k]) }
            }
            let lse = log(z.map { exp($0) }.reduce(0, +))
            direct += lse - z[Int(labels[r])]
        }
        let computed = SoftmaxTrainer.lossAndGradient(model, rows: rows, labels: labels, l2: 0).loss
        #expect(abs(computed - direct / 50) < 1e-4)
    }
}

import Foundation
