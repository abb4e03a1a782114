import EventLog
import Foundation
import Testing
@testable import Generator

/// The CSV and truth files hold exactly the in-memory log and truth.
@Suite struct CSVOutputTests {
    static let configuration: GeneratorConfiguration = {
        var c = GeneratorConfiguration()
        c.cases = 1_500
        c.seed = 21
        return c
    }()

    @Test func csvParsesBackToTheInMemoryLog() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("orders.csv").path
        let summary = try Generator.writeCSV(Self.configuration, to: path)
        let output = try Generator.makeLogAndTruth(Self.configuration)
        let log = output.log
        #expect(summary == output.summary)
        let rows = Fixtures.rows(try String(contentsOfFile: path, encoding: .utf8))
        #expect(rows.first == Generator.csvHeader(pm4pyNames: false).split(separator: ",").map(String.init))
        let body = rows.dropFirst()
        #expect(body.count == log.eventCount)
        #expect(Set(body.map { $0[0] }).count == log.caseCount)
        let caseOfEvent = log.caseIndexPerEvent()
        for (e, row) in body.enumerated() {
            #expect(row.count == 14)
            let c = Int(caseOfEvent[e])
            #expect(row[0] == log.caseID(c))
            #expect(row[1] == log.activities.string(log.activity[e]))
            #expect(ISO8601Parser.parse(row[2])?.micros == log.timestamp[e], "\(row[2])")
            #expect(row[3] == log.resources.string(log.resource[e]))
            #expect(row[4] == log.groups.string(log.group[e]))
            for (k, column) in log.caseAttributes.enumerated() {
                if column.type == .float {
                    #expect(Double(row[5 + k]) == column.value(at: c).flatMap { if case .float(let v) = $0 { v } else { nil } })
                } else {
                    #expect(row[5 + k] == column.value(at: c)?.text)
                }
            }
        }
    }

    @Test func timestampsCarryTheRegionsOffset() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("orders.csv").path
        try Generator.writeCSV(Self.configuration, to: path)
        let rows = Fixtures.rows(try String(contentsOfFile: path, encoding: .utf8)).dropFirst()
        let offsets = Dictionary(uniqueKeysWithValues: Region.allCases.map { ($0.name, $0.offsetText) })
        for row in rows {
            #expect(row[2].count == 25)
            #expect(row[2].hasSuffix(offsets[row[9]] ?? "?"), "\(row[2]) in \(row[9])")
        }
    }

    @Test func truthFileHasOneRowPerCaseInCaseOrder() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let events = dir.appendingPathComponent("orders.csv").path, truthPath = dir.appendingPathComponent("truth.csv").path
        try Generator.writeCSV(Self.configuration, to: events, truthPath: truthPath)
        let truth = try Generator.makeLogAndTruth(Self.configuration).truth
        let rows = Fixtures.rows(try String(contentsOfFile: truthPath, encoding: .utf8))
        #expect(rows.first == ["case_id", "true_owner", "legacy_owner", "legacy_correct", "drift", "noise_ceiling_prob"])
        #expect(rows.count == truth.count + 1)
        for (row, t) in zip(rows.dropFirst(), truth) {
            #expect(row == [
                t.caseID, t.trueOwner.name, t.legacyOwner.name, t.legacyCorrect ? "1" : "0", t.drift ? "1" : "0",
                row[5],
            ])
            #expect(abs((Double(row[5]) ?? -1) - t.noiseCeilingProbability) <= 0.00005)
        }
    }

    @Test func aFailedRunLeavesNoFileBehind() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let missing = dir.appendingPathComponent("no/such/dir/orders.csv").path
        #expect(throws: GeneratorError.self) { try Generator.writeCSV(Self.configuration, to: missing) }
        var bad = Self.configuration
        bad.legacyAccuracy = 1.5
        let path = dir.appendingPathComponent("orders.csv").path
        #expect(throws: GeneratorError.dial("--legacy-accuracy", "a probability between 0 and 1", found: "1.5")) {
            try Generator.writeCSV(bad, to: path)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }
}

/// `datasets/orders-sample.csv` is exactly what the documented command makes.
@Suite struct BundledSampleTests {
    @Test func bundledSampleRegeneratesByteForByte() throws {
        let bundled = Fixtures.repositoryRoot.appendingPathComponent("datasets/orders-sample.csv")
        let bundledTruth = Fixtures.repositoryRoot.appendingPathComponent("datasets/orders-sample-truth.csv")
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("orders-sample.csv"), truth = dir.appendingPathComponent("truth.csv")
        var c = GeneratorConfiguration()
        c.cases = 5_000
        c.seed = 2025
        try Generator.writeCSV(c, to: out.path, truthPath: truth.path)
        let expected = try Data(contentsOf: bundled)
        #expect(try Data(contentsOf: out) == expected)
        #expect(try Data(contentsOf: truth) == Data(contentsOf: bundledTruth))
        #expect(expected.count < 8_000_000)
    }
}
