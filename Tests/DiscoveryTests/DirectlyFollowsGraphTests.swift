import EventLog
import Testing
@testable import Discovery

@Suite struct DirectlyFollowsGraphTests {
    @Test func countsEdgesStartsAndEnds() throws {
        let log = TestLogs.traces(["a b c", "a c b", "a b c", "b"])
        let dfg = try DirectlyFollowsGraph(log: log)
        #expect(dfg.count(from: "a", to: "b") == 2)
        #expect(dfg.count(from: "b", to: "c") == 2)
        #expect(dfg.count(from: "a", to: "c") == 1)
        #expect(dfg.count(from: "c", to: "b") == 1)
        #expect(dfg.count(from: "c", to: "a") == 0)
        #expect(dfg.edges.count == 4)
        #expect(dfg.totalCount == 6)
        #expect(dfg.startActivities == ["a": 3, "b": 1])
        #expect(dfg.endActivities == ["c": 2, "b": 2])
        #expect(dfg.activityCountsByName == ["a": 3, "b": 4, "c": 3])
        // Most frequent first, ties by names.
        #expect(dfg.edges.map { "\(dfg.activities[$0.from])\(dfg.activities[$0.to])" } == ["ab", "bc", "ac", "cb"])
    }

    @Test func equalTimestampsKeepFileOrder() {
        // b and c share a timestamp: file order decides (b before c), as pm4py does.
        let log = TestLogs.log([
            .init(caseID: "1", activity: "a", seconds: 0),
            .init(caseID: "1", activity: "c", seconds: 60),
            .init(caseID: "1", activity: "b", seconds: 60),
            .init(caseID: "1", activity: "d", seconds: 30),
        ])
        let dfg = DirectlyFollowsGraph(log: log, classes: EventClasses(codes: log.activity, names: log.activities.strings))
        #expect(dfg.count(from: "a", to: "d") == 1)
        #expect(dfg.count(from: "d", to: "c") == 1)
        #expect(dfg.count(from: "c", to: "b") == 1)
    }

    @Test func missingActivityBreaksTheChain() throws {
        let log = TestLogs.log([
            .init(caseID: "1", activity: "a", seconds: 0),
            .init(caseID: "1", activity: nil, seconds: 1),
            .init(caseID: "1", activity: "b", seconds: 2),
        ])
        let dfg = try DirectlyFollowsGraph(log: log)
        #expect(dfg.edges.isEmpty)
        #expect(dfg.startActivities == ["a": 1])
        #expect(dfg.endActivities == ["b": 1])
    }

    @Test func projectionMakesNeighboursAdjacent() throws {
        let log = TestLogs.traces(["a x b", "a b", "x"])
        let classes = try ActivityClassifier.activity.classes(of: log)
        let keep = classes.names.map { $0 != "x" }
        let dfg = DirectlyFollowsGraph(log: log, classes: classes, keep: keep)
        #expect(dfg.count(from: "a", to: "b") == 2)
        #expect(dfg.count(from: "a", to: "x") == 0)
        #expect(dfg.startActivities == ["a": 2])
    }

    @Test func parallelSlicesMatchANaiveCount() throws {
        // Large enough to be split over the cores.
        let log = TestLogs.random(cases: 90_000, activities: 40)
        #expect(log.eventCount > 2 * Parallel.minimumEventsPerSlice)
        let dfg = try DirectlyFollowsGraph(log: log)
        var got: [String: Int] = [:]
        for e in dfg.edges { got[dfg.activities[e.from] + " -> " + dfg.activities[e.to]] = e.count }
        #expect(got == Naive.dfg(log))
        #expect(dfg.startCounts.reduce(0, +) == log.caseCount)
    }

    @Test func manyClassesUseTheHashMapAndAgree() throws {
        // 1,500 classes: above the dense-matrix limit.
        let log = TestLogs.random(cases: 3_000, activities: 1_500, maxLength: 20)
        let dfg = try DirectlyFollowsGraph(log: log)
        #expect(!PairCounts(n: 1_500).isDense)
        var got: [String: Int] = [:]
        for e in dfg.edges { got[dfg.activities[e.from] + " -> " + dfg.activities[e.to]] = e.count }
        #expect(got == Naive.dfg(log))
    }
}

@Suite struct EmptyLogTests {
    @Test func everyAnalysisAcceptsAnEmptyLog() throws {
        let log = EventLog(name: "empty")
        let overview = try Discovery.overview(log)
        #expect(overview.dfg.edges.isEmpty)
        #expect(overview.performance.edges.isEmpty)
        #expect(overview.variants.count == 0)
        #expect(overview.caseDurations.statistics == .empty)
        #expect(try ActivityStatistics(log: log).rows.isEmpty)
        #expect(try HandoverNetwork(log: log, attribute: "org:resource").totalIncludingSelf == 0)
        let map = try MapSimplification().map(log: log, classes: try ActivityClassifier.activity.classes(of: log), performance: true)
        #expect(map.nodes.isEmpty && map.edges.isEmpty)
        #expect(DOTExport.render(map).hasSuffix("}\n"))
        #expect(try log.filtered([.topVariants(3), .caseDuration(min: 0, max: nil)]).caseCount == 0)
    }
}
