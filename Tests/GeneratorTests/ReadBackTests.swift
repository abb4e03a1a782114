import EventLog
import Foundation
import Testing
@testable import Generator

/// The files the generator writes read back, through Switchyard's own readers, to the log
/// ``Generator/makeLog(_:)`` builds in memory.
@Suite struct ReadBackTests {
    static let configuration: GeneratorConfiguration = {
        var c = GeneratorConfiguration()
        c.cases = 1_200
        c.seed = 31
        c.driftAt = 1_737_331_200  // 2025-01-20
        return c
    }()

    /// Same cases, events (activity, time, resource, team, in order) and case attributes.
    func expectSameLog(_ read: EventLog, _ made: EventLog, _ label: String) {
        #expect(read.caseCount == made.caseCount, "\(label)")
        #expect(read.eventCount == made.eventCount, "\(label)")
        guard read.caseCount == made.caseCount, read.eventCount == made.eventCount else { return }
        #expect(read.caseIDs.strings == made.caseIDs.strings, "\(label)")
        #expect(read.caseOffsets == made.caseOffsets, "\(label)")
        #expect(read.timestamp == made.timestamp, "\(label)")
        for e in 0..<made.eventCount {
            #expect(read.activities.string(read.activity[e]) == made.activities.string(made.activity[e]), "\(label) \(e)")
            #expect(read.resources.string(read.resource[e]) == made.resources.string(made.resource[e]), "\(label) \(e)")
            #expect(read.groups.optionalString(read.group[e]) == made.groups.optionalString(made.group[e]), "\(label) \(e)")
        }
        for column in made.caseAttributes {
            guard let other = read.caseAttribute(column.name) else {
                Issue.record("\(label): case attribute \(column.name) missing; found \(read.caseAttributes.map(\.name))")
                continue
            }
            #expect(other.type == column.type, "\(label) \(column.name)")
            for c in 0..<made.caseCount where other.value(at: c) != column.value(at: c) {
                Issue.record("\(label) \(column.name) case \(c): \(String(describing: other.value(at: c))) vs \(String(describing: column.value(at: c)))")
                break
            }
        }
    }

    @Test func csvReadsBackToTheSameLog() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Generator.makeLog(Self.configuration)
        for pm4py in [false, true] {
            let path = dir.appendingPathComponent("orders-\(pm4py).csv").path
            try Generator.writeCSV(Self.configuration, to: path, pm4pyNames: pm4py)
            let result = try EventLogImporter.read(path)
            #expect(result.rejected.isEmpty)
            #expect(result.rowsRead == made.eventCount)
            expectSameLog(result.log, made, "csv pm4py=\(pm4py)")
        }
    }

    @Test func xesAndXESGzReadBackToTheSameLog() throws {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let made = try Generator.makeLogAndTruth(Self.configuration)
        for name in ["orders.xes", "orders.xes.gz"] {
            let path = dir.appendingPathComponent(name).path, truth = dir.appendingPathComponent(name + ".truth.csv").path
            let summary = try Generator.writeXES(
                Self.configuration, to: path, compressed: name.hasSuffix(".gz"), truthPath: truth)
            #expect(summary == made.summary)
            let result = try EventLogImporter.read(path)
            #expect(result.rejected.isEmpty)
            expectSameLog(result.log, made.log, name)
            let rows = Fixtures.rows(try String(contentsOfFile: truth, encoding: .utf8))
            #expect(rows.count == made.truth.count + 1)
            #expect(rows.dropFirst().map { $0[0] } == made.truth.map(\.caseID))
        }
        let gz = try Data(contentsOf: dir.appendingPathComponent("orders.xes.gz"))
        #expect(gz.prefix(2) == Data([0x1F, 0x8B]))
    }

    @Test func bundledSampleImportsWithoutRejections() throws {
        let result = try EventLogImporter.read(Fixtures.repositoryRoot.appendingPathComponent("datasets/orders-sample.csv").path)
        #expect(result.rejected.isEmpty)
        #expect(result.log.caseCount == 5_000)
        #expect(result.log.eventCount == 37_757)
        #expect(result.log.groups.count == 10)
        #expect(Set(result.log.caseAttributes.map(\.name)).isSuperset(of: LogBuilderSink.caseColumnNames))
    }
}
