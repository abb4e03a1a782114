import Foundation
import Testing
@testable import EventLog

@Suite struct CSVBadInputTests {
    static let header = "case,activity,timestamp,amount\n"

    /// Reads `rows` under a standard header and returns the rejected rows.
    func rejected(_ rows: String, options: ImportOptions = ImportOptions()) throws -> [RejectedRow] {
        try CSVTesting.read(CSVBadInputTests.header + rows, options: options).rejected
    }

    @Test func wrongFieldCount() throws {
        let r = try rejected("1,a,2024-01-01T00:00:00Z,5\n1,b,2024-01-01T00:00:00Z\n1,c,2024-01-01T00:00:00Z,5,6\n")
        #expect(r == [
            RejectedRow(line: 3, raw: "1,b,2024-01-01T00:00:00Z", reason: "expected 4 fields, found 3"),
            RejectedRow(line: 4, raw: "1,c,2024-01-01T00:00:00Z,5,6", reason: "expected 4 fields, found 5"),
        ])
    }

    @Test func textAfterAClosingQuote() throws {
        let r = try rejected("1,\"a\"x,2024-01-01T00:00:00Z,5\n2,b,2024-01-01T00:00:00Z,5\n")
        #expect(r == [RejectedRow(
            line: 2, raw: "1,\"a\"x,2024-01-01T00:00:00Z,5", column: "activity",
            reason: "unexpected 'x' after the closing quote of field 2 (a quote inside a quoted field must be doubled)")])
    }

    @Test func unterminatedQuoteRejectsOnlyItsLineAndKeepsTheRest() throws {
        let result = try CSVTesting.read(CSVBadInputTests.header + "1,a,2024-01-01T00:00:00Z,5\n2,\"b,2024-01-01T00:00:00Z,5\n3,c,2024-01-02T00:00:00Z,5\n4,d,2024-01-03T00:00:00Z,5")
        #expect(result.rejected == [RejectedRow(
            line: 3, raw: "2,\"b,2024-01-01T00:00:00Z,5", column: "activity",
            reason: "unterminated quoted field 2 (a field that starts with a quote must end with one)")])
        #expect((0..<result.log.caseCount).map(result.log.caseID) == ["1", "3", "4"])
    }

    @Test func unparsableAndOutOfRangeTimestamps() throws {
        let r = try rejected("1,a,2024-13-01,5\n1,b,,5\n1,c,2024-02-30T10:00:00Z,5\n")
        #expect(r.map(\.reason) == [
            "unparsable timestamp '2024-13-01' (expected ISO 8601 like 2024-03-01T08:15:00Z)",
            "empty timestamp",
            "unparsable timestamp '2024-02-30T10:00:00Z' (expected ISO 8601 like 2024-03-01T08:15:00Z)",
        ])
        #expect(r.map(\.line) == [2, 3, 4])
        #expect(r.allSatisfy { $0.column == "timestamp" })
        var epoch = ImportOptions()
        epoch.timestampFormat = .epochSeconds
        let e = try rejected("1,a,99999999999999,5\n1,b,12abc,5\n1,c,1709280900,5\n", options: epoch)
        #expect(e.map(\.reason) == [
            "timestamp out of range '99999999999999' (expected a date between the years 1 and 9999)",
            "unparsable timestamp '12abc' (expected seconds since 1970-01-01 like 1709280900)",
        ])
    }

    @Test func missingCaseIDOrActivity() throws {
        let r = try rejected(",a,2024-01-01,5\n\"\",a,2024-01-01,5\n1,,2024-01-01,5\nNA,a,2024-01-01,5\n")
        #expect(r == [
            RejectedRow(line: 2, raw: ",a,2024-01-01,5", column: "case", reason: "empty case id"),
            RejectedRow(line: 3, raw: "\"\",a,2024-01-01,5", column: "case", reason: "empty case id"),
            RejectedRow(line: 4, raw: "1,,2024-01-01,5", column: "activity", reason: "empty activity"),
        ])
    }

    @Test func invalidUTF8AndNULBytes() throws {
        var bytes = Array((CSVBadInputTests.header + "1,a").utf8) + [0xFF] + Array(",2024-01-01,5\n".utf8)
        bytes += Array("2,a,2024-01-01,x".utf8) + [0x00] + Array("y\n".utf8)
        bytes += Array("3,caf".utf8) + [0xC3, 0xA9] + Array(",2024-01-01,5\n".utf8)
        bytes += Array("4,\"over".utf8) + [0xC0, 0xAF] + Array("long\",2024-01-01,5\n".utf8)
        let result = try CSVTesting.read(bytes: bytes)
        #expect(result.rejected.map(\.reason) == [
            "invalid UTF-8 in field 2 (byte 0xFF at offset 1)",
            "NUL byte in field 4 (binary data?)",
            "invalid UTF-8 in field 2 (byte 0xC0 at offset 4)",
        ])
        #expect(result.rejected.map(\.line) == [2, 3, 5])
        #expect(result.rejected.map(\.column) == ["activity", "amount", "activity"])
        #expect(CSVTesting.traces(result.log) == [["café"]])
    }

    @Test func strictStopsAtTheFirstBadRowWithFileLineColumnExpectedFound() {
        var options = ImportOptions()
        options.strict = true
        let error = CSVTesting.error(CSVBadInputTests.header + "1,a,2024-01-01,5\n\n1,b,2024-13-01,5\n1,c,,5\n", options: options)
        #expect(error == ImportError(
            .invalidTimestamp, file: "in.csv", line: 4, column: "timestamp",
            expected: "ISO 8601 like 2024-03-01T08:15:00Z", found: "2024-13-01", reason: "unparsable timestamp"))
        #expect(error?.description
            == "in.csv:4: column 'timestamp': unparsable timestamp (expected ISO 8601 like 2024-03-01T08:15:00Z, found '2024-13-01')")
        let count = CSVTesting.error(CSVBadInputTests.header + "1,a,2024-01-01\n", options: options)
        #expect(count?.description == "in.csv:2: wrong number of fields (expected 4 fields, found '3 fields')")
    }

    @Test func emptyHeaderOnlyAndBlankFilesAreCleanErrors() {
        #expect(CSVTesting.error("")?.kind == .emptyInput)
        #expect(CSVTesting.error("")?.reason == "the file is empty")
        #expect(CSVTesting.error(bytes: [0xEF, 0xBB, 0xBF])?.reason == "the file holds only a byte order mark")
        #expect(CSVTesting.error("\n\r\n\n")?.reason == "the file holds only blank lines")
        let headerOnly = CSVTesting.error("case,activity,timestamp\n\n")
        #expect(headerOnly?.kind == .emptyInput)
        #expect(headerOnly?.reason == "the file has a header but no rows")
        #expect(CSVTesting.error(bytes: [0xFF, 0xFE, 0x63, 0x00])?.kind == .invalidEncoding)
    }

    @Test func binaryNoiseAndNULBytesInTheHeaderAreRefused() {
        var rng = SplitMix(seed: 7)
        let noise = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        let error = CSVTesting.error(bytes: noise)
        #expect(error?.kind == .invalidEncoding || error?.kind == .missingColumn)
        let nul = CSVTesting.error(bytes: [0x61, 0x00, 0x2C, 0x62, 0x0A, 0x31, 0x2C, 0x32, 0x0A])
        #expect(nul?.description == "in.csv:1: the header line is not UTF-8 text (is this a binary file?) (expected a UTF-8 header line naming the columns)")
    }

    @Test func tenMegabyteSingleLines() throws {
        let long = [UInt8](repeating: 0x78, count: 10 << 20)
        let noNewline = CSVTesting.error(bytes: long)
        #expect(noNewline?.kind == .missingColumn)
        #expect((noNewline?.description.count ?? .max) < 600)
        let header = Array(CSVBadInputTests.header.utf8), good = Array("1,a,2024-01-01,5\n".utf8)
        let result = try CSVLogReader.read(bytes: header + long + [0x0A] + good)
        #expect(result.rejected.map(\.reason) == ["expected 4 fields, found 1"])
        #expect(result.rejected.first?.raw.utf8.count == 10 << 20)
        let quoted = try CSVLogReader.read(bytes: header + Array("1,\"".utf8) + long + [0x0A] + good)
        #expect(quoted.rejected.map(\.line) == [2])
        #expect(quoted.log.eventCount == 1)
    }

    @Test func tenMegabytesOfDelimitersAreRefusedOrRejectedCleanly() throws {
        let commas = [UInt8](repeating: 0x2C, count: 10 << 20)
        let header = CSVTesting.error(bytes: commas)
        #expect(header?.kind == .tooLarge)
        #expect(header?.description == "in.csv:1: the header line has too many columns (expected at most 65536 columns, found '10485761 columns')")
        let row = try CSVLogReader.read(bytes: Array(CSVBadInputTests.header.utf8) + commas + Array("\n1,a,2024-01-01,5\n".utf8))
        #expect(row.rejected.map(\.reason) == ["expected 4 fields, found 10485761"])
        #expect(row.log.eventCount == 1)
    }

    @Test func missingColumnListsColumnsAndSuggestsTheClosest() {
        var options = ImportOptions()
        options.caseColumn = "Case ID"
        let explicit = CSVTesting.error("CaseID,ActivityID,CompleteTimestamp\n1,a,2024-01-01\n", options: options)
        #expect(explicit?.kind == .missingColumn)
        #expect(explicit?.column == "Case ID")
        #expect(explicit?.reason
            == "no case id column 'Case ID' in the header; columns found: 'CaseID', 'ActivityID', 'CompleteTimestamp'; did you mean 'CaseID'?")
        let defaults = CSVTesting.error("case_nr,activity,timestamp\n1,a,2024-01-01\n")
        #expect(defaults?.reason == "no case id column (looked for case:concept:name, case_id, caseid, case id, case, case_concept_name); "
            + "columns found: 'case_nr', 'activity', 'timestamp'; did you mean 'case_nr'?")
    }

    @Test func unknownTimeZoneIsAnError() {
        var options = ImportOptions()
        options.timezone = "Mars/Olympus"
        let error = CSVTesting.error("case,activity,timestamp\n1,a,2024-01-01\n", options: options)
        #expect(error?.kind == .invalidValue)
        #expect(error?.found == "Mars/Olympus")
    }

    /// Random edits of a valid file: never a crash, the account always balances, and the
    /// parallel parse always equals the single-threaded one (checked by `CSVTesting.read`).
    @Test func randomlyDamagedFilesNeverCrash() throws {
        let base = Array((CSVBadInputTests.header + (0..<40).map { i in
            "c\(i % 7),\"act \(i % 5)\",2024-01-0\(i % 9 + 1)T10:00:00Z,\"\(i), \"\"q\"\"\"\n"
        }.joined()).utf8)
        let alphabet: [UInt8] = [0x22, 0x2C, 0x0A, 0x0D, 0x00, 0xFF, 0xC3, 0x3B, 0x61, 0x31]
        var rng = SplitMix(seed: 42)
        for _ in 0..<300 {
            var bytes = base
            for _ in 0..<Int(rng.next() % 8 + 1) {
                let at = Int(rng.next() % UInt64(bytes.count))
                switch rng.next() % 3 {
                case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
                case 1: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                default: bytes.remove(at: at)
                }
            }
            do {
                let result = try CSVTesting.read(bytes: bytes)
                #expect(result.rowsRead == result.log.eventCount + result.rejected.count)
            } catch let error as ImportError {
                #expect(!error.reason.isEmpty)
            }
        }
    }
}

/// A small deterministic random source for tests.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
