import Foundation
import Testing

/// `switchyard lifecycles` and `switchyard bench lifecycle`, run as the real binary.
@Suite struct LifecyclesCLITests {
    /// A tiny XES incident log: I1 moves G1 → G2 → G1 and is resolved and closed; I2 has no group.
    static let incidents = """
        <?xml version="1.0" encoding="UTF-8"?>
        <log xes.version="1.0">
          <trace><string key="concept:name" value="I1"/><string key="product" value="PROD 7"/>
            <event><string key="concept:name" value="Accepted"/><string key="lifecycle:transition" value="In Progress"/>
              <string key="org:group" value="G1"/><date key="time:timestamp" value="2013-01-01T08:00:00+00:00"/></event>
            <event><string key="concept:name" value="Queued"/><string key="lifecycle:transition" value="Awaiting Assignment"/>
              <string key="org:group" value="G2"/><date key="time:timestamp" value="2013-01-01T09:00:00+00:00"/></event>
            <event><string key="concept:name" value="Queued"/><string key="lifecycle:transition" value="Awaiting Assignment"/>
              <string key="org:group" value="G1"/><date key="time:timestamp" value="2013-01-01T10:00:00+00:00"/></event>
            <event><string key="concept:name" value="Completed"/><string key="lifecycle:transition" value="Resolved"/>
              <string key="org:group" value="G1"/><date key="time:timestamp" value="2013-01-01T11:30:00+00:00"/></event>
            <event><string key="concept:name" value="Completed"/><string key="lifecycle:transition" value="Closed"/>
              <string key="org:group" value="G1"/><date key="time:timestamp" value="2013-01-02T11:30:00+00:00"/></event>
          </trace>
          <trace><string key="concept:name" value="I2"/>
            <event><string key="concept:name" value="Accepted"/><string key="lifecycle:transition" value="In Progress"/>
              <date key="time:timestamp" value="2013-01-01T08:00:00+00:00"/></event>
          </trace>
        </log>
        """

