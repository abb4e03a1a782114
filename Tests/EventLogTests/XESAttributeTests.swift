import Foundation
import Testing

@testable import EventLog

@Suite struct XESAttributeTests {
    @Test func decodesEntitiesAndNormalisesWhitespace() throws {
        let extra = """

                  <string key="note&amp;x" value="a &amp; b &lt;c&gt; &quot;q&quot; &apos;s&apos; &#65;&#x42;&#x1F69A; tab&#9;nl&#10;end"/>
                  <string key="raw" value="line one
            line two\tand\r\nthree"/>
                  <string key='single' value='it&apos;s "quoted"'/>
            """
        let result = try XESSample.readText(XESSample.trace(XESSample.event("Fish &amp; Chips", extra: extra)))
        let log = result.log
        #expect(log.activities.strings == ["Fish & Chips"])
        #expect(log.eventAttribute("note&x")?.value(at: 0) == .string("a & b <c> \"q\" 's' AB🚚 tab\tnl\nend"))
        #expect(log.eventAttribute("raw")?.value(at: 0) == .string("line one line two and three"))
        #expect(log.eventAttribute("single")?.value(at: 0) == .string("it's \"quoted\""))
    }

    @Test func typedValuesAndStandardColumns() throws {
        let extra = """

                  <string key="org:resource" value="Pete"/>
                  <string key="org:group" value="Back office"/>
                  <string key="lifecycle:transition" value="complete"/>
                  <int key="n" value="-42"/>
                  <float key="x" value="2.5e-3"/>
                  <boolean key="ok" value="true"/>
                  <date key="due" value="2024-02-29T23:59:59.123456+01:00"/>
                  <id key="ref" value="b3a1"/>
            """
        let text = """
            <log>
              <trace>
                <string key="concept:name" value="case 7"/>
                <string key="channel" value="web"/>
                <int key="priority" value="3"/>
                <date key="opened" value="2024-01-01T00:00:00"/>
                <boolean key="vip" value="false"/>
                <float key="value" value="1999.5"/>
            \(XESSample.event("A", "2024-01-01T10:00:00.250+02:00", extra: extra))
              </trace>
            </log>
            """
        let log = try XESSample.readText(text).log
        #expect(log.caseID(0) == "case 7")
        #expect(log.caseAttribute("channel")?.value(at: 0) == .string("web"))
        #expect(log.caseAttribute("priority")?.value(at: 0) == .int(3))
        #expect(log.caseAttribute("opened")?.value(at: 0) == .date(1_704_067_200_000_000))
        #expect(log.caseAttribute("vip")?.value(at: 0) == .bool(false))
        #expect(log.caseAttribute("value")?.value(at: 0) == .float(1999.5))
        #expect(log.timestamp == [try #require(ISO8601Parser.parse("2024-01-01T08:00:00.250Z")).micros])
        #expect(log.resources.strings == ["Pete"])
        #expect(log.groups.strings == ["Back office"])
        #expect(log.lifecycles.strings == ["complete"])
        #expect(log.eventAttributes.map(\.name) == ["n", "x", "ok", "due", "ref"])
        #expect(log.eventAttribute("n")?.value(at: 0) == .int(-42))
        #expect(log.eventAttribute("x")?.value(at: 0) == .float(2.5e-3))
        #expect(log.eventAttribute("ok")?.value(at: 0) == .bool(true))
        #expect(log.eventAttribute("due")?.value(at: 0) == .date(try #require(ISO8601Parser.parse("2024-02-29T22:59:59.123456Z")).micros))
        #expect(log.eventAttribute("ref")?.value(at: 0) == .string("b3a1"))
    }

    @Test func skipsListsContainersMetaAttributesAndLogLevelElements() throws {
        let text = """
            <log xmlns="http://www.xes-standard.org/">
              <extension name="Concept" prefix="concept" uri="http://www.xes-standard.org/concept.xesext"/>
              <global scope="event"><string key="concept:name" value="__INVALID__"/></global>
              <classifier name="Activity" keys="concept:name"/>
              <float key="meta" value="1.5"><float key="child" value="2"/></float>
              <trace>
                <string key="concept:name" value="c1"/>
                <list key="tags"><values><string key="t" value="x"/></values></list>
                <event>
                  <string key="concept:name" value="A"/>
                  <date key="time:timestamp" value="2024-01-01T10:00:00Z"/>
                  <string key="note" value="kept"><string key="meta:source" value="ignored"/></string>
                  <list key="items"><string key="item" value="1"/><string key="item" value="2"/></list>
                  <container key="box"><int key="w" value="3"/><container key="inner"><int key="d" value="4"/></container></container>
                </event>
              </trace>
            </log>
            """
        let result = try XESSample.readText(text)
        #expect(result.rejected.isEmpty)
        #expect(result.log.eventCount == 1)
        #expect(result.log.eventAttributes.map(\.name) == ["note"])
        #expect(result.log.eventAttribute("note")?.value(at: 0) == .string("kept"))
        #expect(result.log.caseAttributes.isEmpty)
    }

