import EventLog
import Testing
@testable import Discovery

@Suite struct LogFilterTests {
    /// c0: day 0–1, c1: day 1–3, c2: day 5 only. Activities a→b, a→c, b.
    static func log() -> EventLog {
        TestLogs.log([
            .init(caseID: "c0", activity: "a", seconds: 0, resource: "ann"),
            .init(caseID: "c0", activity: "b", seconds: 86_400, resource: "bob"),
            .init(caseID: "c1", activity: "a", seconds: 86_400, resource: "bob"),
            .init(caseID: "c1", activity: "c", seconds: 3 * 86_400, resource: "bob"),
            .init(caseID: "c2", activity: "b", seconds: 5 * 86_400, resource: "cid"),
        ])
    }

    static func day(_ d: Double) -> Int64 { TestLogs.base + Int64(d * 86_400_000_000) }

    static func ids(_ log: EventLog) -> [String] { (0..<log.caseCount).map { log.caseID($0) } }

    @Test func timeFrameModes() throws {
        let log = Self.log()
        func run(_ mode: LogFilter.TimeFrameMode) throws -> [String] {
            Self.ids(try log.filtered(.timeFrame(from: Self.day(0.5), to: Self.day(4), mode: mode)))
        }
        #expect(try run(.contained) == ["c1"])
        #expect(try run(.intersecting) == ["c0", "c1"])
        #expect(try run(.startedIn) == ["c1"])
        #expect(try run(.completedIn) == ["c0", "c1"])
        let events = try log.filtered(.timeFrame(from: Self.day(0.5), to: Self.day(4), mode: .events))
        #expect(Self.ids(events) == ["c0", "c1"])
        #expect(events.eventCount == 3)
        #expect(events.caseOffsets == [0, 1, 3])
    }

    @Test func attributeValuesOnEventsAndCases() throws {
        let log = Self.log()
        let keepEvents = try log.filtered(.attributeValues(attribute: "org:resource", values: ["bob"], keep: true, scope: .events))
        #expect(keepEvents.eventCount == 3)
        #expect(Self.ids(keepEvents) == ["c0", "c1"])
        let dropCases = try log.filtered(.attributeValues(attribute: "org:resource", values: ["ann"], keep: false, scope: .cases))
        #expect(Self.ids(dropCases) == ["c1", "c2"])
        let keepCases = try log.filtered(.attributeValues(attribute: "concept:name", values: ["c", "zzz"], keep: true, scope: .cases))
        #expect(Self.ids(keepCases) == ["c1"])
        #expect(keepCases.eventCount == 2)
        #expect(throws: DiscoveryError.self) {
            try log.filtered(.attributeValues(attribute: "nope", values: [], keep: true, scope: .events))
        }
    }

    @Test func variantsDurationsAndEndpoints() throws {
        let log = TestLogs.traces(["a b", "a b", "a c", "b"])
        #expect(Self.ids(try log.filtered(.topVariants(1))) == ["c0", "c1"])
        #expect(Self.ids(try log.filtered(.topVariants(2))).count == 3)
        #expect(Self.ids(try log.filtered(.caseDuration(min: 1, max: nil))) == ["c0", "c1", "c2"])
        #expect(Self.ids(try log.filtered(.caseDuration(min: nil, max: 0))) == ["c3"])
        #expect(Self.ids(try log.filtered(.startActivities(["b"]))) == ["c3"])
        #expect(Self.ids(try log.filtered(.endActivities(["c", "b"]))) == ["c0", "c1", "c2", "c3"])
        // Composition applies in order.
        let both = try log.filtered([.endActivities(["b"]), .startActivities(["a"])])
        #expect(Self.ids(both) == ["c0", "c1"])
    }

    @Test func subsetKeepsColumnsAligned() throws {
        var b = EventLogBuilder()
        let a = b.activities.intern("a")
        for c in 0..<3 {
            let code = b.caseIDs.intern("k\(c)")
            b.appendEvent(caseCode: code, activity: a, timestamp: Int64(c))
            b.setEventAttribute("n", .int(Int64(c * 10)))
            b.setCaseAttribute("tier", .string("t\(c)"), caseCode: code)
        }
        let log = b.build().keepingCases([false, true, true])
        #expect(Self.ids(log) == ["k1", "k2"])
        #expect(log.eventAttribute("n")?.value(at: 0) == .int(10))
        #expect(log.caseAttribute("tier")?.value(at: 1) == .string("t2"))
        #expect(log.caseIDs.code(of: "k2") == 1)
    }
}
