import ArgumentParser

/// The log-reading flags of ``InputOptions`` for `switchyard kpi`, whose `--format` names the
/// output: the input format is `--input-format` here. Converted to ``InputOptions`` by
/// parsing, so validation and defaults stay in one place.
struct KPIInputOptions: ParsableArguments {
    @Option(help: "Input format: csv, xes, xes.gz, jsonocel, sqlite, xmlocel (default: from the extension).")
    var inputFormat: String?
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

    /// The same settings as ``InputOptions``.
    func inputOptions() throws -> InputOptions {
        var args = ["--timestamp-format", timestampFormat, "--timezone", timezone]
        let optional: [(String, String?)] = [
            ("--format", inputFormat), ("--case", caseColumn), ("--activity", activityColumn),
            ("--timestamp", timestampColumn), ("--resource", resourceColumn), ("--group", groupColumn),
            ("--lifecycle", lifecycleColumn), ("--delimiter", delimiter), ("--object-type", objectType),
        ]
        for (flag, value) in optional { if let value { args += [flag, value] } }
        if strict { args.append("--strict") }
        return try InputOptions.parse(args)
    }
}
