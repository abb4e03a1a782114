import Testing
@testable import EventLog

@Suite struct CSVTimestampFormatTests {
    func utc(_ iso: String) -> Int64? { ISO8601Parser.parse(iso)?.micros }

    func times(_ cells: [String], format: TimestampFormat, timezone: String = "UTC") throws -> [Int64] {
        var options = ImportOptions()
        options.timestampFormat = format
        options.timezone = timezone
        let text = "case,activity,timestamp\n" + cells.enumerated().map { "c\($0.offset),a,\"\($0.element)\"" }.joined(separator: "\n")
        let result = try CSVTesting.read(text, options: options)
        #expect(result.rejected.isEmpty, "\(result.rejected)")
        return result.log.timestamp
    }

    @Test func dayFirstForms() throws {
        let got = try times(["31/12/2024 08:15", "1.2.2024 8:05:07", "05-03-2024", "2024-03-05T01:02:03Z", "31/12/2024 08:15:00.5+01:00"], format: .dayFirst)
        #expect(got == [
            utc("2024-12-31T08:15:00Z"), utc("2024-02-01T08:05:07Z"), utc("2024-03-05T00:00:00Z"),
            utc("2024-03-05T01:02:03Z"), utc("2024-12-31T07:15:00.5Z"),
        ])
    }

    @Test func monthFirstForms() throws {
        let got = try times(["12/31/2024 08:15:00", "2/1/2024"], format: .monthFirst)
        #expect(got == [utc("2024-12-31T08:15:00Z"), utc("2024-02-01T00:00:00Z")])
    }

    @Test func dayFirstRejectsImpossibleDates() throws {
        var options = ImportOptions()
        options.timestampFormat = .dayFirst
        let result = try CSVTesting.read("case,activity,timestamp\n1,a,12/31/2024\n1,b,31/12/24\n1,c,1/1/2024\n", options: options)
        #expect(result.rejected.map(\.reason) == [
            "unparsable timestamp '12/31/2024' (expected day-first like 31/12/2024 08:15:00)",
            "unparsable timestamp '31/12/24' (expected day-first like 31/12/2024 08:15:00)",
        ])
    }

    @Test func epochSecondsAndMilliseconds() throws {
        #expect(try times(["1709280900", "1709280900.25", "-1", "0"], format: .epochSeconds)
            == [1_709_280_900_000_000, 1_709_280_900_250_000, -1_000_000, 0])
        #expect(try times(["1709280900123", "1709280900123.5"], format: .epochMilliseconds)
            == [1_709_280_900_123_000, 1_709_280_900_123_500])
    }

    @Test func naiveTimesTakeTheTimezoneAndExplicitOffsetsDoNot() throws {
        let cells = ["2021-07-01 12:00:00", "2021-01-01 12:00:00", "2021-07-01T12:00:00Z", "2021-07-01T12:00:00+05:00"]
        #expect(try times(cells, format: .iso8601, timezone: "Europe/Rome") == [
            utc("2021-07-01T10:00:00Z"), utc("2021-01-01T11:00:00Z"), utc("2021-07-01T12:00:00Z"), utc("2021-07-01T07:00:00Z"),
        ])
        #expect(try times(cells, format: .iso8601, timezone: "-03:30") == [
            utc("2021-07-01T15:30:00Z"), utc("2021-01-01T15:30:00Z"), utc("2021-07-01T12:00:00Z"), utc("2021-07-01T07:00:00Z"),
        ])
        #expect(try times(["01/07/2021 12:00"], format: .dayFirst, timezone: "Europe/Rome") == [utc("2021-07-01T10:00:00Z")])
        // Epoch values are instants already: no shift.
        #expect(try times(["0"], format: .epochSeconds, timezone: "Europe/Rome") == [0])
    }

    @Test func hourlyZoneCacheMatchesTheZoneAroundDaylightSavingChanges() throws {
        let zone = try #require(NaiveTimeZone("Europe/Rome"))
        var reader = CSVTimestampReader(format: .iso8601, zone: zone)
        for start in ["2021-03-27T00:00:00Z", "2021-10-30T00:00:00Z"] {
            let from = try #require(utc(start))
            for step in 0..<(3 * 24 * 4) {
                let local = from + Int64(step) * 900_000_000 + 1_234_567
                #expect(reader.naiveToUTC(local) == zone.toUTC(local))
            }
        }
    }

    @Test func dateAttributesAreTypedAndShifted() throws {
        var options = ImportOptions()
        options.timezone = "+01:00"
        let text = "case,activity,timestamp,due\n1,a,2024-01-01T00:00:00Z,2024-02-01 10:00\n1,b,2024-01-02T00:00:00Z,2024-02-03T10:00:00Z\n"
        let log = try CSVTesting.read(text, options: options).log
        let due = try #require(log.eventAttribute("due"))
        #expect(due.type == .date)
        #expect(due.value(at: 0) == .date(try #require(utc("2024-02-01T09:00:00Z"))))
        #expect(due.value(at: 1) == .date(try #require(utc("2024-02-03T10:00:00Z"))))
    }
}
