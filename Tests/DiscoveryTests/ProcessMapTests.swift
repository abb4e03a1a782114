import EventLog
import Foundation
import Testing
@testable import Discovery

@Suite struct ProcessMapTests {
    static func classes(_ log: EventLog) throws -> EventClasses { try ActivityClassifier.activity.classes(of: log) }

    @Test func everythingIsTheFullGraphWithStartAndEnd() throws {
        let log = TestLogs.traces(["a b c", "a c", "a b c"])
        let map = try MapSimplification.everything.map(log: log, classes: try Self.classes(log), performance: false)
        #expect(map.nodes.map(\.name) == ["a", "c", "b"])
        let inner = map.edges.filter { if case .activity = $0.from, case .activity = $0.to { return true } else { return false } }
        #expect(inner.count == 3)
        #expect(map.edges.contains { $0.from == .start && $0.to == .activity(0) && $0.count == 3 })
        #expect(map.edges.contains { $0.from == .activity(1) && $0.to == .end && $0.count == 3 })
    }

    @Test func slidersKeepFrequentActivitiesAndStayConnected() throws {
        // a→b→c is frequent; a→x→c is rare. 50 % of activities keeps a, b (and c ties b? no: b 10, c 12).
        let log = TestLogs.traces(Array(repeating: "a b c", count: 10) + ["a x c", "a c"])
        let classes = try Self.classes(log)
        let map = try MapSimplification(activities: 75, paths: 0).map(log: log, classes: classes, performance: false)
        #expect(Set(map.nodes.map(\.name)) == ["a", "b", "c"])
        // With 0 % of paths, connectivity alone brings back a path into and out of every node.
        func reachable(forward: Bool) -> Set<String> {
            var seen: Set<ProcessMap.Endpoint> = [forward ? .start : .end]
            var changed = true
            while changed {
                changed = false
                for e in map.edges {
                    let (a, b) = forward ? (e.from, e.to) : (e.to, e.from)
                    if seen.contains(a) && !seen.contains(b) {
                        seen.insert(b)
                        changed = true
                    }
                }
            }
            return Set(seen.compactMap { if case .activity(let i) = $0 { map.nodes[i].name } else { nil } })
        }
        #expect(reachable(forward: true) == ["a", "b", "c"])
        #expect(reachable(forward: false) == ["a", "b", "c"])
        #expect(map.edges.count < 6)
        // Removing x projects a→x→c onto a→c.
        let all = try MapSimplification(activities: 75, paths: 100).map(log: log, classes: classes, performance: false)
        let ac = all.edges.first { e in
            if case .activity(let i) = e.from, case .activity(let j) = e.to { all.nodes[i].name == "a" && all.nodes[j].name == "c" } else { false }
        }
        #expect(ac?.count == 2)
    }

    @Test func rejectsSlidersOutsidePercentages() throws {
        let log = TestLogs.traces(["a"])
        #expect(throws: DiscoveryError.self) {
            try MapSimplification(activities: 120).map(log: log, classes: try Self.classes(log), performance: false)
        }
    }

    @Test func defaultKeepsLargeLogsReadable() throws {
        let log = TestLogs.random(cases: 4_000, activities: 600, maxLength: 20)
        let map = try MapSimplification().map(log: log, classes: try Self.classes(log), performance: true)
        #expect(map.nodes.count == MapSimplification.defaultActivityLimit)
        #expect(map.totalActivities == 600)
        #expect(map.edges.count <= 2 * map.nodes.count + 2 * map.nodes.count)
    }
}

@Suite struct DOTExportTests {
    @Test func escapesEveryStringFromTheData() {
        #expect(DOTExport.escape("say \"hi\"\\n") == "say \\\"hi\\\"\\\\n")
        #expect(DOTExport.escape("two\nlines\r\t!") == "two\\nlines !")
        #expect(DOTExport.escape("Ärger 🚚 <b>") == "Ärger 🚚 <b>")
    }

