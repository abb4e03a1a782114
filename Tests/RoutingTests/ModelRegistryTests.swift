import EventLog
import Foundation
import Testing
@testable import Routing

@Suite struct ModelRegistryTests {
    func registry() throws -> ModelRegistry {
        try ModelRegistry(path: try RoutingFixtures.temporaryDirectory().appendingPathComponent("ws.sqlite").path)
    }

    @Test func registerListPromoteAndAudit() throws {
        let reg = try registry()
        let model = try RoutingFixtures.model()
        var other = model
        other.createdAt = "2025-01-01T00:00:00+00:00"
        let a = try reg.register(model, path: "/m/a.json", actor: "ana", at: 1_000_000)
        let b = try reg.register(other, path: "/m/b.json", actor: "ben", at: 2_000_000)
        #expect(a.status == .candidate && b.status == .candidate)
        #expect(try reg.register(model, path: "/m/again.json", actor: "ana").id == a.id)  // same checksum, same entry
        #expect(try reg.list().map(\.id) == [b.id, a.id])
        #expect(a.holdoutAccuracy == model.evaluation?.model.accuracy)
        #expect(try reg.find(String(a.sha256.prefix(8)))?.id == a.id)
        #expect(try reg.find(String(a.id))?.sha256 == a.sha256)
        #expect(try reg.load(a) == model)

        try reg.promote(a.id, actor: "ana", reason: "first model", details: nil, at: 3_000_000)
        #expect(try reg.promoted()?.id == a.id)
        try reg.promote(b.id, actor: "ben", reason: "retrained on May", details: "not worse", at: 4_000_000)
        #expect(try reg.promoted()?.id == b.id)
        #expect(try reg.entry(id: a.id)?.status == .retired)
        let events = try reg.events()
        #expect(events.map(\.action) == ["registered", "registered", "promoted", "retired", "promoted"])
        #expect(events.last == RegistryEvent(
            modelID: b.id, action: "promoted", actor: "ben", at: "1970-01-01T00:00:04+00:00", reason: "retrained on May",
            details: "not worse"))
        #expect(events[3].reason == "replaced by model \(b.id)")
    }

    @Test func aTamperedStoredModelIsRefusedOnLoad() throws {
        let reg = try registry()
        let entry = try reg.register(try RoutingFixtures.model(), path: nil, actor: nil)
        try reg.database.execute("UPDATE models SET model_file = replace(model_file, '\"target\":\"resolving-owner\"', '\"target\":\"first-owner\"')")
        #expect(throws: ModelFileError.self) { try reg.load(entry) }
    }
}

@Suite struct PromotionTests {
    @Test func aWorseCandidateIsRefusedUnlessForced() throws {
        let good = try RoutingFixtures.model()
        var config = RoutingFixtures.configuration
        config.features = FeatureConfig(categorical: ["region"], numeric: [], calendar: false)  // a much weaker model
        let weak = try RoutingTraining.train(RoutingFixtures.data.input, configuration: config)
        let first = try PromotionCheck.check(candidate: good, current: nil, input: nil, force: false)
        #expect(first.allowed && first.basis == .noPromotedModel)

        let refused = try PromotionCheck.check(candidate: weak, current: good, input: nil, force: false)
        #expect(!refused.allowed)
        #expect(refused.basis == .sameHoldout)
        #expect(refused.message.hasPrefix("refused: the candidate is worse: candidate "))
        let forced = try PromotionCheck.check(candidate: weak, current: good, input: nil, force: true)
        #expect(forced.allowed && forced.basis == .forced)
        let better = try PromotionCheck.check(candidate: good, current: weak, input: nil, force: false)
        #expect(better.allowed && better.message.hasPrefix("not worse: "))
    }

    @Test func modelsFromDifferentWindowsNeedALogOrForce() throws {
        let a = try RoutingFixtures.model()
        var config = RoutingFixtures.configuration
        config.holdout = .fraction(0.3)
        let b = try RoutingTraining.train(RoutingFixtures.data.input, configuration: config)
        let check = try PromotionCheck.check(candidate: b, current: a, input: nil, force: false)
        #expect(!check.allowed)
        #expect(check.message.contains("not evaluated on the same window"))
        // With data newer than both models' training periods, they are compared on it.
        let newer = SyntheticRoutingData(rows: 2000, seed: 11).input
        var shifted = newer
        shifted.detectedAt = newer.detectedAt.map { $0 + 400 * 86_400_000_000 }
        let withLog = try PromotionCheck.check(candidate: b, current: a, input: shifted, force: false)
        #expect(withLog.basis == .recentWindow)
        #expect(withLog.comparison?.a.model.rows == 2000)
        #expect(withLog.comparison?.b.model.rows == 2000)
    }
}

@Suite struct DriftTests {
    @Test func sameDistributionIsStableAndAShiftedRegionIsSignificant() throws {
        let model = try RoutingFixtures.model()
        var recent = SyntheticRoutingData(rows: 4000, seed: 11, rowSeed: 99).input
        recent.detectedAt = recent.detectedAt.map { $0 + 400 * 86_400_000_000 }
        let stable = try Drift.report(model, input: recent)
        #expect(stable.rows == 4000)
        #expect(stable.features.map(\.feature).contains("region"))
        for f in stable.features where f.feature != "customer_id" { #expect(f.psi < Drift.moderate, "\(f.feature) psi \(f.psi)") }

        var shifted = recent
        shifted.categorical = recent.categorical.map { c in
            c.name == "region" ? CategoricalColumn(name: "region", values: (0..<c.count).map { $0 % 4 == 0 ? "UK" : "APAC" }) : c
        }
        let report = try Drift.report(model, input: shifted)
        let region = try #require(report.features.first { $0.feature == "region" })
        #expect(region.level == "significant")
        #expect(region.largestShift == "APAC")
        #expect(abs(region.actualShare - 0.75) < 1e-9)
        // Weekly accuracy covers every labelled row, training weeks flagged.
        #expect(report.weekly.map(\.rows).reduce(0, +) == 4000)
        #expect(report.weekly.allSatisfy { !$0.inTraining })
        #expect(stable.weekly.allSatisfy { $0.accuracy > 0.6 })
    }

    @Test func nothingAfterTrainingIsAClearError() throws {
        let model = try RoutingFixtures.model()
        let old = SyntheticRoutingData(rows: 100, seed: 1).input
        var early = old
        early.detectedAt = old.detectedAt.map { $0 - 400 * 86_400_000_000 }
        #expect {
            _ = try Drift.report(model, input: early)
        } throws: { error in
            "\(error)".contains("no exception detected after the model's training period")
        }
    }
}
