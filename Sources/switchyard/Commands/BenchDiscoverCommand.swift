import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `switchyard bench discover`: times DFG, performance DFG, variants and case durations on a
/// large synthetic log held in memory, and the rendering of a 600-activity map.
struct BenchDiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Time discovery (DFG, performance DFG, variants, case durations) on a synthetic log in memory.")

    @Option(help: "Events in the synthetic log.")
    var events: Int = 7_850_000
    @Option(help: "Mean events per case.")
    var caseLength: Double = 7.85
    @Option(help: "Activities in the synthetic log.")
    var activities: Int = 30
    @Option(help: "Runs per step; the best run is reported.")
    var repeats: Int = 3
    @Option(help: "Activities of the map-rendering log (0 to skip that step).")
    var mapActivities: Int = 600
    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 1
    @Option(help: "Run only these steps (comma-separated: dfg, perf, variants, durations, activities, handovers).")
    var only: String?
    @Flag(help: "Print JSON for machines.")
    var json = false

    struct Step: Codable {
        var step: String
        /// Wall-clock seconds (best run).
        var seconds: Double
        /// CPU seconds of the process over all threads (same run): shows the work when the
        /// machine is busy with other jobs and wall time is inflated.
        var cpuSeconds: Double? = nil
    }

    func run() throws {
        guard events > 0, caseLength >= 1, activities > 1, repeats > 0, mapActivities >= 0 else {
            throw ValidationError("--events, --repeats must be positive, --case-length ≥ 1, --activities ≥ 2")
        }
        var steps: [Step] = []
        let buildStart = DispatchTime.now()
        let log = SyntheticLog.make(events: events, caseLength: caseLength, activities: activities, seed: seed)
        steps.append(Step(step: "build synthetic log (not timed against the target)", seconds: Self.since(buildStart)))
        let classes = EventClasses(codes: log.activity, names: log.activities.strings)

        let selected = only.map { Set($0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }) }
        func time(_ name: String, key: String, _ body: () -> Void) -> Double {
            if let selected, !selected.contains(key) { return 0 }
            var best = Double.infinity
            var cpu = 0.0
            for _ in 0..<repeats {
                let t = DispatchTime.now()
                let c = Self.cpuTime()
                body()
                let wall = Self.since(t)
                if wall < best {
                    best = wall
                    cpu = Self.cpuTime() - c
                }
            }
            steps.append(Step(step: name, seconds: best, cpuSeconds: cpu))
            return best
        }
        var sink = 0
        let shape = only != nil ? (variants: 0, edges: 0) : (variants: VariantTable(log: log, classes: classes).count, edges: DirectlyFollowsGraph(log: log, classes: classes).edges.count)
        let dfg = time("directly-follows graph", key: "dfg") { sink &+= DirectlyFollowsGraph(log: log, classes: classes).edges.count }
        let perf = time("performance DFG", key: "perf") { sink &+= PerformanceDFG(log: log, classes: classes).edges.count }
        let variants = time("variants", key: "variants") { sink &+= VariantTable(log: log, classes: classes).count }
        let durations = time("case durations", key: "durations") { sink &+= CaseDurations(log: log).statistics.count }
        steps.append(Step(step: "sum of the four (target ≤ 0.4 s)", seconds: dfg + perf + variants + durations))
        _ = time("activity statistics", key: "activities") { sink &+= ActivityStatistics(log: log, classes: classes).rows.count }
        _ = time("handover network (org:resource)", key: "handovers") {
            sink &+= (try? HandoverNetwork(log: log, attribute: "org:resource").edges.count) ?? 0
        }
        if mapActivities > 0 && (selected == nil || selected?.contains("map") == true) {
            let wide = SyntheticLog.make(events: 200_000, caseLength: 10, activities: mapActivities, seed: seed &+ 1)
            let wideClasses = EventClasses(codes: wide.activity, names: wide.activities.strings)
            var rendered = 0
            let t = DispatchTime.now()
            if let map = try? MapSimplification().map(log: wide, classes: wideClasses, performance: false),
                let svg = try? GraphvizRenderer.svg(fromDOT: DOTExport.render(map))
            {
                rendered = svg.count
            }
            steps.append(Step(step: "\(mapActivities)-activity map to SVG, default sliders (target < 5 s)", seconds: Self.since(t)))
            sink &+= rendered
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(steps), as: UTF8.self))
        } else {
            print("synthetic log: \(TextFormat.thousands(log.eventCount)) events, \(TextFormat.thousands(log.caseCount)) cases, "
                + "\(log.activities.count) activities, \(TextFormat.thousands(shape.edges)) edges, "
                + "\(TextFormat.thousands(shape.variants)) variants; \(ProcessInfo.processInfo.activeProcessorCount) cores; best of \(repeats)\n")
            print(TextFormat.table(
                header: ["step", "seconds", "cpu seconds"],
                rows: steps.map { [$0.step, String(format: "%.3f", $0.seconds), $0.cpuSeconds.map { String(format: "%.3f", $0) } ?? ""] }))
        }
        if sink == Int.min { print("") }  // keeps the work from being optimised away
    }

    /// CPU time of the whole process (all threads), in seconds.
    static func cpuTime() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func since(_ t: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - t.uptimeNanoseconds) / 1e9
    }
}

/// A process-like synthetic log built with ``EventLogBuilder``: cases mostly walk the
/// activities in order, with skips, loops back (ping-pong) and jumps, equal timestamps now
/// and then, 50 resources in 8 groups.
enum SyntheticLog {
    static func make(events: Int, caseLength: Double, activities: Int, seed: UInt64) -> EventLog {
        var rng = seed &* 0x9E37_79B9_7F4A_7C15 | 1
        func next() -> UInt64 {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return rng
        }
        var b = EventLogBuilder(name: "synthetic")
        b.reserve(events: events)
        let names = (0..<activities).map { b.activities.intern("Activity \($0)") }
        let people = (0..<50).map { b.resources.intern("R\($0)") }
        let teams = (0..<8).map { b.groups.intern("Team \($0)") }
        let complete = b.lifecycles.intern("complete")
        let maxLength = max(1, Int((caseLength * 2 - 1).rounded()))
        var written = 0
        var c = 0
        while written < events {
            let code = b.caseIDs.intern("case \(c)")
            c += 1
            let length = min(events - written, 1 + Int(next() % UInt64(maxLength)))
            var t: Int64 = 1_700_000_000_000_000 + Int64(next() % 31_536_000) * 1_000_000
            var a = 0
            for _ in 0..<length {
                let r = Int(next() % 50)
                b.appendEvent(caseCode: code, activity: names[a], timestamp: t, resource: people[r], group: teams[r % 8], lifecycle: complete)
                let roll = next() % 100
                a = roll < 70 ? a + 1 : roll < 85 ? a + 2 : roll < 95 ? a - 1 : Int(next() % UInt64(activities))
                a = min(max(a, 0), activities - 1)
                t += next() % 10 == 0 ? 0 : Int64(next() % 259_200) * 1_000_000
            }
            written += length
        }
        return b.build()
    }
}
