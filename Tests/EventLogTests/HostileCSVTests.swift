import Foundation
import Testing

@testable import EventLog

/// Hostile CSV files the existing suites do not cover. Already covered elsewhere (not
/// repeated here): empty, BOM-only and blank files, a header with no rows, binary noise and
/// NUL bytes in the header, NUL bytes and invalid UTF-8 in fields, 10 MB lines with and
/// without quotes (`CSVBadInputTests`); cases interleaved in the file and events out of order
/// (`CSVReaderTests.sortsEventsStablyByTimeWithinCases`).
@Suite struct HostileCSVTests {
    /// 100 000 columns: refused in the header (more than 65 536) with a clear error; a data
    /// row of 100 000 fields under a small header is one rejected row.
    @Test func hundredThousandColumns() throws {
        let wide = (0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n1,a,2024-01-01T00:00:00Z\n"
        let error = CSVTesting.error(wide)
        #expect(error?.kind == .tooLarge)
        #expect(error?.description == "in.csv:1: the header line has too many columns (expected at most 65536 columns, found '100000 columns')")
        let row = "case,activity,timestamp\n1,a,2024-01-01T00:00:00Z\n" + (0..<100_000).map(String.init).joined(separator: ",")
            + "\n1,b,2024-01-02T00:00:00Z\n"
        let result = try CSVLogReader.read(bytes: Array(row.utf8))
        #expect(result.rowsRead == 3)
        #expect(result.log.eventCount == 2)
        #expect(result.rejected.map(\.line) == [3])
        #expect(result.rejected.map(\.reason) == ["expected 3 fields, found 100000"])
    }

    /// 60 000 columns (under the limit): a full row, a row one field short, a row where one
    /// column varies within the case.
    @Test func sixtyThousandColumns() throws {
        let columns = 60_000
        let names = ["case", "activity", "timestamp"] + (3..<columns).map { "c\($0)" }
        let full = ["k", "a", "2024-01-01T00:00:00Z"] + (3..<columns).map { String($0) }
        let short = ["k", "b", "2024-01-02T00:00:00Z"] + (3..<(columns - 1)).map { String($0) }
        let varying = ["k", "c", "2024-01-03T00:00:00Z"] + (3..<columns).map { $0 == 30_000 ? "x" : String($0) }
        let text = [names, full, short, varying].map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
        let result = try CSVLogReader.read(bytes: Array(text.utf8))
        #expect(result.rowsRead == 3)
        #expect(result.rejected.map(\.line) == [3])
        #expect(result.rejected.map(\.reason) == ["expected 60000 fields, found 59999"])
        let log = result.log
        #expect(log.eventCount == 2)
        #expect(log.caseAttributes.count + log.eventAttributes.count == columns - 3)
        #expect(log.eventAttributes.map(\.name) == ["c30000"])  // the only column that varies within the case
        #expect(log.eventAttribute("c30000")?.value(at: 1) == .string("x"))
        #expect(log.caseAttribute("c59999")?.value(at: 0) == .int(59_999))
    }

    /// A good header, then 2 000 lines of random bytes (no quotes, no line ends), then a
    /// good row: every noise line is read and rejected, the good row is kept.
    @Test func binaryNoiseLinesAreEachRejected() throws {
        var rng = SplitMix(seed: 99)
        var bytes = Array("case,activity,timestamp\n".utf8)
        for _ in 0..<2_000 {
            for _ in 0..<100 {
                var b = UInt8(truncatingIfNeeded: rng.next())
                if b == 0x22 || b == 0x0A || b == 0x0D { b = 0x41 }
                bytes.append(b)
            }
            bytes.append(0x0A)
        }
        bytes += Array("good,a,2024-01-01T00:00:00Z\n".utf8)
        let result = try CSVTesting.read(bytes: bytes)
        #expect(result.rowsRead == 2_001)
        #expect(result.rejected.count == 2_000)
        #expect(result.log.eventCount == 1)
        #expect(result.log.caseID(0) == "good")
        #expect(result.rejected.first?.line == 2)
        #expect(result.rejected.last?.line == 2_001)
    }

    /// 100 000 cases of one event each: every column is constant within its case, so every
    /// attribute becomes a case attribute.
    @Test func everyCaseWithOneEvent() throws {
        let cases = 100_000
        var text = "case,activity,timestamp,amount\n"
        text.reserveCapacity(cases * 40)
        for c in 0..<cases { text += "c\(c),a\(c % 3),2024-01-01T00:00:\(c % 6)0Z,\(c)\n" }
        let result = try CSVTesting.read(text)
        #expect(result.rowsRead == cases)
        #expect(result.rejected.isEmpty)
        let log = result.log
        #expect(log.caseCount == cases && log.eventCount == cases)
        #expect(log.caseOffsets == Array(0...cases))
        #expect(log.caseID(54_321) == "c54321")
        #expect(log.eventAttributes.isEmpty)
        #expect(log.caseAttribute("amount")?.value(at: 54_321) == .int(54_321))
    }

    /// One case with a million events listed newest first, in pairs with equal times: the
    /// log is sorted by time and ties keep their order in the file.
    @Test func oneCaseWithAMillionEvents() throws {
        let events = 1_000_000
        var text = "case,activity,timestamp\n"
        text.reserveCapacity(events * 30)
        let epoch2024 = try #require(ISO8601Parser.parse("2024-01-01T00:00:00Z")).micros / 1_000_000
        for pair in stride(from: events / 2 - 1, through: 0, by: -1) {
            // Seconds since 2024 counting down; rows 2k and 2k+1 share a time.
            let time = String(epoch2024 + Int64(pair))
            text += "only,even," + time + "\nonly,odd," + time + "\n"
        }
        let bytes = Array(text.utf8)
        var options = ImportOptions()
        options.timestampFormat = .epochSeconds
        let result = try CSVLogReader.read(bytes: bytes, options: options)
        #expect(result.rowsRead == events)
        #expect(result.rejected.isEmpty)
        let log = result.log
        #expect(log.caseCount == 1 && log.eventCount == events)
        #expect(log.timestamp.first == epoch2024 * 1_000_000)
        #expect(log.timestamp.last == (epoch2024 + Int64(events / 2 - 1)) * 1_000_000)
        #expect(zip(log.timestamp, log.timestamp.dropFirst()).allSatisfy { $0 <= $1 })
        // Each pair keeps its file order: even before odd, all the way.
        #expect(log.activity.enumerated().allSatisfy { log.activities.string($0.element) == ($0.offset % 2 == 0 ? "even" : "odd") })
    }

    /// Regression (found by FuzzCSV): a column name holding `;` made the written file's
    /// header look `;`-delimited, so the file the writer made did not read back.
    @Test func writtenHeaderNamesThatHoldOtherDelimitersReadBack() throws {
        let text = "case,activity,timestamp,\"a;b;c;d;e;f;g;h\",\"tab\there\",\"p|i|p|e\"\n1,x,2024-01-01T00:00:00Z,1,2,3\n1,y,2024-01-02T00:00:00Z,4,5,6\n"
        let log = try CSVTesting.read(text).log
        let written = CSVLogWriter.render(log)
        #expect(String(decoding: written, as: UTF8.self).hasPrefix("case_id,activity,timestamp,\"a;b;c;d;e;f;g;h\",\"tab\there\",\"p|i|p|e\"\n"))
        let back = try CSVTesting.read(bytes: written).log
        #expect(CSVTesting.canonical(back) == CSVTesting.canonical(log))
    }

    /// Regression (found by FuzzCSV): an attribute named like a role the log lacks (`user`,
    /// `lifecycle`, `group`) was taken for that role when the written file was read back.
    @Test func attributesNamedLikeAbsentRolesStayAttributes() throws {
        // In each, an empty column of a role's first name claims the role, so the column named
        // like the role's other names is read as an attribute.
        let texts = [
            "case_id,activity,timestamp,lifecycle:transition,lifecycle\n1,a,2024-01-01T00:00:00Z,,start\n1,b,2024-01-02T00:00:00Z,,end\n",
            "case,activity,timestamp,org:resource,user\n1,a,2024-01-01T00:00:00Z,,ann\n1,b,2024-01-02T00:00:00Z,,bob\n",
            "case,activity,timestamp,org:group,team\n1,a,2024-01-01T00:00:00Z,,t1\n1,b,2024-01-02T00:00:00Z,,t2\n",
            "case,activity,timestamp,lifecycle:transition,org:resource,Transition,Resource_ID\n1,a,2024-01-01T00:00:00Z,,,x,7\n1,b,2024-01-02T00:00:00Z,,,y,8\n",
        ]
        for text in texts {
            let log = try CSVTesting.read(text).log
            #expect(!log.hasLifecycle && !log.hasResources && !log.hasGroups, "\(text)")
            let written = CSVLogWriter.render(log)
            let back = try CSVTesting.read(bytes: written).log
            #expect(CSVTesting.canonical(back) == CSVTesting.canonical(log), "\(String(decoding: written, as: UTF8.self))")
        }
        let header = String(decoding: CSVLogWriter.render(try CSVTesting.read(texts[1]).log), as: UTF8.self).prefix { $0 != "\n" }
        #expect(header == "case:concept:name,concept:name,time:timestamp,org:resource,user")
        // Regression (found by FuzzCSV): an attribute spelt exactly like the written role name
        // came back renamed `concept:name.1`; the role is written as a case variant instead.
        let clash = try CSVTesting.read(
            "case:concept:name;cOncept:name;time:timestamp;concept:name\nc1;A;2024-01-01T09:00:00Z;x\nc1;B;2024-01-02T09:00:00Z;y\n").log
        #expect(clash.eventAttributes.map(\.name) == ["concept:name"])
        let written = CSVLogWriter.render(clash)
        #expect(String(decoding: written, as: UTF8.self).hasPrefix("case:concept:name,CONCEPT:NAME,time:timestamp,concept:name\n"))
        #expect(CSVTesting.canonical(try CSVTesting.read(bytes: written).log) == CSVTesting.canonical(clash))
    }
}
