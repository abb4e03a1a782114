import EventLog
import Testing
@testable import Routing

@Suite struct SoftmaxTrainingTests {
    /// The class is a function of one attribute: training must reach 100 % on held-out rows.
    @Test func separableProblemReachesFullAccuracy() throws {
        var rng = SeededGenerator(seed: 21)
        let n = 2000
        let kinds = ["a", "b", "c", "d"], owners = ["w", "x", "y", "z"]
        var kind = CategoricalColumn(name: "kind"), noise = CategoricalColumn(name: "noise"), label = CategoricalColumn(name: "owner")
        for _ in 0..<n {
            let k = Int(rng.next() % 4)
            kind.append(kinds[k])
            noise.append("n\(rng.next() % 5)")
            label.append(owners[k])
        }
        let input = FeatureInput(
            ids: (0..<n).map { "E\($0)" }, detectedAt: (0..<n).map { Int64($0) * 60_000_000 }, categorical: [kind, noise],
            label: label)
        var config = RoutingTrainingConfiguration()
        config.features.calendar = false
        let model = try RoutingTraining.train(input, configuration: config)
        let evaluation = try #require(model.evaluation)
        #expect(evaluation.model.rows == 400)
        #expect(evaluation.model.accuracy == 1.0)
        #expect(evaluation.model.macroF1 == 1.0)
        #expect(model.classes == owners)
    }

    /// Same seed and thread count → bit-identical weights; another seed → different weights.
    @Test func trainingIsDeterministicForASeed() throws {
        let data = SyntheticRoutingData(rows: 3000, seed: 4)
        var config = RoutingTrainingConfiguration()
        config.createdAt = 0
        config.training.maxEpochs = 4
        let a = try RoutingTraining.train(data.input, configuration: config)
        let b = try RoutingTraining.train(data.input, configuration: config)
        #expect(a.regression == b.regression)
        #expect(a.threshold == b.threshold)
        config.training.seed = 2
        let c = try RoutingTraining.train(data.input, configuration: config)
        #expect(c.regression != a.regression)
    }

    /// On data whose Bayes-optimal accuracy is known, the hold-out accuracy lands within 2
    /// points of it and far above the legacy and majority baselines.
    @Test func syntheticDataReachesTheNoiseCeiling() throws {
        let data = SyntheticRoutingData(rows: 40_000, seed: 12)
        var config = RoutingTrainingConfiguration()
        config.features.hashed = ["customer_id"]
        config.features.hashBits = 10
        let prepared = try RoutingTraining.prepare(data.input, configuration: config)
        let model = try RoutingTraining.train(prepared: prepared, configuration: config)
        let evaluation = try #require(model.evaluation)
        // Noise ceiling of the hold-out rows (the input was sorted; map back by id).
        var ceilingByID: [String: Double] = [:]
        for (i, id) in data.input.ids.enumerated() { ceilingByID[id] = data.ceilingProbability[i] }
        let ceiling = prepared.testRows.map { ceilingByID[prepared.input.ids[$0]] ?? 0 }.reduce(0, +) / Double(prepared.testRows.count)
        #expect(evaluation.model.accuracy > ceiling - 0.02, "accuracy \(evaluation.model.accuracy) vs ceiling \(ceiling)")
        #expect(evaluation.model.accuracy < ceiling + 0.02)
        let legacy = try #require(evaluation.legacy?.accuracy)
        let majority = try #require(evaluation.majorityPerCategory?.accuracy)
        #expect(evaluation.model.accuracy > legacy + 0.05)
        #expect(evaluation.model.accuracy > majority + 0.03)
        #expect(model.training.report.stopReason == "converged")
    }

    /// Balanced class weights raise the recall of a rare class.
    @Test func balancedClassWeightsLiftTheRareClass() throws {
        var rng = SeededGenerator(seed: 30)
        let n = 6000
        var kind = CategoricalColumn(name: "kind"), label = CategoricalColumn(name: "owner")
        for _ in 0..<n {
            let k = Int(rng.next() % 3)
            kind.append("k\(k)")
            // Owner "rare" only for kind k2 and only 40 % of the time: unweighted, k2 → "common".
            let rare = k == 2 && rng.unit() < 0.4
            label.append(rare ? "rare" : "common")
        }
        let input = FeatureInput(ids: (0..<n).map { "E\($0)" }, detectedAt: (0..<n).map { Int64($0) }, categorical: [kind], label: label)
        var config = RoutingTrainingConfiguration()
        config.features.calendar = false
        let plain = try RoutingTraining.train(input, configuration: config)
        config.training.classWeighting = .balanced
        let balanced = try RoutingTraining.train(input, configuration: config)
        let recall = { (m: RoutingModel) in m.evaluation?.model.perClass.first { $0.name == "rare" }?.recall ?? -1 }
        #expect(recall(plain) == 0)
        #expect(recall(balanced) > 0.9)
    }

    @Test func optionsAreValidated() {
        var o = TrainingOptions()
        o.batchSize = 0
        #expect(throws: RoutingError.invalidOption("batch size must be ≥ 1")) { try o.validate() }
    }
}
