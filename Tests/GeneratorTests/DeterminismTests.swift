import EventLog
import Foundation
import Testing
@testable import Generator

/// The same seed gives the same bytes; another seed gives another log.
@Suite struct DeterminismTests {
    func configuration(seed: UInt64, cases: Int = 2_000) -> GeneratorConfiguration {
        var c = GeneratorConfiguration()
        c.cases = cases
        c.seed = seed
        c.driftAt = 1_738_368_000  // 2025-02-01
        return c
    }

    func files(_ c: GeneratorConfiguration, pm4py: Bool = false) throws -> (Data, Data) {
        let dir = try Fixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let events = dir.appendingPathComponent("log.csv"), truth = dir.appendingPathComponent("truth.csv")
        try Generator.writeCSV(c, to: events.path, truthPath: truth.path, pm4pyNames: pm4py)
        return (try Data(contentsOf: events), try Data(contentsOf: truth))
    }

    @Test func sameSeedGivesIdenticalBytes() throws {
        let a = try files(configuration(seed: 99)), b = try files(configuration(seed: 99))
        #expect(a.0 == b.0)
        #expect(a.1 == b.1)
        #expect(a.0.count > 100_000)
        #expect(try Generator.makeLog(configuration(seed: 99)) == Generator.makeLog(configuration(seed: 99)))
    }

    @Test func differentSeedGivesADifferentLog() throws {
        let a = try files(configuration(seed: 99)), b = try files(configuration(seed: 100))
        #expect(a.0 != b.0)
        #expect(a.1 != b.1)
    }

    @Test func pm4pyNamesChangeOnlyTheHeader() throws {
        let plain = try files(configuration(seed: 5, cases: 300)).0
        let pm4py = try files(configuration(seed: 5, cases: 300), pm4py: true).0
        let plainText = String(decoding: plain, as: UTF8.self), pm4pyText = String(decoding: pm4py, as: UTF8.self)
        #expect(plainText.hasPrefix("case_id,activity,timestamp,resource,team,exception_type,"))
        #expect(pm4pyText.hasPrefix("case:concept:name,concept:name,time:timestamp,org:resource,org:group,exception_type,"))
        #expect(plainText.drop { $0 != "\n" } == pm4pyText.drop { $0 != "\n" })
    }

    @Test func aLargerRunStartsWithTheSameCases() throws {
        // Cases are drawn from per-case streams: asking for more cases does not change the
        // attributes and truth of the first ones.
        let small = try Generator.makeLogAndTruth(configuration(seed: 8, cases: 500))
        let large = try Generator.makeLogAndTruth(configuration(seed: 8, cases: 1_500))
        #expect(Array(large.truth.prefix(500)) == small.truth)
        for column in small.log.caseAttributes {
            let other = try #require(large.log.caseAttribute(column.name))
            for c in 0..<500 { #expect(column.value(at: c) == other.value(at: c)) }
        }
    }
}
