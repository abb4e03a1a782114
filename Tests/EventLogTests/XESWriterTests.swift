import Foundation
import Testing

@testable import EventLog

@Suite struct XESWriterTests {
    @Test(arguments: XESReferenceTests.logs.map(\.file))
    func roundTripsSharedLogs(_ file: String) throws {
        let original = try XESSample.read(XESFixtures.log(file)).log
        let dir = try XESFixtures.temporaryDirectory()
        for compressed in [false, true] {
            let path = dir.appendingPathComponent(compressed ? "out.xes.gz" : "out.xes").path
            try XESLogWriter.write(original, to: path, compressed: compressed)
            var options = ImportOptions()
            options.name = original.name
            let back = try XESSample.read(path, options)
            #expect(back.rejected.isEmpty)
            #expect(back.warnings.isEmpty)
            #expect(XESLogComparison.difference(original, back.log) == nil, "\(file) compressed: \(compressed)")
        }
    }

    static func syntheticLog() throws -> EventLog {
        var b = EventLogBuilder(name: "synthetic")
        let tricky = "Fish & Chips <\"quoted\"> 'single' tab\there\nnewline\r\ncrlf 🚚 Résumé"
        let c0 = b.caseIDs.intern("case & <1>")
        let c1 = b.caseIDs.intern("2")
        let t0 = try #require(ISO8601Parser.parse("1969-12-31T23:59:59.999999Z")).micros
        b.appendEvent(caseCode: c0, activity: b.activities.intern(tricky), timestamp: t0 + 5_000,
                      resource: b.resources.intern("Pete"), group: b.groups.intern("Back office"), lifecycle: b.lifecycles.intern("start"))
        b.setEventAttribute("amount", .float(-0.1))
        b.setEventAttribute("count", .int(Int64.min))
        b.setEventAttribute("flag", .bool(true))
        b.setEventAttribute("due", .date(t0))
        b.setEventAttribute("note", .string(tricky))
        b.appendEvent(caseCode: c0, activity: b.activities.intern("second"), timestamp: t0 + 5_000)
        b.setEventAttribute("amount", .float(.infinity))
        b.setEventAttribute("count", .int(Int64.max))
        b.appendEvent(caseCode: c1, activity: b.activities.intern("third"), timestamp: 1_700_000_000_123_000,
                      lifecycle: b.lifecycles.intern("complete"))
        b.setEventAttribute("amount", .float(1e300))
        b.setEventAttribute("flag", .bool(false))
        b.setCaseAttribute("region", .string(tricky), caseCode: c0)
        b.setCaseAttribute("opened", .date(-62_135_596_800_000_000), caseCode: c0)
        b.setCaseAttribute("priority", .int(-3), caseCode: c0)
        b.setCaseAttribute("value", .float(1999.5), caseCode: c1)
        b.setCaseAttribute("vip", .bool(true), caseCode: c1)
        return b.build()
    }

    @Test func roundTripsEveryTypeEscapeAndMissingValue() throws {
        let log = try Self.syntheticLog()
        let dir = try XESFixtures.temporaryDirectory()
        for compressed in [false, true] {
            let path = dir.appendingPathComponent("synthetic.xes").path
            try XESLogWriter.write(log, to: path, compressed: compressed)
            var options = ImportOptions()
            options.name = "synthetic"
            let back = try XESSample.read(path, options).log
            #expect(back == log, "compressed: \(compressed)")
            #expect(XESLogComparison.difference(log, back) == nil)
        }
    }

    @Test func writesTheStandardLayout() throws {
        let path = try XESFixtures.temporaryDirectory().appendingPathComponent("layout.xes").path
        try XESLogWriter.write(try Self.syntheticLog(), to: path, compressed: false)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines.prefix(8)) == [
            "<?xml version=\"1.0\" encoding=\"UTF-8\" ?>",
            "<log xes.version=\"1849-2016\" xes.features=\"\" xmlns=\"http://www.xes-standard.org/\">",
            "\t<extension name=\"Concept\" prefix=\"concept\" uri=\"http://www.xes-standard.org/concept.xesext\"/>",
            "\t<extension name=\"Time\" prefix=\"time\" uri=\"http://www.xes-standard.org/time.xesext\"/>",
            "\t<extension name=\"Organizational\" prefix=\"org\" uri=\"http://www.xes-standard.org/org.xesext\"/>",
            "\t<extension name=\"Lifecycle\" prefix=\"lifecycle\" uri=\"http://www.xes-standard.org/lifecycle.xesext\"/>",
            "\t<classifier name=\"Activity\" keys=\"concept:name\"/>",
            "\t<trace>",
        ])
        let escaped = "Fish &amp; Chips &lt;&quot;quoted&quot;&gt; &apos;single&apos; tab&#9;here&#10;newline&#13;&#10;crlf 🚚 Résumé"
        #expect(Array(lines[8...19]) == [
            "\t\t<string key=\"concept:name\" value=\"case &amp; &lt;1&gt;\"/>",
            "\t\t<string key=\"region\" value=\"\(escaped)\"/>",
            "\t\t<date key=\"opened\" value=\"0001-01-01T00:00:00.000+00:00\"/>",
            "\t\t<int key=\"priority\" value=\"-3\"/>",
            "\t\t<event>",
            "\t\t\t<string key=\"concept:name\" value=\"\(escaped)\"/>",
            "\t\t\t<date key=\"time:timestamp\" value=\"1970-01-01T00:00:00.004999+00:00\"/>",
            "\t\t\t<string key=\"org:resource\" value=\"Pete\"/>",
            "\t\t\t<string key=\"org:group\" value=\"Back office\"/>",
            "\t\t\t<string key=\"lifecycle:transition\" value=\"start\"/>",
            "\t\t\t<float key=\"amount\" value=\"-0.1\"/>",
            "\t\t\t<int key=\"count\" value=\"-9223372036854775808\"/>",
        ])
        #expect(text.contains("<date key=\"time:timestamp\" value=\"2023-11-14T22:13:20.123+00:00\"/>"))
        #expect(text.contains("<float key=\"amount\" value=\"INF\"/>"))
        #expect(text.hasSuffix("\t</trace>\n</log>\n"))
    }

    @Test func replacesAtomicallyAndReportsFailures() throws {
        let dir = try XESFixtures.temporaryDirectory()
        let path = dir.appendingPathComponent("log.xes").path
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        try XESLogWriter.write(try Self.syntheticLog(), to: path, compressed: false)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<?xml"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["log.xes"])

        do {
            try XESLogWriter.write(try Self.syntheticLog(), to: "/nonexistent-dir/log.xes", compressed: true)
            Issue.record("writing into a missing directory should fail")
        } catch let error as XESWriteError {
            #expect(error.description == "/nonexistent-dir/log.xes: cannot create the output file: No such file or directory")
        }
    }
}
