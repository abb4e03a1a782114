import EventLog
import Foundation
import Testing

@testable import Lifecycle

/// Owner counts on the real logs of `../shared/logs`, checked two ways: per case against a
/// plain walk over the raw owner values (a different code path from ``CaseMachine``), and in
/// total against the reference's `organizational.<attr>.script_metrics` where the
/// definitions coincide (first ≠ last owner, any change, A→B→A, return to an earlier
/// owner, total changes).
@Suite struct RealLogLifecycleTests {
    /// What the plain walk finds for one case.
    struct Walk: Equatable {
        var first: String
        var last: String
        var resolving: String
        var changes: Int
        var returns: Int
        var immediateReturns: Int
    }

    /// Walks the raw owner values of every case in a simple loop: no role table, no state machine.
    /// `resolvingActivity` names the activity whose first occurrence fixes the resolving owner.
    static func walk(_ log: EventLog, attribute: String, resolvingActivity: String?) -> [String: Walk] {
        var out: [String: Walk] = [:]
        let eventColumn = log.eventAttribute(attribute)
        for c in 0..<log.caseCount {
            var values: [String] = []
            var resolving: String?
            for e in log.events(ofCase: c) {
                let value: String?
                switch attribute {
                case "org:group": value = log.groups.optionalString(log.group[e])
                case "org:resource": value = log.resources.optionalString(log.resource[e])
                default: value = eventColumn?.value(at: e)?.text
                }
                guard let value else { continue }
                values.append(value)
                if resolving == nil, let resolvingActivity, log.activities.string(log.activity[e]) == resolvingActivity {
                    resolving = value
                }
            }
            guard let first = values.first, let last = values.last else { continue }
            var collapsed = [first]
            for v in values.dropFirst() where v != collapsed[collapsed.count - 1] { collapsed.append(v) }
            var returns = 0, immediate = 0
            for i in 1..<max(1, collapsed.count) {
                if collapsed[..<i].contains(collapsed[i]) { returns += 1 }
                if i >= 2 && collapsed[i] == collapsed[i - 2] { immediate += 1 }
            }
            out[log.caseID(c)] = Walk(
                first: first, last: last, resolving: resolving ?? last, changes: collapsed.count - 1, returns: returns,
                immediateReturns: immediate)
        }
        return out
    }

    /// The table's view of the same numbers.
    static func fromTable(_ t: ExceptionTable) -> [String: Walk] {
        var out: [String: Walk] = [:]
        for r in 0..<t.count {
            let seq = t.ownerCodes(r).map { t.owners.string($0) }
            out[t.id(r)] = Walk(
                first: t.owners.string(t.firstOwner[r]), last: seq.last ?? "", resolving: t.owners.string(t.resolvingOwner[r]),
                changes: Int(t.handoffs[r]), returns: Int(t.pingPongs[r]), immediateReturns: Int(t.immediatePingPongs[r]))
        }
        return out
    }

    static func load(_ file: String) throws -> EventLog {
        try EventLogImporter.read(LogFixtures.shared.appendingPathComponent("logs/" + file).path).log
    }

    static func scriptMetrics(_ reference: String, _ attribute: String) throws -> [String: Int] {
        let url = LogFixtures.shared.appendingPathComponent("reference/" + reference)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let org = json?["organizational"] as? [String: Any]
        let metrics = (org?[attribute] as? [String: Any])?["script_metrics"] as? [String: Any]
        return try #require(metrics?.compactMapValues { $0 as? Int })
    }

    /// Aggregates of walks in the reference's terms.
    static func metrics(_ walks: [String: Walk], firstVersus: KeyPath<Walk, String>) -> [String: Int] {
        let w = Array(walks.values)
        return [
            "cases_with_attribute": w.count,
            "first_differs_from_last": w.filter { $0.first != $0[keyPath: firstVersus] }.count,
            "cases_with_any_change": w.filter { $0.changes > 0 }.count,
            "ping_pong_cases_xyx": w.filter { $0.immediateReturns > 0 }.count,
            "cases_returning_to_earlier_value": w.filter { $0.returns > 0 }.count,
            "total_value_changes": w.reduce(0) { $0 + $1.changes },
        ]
    }

    @Test func itsmPresetOnReceiptMatchesAPlainWalkAndTheReference() throws {
        let log = try Self.load("receipt.xes.gz")
        let table = try Reconstruction.reconstruct(log, profile: Presets.itsm)
        #expect(table.ownerAttribute == "org:group")
        #expect(table.count == 1434 && table.unusable.isEmpty)
        // Receipt logs no resolution, so the resolving owner is the last group.
        let walks = Self.walk(log, attribute: "org:group", resolvingActivity: nil)
        let rows = Self.fromTable(table)
        #expect(rows == walks)
        let expected = try Self.scriptMetrics("receipt.json", "org:group")
        #expect(Self.metrics(rows, firstVersus: \.resolving) == expected)
        #expect(expected["first_differs_from_last"] == 1104 && expected["ping_pong_cases_xyx"] == 269)
        let summary = LifecycleSummary(table, logName: log.name)
        #expect(summary.misrouted == expected["first_differs_from_last"])
        #expect(summary.handoffs == expected["total_value_changes"])
        #expect(summary.pingPongExceptions == expected["cases_returning_to_earlier_value"])
        #expect(summary.open == 1434)
    }

    @Test func itsmPresetOnHelpdeskByResourceResolvesAtTheFirstResolveTicket() throws {
        let log = try Self.load("helpdesk.xes.gz")
        var profile = Presets.itsm
        profile.owner = "org:resource"
        let table = try Reconstruction.reconstruct(log, profile: profile)
        #expect(table.count == 4580 && table.unusable.isEmpty)
        let walks = Self.walk(log, attribute: "org:resource", resolvingActivity: "Resolve ticket")
        #expect(Self.fromTable(table) == walks)
        let expected = try Self.scriptMetrics("helpdesk.json", "org:resource")
        #expect(Self.metrics(walks, firstVersus: \.last) == expected)
        var got = Self.metrics(Self.fromTable(table), firstVersus: \.last)
        got["first_differs_from_last"] = expected["first_differs_from_last"]
        #expect(got == expected)
    }

    /// Every (log, attribute) with script metrics, under a profile in which nothing resolves
    /// (so the resolving owner is the last owner, as in the reference's "first differs from last").
    @Test(arguments: [
        ("receipt.xes.gz", "receipt.json", "org:resource"),
        ("helpdesk.xes.gz", "helpdesk.json", "workgroup"),
        ("helpdesk.xes.gz", "helpdesk.json", "support_section"),
        ("running-example.xes", "running-example.json", "org:resource"),
        ("roadtraffic100traces.xes", "roadtraffic100traces.json", "org:resource"),
    ])
    func lastOwnerProfileMatchesTheReference(file: String, reference: String, attribute: String) throws {
        let log = try Self.load(file)
        let profile = LifecycleProfile(
            name: "last-owner", owner: attribute, roles: [.closed: [.activity("(no such activity)")]])
        let table = try Reconstruction.reconstruct(log, profile: profile)
        let expected = try Self.scriptMetrics(reference, attribute)
        #expect(table.count == expected["cases_with_attribute"])
        #expect(table.count + table.unusable.count == log.caseCount)
        #expect(table.unusable.allSatisfy { $0.reason == .noOwner })
        #expect(Self.fromTable(table) == Self.walk(log, attribute: attribute, resolvingActivity: nil))
        #expect(Self.metrics(Self.fromTable(table), firstVersus: \.resolving) == expected)
    }
}