    @Test func rendersTheFamiliarLook() throws {
        let log = TestLogs.traces(["a b", "a b", "a \"quoted\""])
        let classes = try ActivityClassifier.activity.classes(of: log)
        let map = try MapSimplification.everything.map(log: log, classes: classes, performance: false)
        let dot = DOTExport.render(map)
        #expect(dot.hasPrefix("digraph \"process map\" {"))
        #expect(dot.contains("rankdir=LR"))
        #expect(dot.contains("start [label=\"●\""))
        #expect(dot.contains("end [label=\"■\""))
        #expect(dot.contains("a0 [label=\"a\\n3\", fillcolor=\"#08306b\", fontcolor=\"white\"]"))
        #expect(dot.contains("label=\"\\\"quoted\\\"\\n1\""))
        #expect(dot.contains("a0 -> a1 [penwidth=3.50, label=\" 2 \"]"))
        #expect(dot.contains("start -> a0"))
    }

    @Test func performanceLabelsAreDurations() throws {
        let log = TestLogs.log([
            .init(caseID: "1", activity: "a", seconds: 0),
            .init(caseID: "1", activity: "b", seconds: 2 * 86_400 + 4 * 3600 + 59),
        ])
        let classes = try ActivityClassifier.activity.classes(of: log)
        let map = try MapSimplification.everything.map(log: log, classes: classes, performance: true)
        #expect(DOTExport.render(map).contains("label=\" 2d 4h \""))
    }

    @Test func graphvizRendersSVG() throws {
        guard GraphvizRenderer.dotExecutable() != nil else { return }
        let log = TestLogs.traces(["a <b>", "a <b> & c"])
        let classes = try ActivityClassifier.activity.classes(of: log)
        let map = try MapSimplification.everything.map(log: log, classes: classes, performance: false)
        let svg = String(decoding: try GraphvizRenderer.svg(fromDOT: DOTExport.render(map)), as: UTF8.self)
        #expect(svg.contains("<svg"))
        #expect(svg.contains("&lt;b&gt;"))
        #expect(!svg.contains("<b>"))
        #expect(throws: DiscoveryError.self) { try GraphvizRenderer.svg(fromDOT: "digraph { a -> }") }
    }

    @Test func jsonCarriesTheGraph() throws {
        let log = TestLogs.traces(["a b", "a b"])
        let classes = try ActivityClassifier.activity.classes(of: log)
        let map = try MapSimplification.everything.map(log: log, classes: classes, performance: true)
        let json = try JSONSerialization.jsonObject(with: try JSONExport.map(map, classifier: "concept:name")) as? [String: Any]
        let edges = try #require(json?["edges"] as? [[String: Any]])
        #expect(edges.count == 1)
        #expect(edges.first?["count"] as? Int == 2)
        #expect((edges.first?["duration_seconds"] as? [String: Any])?["median"] as? Double == 3600)
        #expect(json?["start_activities"] as? [String: Int] == ["a": 2])
    }
}

@Suite struct DurationFormatTests {
    @Test func shortForms() {
        #expect(DurationFormat.short(seconds: 2 * 86_400 + 4 * 3600 + 3599) == "2d 4h")
        #expect(DurationFormat.short(seconds: 5 * 3600 + 12 * 60 + 59) == "5h 12m")
        #expect(DurationFormat.short(seconds: 42 * 60 + 10.9) == "42m 10s")
        #expect(DurationFormat.short(seconds: 7.56) == "7.5s")
        #expect(DurationFormat.short(seconds: 3) == "3s")
        #expect(DurationFormat.short(seconds: 0.35) == "350ms")
        #expect(DurationFormat.short(seconds: 0) == "0s")
        #expect(DurationFormat.short(seconds: 400 * 86_400) == "1y 35d")
        #expect(DurationFormat.short(seconds: -90) == "-1m 30s")
        #expect(DurationFormat.short(seconds: 48 * 60) == "48m")
        #expect(DurationFormat.short(seconds: 3 * 86_400 + 1800) == "3d")
        #expect(DurationFormat.short(seconds: .nan) == "-")
    }

    @Test func parsesDurations() {
        #expect(DurationFormat.parse("2d 4h") == 187_200_000_000)
        #expect(DurationFormat.parse("1d4h30m") == 102_600_000_000)
        #expect(DurationFormat.parse("90s") == 90_000_000)
        #expect(DurationFormat.parse("1.5h") == 5_400_000_000)
        #expect(DurationFormat.parse("3600") == 3_600_000_000)
        #expect(DurationFormat.parse("1w") == 604_800_000_000)
        #expect(DurationFormat.parse("soon") == nil)
        #expect(DurationFormat.parse("") == nil)
        #expect(DurationFormat.parse("4h 30") == nil)
    }
}
