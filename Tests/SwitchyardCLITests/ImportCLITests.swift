import EventLog
import Foundation
import Testing

/// A CSV order log with plain column names: `cases` cases of `perCase` events each, and
/// the given extra lines (raw CSV) inserted after data row `at`.
func orderCSV(cases: Int, perCase: Int, extra: [String] = [], at: Int = 0) -> String {
    var lines = ["case_id,activity,timestamp,resource,team,order_value"]
    let activities = ["Exception Detected", "Assigned", "Work Started", "Resolved", "Closed"]
    var row = 0
    for c in 0..<cases {
        for k in 0..<perCase {
            if row == at { lines += extra }
            let minute = (c * 7 + k * 13) % 60, hour = k % 24, day = 1 + c % 28
            let stamp = "2025-02-\(day < 10 ? "0" : "")\(day)T\(hour < 10 ? "0" : "")\(hour):\(minute < 10 ? "0" : "")\(minute):00+01:00"
            lines.append("EX-\(c),\(activities[k % 5]),\(stamp),user-\(c % 17),team-\(k % 3),\(c % 1000).50")
            row += 1
        }
    }
    return lines.joined(separator: "\n") + "\n"
}

@Suite struct ImportCLITests {
    static let runningExample = CLI.shared.appendingPathComponent("logs/running-example.xes").path