    private func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    private func json(_ out: CLI.Output) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any])
    }

    @Test func jsonSummaryCountsEveryCaseAndListsTheUnusable() throws {
        let dir = try CLI.temporaryDirectory()
        let log = try write(Self.incidents, "incidents.xes", in: dir)
        let csv = dir.appendingPathComponent("exceptions.csv").path
        let out = try CLI.run(["lifecycles", log, "--profile", "itsm", "--out", csv, "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let s = try json(out)
        #expect(s["cases"] as? Int == 2 && s["exceptions"] as? Int == 1)
        #expect(s["closed"] as? Int == 1 && s["open"] as? Int == 0 && s["resolved"] as? Int == 0)
        #expect(s["cancelled"] as? Int == 0 && s["unusable"] as? Int == 1)
        #expect(s["handoffs"] as? Int == 2 && s["ping_pong_exceptions"] as? Int == 1 && s["misrouted"] as? Int == 0)
        let unusable = try #require(s["unusable_cases"] as? [[String: String]])
        #expect(unusable == [["case_id": "I2", "reason": "no-owner", "detail": "no event has a value in 'org:group'"]])
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines[0].hasPrefix("id,status,owner_sequence,first_owner,resolving_owner,handoffs,ping_pongs"))
        #expect(lines[1].hasPrefix("I1,closed,G1 > G2 > G1,G1,G1,2,1,1,0,0,0,0,5,false,2013-01-01T08:00:00+00:00,"))
    }

    @Test func textSummaryAndYAMLProfileWithACategory() throws {
        let dir = try CLI.temporaryDirectory()
        let log = try write(Self.incidents, "incidents.xes", in: dir)
        let profile = try write(
            """
            name: desk
            owner: org:group
            resolving_owner: first-resolution
            roles:
              resolved: [{activity: Completed, transition: Resolved}]
              closed: [{transition: Closed}]
            category: product
            sla: {by_category: {prod 7: 2}}
            """, "desk.yaml", in: dir)
        let csv = dir.appendingPathComponent("x.csv").path
        let out = try CLI.run(["lifecycles", log, "--profile", profile, "--out", csv])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("profile      desk (owner: org:group)"))
        #expect(out.stdout.contains("exceptions   1"))
        #expect(out.stdout.contains("  I2: no-owner: no event has a value in 'org:group'"))
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines[0].hasPrefix("id,status,category,owner_sequence"))
        // 3.5 h from detection to resolution against a 2 h target: breached.
        #expect(lines[1].hasPrefix("I1,closed,PROD 7,G1 > G2 > G1,"))
        #expect(lines[1].hasSuffix(",2,true,false,PROD 7"))
    }

    @Test func badProfileNamesTheField() throws {
        let dir = try CLI.temporaryDirectory()
        let log = try write(Self.incidents, "incidents.xes", in: dir)
        let profile = try write(#"{"owner": "org:group", "roles": {"resolved": ["Done"]}, "sla": {"default_hours": -1}}"#, "p.json", in: dir)
        let out = try CLI.run(["lifecycles", log, "--profile", profile])
        #expect(out.status == 1)
        #expect(out.stderr.contains("profile \(profile): field 'sla.default_hours': expected hours > 0, found -1.0\n"))
    }

    @Test func unknownOwnerListsTheAttributesFound() throws {
        let dir = try CLI.temporaryDirectory()
        let log = try write(Self.incidents, "incidents.xes", in: dir)
        let out = try CLI.run(["lifecycles", log, "--profile", "itsm", "--owner", "assignment_group"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("owner attribute 'assignment_group' of profile 'itsm' is not in the log"))
        #expect(out.stderr.contains("attributes found: org:group, concept:name, lifecycle:transition"))
    }

    @Test func unknownProfileIsRefused() throws {
        let out = try CLI.run(["lifecycles", "whatever.xes", "--profile", "tickets"])
        #expect(out.status == 1)
        #expect(out.stderr.contains("expected a preset (orders, itsm) or an existing .json/.yaml file"))
    }

    @Test func receiptWithTheITSMPreset() throws {
        let log = CLI.shared.appendingPathComponent("logs/receipt.xes.gz").path
        let out = try CLI.run(["lifecycles", log, "--profile", "itsm", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let s = try json(out)
        let reference = try #require(
            JSONSerialization.jsonObject(
                with: Data(contentsOf: CLI.shared.appendingPathComponent("reference/receipt.json"))) as? [String: Any])
        let metrics = try #require(
            ((reference["organizational"] as? [String: Any])?["org:group"] as? [String: Any])?["script_metrics"]
                as? [String: Int])
        #expect(s["exceptions"] as? Int == reference["num_cases"] as? Int)
        #expect(s["misrouted"] as? Int == metrics["first_differs_from_last"])
        #expect(s["handoffs"] as? Int == metrics["total_value_changes"])
        #expect(s["ping_pong_exceptions"] as? Int == metrics["cases_returning_to_earlier_value"])
        #expect((s["warnings"] as? [String])?.count == 1)
    }

    @Test func benchLifecycleRunsSmall() throws {
        let out = try CLI.run(["bench", "lifecycle", "--exceptions", "3000", "--repeat", "1"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("bench lifecycle: 3,000 exceptions"))
        #expect(out.stdout.contains("rows 3000, unusable 0"))
    }
}

extension LifecyclesCLITests {
    @Test func printedPresetReadsBackAsAProfileFile() throws {
        let dir = try CLI.temporaryDirectory()
        let printed = try CLI.run(["lifecycles", "--profile", "orders", "--owner", "org:group", "--print-profile"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(printed.stdout.contains(#""owner" : "org:group""#))
        let file = try write(printed.stdout, "mine.json", in: dir)
        let again = try CLI.run(["lifecycles", "--profile", file, "--print-profile"])
        #expect(again.stdout == printed.stdout)
        let missing = try CLI.run(["lifecycles", "--profile", "orders"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("missing the log"))
    }
}
