import Foundation
import Testing

@testable import Lifecycle

@Suite struct ProfileLoaderTests {
    private func decode(_ text: String, yaml: Bool) throws(ProfileError) -> LifecycleProfile {
        try ProfileLoader.decode(Data(text.utf8), yaml: yaml, source: "test", defaultName: "stem")
    }

    private func problems(_ text: String, yaml: Bool = false) -> [String] {
        do {
            _ = try decode(text, yaml: yaml)
            return []
        } catch {
            return error.problems.map { "\($0.field): \($0.message)" }
        }
    }

    @Test func presetsAreValidAndRoundTripThroughJSONAndYAML() throws {
        for name in Presets.names {
            let preset = try #require(Presets.named(name))
            #expect(preset.problems().isEmpty)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let json = try encoder.encode(preset)
            #expect(try decode(String(decoding: json, as: UTF8.self), yaml: false) == preset)
            // JSON is YAML too; the YAML path must read it the same.
            #expect(try decode(String(decoding: json, as: UTF8.self), yaml: true) == preset)
        }
        #expect(Presets.named("ITSM") == Presets.itsm)
        #expect(Presets.named("nope") == nil)
    }

    @Test func yamlProfileWithEveryKindOfMatcher() throws {
        let yaml = """
            # a helpdesk
            owner: org:group
            non_owners: [Service Desk Triage]
            resolving_owner: first-resolution
            implicit_reopen: true
            roles:
              detected: [Ticket Opened]
              assigned:
                - transition: Awaiting Assignment
              resolved:
                - {activity: Completed, transition: Resolved}
                - Resolve ticket
              closed: [Closed]
            category: product
            tier: impact
            dimensions: [country]
            sla:
              default_hours: 72
              by_tier: {High: 8}
              by_category_and_tier:
                PROD42: {High: 4}
            recurrence_window_days: 14
            business_calendar:
              timezone: Europe/Amsterdam
              days: [mon, tue, wed, thu, fri]
              start_hour: 9
              end_hour: 17
              holidays: ["2025-12-25"]
            """
        let p = try decode(yaml, yaml: true)
        #expect(p.name == "stem")
        #expect(p.owner == "org:group")
        #expect(p.nonOwners == ["Service Desk Triage"])
        #expect(p.resolvingOwner == .firstResolution && p.implicitReopen)
        #expect(p.matchers(.assigned) == [.transition("Awaiting Assignment")])
        #expect(p.matchers(.resolved) == [.pair("Completed", "Resolved"), .activity("Resolve ticket")])
        #expect(p.matchers(.cancelled).isEmpty)
        #expect(p.sla.targetHours(category: "prod42", tier: "high") == 4)
        #expect(p.sla.targetHours(category: "other", tier: "HIGH") == 8)
        #expect(p.sla.targetHours(category: nil, tier: nil) == 72)
        #expect(p.recurrenceWindowDays == 14)
        #expect(p.businessCalendar == BusinessCalendar(timezone: "Europe/Amsterdam", startHour: 9, endHour: 17, holidays: ["2025-12-25"]))
    }

    @Test func slaRulePrefersPairThenTheStricterOfCategoryAndTier() {
        let sla = SLAPolicy(
            defaultHours: 48, byCategory: ["credit_hold": 24], byTier: ["strategic": 12, "small": 96],
            byCategoryAndTier: ["credit_hold": ["key": 6]])
        #expect(sla.targetHours(category: "credit_hold", tier: "key") == 6)
        #expect(sla.targetHours(category: "credit_hold", tier: "strategic") == 12)
        #expect(sla.targetHours(category: "credit_hold", tier: "small") == 24)
        #expect(sla.targetHours(category: "edi_failure", tier: "small") == 96)
        #expect(sla.targetHours(category: "edi_failure", tier: nil) == 48)
        #expect(SLAPolicy().targetHours(category: "x", tier: "y") == nil)
    }

