import Foundation
import Testing
@testable import EventLog

/// A fresh workspace file in its own temporary folder.
func temporaryWorkspacePath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-ws-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("switchyard.sqlite").path
}

/// A small log with the awkward cases: unicode, empty strings, unreferenced dictionary
/// entries, NaN and infinities, missing values everywhere, a case without attributes.
func awkwardLog(name: String) -> EventLog {
    var b = EventLogBuilder(name: name)
    _ = b.activities.intern("never used")
    let rows: [(String, String, Int64, String?)] = [
        ("c-ä 🚚", "Exception Detected", 30, "Maria Rossi"), ("0", "", 10, nil), ("c-ä 🚚", "Assigned", 20, ""),
        ("NA", "Resolved", -5, "system:erp"), ("0", "Closed", 10, "Maria Rossi"),
    ]
    for (i, (c, a, t, r)) in rows.enumerated() {
        let code = b.caseIDs.intern(c)
        b.appendEvent(
            caseCode: code, activity: b.activities.intern(a), timestamp: t,
            resource: r.map { b.resources.intern($0) } ?? StringPool.missing,
            lifecycle: i % 2 == 0 ? b.lifecycles.intern("complete") : StringPool.missing)
        b.setEventAttribute("x", i == 1 ? .float(.nan) : i == 2 ? .float(-.infinity) : .int(Int64(i)))
        if i != 3 { b.setEventAttribute("seen", .bool(i % 2 == 0)) }
        b.setEventAttribute("label", i == 0 ? nil : .string(i == 4 ? "" : "v\(i % 2)"))
    }
    b.setCaseAttribute("amount", .float(12.5), caseCode: 0)
    b.setCaseAttribute("opened", .date(1_700_000_000_000_000), caseCode: 1)
    b.setCaseAttribute("note", .string("first"), caseCode: 0)
    b.setCaseAttribute("note", .string("second"), caseCode: 0)  // leaves "first" unreferenced in the pool
    return b.build()
}

@Suite struct WorkspaceRoundTripTests {
    @Test func awkwardLogComesBackIdentical() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        let log = awkwardLog(name: "awkward")
        try workspace.store(log, as: "awkward")
        let loaded = try workspace.loadLog(named: "awkward")
        #expect(loaded == log)
        #expect(loaded.activities.strings == ["never used", "Exception Detected", "", "Assigned", "Resolved", "Closed"])
        #expect(loaded.eventAttribute("x")?.type == .float)
        #expect(loaded.caseAttribute("note")?.pool.strings == ["first", "second"])
    }

    @Test func syntheticLogComesBackIdenticalAfterReopening() throws {
        let path = try temporaryWorkspacePath()
        let log = SyntheticEventLog.make(events: 300_000, seed: 7, name: "orders")
        #expect(log.eventCount == 300_000)
        #expect(log.caseAttributes.map(\.name) == ["region", "order_value", "priority"])
        do {
            let workspace = try Workspace(path: path)
            let summary = try workspace.store(log, as: "orders")
            #expect(summary.events == 300_000)
            #expect(summary.cases == log.caseCount)
        }
        let reopened = try Workspace(path: path, create: false)
        let loaded = try reopened.loadLog(named: "orders")
        #expect(loaded == log)
        #expect(try reopened.integrityCheck() == ["ok"])
    }

    @Test func emptyLogRoundTrips() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        let log = EventLog(name: "empty")
        let summary = try workspace.store(log, as: "empty")
        #expect(summary.firstTimestamp == nil)
        #expect(try workspace.loadLog(named: "empty") == log)
        #expect(try workspace.logs().map(\.events) == [0])
    }

    @Test func loadedNameIsTheStoredName() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        try workspace.store(awkwardLog(name: "file-stem"), as: "chosen name")
        #expect(try workspace.loadLog(named: "chosen name").name == "chosen name")
    }
}

@Suite struct WorkspaceImportRunTests {
    @Test func runAndRejectedRowsAreRecorded() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        let log = awkwardLog(name: "a")
        let run = ImportRun(
            logName: "ignored", sourcePath: "/data/a.csv", sourceSize: 1234, sourceSHA256: String(repeating: "ab", count: 32),
            format: "csv", cases: log.caseCount, events: log.eventCount, activities: log.activities.count, rowsRead: 7,
            rejected: 2, durationSeconds: 0.25, importedAt: "2025-01-01T00:00:00+00:00")
        let rejected = [
            RejectedRow(line: 3, raw: "x,,2024", column: "activity", reason: "missing activity"),
            RejectedRow(line: 9, raw: "y,\"a\nb\",bad", column: nil, reason: "wrong column count: 4, expected 3"),
        ]
        let summary = try workspace.store(log, as: "a", run: run, rejected: rejected)
        let stored = try #require(summary.run)
        #expect(stored.logName == "a")
        #expect(stored.id != nil)
        // The store adds its own time to the reading time the run came with.
        #expect(stored.durationSeconds >= 0.25 && stored.durationSeconds < 30)
        var expected = run
        expected.logName = "a"
        expected.id = stored.id
        expected.durationSeconds = stored.durationSeconds
        #expect(try workspace.importRuns(logNamed: "a") == [expected])
        #expect(try workspace.rejectedRows(logNamed: "a") == rejected)
        #expect(try workspace.logs().first?.run == expected)
    }

    @Test func reimportReplacesTheLogAndKeepsRunHistory() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        let first = SyntheticEventLog.make(events: 5_000, seed: 1)
        let second = SyntheticEventLog.make(events: 3_000, seed: 2)
        let run = ImportRun(
            logName: "x", sourcePath: "x.csv", sourceSize: 1, sourceSHA256: "", format: "csv", cases: 0, events: 0,
            activities: 0, rowsRead: 0, rejected: 1, durationSeconds: 0, importedAt: "")
        try workspace.store(first, as: "x", run: run, rejected: [RejectedRow(line: 2, raw: "r", reason: "old")])
        try workspace.store(awkwardLog(name: "other"), as: "other")
        try workspace.store(second, as: "x", run: run, rejected: [RejectedRow(line: 5, raw: "s", reason: "new")])
        var expected = second
        expected.name = "x"
        #expect(try workspace.loadLog(named: "x") == expected)
        #expect(try workspace.logNames() == ["other", "x"])
        #expect(try workspace.logs().first { $0.name == "x" }?.events == 3_000)
        #expect(try workspace.importRuns(logNamed: "x").count == 2)
        #expect(try workspace.rejectedRows(logNamed: "x").map(\.reason) == ["new"])
        #expect(try count(workspace, "SELECT count(*) FROM rejected_rows") == 1)
        #expect(try count(workspace, "SELECT count(DISTINCT log_id) FROM log_columns") == 2)
        #expect(try workspace.integrityCheck() == ["ok"])
    }

    @Test func deleteRemovesEverythingButRunHistory() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        try workspace.store(awkwardLog(name: "a"), as: "a")
        try workspace.deleteLog(named: "a")
        #expect(try workspace.logNames().isEmpty)
        #expect(try count(workspace, "SELECT count(*) FROM log_chunks") == 0)
        #expect(try count(workspace, "SELECT count(*) FROM log_columns") == 0)
        #expect(throws: WorkspaceError.self) { try workspace.deleteLog(named: "a") }
    }
}

/// The single integer a query returns.
func count(_ workspace: Workspace, _ sql: String) throws -> Int64 {
    let stmt = try workspace.database.prepare(sql)
    try stmt.step()
    return stmt.int64(0)
}
