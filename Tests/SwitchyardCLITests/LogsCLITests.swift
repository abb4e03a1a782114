import EventLog
import Foundation
import Testing

/// A workspace in a fresh folder holding two stored logs with import runs.
func preparedWorkspace() throws -> (folder: URL, path: String, logs: [String: EventLog]) {
    let folder = try CLI.temporaryDirectory()
    let path = folder.appendingPathComponent("ws.sqlite").path
    let workspace = try Workspace(path: path)
    var logs: [String: EventLog] = [:]
    for (name, events, rejected) in [("orders", 2_000, 3), ("tickets", 500, 0)] {
        var log = SyntheticEventLog.make(events: events, seed: UInt64(events), name: name)
        let run = ImportRun(
            logName: name, sourcePath: "/data/\(name).csv", sourceSize: Int64(events * 60),
            sourceSHA256: SHA256.hex(name), format: "csv", cases: log.caseCount, events: log.eventCount,
            activities: log.activities.count, rowsRead: events + rejected, rejected: rejected, durationSeconds: 0.5,
            importedAt: "2025-03-04T09:15:00+00:00")
        let rows = (0..<rejected).map { RejectedRow(line: $0 + 2, raw: "bad,\($0)", column: "timestamp", reason: "unparsable") }
        try workspace.store(log, as: name, run: run, rejected: rows)
        log.name = name
        logs[name] = log
    }
    return (folder, path, logs)
}

/// The JSON object(s) a command printed.
func decodeJSON(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8))
}

@Suite struct LogsCLITests {
    @Test func listsStoredLogsAsText() throws {
        let (_, path, logs) = try preparedWorkspace()
        let out = try CLI.run(["logs", "--workspace", path])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("log ") == true)
        #expect(lines.first?.contains("cases") == true && lines.first?.contains("rejected") == true)
        let orders = try #require(lines.first { $0.hasPrefix("orders ") })
        let cells = orders.split(separator: " ").map(String.init)
        let expected = try #require(logs["orders"])
        #expect(cells == ["orders", thousands(expected.caseCount), "2,000", "20", "3", "2025-03-04T09:15:00+00:00", "/data/orders.csv"])
        #expect(lines.contains { $0.hasPrefix("tickets ") && $0.contains(" 500 ") })
    }

    @Test func listsStoredLogsAsJSON() throws {
        let (_, path, logs) = try preparedWorkspace()
        let out = try CLI.run(["logs", "--workspace", path, "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let entries = try #require(try decodeJSON(out.stdout) as? [[String: Any]])
        #expect(entries.map { $0["name"] as? String } == ["orders", "tickets"])
        let orders = entries[0]
        #expect(orders["cases"] as? Int == logs["orders"]?.caseCount)
        #expect(orders["events"] as? Int == 2_000)
        #expect(orders["activities"] as? Int == 20)
        #expect(orders["rejected"] as? Int == 3)
        #expect(orders["rowsRead"] as? Int == 2_003)
        #expect(orders["source"] as? String == "/data/orders.csv")
        #expect(orders["sourceSHA256"] as? String == SHA256.hex("orders"))
        #expect(orders["importedAt"] as? String == "2025-03-04T09:15:00+00:00")
        #expect(entries[1]["rejected"] as? Int == 0)
    }

    @Test func missingWorkspaceHasNoLogsAndIsNotCreated() throws {
        let folder = try CLI.temporaryDirectory()
        let out = try CLI.run(["logs"], in: folder)
        #expect(out.status == 0)
        #expect(out.stdout == "no logs in switchyard.sqlite (import one with `switchyard import FILE`)\n")
        let json = try CLI.run(["logs", "--json"], in: folder)
        #expect(json.stdout == "[]\n")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("switchyard.sqlite").path))
    }

    @Test func foreignFileIsAClearError() throws {
        let folder = try CLI.temporaryDirectory()
        let path = folder.appendingPathComponent("notes.txt").path
        try Data(repeating: 0x61, count: 5_000).write(to: URL(fileURLWithPath: path))
        let out = try CLI.run(["logs", "--workspace", path])
        #expect(out.status == 1)
        #expect(out.stderr == "error: workspace \(path): not a Switchyard workspace (not an SQLite database)\n")
    }
}

/// `1234567` → `1,234,567`, as the CLI prints counts.
func thousands(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, ch) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(ch)
    }
    return out
}
