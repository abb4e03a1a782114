import EventLog
import Foundation
import Testing

@Suite struct StatsCLITests {
    @Test func statsOfAStoredLogAsJSON() throws {
        let (_, path, logs) = try preparedWorkspace()
        let out = try CLI.run(["stats", "orders", "--workspace", path, "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let printed = try JSONDecoder().decode(LogStatistics.self, from: Data(out.stdout.utf8))
        #expect(printed == LogStatistics(try #require(logs["orders"])))
        #expect(printed.events == 2_000)
        #expect(printed.attributes.map(\.name).contains("order_value"))
    }

    @Test func statsOfAStoredLogAsText() throws {
        let (_, path, logs) = try preparedWorkspace()
        let tickets = try #require(logs["tickets"])
        let out = try CLI.run(["stats", "tickets", "--workspace", path])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map(String.init)
        #expect(lines.prefix(6) == [
            "log         tickets", "cases       \(thousands(tickets.caseCount))", "events      500", "activities  20",
            "resources   \(tickets.resources.count)", "groups      9",
        ])
        #expect(lines.contains { $0.hasPrefix("urgent ") && $0.contains("event") && $0.contains("bool") })
    }

    @Test func defaultWorkspaceIsTheCurrentFolder() throws {
        let (folder, path, _) = try preparedWorkspace()
        try FileManager.default.moveItem(atPath: path, toPath: folder.appendingPathComponent("switchyard.sqlite").path)
        let out = try CLI.run(["stats", "tickets", "--json"], in: folder)
        #expect(out.status == 0, "\(out.stderr)")
        #expect(try JSONDecoder().decode(LogStatistics.self, from: Data(out.stdout.utf8)).events == 500)
    }

    @Test func unknownNameListsTheStoredLogs() throws {
        let (_, path, _) = try preparedWorkspace()
        let out = try CLI.run(["stats", "order", "--workspace", path])
        #expect(out.status == 1)
        #expect(out.stdout.isEmpty)
        #expect(out.stderr == "error: 'order' is neither a file nor a log in workspace \(path); logs available: orders, tickets\n")
    }

    @Test func unknownNameWithoutAWorkspace() throws {
        let folder = try CLI.temporaryDirectory()
        let out = try CLI.run(["stats", "orders"], in: folder)
        #expect(out.status == 1)
        #expect(out.stderr == "error: 'orders' is neither a file nor a log: there is no workspace at switchyard.sqlite "
            + "(import a log with `switchyard import FILE`, or pass --workspace PATH)\n")
    }

    @Test func anExistingFileWinsOverALogName() throws {
        let (folder, path, _) = try preparedWorkspace()
        try Data("not a log".utf8).write(to: folder.appendingPathComponent("orders"))
        let out = try CLI.run(["stats", "orders", "--workspace", path], in: folder)
        #expect(out.status == 1)
        #expect(out.stderr.hasPrefix("error: orders: cannot tell the format from the file name"))
    }

    @Test func usageErrorsExitWithTwo() throws {
        let missing = try CLI.run(["stats"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("Missing expected argument '<log>'"))
        let unknown = try CLI.run(["stats", "x", "--no-such-flag"])
        #expect(unknown.status == 2)
    }
}
