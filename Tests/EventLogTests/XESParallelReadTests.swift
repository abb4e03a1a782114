import Foundation
import Testing

@testable import EventLog

/// Segmented (multi-threaded) reads must give exactly what one pass gives.
@Suite struct XESParallelReadTests {
    static func options(threads: Int, strict: Bool = false) -> ImportOptions {
        var o = ImportOptions()
        o.threads = threads
        o.strict = strict
        return o
    }

    /// A plain copy of a shared log (inflated when it is gzip).
    static func plainCopy(_ file: String) throws -> String {
        let log = try XESSample.read(XESFixtures.log(file), options(threads: 1)).log
        let path = try XESFixtures.temporaryDirectory().appendingPathComponent("plain.xes").path
        try XESLogWriter.write(log, to: path, compressed: false)
        return path
    }

    /// The segmented read itself (`nil`: it fell back to one pass).
    static func segmented(_ path: String, threads: Int) throws -> ImportResult? {
        let file = try XESInputFile(path: path)
        let setup = XESReadSetup(
            name: EventLogImporter.defaultName(for: path), strict: false, naive: try #require(NaiveTimeZone("UTC")),
            chunkSize: XESLogReader.chunkSize, totalBytes: file.size)
        return try XESSegmentedRead.read(file, segments: threads, setup, nil)
    }

    static func expectSame(_ path: String, threads: [Int], chunkSize: Int = XESLogReader.chunkSize) throws {
        let single = try XESSample.read(path, options(threads: 1))
        for t in threads {
            let multi = try XESSample.read(path, options(threads: t), chunkSize: chunkSize, parallelThreshold: 0)
            #expect(multi.log == single.log, "\(path) on \(t) threads")
            #expect(multi.rejected == single.rejected, "\(path) on \(t) threads")
            #expect(multi.warnings == single.warnings, "\(path) on \(t) threads")
            #expect(multi.rowsRead == single.rowsRead)
        }
    }

    @Test func sharedLogsReadTheSameOnSeveralThreads() throws {
        try Self.expectSame(XESFixtures.log("running-example.xes"), threads: [2, 3, 8])
        try Self.expectSame(XESFixtures.log("roadtraffic100traces.xes"), threads: [2, 5], chunkSize: 4096)
        let receipt = try Self.plainCopy("receipt.xes.gz")
        try Self.expectSame(receipt, threads: [2, 4])
        // The segmented path really ran (no silent fallback).
        let direct = try #require(try Self.segmented(receipt, threads: 3))
        #expect(direct.log == (try XESSample.read(receipt, Self.options(threads: 1))).log)
        #expect(try Self.segmented(XESFixtures.log("running-example.xes"), threads: 2) != nil)
    }

    @Test func rejectedRowsWarningsAndGeneratedIDsKeepTheirNumbers() throws {
        var traces: [String] = []
        for i in 0..<40 {
            var events = XESSample.event("a\(i % 3)", "2024-01-0\(1 + i % 9)T10:00:00Z", extra: "\n      <int key=\"n\" value=\"\(i)\"/>")
            if i % 7 == 3 { events += "\n" + XESSample.event("bad", "not a date") }
            if i % 11 == 5 { events += "\n    <event><date key=\"time:timestamp\" value=\"2024-01-01T00:00:00\"/></event>" }
            let name = i % 5 == 4 ? "" : "    <string key=\"concept:name\" value=\"case \(i % 17)\"/>\n"
            let bad = i % 13 == 6 ? "    <int key=\"score\" value=\"x\"/>\n" : "    <float key=\"score\" value=\"\(i).5\"/>\n"
            traces.append("  <trace>\n\(name)\(bad)\(events)\n  </trace>")
        }
        let text = "<?xml version=\"1.0\"?>\n<log>\n" + traces.joined(separator: "\n") + "\n</log>\n"
        let path = try XESSample.file(text)
        try Self.expectSame(path, threads: [2, 3, 7])
        #expect(try Self.segmented(path, threads: 3) != nil)
        let single = try XESSample.read(path, Self.options(threads: 1))
        #expect(single.rejected.count == 10)
        #expect(single.log.caseIDs.strings.contains("trace-40"))
        #expect(single.warnings.contains { $0.hasPrefix("line ") && $0.contains("trace attribute 'score' is not a valid int") })

        let strictSingle = try #require(XESSample.error(path: path, Self.options(threads: 1, strict: true)))
        for t in [2, 4] {
            do {
                _ = try XESSample.read(path, Self.options(threads: t, strict: true), parallelThreshold: 0)
                Issue.record("strict read should fail")
            } catch {
                #expect(error == strictSingle)
            }
        }
    }

    @Test func errorsInALaterSegmentKeepTheirLine() throws {
        let good = (0..<30).map { "  <trace>\n    <string key=\"concept:name\" value=\"c\($0)\"/>\n" + XESSample.event("a") + "\n  </trace>" }
        var lines = good
        lines.insert("  <trace>\n    <event>\n  </trace>", at: 25)
        let path = try XESSample.file("<log>\n" + lines.joined(separator: "\n") + "\n</log>\n")
        let single = try #require(XESSample.error(path: path, Self.options(threads: 1)))
        #expect(single.reason == "mismatched end tag")
        for t in [2, 3] {
            do {
                _ = try XESSample.read(path, Self.options(threads: t), parallelThreshold: 0)
                Issue.record("should fail")
            } catch {
                #expect(error == single, "\(t) threads")
            }
        }
    }

    @Test func aTraceTagInsideACommentDoesNotFoolTheCut() throws {
        let traces = (0..<20).map { "  <trace>\n    <string key=\"concept:name\" value=\"c\($0)\"/>\n" + XESSample.event("a") + "\n  </trace>" }
        let comment = "  <!-- old data:\n" + String(repeating: "  <trace>\n  <event/>\n", count: 200) + "  -->"
        let text = "<log>\n" + traces[..<10].joined(separator: "\n") + "\n" + comment + "\n" + traces[10...].joined(separator: "\n") + "\n</log>\n"
        let path = try XESSample.file(text)
        try Self.expectSame(path, threads: [2, 3, 4, 6])
        // Cut points inside the comment are refused, not trusted.
        #expect(try Self.segmented(path, threads: 2) == nil)
    }
}
