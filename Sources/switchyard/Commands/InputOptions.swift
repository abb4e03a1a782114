import ArgumentParser
import EventLog

/// Flags shared by every command that reads a log file.
struct InputOptions: ParsableArguments {
    @Option(help: "Input format: csv, xes, xes.gz, jsonocel, sqlite, xmlocel (default: from the extension).")
    var format: String?
    @Option(name: .customLong("case"), help: "Case id column (default: case:concept:name, case_id, case, …).")
    var caseColumn: String?
    @Option(name: .customLong("activity"), help: "Activity column (default: concept:name, activity, …).")
    var activityColumn: String?
    @Option(name: .customLong("timestamp"), help: "Timestamp column (default: time:timestamp, timestamp, …).")
    var timestampColumn: String?
    @Option(name: .customLong("resource"), help: "Resource column (default: org:resource, resource, …).")
    var resourceColumn: String?
    @Option(name: .customLong("group"), help: "Group/team column (default: org:group, team, group, …).")
    var groupColumn: String?
    @Option(name: .customLong("lifecycle"), help: "Lifecycle transition column (default: lifecycle:transition).")
    var lifecycleColumn: String?
    @Option(help: "Timestamp format: iso8601, day-first, month-first, epoch-s, epoch-ms.")
    var timestampFormat: String = "iso8601"
    @Option(help: "Zone for naive timestamps: UTC, +02:00 or an IANA name such as Europe/Rome.")
    var timezone: String = "UTC"
    @Option(help: "CSV delimiter (default: detected among , ; tab |).")
    var delimiter: String?
    @Option(help: "OCEL: object type to flatten on (e.g. order).")
    var objectType: String?
    @Flag(help: "Stop at the first bad row instead of rejecting it.")
    var strict = false

    /// The reader options these flags describe.
    func importOptions(name: String? = nil) throws -> ImportOptions {
        var o = ImportOptions()
        if let format {
            guard let f = LogFormat(rawValue: format.lowercased()) ?? (format.lowercased() == "json" ? .ocelJSON : nil) else {
                throw ValidationError("unknown --format '\(format)'; expected one of csv, xes, xes.gz, jsonocel, sqlite, xmlocel")
            }
            o.format = f
        }
        guard let tf = TimestampFormat(rawValue: timestampFormat) else {
            throw ValidationError("unknown --timestamp-format '\(timestampFormat)'; expected one of "
                + TimestampFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard NaiveTimeZone(timezone) != nil else {
            throw ValidationError("unknown --timezone '\(timezone)'; expected UTC, an offset like +02:00, or an IANA name like Europe/Rome")
        }
        if let delimiter {
            let d = delimiter == "\\t" || delimiter == "tab" ? "\t" : delimiter
            guard d.utf8.count == 1, let byte = d.utf8.first else {
                throw ValidationError("--delimiter must be one character, got '\(delimiter)'")
            }
            o.delimiter = byte
        }
        o.name = name
        o.caseColumn = caseColumn
        o.activityColumn = activityColumn
        o.timestampColumn = timestampColumn
        o.resourceColumn = resourceColumn
        o.groupColumn = groupColumn
        o.lifecycleColumn = lifecycleColumn
        o.timestampFormat = tf
        o.timezone = timezone
        o.strict = strict
        o.objectType = objectType
        return o
    }
}
