import Foundation
import Testing
@testable import EventLog

@Suite struct CSVWriterTests {
    static let rich = #"""
        case_id,activity,timestamp,resource,team,lifecycle,region,priority,value,vip,opened,note,attempt,score,ok,seen
        o-1,"Check, ""credit""",2024-03-01T08:15:00.250000Z,ann,credit,start,EU,2,10.5,true,2024-02-29T23:00:00Z,"multi
        line",1,0.1,true,2024-03-01T08:00:00Z
        o-1,Release,2024-03-01T07:00:00Z,,credit,complete,EU,2,10.5,true,2024-02-29T23:00:00Z,"",2,,false,
        NA,Hold,2024-03-02T00:00:00+02:00,bob,,start,"US, East",,1e+20,false,,plain,3,-2.5,,2024-03-02T00:00:00Z
        NA,Hold,2024-03-02T00:00:00+02:00,bob,,complete,"US, East",,1e+20,false,,=cmd,4,NaN,true,2024-03-02T00:00:01Z
        """#

    @Test func roundTripGivesTheSameLog() throws {
        let first = try CSVTesting.read(CSVWriterTests.rich)
        #expect(first.rejected.isEmpty)
        let log = first.log
        #expect(log.caseAttributes.map(\.name) == ["region", "priority", "value", "vip", "opened"])
        #expect(log.caseAttributes.map(\.type) == [.string, .int, .float, .bool, .date])
        #expect(log.eventAttributes.map(\.name) == ["note", "attempt", "score", "ok", "seen"])
        #expect(log.eventAttributes.map(\.type) == [.string, .int, .float, .bool, .date])
        let path = CSVTesting.temporaryPath("rich.csv")
        try CSVLogWriter.write(log, to: path)
        let again = try CSVLogReader.read(path, options: ImportOptions(), progress: nil)
        #expect(again.rejected.isEmpty)
        #expect(CSVTesting.canonical(again.log) == CSVTesting.canonical(log))
        #expect(again.log.caseAttributes.map(\.type) == log.caseAttributes.map(\.type))
        #expect(again.log.eventAttributes.map(\.type) == log.eventAttributes.map(\.type))
        // From then on the file is a fixed point, byte for byte, and the logs are equal.
        let bytes = CSVLogWriter.render(again.log)
        #expect(bytes == Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(try CSVTesting.read(bytes: bytes).log == again.log)
        #expect(!FileManager.default.fileExists(atPath: path + ".tmp-\(getpid())"))
    }

    @Test func writesTheExpectedText() throws {
        let log = try CSVTesting.read(CSVWriterTests.rich).log
        let lines = String(decoding: CSVLogWriter.render(log), as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "case_id,activity,timestamp,resource,team,lifecycle,region,priority,value,vip,opened,note,attempt,score,ok,seen")
        #expect(lines[1] == "o-1,Release,2024-03-01T07:00:00+00:00,,credit,complete,EU,2,10.5,true,2024-02-29T23:00:00+00:00,\"\",2,,false,")
        #expect(lines[2] == "o-1,\"Check, \"\"credit\"\"\",2024-03-01T08:15:00.250000+00:00,ann,credit,start,EU,2,10.5,true,2024-02-29T23:00:00+00:00,\"multi")
        #expect(lines[5] == "NA,Hold,2024-03-01T22:00:00+00:00,bob,,complete,\"US, East\",,1e+20,false,,=cmd,4,NaN,true,2024-03-02T00:00:01+00:00")
        var pm4py = CSVWriteOptions()
        pm4py.pm4pyNames = true
        let header = String(decoding: CSVLogWriter.render(log, options: pm4py), as: UTF8.self).prefix { $0 != "\n" }
        #expect(header.hasPrefix("case:concept:name,concept:name,time:timestamp,org:resource,org:group,lifecycle:transition,region"))
    }

    @Test func spreadsheetSafeNeutralisesFormulasButNotNumbers() throws {
        let text = "case,activity,timestamp,cell\n1,=SUM(A1),2024-01-01,+1\n1,@home,2024-01-02,-x\n1,-5,2024-01-03,\"+a,b\"\n"
        let log = try CSVTesting.read(text).log
        var options = CSVWriteOptions()
        options.spreadsheetSafe = true
        let out = String(decoding: CSVLogWriter.render(log, options: options), as: UTF8.self)
        #expect(out == """
            case_id,activity,timestamp,cell
            1,'=SUM(A1),2024-01-01T00:00:00+00:00,+1
            1,'@home,2024-01-02T00:00:00+00:00,'-x
            1,-5,2024-01-03T00:00:00+00:00,"'+a,b"

            """)
    }

    @Test func helpdeskRoundTrips() throws {
        let path = CSVTesting.shared.appendingPathComponent("logs/helpdesk_tax2017.csv").path
        let log = try CSVLogReader.read(path, options: ImportOptions(), progress: nil).log
        let back = try CSVTesting.read(bytes: CSVLogWriter.render(log)).log
        #expect(CSVTesting.canonical(back) == CSVTesting.canonical(log))
        #expect(back.caseCount == 3804 && back.eventCount == 13710)
    }

    @Test func aLogBuiltInMemoryRoundTrips() throws {
        var b = EventLogBuilder(name: "")
        for i in 0..<50 {
            let c = b.caseIDs.intern("case \(i % 6)")
            b.appendEvent(
                caseCode: c, activity: b.activities.intern(["a", "b,c", "d\"e"][i % 3]), timestamp: Int64(i * 7 % 11) * 1_000_001,
                resource: i % 4 == 0 ? StringPool.missing : b.resources.intern("r\(i % 3)"))
            b.setEventAttribute("cost", i % 5 == 1 ? nil : .float(Double(i) / 4))
            b.setEventAttribute("n", .int(Int64(i) - 25))
        }
        var log = b.build()
        log.promoteCaseConstantColumns()
        let back = try CSVTesting.read(bytes: CSVLogWriter.render(log)).log
        #expect(CSVTesting.canonical(back) == CSVTesting.canonical(log))
    }

    @Test func timestampTextMatchesTimestampISO8601() {
        var rng = SplitMix(seed: 3)
        for _ in 0..<2000 {
            let t = Int64(bitPattern: rng.next()) % Timestamp.maximum
            var out: [UInt8] = []
            CSVCellEncoding.appendTimestamp(t, to: &out)
            #expect(String(decoding: out, as: UTF8.self) == Timestamp.iso8601(t))
        }
    }

    @Test func writingIntoAMissingFolderIsAnError() {
        let path = "/nonexistent-switchyard-folder/out.csv"
        #expect(throws: CSVWriteError.self) { try CSVLogWriter.write(EventLog(), to: path) }
    }
}