    @Test func importsAnXESFileAndListsIt() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let out = try CLI.run(["import", Self.runningExample, "--workspace", ws])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "imported 42 events in 6 cases as 'running-example' into \(ws)\n")
        #expect(out.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("running-example.rejected.csv").path))
        let logs = try #require(try decodeJSON(try CLI.run(["logs", "--workspace", ws, "--json"]).stdout) as? [[String: Any]])
        #expect(logs.count == 1)
        #expect(logs.first?["name"] as? String == "running-example")
        #expect(logs.first?["cases"] as? Int == 6)
        #expect(logs.first?["events"] as? Int == 42)
        #expect(logs.first?["activities"] as? Int == 8)
        #expect(logs.first?["source"] as? String == Self.runningExample)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.runningExample))
        #expect(logs.first?["sourceSHA256"] as? String == SHA256.hex(bytes))
        // The stored log is the log the reader produces.
        let stored = try Workspace(path: ws, create: false).loadLog(named: "running-example")
        var read = try EventLogImporter.read(Self.runningExample).log
        read.name = "running-example"
        #expect(stored == read)
    }

    @Test func importJSONRecordsTheRun() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let receipt = CLI.shared.appendingPathComponent("logs/receipt.xes.gz").path
        let out = try CLI.run(["import", receipt, "--name", "wabo", "--workspace", ws, "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try #require(try decodeJSON(out.stdout) as? [String: Any])
        #expect(report["name"] as? String == "wabo")
        #expect(report["cases"] as? Int == 1_434)
        #expect(report["events"] as? Int == 8_577)
        #expect(report["activities"] as? Int == 27)
        #expect(report["rejected"] as? Int == 0)
        #expect(report["format"] as? String == "xes.gz")
        #expect(report["sourceSize"] as? Int == 211_391)
        #expect((report["sourceSHA256"] as? String)?.hasPrefix("e79b75d03aa6fefb") == true)
        let runs = try Workspace(path: ws, create: false).importRuns(logNamed: "wabo")
        #expect(runs.map(\.events) == [8_577])
        #expect(runs.first?.durationSeconds ?? 0 > 0)
    }

    @Test func reimportUnderTheSameNameReplaces() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let csv = folder.appendingPathComponent("orders.csv")
        try orderCSV(cases: 40, perCase: 5).write(to: csv, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", "orders.csv", "--workspace", "ws.sqlite"], in: folder).status == 0)
        let out = try CLI.run(["import", Self.runningExample, "--name", "orders", "--workspace", ws])
        #expect(out.status == 0, "\(out.stderr)")
        let workspace = try Workspace(path: ws, create: false)
        #expect(try workspace.logs().map(\.name) == ["orders"])
        #expect(try workspace.logs().map(\.events) == [42])
        #expect(try workspace.importRuns(logNamed: "orders").map(\.events) == [200, 42])
        #expect(try workspace.importRuns(logNamed: "orders").map(\.sourcePath) == [csv.path, Self.runningExample])
        #expect(try workspace.integrityCheck() == ["ok"])
    }

    @Test func rejectedRowsGoBesideTheWorkspace() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let csv = folder.appendingPathComponent("bad.csv")
        let bad = ["EX-900,Assigned,not a time,u,t,1.00", "EX-901,,2025-02-01T10:00:00Z,u,t,1.00"]
        try orderCSV(cases: 10, perCase: 5, extra: bad, at: 3).write(to: csv, atomically: true, encoding: .utf8)
        let out = try CLI.run(["import", csv.path, "--workspace", ws])
        #expect(out.status == 0, "\(out.stderr)")
        let rejectedPath = folder.appendingPathComponent("bad.rejected.csv").path
        #expect(out.stdout == "imported 50 events in 10 cases as 'bad' into \(ws); 2 rows rejected → \(rejectedPath)\n")
        let text = try String(contentsOfFile: rejectedPath, encoding: .utf8)
        let lines = text.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "line,column,reason,raw")
        #expect(lines.count == 3)
        #expect(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) } == ["5", "6"])
        #expect(lines[1].hasSuffix(",\"" + bad[0] + "\"") || lines[1].hasSuffix("," + bad[0]))
        let stored = try Workspace(path: ws, create: false).rejectedRows(logNamed: "bad")
        #expect(stored.map(\.line) == [5, 6])
        #expect(stored.map(\.raw) == bad)
        // A clean re-import removes the stale rejected file.
        try orderCSV(cases: 10, perCase: 5).write(to: csv, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["import", csv.path, "--workspace", ws]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: rejectedPath))
    }

    @Test func strictStopsAtTheFirstBadRowAndStoresNothing() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let csv = folder.appendingPathComponent("bad.csv")
        try orderCSV(cases: 10, perCase: 5, extra: ["EX-900,Assigned,not a time,u,t,1.00"], at: 3)
            .write(to: csv, atomically: true, encoding: .utf8)
        let out = try CLI.run(["import", csv.path, "--workspace", ws, "--strict"])
        #expect(out.status == 1)
        #expect(out.stderr.hasPrefix("error: \(csv.path):5: "))
        #expect(out.stdout.isEmpty)
        #expect(try Workspace(path: ws, create: false).logNames().isEmpty)
    }

    @Test func importsOCELFlattenedOnAnObjectType() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let ocel = CLI.shared.appendingPathComponent("logs/ocel20_example.jsonocel").path
        let out = try CLI.run(["import", ocel, "--object-type", "Invoice", "--name", "invoices", "--workspace", ws])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout == "imported 9 events in 3 cases as 'invoices' into \(ws)\n")
        let stats = try CLI.run(["stats", "invoices", "--workspace", ws, "--json"])
        let printed = try JSONDecoder().decode(LogStatistics.self, from: Data(stats.stdout.utf8))
        #expect(printed.cases == 3 && printed.events == 9)
    }

    @Test func aFailedReadExitsCleanlyEveryTime() throws {
        // The file is hashed on another thread while it is read; a read that fails at once
        // must not let the process exit while that thread is still hashing.
        let folder = try CLI.temporaryDirectory()
        let ocel = CLI.shared.appendingPathComponent("logs/ocel20_example.sqlite").path
        for _ in 0..<8 {
            let out = try CLI.run(["import", ocel, "--object-type", "order"], in: folder)
            #expect(out.status == 1)
            #expect(out.stderr.hasPrefix("error: \(ocel): "))
            #expect(!out.stderr.contains("crash"))
        }
        #expect(try Workspace(path: folder.appendingPathComponent("switchyard.sqlite").path, create: false).logNames().isEmpty)
    }

    @Test func clearErrorsForBadArguments() throws {
        let folder = try CLI.temporaryDirectory()
        let missing = try CLI.run(["import", "/nonexistent/orders.csv"], in: folder)
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: /nonexistent/orders.csv: no such file\n")
        let noFile = try CLI.run(["import"], in: folder)
        #expect(noFile.status == 2)
        let file = folder.appendingPathComponent("orders.csv")
        try orderCSV(cases: 2, perCase: 2).write(to: file, atomically: true, encoding: .utf8)
        let badName = try CLI.run(["import", file.path, "--name", ""], in: folder)
        #expect(badName.status == 1)
        #expect(badName.stderr == "error: workspace switchyard.sqlite: a log name cannot be empty\n")
        let foreign = try CLI.run(["import", file.path, "--workspace", file.path], in: folder)
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("not a Switchyard workspace"))
    }

    @Test func noProgressInPipesButProgressOnATerminal() throws {
        let folder = try CLI.temporaryDirectory()
        let csv = folder.appendingPathComponent("big.csv")
        try orderCSV(cases: 20_000, perCase: 5).write(to: csv, atomically: true, encoding: .utf8)  // ~8 MB
        let piped = try CLI.run(["import", csv.path, "--workspace", folder.appendingPathComponent("a.sqlite").path])
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stderr.isEmpty)
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let binary = CLI.productsDirectory.appendingPathComponent("switchyard").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qfec", "\(binary) import \(csv.path) --workspace \(folder.path)/b.sqlite", "/dev/null"]
        var environment = ProcessInfo.processInfo.environment
        environment["CI"] = nil
        environment["TERM"] = "xterm"
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("\rimporting big.csv") || text.contains("\r\u{1B}[Kimporting big.csv"))
        #expect(text.contains("imported 100,000 events in 20,000 cases"))
    }
}

