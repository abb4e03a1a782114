import EventLog
import Foundation
import Lifecycle
import Testing

@testable import KPI

/// KPIs of the bundled `datasets/orders-sample.csv` (5 000 exceptions) against the
/// generator's truth file, and the merge property on it.
@Suite struct BundledSampleKPITests {
    static var datasets: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("datasets")
    }

    struct Truth {
        var trueOwner: String
        var legacyOwner: String
        var legacyCorrect: Bool
    }

    static func truth() throws -> [String: Truth] {
        let text = try String(contentsOf: datasets.appendingPathComponent("orders-sample-truth.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        #expect(header == ["case_id", "true_owner", "legacy_owner", "legacy_correct", "drift", "noise_ceiling_prob"])
        var out: [String: Truth] = [:]
        for cells in lines where cells.count == header.count {
            out[cells[0]] = Truth(trueOwner: cells[1], legacyOwner: cells[2], legacyCorrect: cells[3] == "1")
        }
        return out
    }

    static func table(_ file: String = "orders-sample.csv") throws -> ExceptionTable {
        let log = try EventLogImporter.read(datasets.appendingPathComponent(file).path).log
        return try Reconstruction.reconstruct(log, profile: Presets.orders)
    }

    @Test func routingAccuracyAndMisrouteRateAgreeWithTheTruthFile() throws {
        let truth = try Self.truth()
        #expect(truth.count == 5000)
        let table = try Self.table()
        var options = KPIOptions(profile: Presets.orders)
        options.slicing = ["category"]
        let report = try KPIEngine.compute(table, options: options)
        let routing = report.overall.routing
        // The truth's legacy accuracy over every case.
        let truthAccuracy = Double(truth.values.filter(\.legacyCorrect).count) / Double(truth.count)
        let accuracy = try #require(routing.accuracy)
        #expect(abs(accuracy - truthAccuracy) <= 0.005, "accuracy \(accuracy) vs truth \(truthAccuracy)")
        let misroute = try #require(routing.misrouteRate)
        #expect(abs(misroute - (1 - truthAccuracy)) <= 0.005, "misroute rate \(misroute) vs truth \(1 - truthAccuracy)")
        // On the very cases the KPI counts (resolved by now), the rates are the truth's exactly, per category too.
        let category = try #require(table.attribute(.category))
        var resolved: [String: (n: Int, correct: Int)] = [:]
        for r in 0..<table.count where table.status[r] == .resolved || table.status[r] == .closed {
            let t = try #require(truth[table.id(r)])
            #expect(table.owners.string(table.firstOwner[r]) == t.legacyOwner)
            let key = category.value(r) ?? "(none)"
            resolved[key, default: (0, 0)].n += 1
            if t.legacyCorrect { resolved[key, default: (0, 0)].correct += 1 }
        }
        #expect(routing.resolved == resolved.values.map(\.n).reduce(0, +))
        #expect(routing.firstOwnerResolved == resolved.values.map(\.correct).reduce(0, +))
        for slice in report.slices {
            let t = try #require(resolved[slice.labels[0]])
            #expect(slice.routing.resolved == t.n && slice.routing.firstOwnerResolved == t.correct, "\(slice.labels)")
        }
        // Handoffs: every misrouted exception was handed off at least once.
        #expect(routing.handoffDistribution[0] <= routing.exceptions - routing.misrouted)
        #expect(report.overall.volume.detected + report.unusable.neverAssigned == truth.count)
    }

    @Test func mergingTwoHalvesOfTheFileEqualsTheWhole() throws {
        // Split the CSV by case (odd / even ids), read and reconstruct each half on its own.
        let text = try String(contentsOf: Self.datasets.appendingPathComponent("orders-sample.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let header = lines.removeFirst()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-merge-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var halves: [[String]] = [[header], [header]]
        for line in lines {
            let id = line.prefix { $0 != "," }
            halves[(Int(id.dropFirst(3)) ?? 0) % 2].append(line)
        }
        let whole = try Self.table()
        for dims in [["exception_type", "region"], ["customer_tier", "month"]] {
            var options = KPIOptions(profile: Presets.orders)
            options.slicing = dims
            let asOf = KPIEngine.resolvedAsOf(whole, options)
            var merged = try KPIAccumulator(options: options, asOf: asOf)
            for (k, half) in halves.enumerated() {
                let path = dir.appendingPathComponent("half\(k).csv")
                try (half.joined(separator: "\n") + "\n").write(to: path, atomically: true, encoding: .utf8)
                let log = try EventLogImporter.read(path.path).log
                var part = try KPIAccumulator(options: options, asOf: asOf)
                try part.add(try Reconstruction.reconstruct(log, profile: Presets.orders))
                try merged.merge(part)
            }
            let expected = try KPIEngine.compute(whole, options: options)
            let got = merged.finish()
            #expect(got == expected, "slicing \(dims)")
            #expect(got.overall.cycleTime.toResolution.count > QuantileSketch.exactCapacity)
        }
    }
}
