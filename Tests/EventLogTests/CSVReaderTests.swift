import Foundation
import Testing
@testable import EventLog

@Suite struct CSVReaderTests {
    struct Reference: Decodable {
        struct Span: Decodable {
            var first_event: String
            var last_event: String
        }
        var num_cases: Int
        var num_events: Int
        var num_activities: Int
        var start_activities: [String: Int]
        var end_activities: [String: Int]
        var log_time_span: Span
    }

    @Test(arguments: [1, 2])
    func helpdeskMatchesPM4PyReference(threads: Int) throws {
        let path = CSVTesting.shared.appendingPathComponent("logs/helpdesk_tax2017.csv").path
        let json = try Data(contentsOf: CSVTesting.shared.appendingPathComponent("reference/helpdesk_tax2017_csv.json"))
        let reference = try JSONDecoder().decode(Reference.self, from: json)
        var options = ImportOptions()
        options.threads = threads
        let result = try CSVLogReader.read(path, options: options, progress: nil)
        // Same file, forced into several parts, must give the same log.
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let split = try CSVLogReader.read(bytes: bytes, options: options, minimumChunkBytes: 50_000)
        #expect(split.log == result.log)
        let log = result.log
        #expect(result.rejected.isEmpty)
        #expect(result.rowsRead == reference.num_events)
        #expect(log.caseCount == reference.num_cases)
        #expect(log.eventCount == reference.num_events)
        #expect(log.activities.count == reference.num_activities)
        var starts: [String: Int] = [:], ends: [String: Int] = [:]
        for c in 0..<log.caseCount {
            let r = log.events(ofCase: c)
            guard let first = r.first, let last = r.last else { continue }
            starts[log.activities.string(log.activity[first]), default: 0] += 1
            ends[log.activities.string(log.activity[last]), default: 0] += 1
        }
        #expect(starts == reference.start_activities)
        #expect(ends == reference.end_activities)
        let span = try #require(log.timeSpan)
        #expect(Timestamp.iso8601(span.lowerBound) == reference.log_time_span.first_event)
        #expect(Timestamp.iso8601(span.upperBound) == reference.log_time_span.last_event)
        #expect(log.caseAttributes.isEmpty && log.eventAttributes.isEmpty)
        #expect(!log.hasResources && !log.hasGroups && !log.hasLifecycle)
    }

    @Test func reportsProgressWithTotalBytes() throws {
        let path = CSVTesting.shared.appendingPathComponent("logs/helpdesk_tax2017.csv").path
        let seen = ProgressLog()
        let result = try CSVLogReader.read(path, options: ImportOptions(), progress: { done, total, events in
            seen.add(done, total, events)
        })
        let last = try #require(seen.entries.last)
        #expect(last.0 == 367_018 && last.1 == 367_018)
        #expect(last.2 == result.log.eventCount)
    }

    @Test func parsesQuotesDoubledQuotesAndNewlinesInsideFields() throws {
        let text = "case,activity,timestamp,note\r\n"
            + "1,\"Check, then \"\"approve\"\"\",2024-03-01T08:00:00Z,\"line one\nline two\"\r\n"
            + "1,b,2024-03-01T09:00:00Z,plain\n"
            + "2,\"multi\r\nline\",2024-03-01T10:00:00Z,\"\"\n"
        let result = try CSVTesting.read(text)
        #expect(result.rejected.isEmpty)
        #expect(CSVTesting.traces(result.log) == [["Check, then \"approve\"", "b"], ["multi\r\nline"]])
        let note = try #require(result.log.eventAttribute("note"))
        #expect(note.value(at: 0) == .string("line one\nline two"))
        #expect(note.value(at: 2) == .string(""))  // a quoted empty field is a present empty string
    }

    @Test func lineNumbersCountNewlinesInsideQuotedFields() throws {
        let text = "case,activity,timestamp\n"  // line 1
            + "1,\"a\nb\nc\",2024-03-01T08:00:00Z\n"  // lines 2-4
            + "\n"  // line 5 (blank, skipped)
            + "1,b,not-a-time\r\n"  // line 6
            + "2,\"x\r\ny\",2024-03-01T08:00:00Z\r"  // lines 7-8, lone CR ends the row
            + "2,c,also-bad"  // line 9, no final line end
        let result = try CSVTesting.read(text)
        #expect(result.rejected.map(\.line) == [6, 9])
        #expect(result.rejected.map(\.raw) == ["1,b,not-a-time", "2,c,also-bad"])
        #expect(result.rowsRead == 4)
    }

    @Test func skipsUTF8ByteOrderMark() throws {
        let result = try CSVTesting.read(bytes: [0xEF, 0xBB, 0xBF] + Array("case_id,activity,timestamp\n7,a,2024-01-01\n".utf8))
        #expect(result.log.caseID(0) == "7")
        #expect(result.log.timestamp == [1_704_067_200_000_000])
    }

    @Test(arguments: [(",", UInt8(0x2C)), (";", 0x3B), ("\t", 0x09), ("|", 0x7C)])
    func detectsTheDelimiterFromTheHeader(separator: String, byte: UInt8) throws {
        let rows = [["case", "activity", "timestamp", "amount"], ["1", "a", "2024-01-01T00:00:00Z", "1,5"]]
        let text = rows.map { row in row.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: separator) }
            .joined(separator: "\n")
        let header = try #require(text.split(separator: "\n").first)
        #expect(Array(header.utf8).withUnsafeBytes { CSVDialect.guessDelimiter($0, from: 0) } == byte)
        let result = try CSVTesting.read(text)
        #expect(result.log.caseAttribute("amount")?.value(at: 0) == .string("1,5"))
    }

    @Test func delimiterDetectionIgnoresQuotedDelimitersAndHonoursTheOption() throws {
        let text = "\"a;b;c;d\",case,activity,timestamp\nx,1,a,2024-01-01\n"
        let detected = try CSVTesting.read(text)
        #expect(detected.log.caseAttributes.map(\.name) == ["a;b;c;d"])
        var options = ImportOptions()
        options.delimiter = 0x3B
        let forced = CSVTesting.error("case;activity;timestamp\n1;a;2024-01-01\n".replacingOccurrences(of: ";", with: ","), options: options)
        #expect(forced?.kind == .missingColumn)
    }

    @Test func mixedLineEndingsAndBlankLines() throws {
        let text = "case,activity,timestamp\r\n1,a,2024-01-01\n\n1,b,2024-01-02\r\r\n2,c,2024-01-03\r"
        let result = try CSVTesting.read(text)
        #expect(CSVTesting.traces(result.log) == [["a", "b"], ["c"]])
        #expect(result.rowsRead == 3)
    }

    @Test func sortsEventsStablyByTimeWithinCases() throws {
        let text = """
            case,activity,timestamp
            c2,x,2024-01-01T00:00:05Z
            c1,a,2024-01-01T00:00:03Z
            c1,b,2024-01-01T00:00:01Z
            c2,y,2024-01-01T00:00:05Z
            c1,c,2024-01-01T00:00:01Z
            c2,z,2024-01-01T00:00:04Z
            """
        let log = try CSVTesting.read(text).log
        #expect((0..<log.caseCount).map(log.caseID) == ["c2", "c1"])
        #expect(CSVTesting.traces(log) == [["z", "x", "y"], ["b", "c", "a"]])
    }
}

/// Collects progress reports from any thread.
final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [(Int, Int, Int)] = []
    func add(_ a: Int, _ b: Int, _ c: Int) {
        lock.lock()
        stored.append((a, b, c))
        lock.unlock()
    }
    var entries: [(Int, Int, Int)] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