/// Kills the real binary in the middle of writing the workspace and checks that the file is
/// sound and holds either the old log or the new one, never a mix.
@Suite(.serialized) struct ImportCrashCLITests {
    /// Starts `switchyard args…`, waits until the workspace's rollback journal appears (a
    /// write transaction has begun) or the process ends, waits `delay` more, then SIGKILLs
    /// it. Returns whether a hot journal was left behind (the kill hit a transaction).
    static func killMidWrite(_ args: [String], workspace: String, delay: Double) throws -> Bool {
        let process = Process()
        process.executableURL = CLI.productsDirectory.appendingPathComponent("switchyard")
        process.arguments = args
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let journal = workspace + "-journal"
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && !FileManager.default.fileExists(atPath: journal) && Date() < deadline {
            usleep(200)
        }
        if delay > 0 { usleep(UInt32(delay * 1_000_000)) }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return FileManager.default.fileExists(atPath: journal)
    }

    @Test func killedStoreLeavesTheOldOrTheNewLog() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let old = SyntheticEventLog.make(events: 3_000, seed: 11, name: "big")
        try Workspace(path: ws).store(old, as: "big")
        let new = SyntheticEventLog.make(events: 400_000, name: "big")  // what `bench workspace` stores
        var generator = SystemRandomNumberGenerator()
        var interrupted = 0, sawOld = 0
        for attempt in 0..<6 {
            // The first two kills land as soon as the transaction starts; the others anywhere
            // in the store (~0.3 s in a debug build), the replace that follows, or after.
            let delay = attempt < 2 ? 0 : Double.random(in: 0...0.7, using: &generator)
            let hot = try Self.killMidWrite(
                ["bench", "workspace", "--events", "400000", "--workspace", ws, "--name", "big"], workspace: ws, delay: delay)
            if hot { interrupted += 1 }
            let workspace = try Workspace(path: ws, create: false)
            #expect(try workspace.integrityCheck() == ["ok"])
            let loaded = try workspace.loadLog(named: "big")
            #expect(loaded == old || loaded == new, "attempt \(attempt): \(loaded.eventCount) events")
            if loaded == old { sawOld += 1 }
            #expect(try workspace.logNames() == ["big"])
            if loaded == new {  // start again from the old log
                try workspace.store(old, as: "big")
            }
        }
        #expect(interrupted > 0, "no kill landed inside a write transaction")
        #expect(sawOld > 0)
    }

    @Test func killedImportLeavesTheOldOrTheNewLog() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let small = folder.appendingPathComponent("small.csv"), big = folder.appendingPathComponent("big.csv")
        try orderCSV(cases: 30, perCase: 5).write(to: small, atomically: true, encoding: .utf8)
        try orderCSV(cases: 60_000, perCase: 5).write(to: big, atomically: true, encoding: .utf8)
        let first = try CLI.run(["import", small.path, "--name", "orders", "--workspace", ws])
        #expect(first.status == 0, "\(first.stderr)")
        var generator = SystemRandomNumberGenerator()
        var interrupted = 0
        for attempt in 0..<5 {
            let delay = attempt == 0 ? 0 : Double.random(in: 0...0.3, using: &generator)
            if try Self.killMidWrite(
                ["import", big.path, "--name", "orders", "--workspace", ws], workspace: ws, delay: delay)
            {
                interrupted += 1
            }
            let workspace = try Workspace(path: ws, create: false)
            #expect(try workspace.integrityCheck() == ["ok"])
            let events = try workspace.logs().map(\.events)
            #expect(events == [150] || events == [300_000], "attempt \(attempt): \(events)")
            #expect(try workspace.loadLog(named: "orders").eventCount == events.first)
            let runs = try workspace.importRuns(logNamed: "orders").map(\.events)
            #expect(runs.last == events.first)
        }
        #expect(interrupted > 0, "no kill landed inside a write transaction")
    }
}
