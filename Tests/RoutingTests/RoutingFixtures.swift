import EventLog
import Foundation
@testable import Routing

/// Shared data and a trained model for the routing tests (computed once per test process).
enum RoutingFixtures {
    static let data = SyntheticRoutingData(rows: 6000, seed: 11)

    static var configuration: RoutingTrainingConfiguration {
        var c = RoutingTrainingConfiguration()
        c.features = FeatureConfig(hashed: ["customer_id"], hashBits: 6, historyKeys: ["customer_id"], crossCategory: true)
        c.createdAt = 1_750_000_000_000_000
        return c
    }

    private static let trained: Result<RoutingModel, RoutingError> = Result { () throws(RoutingError) -> RoutingModel in
        try RoutingTraining.train(data.input, configuration: configuration)
    }

    static func model() throws -> RoutingModel { try trained.get() }

    /// Top-1 index and confidence per row from the batch (sgemm) path.
    static func batchPredictions(_ model: RoutingModel, _ input: FeatureInput) throws -> Predictions {
        let rows = try FeatureEncoder(spec: model.features).encode(input)
        return Predictions(probabilities: model.regression.probabilities(rows), classCount: model.classes.count)
    }

    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("routing-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func micros(_ iso: String) -> Int64 { ISO8601Parser.parse(iso)?.micros ?? Int64.min }
}
