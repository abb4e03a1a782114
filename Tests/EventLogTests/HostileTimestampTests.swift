import Foundation
import Testing

@testable import EventLog

/// Timestamps at the edges of the supported range (years 1900 and 9999), out of order and
/// with mixed offsets, through both readers and both writers.
@Suite struct HostileTimestampTests {
    static func utc(_ text: String) -> Int64 { ISO8601Parser.parse(text)?.micros ?? .min }

    static let y1900 = utc("1900-01-01T00:00:00Z")
    static let last = utc("9999-12-31T23:59:59.999999Z")

    @Test func edgesOfTheRangeParseAndPrintBack() {
        #expect(Self.y1900 == -2_208_988_800_000_000)
        #expect(Self.last == Timestamp.maximum)
        #expect(Self.utc("0001-01-01T00:00:00Z") == Timestamp.minimum)
        #expect(ISO8601Parser.parse("1900-02-29") == nil)  // 1900 is not a leap year
        #expect(ISO8601Parser.parse("9999-12-31T23:59:59-00:01") == nil)  // past the last instant
        #expect(ISO8601Parser.parse("9999-12-31T24:00:00Z") == nil)
        #expect(ISO8601Parser.parse("0001-01-01T00:00:00+00:01") == nil)
        #expect(ISO8601Parser.parse("10000-01-01T00:00:00Z") == nil)
        #expect(Timestamp.iso8601(Self.y1900 - 1) == "1899-12-31T23:59:59.999999+00:00")
        #expect(Timestamp.iso8601(Self.last) == "9999-12-31T23:59:59.999999+00:00")
        #expect(Timestamp.iso8601(Timestamp.minimum) == "0001-01-01T00:00:00+00:00")
    }

    static let csv = """
        case,activity,timestamp
        old,a,1900-01-01T00:00:00Z
        old,b,1899-12-31T23:59:59.5Z
        old,c,1900-01-01 01:00:00+01:00
        new,d,9999-12-31T23:59:59.999999Z
        new,e,9999-12-31T23:59:59-01:00
        new,f,9999-12-31 23:30:00

        """

