import EventLog
import Foundation

/// Builds small hand-made logs for lifecycle tests.
enum LogFixtures {
    /// One event: case, activity, minutes after 2025-01-06T08:00Z, owner (group column), transition.
    struct Event {
        var caseID: String
        var activity: String
        var minute: Int
        var team: String?
        var transition: String?
        var extra: [String: AttributeValue] = [:]

        init(_ caseID: String, _ activity: String, _ minute: Int, _ team: String? = nil, transition: String? = nil,
             extra: [String: AttributeValue] = [:]) {
            self.caseID = caseID
            self.activity = activity
            self.minute = minute
            self.team = team
            self.transition = transition
            self.extra = extra
        }
    }

    /// 2025-01-06T08:00:00Z in µs.
    static let base: Int64 = 1_736_150_400 * 1_000_000

    /// µs of `minute` minutes after ``base``.
    static func at(_ minute: Int) -> Int64 { base + Int64(minute) * 60_000_000 }

    /// A log from events (in file order), with case attributes by case id. `teamAsEventAttribute`
    /// stores the owner in an event column named `team` instead of the group column.
    static func log(
        _ events: [Event], caseAttributes: [String: [String: AttributeValue]] = [:], teamAsEventAttribute: Bool = false,
        emptyCases: [String] = []
    ) -> EventLog {
        var b = EventLogBuilder(name: "fixture")
        for e in events {
            let c = b.caseIDs.intern(e.caseID)
            let a = b.activities.intern(e.activity)
            let g = (!teamAsEventAttribute ? e.team : nil).map { b.groups.intern($0) } ?? StringPool.missing
            let l = e.transition.map { b.lifecycles.intern($0) } ?? StringPool.missing
            b.appendEvent(caseCode: c, activity: a, timestamp: at(e.minute), group: g, lifecycle: l)
            if teamAsEventAttribute { b.setEventAttribute("team", e.team.map { .string($0) }) }
            for (k, v) in e.extra.sorted(by: { $0.key < $1.key }) { b.setEventAttribute(k, v) }
        }
        for id in emptyCases { _ = b.caseIDs.intern(id) }
        for (id, attrs) in caseAttributes.sorted(by: { $0.key < $1.key }) {
            let c = b.caseIDs.intern(id)
            for (k, v) in attrs.sorted(by: { $0.key < $1.key }) { b.setCaseAttribute(k, v, caseCode: c) }
        }
        return b.build()
    }

    /// `../shared` beside the repository.
    static var shared: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared")
    }

    /// The repository root.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}
