import EventLog
import Testing
@testable import Discovery

@Suite struct PerformanceDFGTests {
    @Test func edgeStatisticsAreExactToTheMicrosecond() throws {
        // a → b takes 10 s, 20 s, 40 s and 0.000001 s in four cases.
        let gaps = [10.0, 20.0, 40.0, 0.000001]
        var rows: [TestLogs.Row] = []
        for (i, g) in gaps.enumerated() {
            rows.append(.init(caseID: "c\(i)", activity: "a", seconds: Double(i * 1000)))
            rows.append(.init(caseID: "c\(i)", activity: "b", seconds: Double(i * 1000) + g))
        }
        let perf = try PerformanceDFG(log: TestLogs.log(rows))
        let edge = try #require(perf.edge(from: "a", to: "b"))
        #expect(edge.count == 4)
        #expect(edge.durations.totalMicros == 70_000_001)
        #expect(edge.durations.minMicros == 1)
        #expect(edge.durations.maxMicros == 40_000_000)
        #expect(abs(edge.durations.medianSeconds - 15) < 1e-9)
        #expect(abs(edge.durations.meanSeconds - 70.000001 / 4) < 1e-9)
        // Sample standard deviation (n − 1), as pandas' std.
        let mean = 70.000001 / 4
        let variance = gaps.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3
        #expect(abs((edge.durations.stdevSeconds ?? 0) - variance.squareRoot()) < 1e-9)
    }

    @Test func singleValueHasNoDeviation() throws {
        let perf = try PerformanceDFG(log: TestLogs.traces(["a b"]))
        let edge = try #require(perf.edge(from: "a", to: "b"))
        #expect(edge.durations.stdevSeconds == nil)
        #expect(edge.durations.medianSeconds == 3600)
    }

    @Test func parallelScatterMatchesANaiveGrouping() throws {
        let log = TestLogs.random(cases: 90_000, activities: 25)
        let perf = try PerformanceDFG(log: log)
        let naive = Naive.durations(log)
        #expect(perf.edges.count == naive.count)
        for e in perf.edges {
            let key = perf.activities[e.from] + " -> " + perf.activities[e.to]
            let values = try #require(naive[key])
            #expect(e.count == values.count)
            #expect(e.durations.totalMicros == values.reduce(0, +))
            #expect(e.durations.minMicros == values.min())
            #expect(e.durations.maxMicros == values.max())
            #expect(e.durations.medianSeconds == Naive.median(values))
        }
    }
}

@Suite struct VariantTests {
    @Test func countsOrdersAndTimesVariants() throws {
        let log = TestLogs.traces(["a b c", "a c", "a b c", "a c", "a b c", "b"])
        let table = try VariantTable(log: log)
        #expect(table.count == 3)
        #expect(table.names(of: 0) == ["a", "b", "c"])
        #expect(table.variants.map(\.count) == [3, 2, 1])
        #expect(table.names(of: 1) == ["a", "c"])
        #expect(table.variants[0].durations.medianSeconds == 7200)
        #expect(table.variants[1].durations.maxMicros == 3_600_000_000)
        #expect(table.variants[2].durations.maxMicros == 0)
        #expect(table.variantOfCase == [0, 1, 0, 1, 0, 2])
    }

    @Test func tiesKeepTheOrderOfFirstAppearance() throws {
        let table = try VariantTable(log: TestLogs.traces(["b a", "a b c", "a b", "a b"]))
        #expect((0..<3).map { table.names(of: $0) } == [["a", "b"], ["b", "a"], ["a", "b", "c"]])
        #expect(table.variantOfCase == [1, 2, 0, 0])
    }