    @Test func csvAcceptsTheYears1900And9999AndRejectsWhatLiesBeyond() throws {
        var options = ImportOptions()
        options.timezone = "-01:00"  // only the naive row shifts
        let result = try CSVTesting.read(Self.csv, options: options)
        #expect(result.rowsRead == 6)
        #expect(result.rejected == [
            RejectedRow(
                line: 6, raw: "new,e,9999-12-31T23:59:59-01:00", column: "timestamp",
                reason: "unparsable timestamp '9999-12-31T23:59:59-01:00' (expected ISO 8601 like 2024-03-01T08:15:00Z)"),
            RejectedRow(
                line: 7, raw: "new,f,9999-12-31 23:30:00", column: "timestamp",
                reason: "timestamp out of range '9999-12-31 23:30:00' (expected a date between the years 1 and 9999)"),
        ])
        let log = result.log
        #expect(CSVTesting.traces(log) == [["b", "a", "c"], ["d"]])
        #expect(log.timestamp == [Self.y1900 - 500_000, Self.y1900, Self.y1900, Self.last])
    }

    @Test func xesAcceptsTheYears1900And9999AndRejectsWhatLiesBeyond() throws {
        let text = XESSample.trace(
            [
                XESSample.event("a", "1900-01-01T00:00:00Z"),
                XESSample.event("b", "1899-12-31T23:59:59.5Z"),
                XESSample.event("d", "9999-12-31T23:59:59.999999Z"),
                XESSample.event("e", "9999-12-31T23:59:59-01:00"),
                XESSample.event("f", "9999-12-31T23:30:00"),
                XESSample.event("g", "0001-01-01T00:30:00"),
            ].joined(separator: "\n"))
        var options = ImportOptions()
        options.timezone = "-01:00"
        let result = try XESSample.readText(text, options)
        #expect(result.rowsRead == 6)
        #expect(result.rejected.map(\.line) == [17, 21])  // the lines of the rejected <event>s
        #expect(result.rejected.map(\.reason) == [
            "time:timestamp is not an ISO 8601 date-time",
            "time:timestamp is outside the years 1 to 9999 once read in time zone -01:00",
        ])
        #expect(result.log.timestamp == [Self.y1900 - 500_000, Self.y1900, Self.utc("0001-01-01T01:30:00Z"), Self.last].sorted())
        // A naive date attribute pushed past the range is rejected the same way.
        let attribute = XESSample.trace(XESSample.event("x", extra: "\n<date key=\"due\" value=\"9999-12-31T23:59:00\"/>"))
        let rejected = try XESSample.readText(attribute, options).rejected
        #expect(rejected.map(\.reason) == ["date attribute 'due' is outside the years 1 to 9999 once read in time zone -01:00"])
        #expect(rejected.map(\.column) == ["due"])
    }

    /// A naive date attribute near either end would leave the range once shifted: such a
    /// column stays text, so nothing is lost and nothing lies outside the years 1–9999.
    @Test func csvDateColumnsNearTheEndsStayText() throws {
        var options = ImportOptions()
        options.timezone = "-01:00"
        let edge = try CSVTesting.read(
            "case,activity,timestamp,due\nc,a,2024-01-01T00:00:00Z,9999-12-31 23:30:00\nc,b,2024-01-02T00:00:00Z,2024-01-01 00:00:00\n",
            options: options
        ).log
        #expect(edge.eventAttribute("due")?.type == .string)
        #expect(edge.eventAttribute("due")?.value(at: 0) == .string("9999-12-31 23:30:00"))
        let inside = try CSVTesting.read(
            "case,activity,timestamp,due\nc,a,2024-01-01T00:00:00Z,9999-12-30 23:30:00\nc,b,2024-01-02T00:00:00Z,9999-12-31T23:30:00Z\n",
            options: options
        ).log
        #expect(inside.eventAttribute("due")?.value(at: 0) == .date(Self.utc("9999-12-31T00:30:00Z")))
        #expect(inside.eventAttribute("due")?.value(at: 1) == .date(Self.utc("9999-12-31T23:30:00Z")))
    }

    @Test func ocelEventsShiftedPastTheRangeAreRejected() throws {
        let json = """
            {"objectTypes": [{"name": "order", "attributes": []}], "eventTypes": [{"name": "place", "attributes": []}],
             "objects": [{"id": "o1", "type": "order"}],
             "events": [{"id": "e1", "type": "place", "time": "9999-12-31T23:30:00", "relationships": [{"objectId": "o1"}]},
                        {"id": "e2", "type": "place", "time": "1900-01-01T00:00:00", "relationships": [{"objectId": "o1"}]}]}
            """
        let file = try OCELScratchFile("edge.jsonocel", json)
        var options = ImportOptions()
        options.objectType = "order"
        options.timezone = "-01:00"
        let result = try OCELLogReader.read(file.path, format: .ocelJSON, options: options)
        #expect(result.rowsRead == 2)
        #expect(result.rejected.map(\.reason) == [
            "event 'e1' has an unparsable time '9999-12-31T23:30:00' (expected ISO 8601 like 2022-01-09T14:00:00+00:00)"
        ])
        #expect(result.log.timestamp == [Self.utc("1900-01-01T01:00:00Z")])
    }

    @Test func writersRoundTripTheEdgesOfTheRange() throws {
        var b = EventLogBuilder(name: "edges")
        let c = b.caseIDs.intern("c")
        for (i, t) in [Timestamp.minimum, Self.y1900 - 1, Self.y1900, 0, -1, Self.last].enumerated() {
            b.appendEvent(caseCode: c, activity: b.activities.intern("a\(i)"), timestamp: t)
            b.setEventAttribute("due", .date(t))
        }
        let log = b.build()
        let csvBack = try CSVTesting.read(bytes: CSVLogWriter.render(log)).log
        #expect(csvBack.timestamp == log.timestamp)
        #expect(csvBack.eventAttribute("due") == log.eventAttribute("due"))
        let path = try XESFixtures.temporaryDirectory().appendingPathComponent("edges.xes").path
        try XESLogWriter.write(log, to: path, compressed: false)
        let xesBack = try XESSample.read(path).log
        #expect(XESLogComparison.difference(xesBack, log) == nil)
    }

    @Test func eventsOutOfOrderAreSortedStablyInXES() throws {
        // Listed newest first, with ties: sorted by time, ties keep their order in the file.
        let times = ["2024-01-03T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-02T00:00:00Z", "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"]
        let events = times.enumerated().map { XESSample.event("e\($0.offset)", $0.element) }.joined(separator: "\n")
        let log = try XESSample.readText(XESSample.trace(events)).log
        #expect((0..<5).map { log.activities.string(log.activity[$0]) } == ["e3", "e1", "e2", "e4", "e0"])
    }

    /// One case whose events carry every kind of offset: the order is by instant, not by text.
    @Test func mixedOffsetsOrderByInstant() throws {
        let stamps = [
            ("z", "2024-06-01T12:00:00Z"),  // 12:00 UTC
            ("kiribati", "2024-06-02T01:30:00+14:00"),  // 11:30 UTC
            ("baker", "2024-06-01T00:45:00-12:00"),  // 12:45 UTC
            ("naive", "2024-06-01 14:15:00"),  // read as +02:00: 12:15 UTC
            ("compact", "2024-06-01T17:29:00+0530"),  // 11:59 UTC
            ("hours", "2024-06-01T09:00:00-03"),  // 12:00 UTC, ties with z
        ]
        let expected = ["kiribati", "compact", "z", "hours", "naive", "baker"]
        var options = ImportOptions()
        options.timezone = "+02:00"
        let csv = "case,activity,timestamp\n" + stamps.map { "c,\($0.0),\($0.1)" }.joined(separator: "\n")
        let fromCSV = try CSVTesting.read(csv, options: options).log
        #expect(CSVTesting.traces(fromCSV) == [expected])
        #expect(fromCSV.timestamp.first == Self.utc("2024-06-01T11:30:00Z"))
        let xes = XESSample.trace(stamps.map { XESSample.event($0.0, $0.1) }.joined(separator: "\n"))
        let fromXES = try XESSample.readText(xes, options).log
        #expect((0..<6).map { fromXES.activities.string(fromXES.activity[$0]) } == expected)
        #expect(fromXES.timestamp == fromCSV.timestamp)
    }
}
