import EventLog

/// Renders ``LogStatistics`` as aligned terminal text.
enum StatsTable {
    static func render(_ s: LogStatistics) -> String {
        var lines = [
            "log         \(s.name)",
            "cases       \(TextFormat.thousands(s.cases))",
            "events      \(TextFormat.thousands(s.events))",
            "activities  \(TextFormat.thousands(s.activities))",
            "resources   \(TextFormat.thousands(s.resources))",
            "groups      \(TextFormat.thousands(s.groups))",
            "time span   \(s.firstTimestamp ?? "-") .. \(s.lastTimestamp ?? "-")",
            "",
        ]
        let rows = s.attributes.map { a in
            [a.name, a.level, a.type, a.distinctValues.map(TextFormat.thousands) ?? "", String(format1: a.fillRate * 100) + " %"]
        }
        lines.append(TextFormat.table(header: ["attribute", "level", "type", "distinct", "filled"], rows: rows))
        return lines.joined(separator: "\n")
    }
}