    @Test func parallelTablesMergeToTheNaiveVariants() throws {
        let log = TestLogs.random(cases: 90_000, activities: 6, maxLength: 8)
        let table = try VariantTable(log: log)
        let naive = Naive.variants(log)
        #expect(table.count == naive.count)
        for i in 0..<table.count { #expect(naive[table.names(of: i)] == table.variants[i].count) }
        #expect(zip(table.variants, table.variants.dropFirst()).allSatisfy { $0.count >= $1.count })
        // Every case points at the variant of its own sequence.
        let sequences = Naive.sequences(log)
        for c in stride(from: 0, to: log.caseCount, by: 997) {
            #expect(table.names(of: Int(table.variantOfCase[c])) == sequences[c])
        }
    }

    @Test func lifecycleClassifierJoinsWithPlus() throws {
        let log = TestLogs.log([
            .init(caseID: "1", activity: "a", seconds: 0, lifecycle: "start"),
            .init(caseID: "1", activity: "a", seconds: 1, lifecycle: "complete"),
            .init(caseID: "1", activity: "b", seconds: 2),
        ])
        let table = try VariantTable(log: log, classifier: .activityAndLifecycle)
        #expect(table.names(of: 0) == ["a+start", "a+complete", "b"])
        let dfg = try DirectlyFollowsGraph(log: log, classifier: .activityAndLifecycle)
        #expect(dfg.count(from: "a+start", to: "a+complete") == 1)
    }
}

@Suite struct CaseDurationTests {
    @Test func durationsAndStatistics() {
        let log = TestLogs.log([
            .init(caseID: "x", activity: "a", seconds: 5),
            .init(caseID: "x", activity: "b", seconds: 5.000001),
            .init(caseID: "y", activity: "a", seconds: 0),
            .init(caseID: "z", activity: "a", seconds: 100),
            .init(caseID: "z", activity: "b", seconds: 40),
        ])
        let d = CaseDurations(log: log)
        #expect(d.micros == [1, 0, 60_000_000])
        #expect(d.statistics.minMicros == 0)
        #expect(d.statistics.maxMicros == 60_000_000)
        #expect(d.statistics.medianSeconds == 0.000001)
        #expect(d.statistics.totalMicros == 60_000_001)
    }

    @Test func selectionMedianMatchesSorting() {
        var rng = SplitMix64(seed: 7)
        for n in [1, 2, 3, 17, 18, 1000, 1001] {
            var values = (0..<n).map { _ in Int64(rng.next() % 50) }
            let expected = Naive.median(values)
            #expect(DurationStatistics(micros: &values).medianSeconds == expected)
        }
    }
}

@Suite struct ActivityStatisticsTests {
    @Test func countsCasesAndSojournTimes() throws {
        // c0: a(0) b(+10s) a(+30s); c1: a(0) b(+20s); c2: b alone.
        let log = TestLogs.log([
            .init(caseID: "c0", activity: "a", seconds: 0),
            .init(caseID: "c0", activity: "b", seconds: 10),
            .init(caseID: "c0", activity: "a", seconds: 40),
            .init(caseID: "c1", activity: "a", seconds: 100),
            .init(caseID: "c1", activity: "b", seconds: 120),
            .init(caseID: "c2", activity: "b", seconds: 0),
        ])
        let stats = try ActivityStatistics(log: log)
        #expect(stats.rows.map(\.activity) == ["a", "b"])
        let a = stats.rows[0], b = stats.rows[1]
        #expect(a.events == 3 && a.cases == 2)
        #expect(b.events == 3 && b.cases == 3)
        // a is second only once (30 s after b); b twice (10 s and 20 s); first events have none.
        #expect(a.sojourn.count == 1 && a.sojourn.maxMicros == 30_000_000)
        #expect(b.sojourn.count == 2 && b.sojourn.medianSeconds == 15)
    }

    @Test func parallelCountsMatchANaiveCount() throws {
        let log = TestLogs.random(cases: 90_000, activities: 12)
        let stats = try ActivityStatistics(log: log)
        var events: [String: Int] = [:], cases: [String: Set<Int>] = [:]
        for c in 0..<log.caseCount {
            for e in log.events(ofCase: c) {
                let name = log.activities.string(log.activity[e])
                events[name, default: 0] += 1
                cases[name, default: []].insert(c)
            }
        }
        for row in stats.rows {
            #expect(row.events == events[row.activity])
            #expect(row.cases == cases[row.activity]?.count)
        }
        #expect(stats.rows.map(\.sojourn.count).reduce(0, +) == log.eventCount - log.caseCount)
    }
}
