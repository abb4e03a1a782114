import EventLog
import Testing
@testable import Discovery

@Suite struct HandoverNetworkTests {
    /// Case 1: ann ann bob ann cid (ping-pong ann→bob→ann, return to ann);
    /// case 2: bob – (missing) – bob cid; case 3: cid alone.
    static func log() -> EventLog {
        TestLogs.log([
            .init(caseID: "1", activity: "a", seconds: 0, resource: "ann", group: "g1"),
            .init(caseID: "1", activity: "b", seconds: 1, resource: "ann", group: "g1"),
            .init(caseID: "1", activity: "c", seconds: 2, resource: "bob", group: "g2"),
            .init(caseID: "1", activity: "d", seconds: 3, resource: "ann", group: "g1"),
            .init(caseID: "1", activity: "e", seconds: 4, resource: "cid", group: "g1"),
            .init(caseID: "2", activity: "a", seconds: 0, resource: "bob", group: "g2"),
            .init(caseID: "2", activity: "b", seconds: 1, group: "g2"),
            .init(caseID: "2", activity: "c", seconds: 2, resource: "bob", group: "g2"),
            .init(caseID: "2", activity: "d", seconds: 3, resource: "cid", group: "g1"),
            .init(caseID: "3", activity: "a", seconds: 0, resource: "cid", group: "g1"),
        ])
    }

    @Test func countsConsecutivePairsSkippingMissingValues() throws {
        let net = try HandoverNetwork(log: Self.log(), attribute: "org:resource")
        #expect(net.count(from: "ann", to: "ann") == 1)
        #expect(net.count(from: "ann", to: "bob") == 1)
        #expect(net.count(from: "bob", to: "ann") == 1)
        #expect(net.count(from: "ann", to: "cid") == 1)
        #expect(net.count(from: "bob", to: "bob") == 1)  // across the event without a resource
        #expect(net.count(from: "bob", to: "cid") == 1)
        #expect(net.totalIncludingSelf == 6)
        #expect(net.totalExcludingSelf == 4)
        #expect(net.eventsWithAttribute == 9)
        #expect(net.eventsMissingAttribute == 1)
        #expect(net.distinctValues == 3)
        #expect(net.edges.allSatisfy { abs($0.normalized - Double($0.count) / 6) < 1e-15 })
    }

    @Test func routingFiguresCollapseRepeats() throws {
        let r = try HandoverNetwork(log: Self.log(), attribute: "org:resource").routing
        #expect(r.casesWithAttribute == 3)
        #expect(r.firstDiffersFromLast == 2)
        #expect(r.casesWithAnyChange == 2)
        #expect(r.pingPongCases == 1)
        #expect(r.pingPongOccurrences == 1)
        #expect(r.casesReturningToEarlierValue == 1)
        #expect(r.totalValueChanges == 4)
    }

    @Test func groupsAndRepeatedPingPong() throws {
        let g = try HandoverNetwork(log: Self.log(), attribute: "org:group")
        // Case 1 groups: g1 g1 g2 g1 g1 → collapsed g1 g2 g1.
        #expect(g.count(from: "g1", to: "g2") == 1)
        #expect(g.count(from: "g2", to: "g1") == 2)
        #expect(g.routing.pingPongCases == 1)
        let loop = TestLogs.log((0..<6).map { .init(caseID: "x", activity: "a", seconds: Double($0), resource: $0 % 2 == 0 ? "p" : "q") })
        let r = try HandoverNetwork(log: loop, attribute: "org:resource").routing
        // p q p q p q: four X→Y→X windows.
        #expect(r.pingPongOccurrences == 4)
        #expect(r.pingPongCases == 1)
        #expect(r.totalValueChanges == 5)
    }

    @Test func resourceOnlyOnFirstEventGivesNoHandovers() throws {
        // The Road Traffic shape: pm4py raises here; we report the missing values instead.
        let log = TestLogs.log([
            .init(caseID: "1", activity: "Create Fine", seconds: 0, resource: "541"),
            .init(caseID: "1", activity: "Send Fine", seconds: 10),
            .init(caseID: "2", activity: "Create Fine", seconds: 0, resource: "550"),
            .init(caseID: "2", activity: "Payment", seconds: 10),
        ])
        let net = try HandoverNetwork(log: log, attribute: "org:resource")
        #expect(net.edges.isEmpty)
        #expect(net.totalIncludingSelf == 0)
        #expect(net.eventsMissingAttribute == 2)
        #expect(net.distinctValues == 2)
        #expect(net.routing.casesWithAttribute == 2)
        #expect(net.routing.totalValueChanges == 0)
    }

    @Test func parallelSlicesMatchANaiveCount() throws {
        let log = TestLogs.random(cases: 90_000, activities: 10, resources: 30)
        let net = try HandoverNetwork(log: log, attribute: "org:resource")
        var got: [String: Int] = [:]
        for e in net.edges { got[net.names[e.from] + " -> " + net.names[e.to]] = e.count }
        let naive = Naive.handovers(log)
        #expect(got == naive)
        #expect(net.totalExcludingSelf == net.routing.totalValueChanges)
    }
}
