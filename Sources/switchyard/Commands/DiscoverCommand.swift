import ArgumentParser
import Discovery
import EventLog
import Foundation

/// `switchyard discover LOG|FILE`: the process map (directly-follows graph) of a log.
struct DiscoverCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "discover",
        abstract: "Discover the process map (directly-follows graph) of a log; write SVG, DOT or JSON.",
        discussion: """
            Without --out, prints the map's figures and most frequent paths. --out map.svg renders with \
            Graphviz (dot), map.dot writes the graph, map.json the data (pm4py's discover_dfg and, with \
            --perf, discover_performance_dfg). --activities/--paths keep the most frequent percent of \
            activities and paths; by default SVG and DOT keep at most 30 activities and thin out paths \
            above 80, JSON keeps everything.
            """)

    @Argument(help: "A log name in the workspace, or a file.")
    var log: String
    @OptionGroup var input: InputOptions
    @OptionGroup var discovery: DiscoveryOptions
    @Flag(help: "Label paths with the time between events (performance map).")
    var perf = false
    @Option(help: "Duration shown on paths with --perf: mean, median, max, min, total.")
    var measure: String = "mean"
    @Option(help: "Percent of activities to keep, most frequent first (0-100).")
    var activities: Double?
    @Option(help: "Percent of paths to keep, most frequent first (0-100).")
    var paths: Double?
    @Option(help: "Output file: .svg, .dot or .json.")
    var out: String?

    func run() throws {
        guard let measure = DOTExport.DurationMeasure(rawValue: measure) else {
            throw ValidationError("unknown --measure '\(measure)'; expected one of "
                + DOTExport.DurationMeasure.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let format = try out.map(Self.format(of:))
        var sliders = MapSimplification(activities: activities, paths: paths)
        if format == "json" {
            sliders = MapSimplification(activities: activities ?? 100, paths: paths ?? 100)
        }
        do {
            try sliders.validate()
        } catch {
            throw ValidationError(error.description)
        }
        let eventLog = try discovery.load(log, input: input)
        let classifier = discovery.activityClassifier
        let map: ProcessMap
        do {
            let classes = try classifier.classes(of: eventLog)
            map = try sliders.map(log: eventLog, classes: classes, performance: perf)
        } catch {
            throw CLIError(error.description)
        }
        guard let out, let format else {
            print(DiscoverReport.render(map, log: eventLog, measure: measure))
            return
        }
        let data: Data
        switch format {
        case "json":
            data = try JSONExport.map(map, classifier: classifier.description)
        case "dot":
            data = Data(DOTExport.render(map, measure: measure, title: eventLog.name).utf8)
        default:
            do {
                data = try GraphvizRenderer.svg(fromDOT: DOTExport.render(map, measure: measure, title: eventLog.name))
            } catch {
                throw CLIError(error.description)
            }
        }
        try OutputFile.write(data, to: out)
        print("wrote \(out): \(map.nodes.count) of \(map.totalActivities) activities, "
            + "\(map.edges.count) paths (\(map.totalPaths) activity-to-activity paths in the log)")
    }

    static func format(of path: String) throws -> String {
        let lower = path.lowercased()
        for ext in ["svg", "dot", "json"] where lower.hasSuffix("." + ext) { return ext }
        if lower.hasSuffix(".gv") { return "dot" }
        throw ValidationError("--out must end in .svg, .dot or .json, got '\(path)'")
    }
}

/// Terminal text for a process map.
enum DiscoverReport {
    static func render(_ map: ProcessMap, log: EventLog, measure: DOTExport.DurationMeasure) -> String {
        var lines = [
            "log         \(log.name)",
            "cases       \(TextFormat.thousands(log.caseCount))",
            "events      \(TextFormat.thousands(log.eventCount))",
            "activities  \(map.nodes.count) shown of \(map.totalActivities)",
            "paths       \(map.edges.count) shown (\(map.totalPaths) activity-to-activity paths in the log)",
            "",
        ]
        func name(_ p: ProcessMap.Endpoint) -> String {
            switch p {
            case .start: "●"
            case .end: "■"
            case .activity(let i): map.nodes[i].name
            }
        }
        let top = map.edges.sorted { $0.count > $1.count }.prefix(25)
        var header = ["from", "to", "count"]
        if map.hasPerformance { header.append(measure.rawValue) }
        let rows = top.map { e -> [String] in
            var row = [name(e.from), name(e.to), TextFormat.thousands(e.count)]
            if map.hasPerformance {
                row.append(e.durations.map { DurationFormat.short(seconds: DOTExport.value($0, measure)) } ?? "")
            }
            return row
        }
        lines.append(TextFormat.table(header: header, rows: rows))
        if map.edges.count > top.count { lines.append("… \(map.edges.count - top.count) more paths (use --out map.json)") }
        return lines.joined(separator: "\n")
    }
}