    @Test func rejectsBadEventsWithLineAndReason() throws {
        let events = [
            XESSample.event("ok1"),
            XESSample.event("bad time", "2024-13-01T10:00:00Z"),
            "    <event>\n      <string key=\"concept:name\" value=\"no time\"/>\n    </event>",
            XESSample.event("bad int", extra: "\n      <int key=\"n\" value=\"12x\"/>"),
            XESSample.event("unknown type", extra: "\n      <foo key=\"k\" value=\"v\"/>"),
            "    <event>\n      <date key=\"time:timestamp\" value=\"2024-01-01T10:00:00Z\"/>\n    </event>",
            XESSample.event("ok2", extra: "\n      <int key=\"n\" value=\"7\"/>"),
        ].joined(separator: "\n")
        let text = XESSample.trace(events)
        let result = try XESSample.readText(text)
        #expect(result.log.activities.strings == ["ok1", "ok2"])
        #expect(result.rowsRead == 7)
        #expect(result.rowsRead == result.log.eventCount + result.rejected.count)
        #expect(result.log.eventAttributes.map(\.name) == ["n"])
        #expect(result.log.eventAttribute("n")?.value(at: 1) == .int(7))
        let expected: [(line: Int, column: String?, reason: String)] = [
            (9, "time:timestamp", "time:timestamp is not an ISO 8601 date-time"),
            (13, "time:timestamp", "event has no time:timestamp"),
            (16, "n", "int attribute 'n' is not a 64-bit integer"),
            (21, "k", "unknown attribute type <foo> for key 'k'; XES has string, date, int, float, boolean, id, list and container"),
            (26, "concept:name", "event has no concept:name (activity)"),
        ]
        #expect(result.rejected.count == expected.count)
        for (row, want) in zip(result.rejected, expected) {
            #expect(row.line == want.line)
            #expect(row.column == want.column)
            #expect(row.reason == want.reason)
        }
        #expect(result.rejected[0].raw == "<date key=\"time:timestamp\" value=\"2024-13-01T10:00:00Z\"/>")
        #expect(result.rejected[1].raw == "<event> concept:name=\"no time\"")

        var strict = ImportOptions()
        strict.strict = true
        let error = try #require(try XESSample.error(text, strict))
        #expect(error.kind == .invalidTimestamp)
        #expect(error.line == 11)
        #expect(error.column == "time:timestamp")
        #expect(error.found == "2024-13-01T10:00:00Z")
        #expect(error.description.hasSuffix(
            "sample.xes:11: column 'time:timestamp': time:timestamp is not an ISO 8601 date-time (found '2024-13-01T10:00:00Z')"))
    }

    @Test func traceIdentityRules() throws {
        let text = """
            <log>
              <trace>
            \(XESSample.event("early"))
                <string key="concept:name" value="late-name"/>
                <string key="region" value="north"/>
            \(XESSample.event("after"))
              </trace>
              <trace>
                <string key="region" value="south"/>
            \(XESSample.event("anonymous"))
              </trace>
              <trace>
                <string key="concept:name" value="empty"/>
              </trace>
              <trace>
                <string key="concept:name" value="late-name"/>
            \(XESSample.event("merged", "2024-01-01T09:00:00Z"))
              </trace>
            </log>
            """
        let result = try XESSample.readText(text)
        let log = result.log
        #expect(log.caseIDs.strings == ["late-name", "trace-2"])
        #expect(log.caseOffsets == [0, 3, 4])
        #expect((0..<4).map { log.activities.string(log.activity[$0]) } == ["merged", "early", "after", "anonymous"])
        #expect(log.caseAttribute("region")?.value(at: 0) == .string("north"))
        #expect(log.caseAttribute("region")?.value(at: 1) == .string("south"))
        #expect(result.warnings.contains("1 trace(s) had no concept:name; their case id is trace-<n>, n being the trace's position in the file"))
    }

    @Test func naiveTimesUseTheTimezoneOption() throws {
        let text = XESSample.trace(XESSample.event("a", "2021-07-01T12:00:00") + "\n" + XESSample.event("b", "2021-07-01T12:00:00+00:00"))
        let utc = try XESSample.readText(text)
        #expect(utc.log.timestamp[0] == utc.log.timestamp[1])
        #expect(utc.warnings.contains("1 date value(s) had no UTC offset and were read as UTC (set the timezone option to change)"))
        var rome = ImportOptions()
        rome.timezone = "Europe/Rome"
        let shifted = try XESSample.readText(text, rome).log
        #expect(shifted.activities.string(shifted.activity[0]) == "a")
        #expect(shifted.timestamp[0] == utc.log.timestamp[0] - 7_200_000_000)
    }

    @Test func reportsProgressUpToTheWholeFile() throws {
        final class Seen: @unchecked Sendable {
            var calls: [(Int, Int, Int)] = []
        }
        let seen = Seen()
        let path = XESFixtures.log("receipt.xes.gz")
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        let result = try XESLogReader.read(path, options: ImportOptions(), progress: { seen.calls.append(($0, $1, $2)) })
        let last = try #require(seen.calls.last)
        #expect(last.0 == size)
        #expect(last.1 == size)
        #expect(last.2 == result.log.eventCount)
    }

    @Test func toleratesXMLVariants() throws {
        let text = "\u{FEFF}" + """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- exported by a tool -->
            <xes:log xmlns:xes="http://www.xes-standard.org/">
              <xes:trace>
                <xes:string key="concept:name" value="c1"/>
                <?processing instruction?>
                <xes:event>
                  <!-- a comment inside an event -->
                  <xes:string
                     key = "concept:name"
                     value = 'A' />
                  <xes:date key="time:timestamp" value="2024-01-01T10:00:00Z"></xes:date>
                </xes:event>
                <xes:event/>
              </xes:trace>
              <xes:trace/>
            </xes:log>
            """
        let result = try XESSample.readText(text)
        #expect(result.log.caseIDs.strings == ["c1"])
        #expect(result.log.activities.strings == ["A"])
        #expect(result.rowsRead == 2)
        #expect(result.rejected.map(\.line) == [14])
        #expect(result.rejected.map(\.reason) == ["event has no concept:name (activity)"])
    }
}
