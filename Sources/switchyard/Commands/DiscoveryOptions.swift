import ArgumentParser
import Discovery
import EventLog
import Foundation

/// Classifier and filter flags shared by `discover`, `variants` and `handovers`.
///
/// Filters apply in this order: time frame, attribute values, start/end activities,
/// case duration, top variants.
struct DiscoveryOptions: ParsableArguments {
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Activity classifier: concept:name (default), concept:name+lifecycle:transition, or a comma-separated attribute list.")
    var classifier: String = "concept:name"

    @Option(help: "Keep only what lies after this time (ISO 8601, e.g. 2024-01-01 or 2024-01-01T08:00:00Z).")
    var from: String?
    @Option(help: "Keep only what lies before this time (ISO 8601).")
    var to: String?
    @Option(help: "How --from/--to select: events (trim, default), contained, intersecting, started, completed (whole cases).")
    var timeMode: String = "events"

    @Option(name: .customLong("keep-events"), help: ArgumentHelp("Keep only events with ATTR=VALUE (repeat for more values).", valueName: "ATTR=VALUE"))
    var keepEvents: [String] = []
    @Option(name: .customLong("drop-events"), help: ArgumentHelp("Drop events with ATTR=VALUE (repeatable).", valueName: "ATTR=VALUE"))
    var dropEvents: [String] = []
    @Option(name: .customLong("keep-cases"), help: ArgumentHelp("Keep only cases with an event with ATTR=VALUE (repeatable).", valueName: "ATTR=VALUE"))
    var keepCases: [String] = []
    @Option(name: .customLong("drop-cases"), help: ArgumentHelp("Drop cases with an event with ATTR=VALUE (repeatable).", valueName: "ATTR=VALUE"))
    var dropCases: [String] = []

    @Option(name: .customLong("start-activity"), help: "Keep only cases starting with this activity (repeatable).")
    var startActivities: [String] = []
    @Option(name: .customLong("end-activity"), help: "Keep only cases ending with this activity (repeatable).")
    var endActivities: [String] = []
    @Option(help: "Keep only cases lasting at least this long (e.g. 2h, 3d, 1d 12h, 3600).")
    var minDuration: String?
    @Option(help: "Keep only cases lasting at most this long.")
    var maxDuration: String?
    @Option(help: "Keep only the cases of the K most frequent variants.")
    var topVariants: Int?

    /// The classifier the flags name.
    var activityClassifier: ActivityClassifier { ActivityClassifier(parsing: classifier) }

    /// The filters the flags describe, in the order they apply.
    func filters() throws -> [LogFilter] {
        var out: [LogFilter] = []
        if from != nil || to != nil {
            guard let mode = LogFilter.TimeFrameMode(rawValue: timeMode) else {
                throw ValidationError("unknown --time-mode '\(timeMode)'; expected one of "
                    + LogFilter.TimeFrameMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            let lo = try from.map { try Self.instant($0, flag: "--from") } ?? Timestamp.minimum
            let hi = try to.map { try Self.instant($0, flag: "--to") } ?? Timestamp.maximum
            guard lo <= hi else { throw ValidationError("--from \(from ?? "") is after --to \(to ?? "")") }
            out.append(.timeFrame(from: lo, to: hi, mode: mode))
        }
        for (pairs, keep, scope) in [
            (keepEvents, true, LogFilter.Scope.events), (dropEvents, false, .events),
            (keepCases, true, .cases), (dropCases, false, .cases),
        ] {
            for (attribute, values) in try Self.grouped(pairs, keep: keep, scope: scope) {
                out.append(.attributeValues(attribute: attribute, values: values, keep: keep, scope: scope))
            }
        }
        if !startActivities.isEmpty { out.append(.startActivities(Set(startActivities))) }
        if !endActivities.isEmpty { out.append(.endActivities(Set(endActivities))) }
        if minDuration != nil || maxDuration != nil {
            let lo = try minDuration.map { try Self.duration($0, flag: "--min-duration") }
            let hi = try maxDuration.map { try Self.duration($0, flag: "--max-duration") }
            out.append(.caseDuration(min: lo, max: hi))
        }
        if let topVariants {
            guard topVariants > 0 else { throw ValidationError("--top-variants must be at least 1, got \(topVariants)") }
            out.append(.topVariants(topVariants))
        }
        return out
    }

    /// Loads the log and applies the filters.
    func load(_ argument: String, input: InputOptions) throws -> EventLog {
        let filters = try filters()  // bad flags fail before the log is read
        let log = try LogSource.load(argument, input: input, workspace: workspace.path).log
        do {
            return try log.filtered(filters)
        } catch {
            throw CLIError(error.description)
        }
    }

    static func instant(_ text: String, flag: String) throws -> Int64 {
        guard let t = ISO8601Parser.parse(text) else {
            throw ValidationError("\(flag) '\(text)' is not an ISO 8601 time (e.g. 2024-01-31 or 2024-01-31T08:00:00Z)")
        }
        return t.micros
    }

    static func duration(_ text: String, flag: String) throws -> Int64 {
        guard let d = DurationFormat.parse(text) else {
            throw ValidationError("\(flag) '\(text)' is not a duration (e.g. 90s, 45m, 12h, 3d, 1d 12h or seconds)")
        }
        return d
    }

    /// `ATTR=VALUE` flags grouped by attribute, in first-seen order.
    static func grouped(_ pairs: [String], keep: Bool, scope: LogFilter.Scope) throws -> [(String, Set<String>)] {
        var order: [String] = []
        var values: [String: Set<String>] = [:]
        for pair in pairs {
            guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
                throw ValidationError("'\(pair)' is not ATTR=VALUE (e.g. org:group=Credit)")
            }
            let attribute = String(pair[..<eq]), value = String(pair[pair.index(after: eq)...])
            if values[attribute] == nil { order.append(attribute) }
            values[attribute, default: []].insert(value)
        }
        return order.map { ($0, values[$0] ?? []) }
    }
}

/// Writes output files atomically (temporary name, then rename).
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CLIError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