    @Test func unknownFieldIsNamedWithTheExpectedOnes() {
        #expect(
            problems(#"{"owner": "team", "roles": {"resolvd": ["Resolved"]}}"#) == [
                "roles.resolvd: unknown field; expected one of detected, assigned, reassigned, work_started, "
                    + "escalated, info_requested, info_received, resolved, reopened, closed, cancelled"
            ])
        #expect(
            problems(#"{"owner": "team", "roles": {"resolved": ["R"]}, "colour": 1}"#).first?
                .hasPrefix("colour: unknown field; expected one of name, owner, owner_fallbacks, non_owners") == true)
    }

    @Test func wrongTypesNameTheFieldAndTheExpectation() {
        #expect(problems(#"{"owner": "team", "roles": {"resolved": [3]}}"#) == [
            "roles.resolved[0]: expected an activity name or a mapping {activity, transition}"
        ])
        #expect(problems(#"{"owner": "team", "roles": {"resolved": ["R"]}, "sla": {"default_hours": "soon"}}"#) == [
            "sla.default_hours: expected a number"
        ])
        #expect(problems(#"{"owner": "team", "roles": {"resolved": ["R"]}, "dimensions": "region"}"#) == [
            "dimensions: expected a list"
        ])
        #expect(problems(#"{"roles": {"resolved": ["R"]}}"#) == ["owner: required field is missing"])
        #expect(problems(#"{"owner": "team", "roles": {"resolved": ["R"]}, "resolving_owner": "middle"}"#) == [
            "resolving_owner: expected first-resolution or last-resolution, found 'middle'"
        ])
        #expect(problems("owner: team\nroles:\n  resolved: [R]\nrecurrence_window_days: many\n", yaml: true) == [
            "recurrence_window_days: expected a whole number"
        ])
    }

    @Test func validationListsEveryProblem() {
        let json = """
            {"owner": " ", "roles": {"detected": [{"activity": ""}]},
             "dimensions": ["region", "region"],
             "sla": {"default_hours": -4, "by_category": {"credit_hold": 0}},
             "recurrence_window_days": 0,
             "business_calendar": {"timezone": "Mars/Olympus", "days": ["mon", "funday"], "start_hour": 18, "end_hour": 9,
                                   "holidays": ["25/12/2025"]}}
            """
        #expect(problems(json) == [
            "owner: expected the attribute naming the owner, e.g. org:group, team or org:resource",
            "roles.detected[0]: expected an activity name and/or a transition, found neither",
            "roles.resolved: expected at least one activity or transition for resolved or closed (without one every case stays open)",
            "dimensions[1]: expected distinct names, found 'region' twice",
            "sla.default_hours: expected hours > 0, found -4.0",
            "sla.by_category.credit_hold: expected hours > 0, found 0.0",
            "recurrence_window_days: expected whole days between 1 and 3650, found 0",
            "business_calendar.timezone: expected UTC, an offset like +01:00 or an IANA name like Europe/Rome, found 'Mars/Olympus'",
            "business_calendar.days[1]: expected one of mon, tue, wed, thu, fri, sat, sun, found 'funday'",
            "business_calendar.end_hour: expected an hour after start_hour (18), found 9",
            "business_calendar.holidays[0]: expected a date YYYY-MM-DD, found '25/12/2025'",
        ])
    }

    @Test func errorDescriptionNamesTheSource() {
        do {
            _ = try decode(#"{"owner": "team", "roles": {}}"#, yaml: false)
            Issue.record("expected an error")
        } catch {
            #expect(error.description
                == "profile test: field 'roles.resolved': expected at least one activity or transition for resolved or closed (without one every case stays open)")
        }
    }

    @Test func brokenSyntaxIsReported() {
        #expect(problems(#"{"owner": "team", "#).first?.hasPrefix("(file): not valid JSON: ") == true)
        #expect(problems("   \n", yaml: true) == ["(file): the file is empty"])
    }

    @Test func resolveFindsPresetsAndFilesAndRefusesTheRest() throws {
        #expect(try ProfileLoader.resolve("orders") == Presets.orders)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yml = dir.appendingPathComponent("desk.yml")
        try "owner: team\nroles:\n  closed: [Done]\n".write(to: yml, atomically: true, encoding: .utf8)
        let p = try ProfileLoader.resolve(yml.path)
        #expect(p.name == "desk" && p.matchers(.closed) == [.activity("Done")])
        let noExt = dir.appendingPathComponent("profile")
        try #"{"name": "n", "owner": "team", "roles": {"closed": ["Done"]}}"#.write(to: noExt, atomically: true, encoding: .utf8)
        #expect(try ProfileLoader.resolve(noExt.path).name == "n")
        do {
            _ = try ProfileLoader.resolve("no-such-profile.json")
            Issue.record("expected an error")
        } catch {
            #expect(error.description
                == "profile no-such-profile.json: field '(file)': expected a preset (orders, itsm) or an existing .json/.yaml file, found neither")
        }
    }
}

extension ProfileLoaderTests {
    @Test func yamlSyntaxErrorSaysWhere() {
        let found = problems("owner: [unclosed\n", yaml: true)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("(file): not valid YAML: 2:1: error: parser: while parsing a flow sequence in line 1, column 8") == true)
    }
}
