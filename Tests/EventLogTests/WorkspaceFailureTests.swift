import Foundation
import Testing
@testable import EventLog

private struct Interrupted: Error {}

@Suite struct WorkspaceFailureTests {
    @Test func failedReplaceLeavesThePreviousLog() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        let original = SyntheticEventLog.make(events: 20_000, seed: 3, name: "orders")
        try workspace.store(original, as: "orders")
        let chunksBefore = try count(workspace, "SELECT count(*) FROM log_chunks")
        let runsBefore = try count(workspace, "SELECT count(*) FROM import_runs")
        let bigger = SyntheticEventLog.make(events: 400_000, seed: 4)
        var calls = 0
        let run = ImportRun(
            logName: "orders", sourcePath: "b.csv", sourceSize: 1, sourceSHA256: "", format: "csv", cases: 0, events: 0,
            activities: 0, rowsRead: 0, rejected: 0, durationSeconds: 0, importedAt: "")
        #expect(throws: Interrupted.self) {
            try workspace.store(bigger, as: "orders", run: run, rejected: [RejectedRow(line: 1, raw: "", reason: "r")]) { progress in
                calls += 1
                if calls == 5 { throw Interrupted() }
                #expect(progress.bytesWritten <= progress.totalBytes)
            }
        }
        #expect(calls == 5)
        #expect(try workspace.loadLog(named: "orders") == original)
        #expect(try count(workspace, "SELECT count(*) FROM log_chunks") == chunksBefore)
        #expect(try count(workspace, "SELECT count(*) FROM import_runs") == runsBefore)
        #expect(try count(workspace, "SELECT count(*) FROM rejected_rows") == 0)
        #expect(try workspace.integrityCheck() == ["ok"])
        // The connection is still usable: the replace now succeeds.
        try workspace.store(bigger, as: "orders")
        #expect(try workspace.logs().map(\.events) == [400_000])
    }

    @Test func failedFirstImportLeavesNoLog() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        #expect(throws: Interrupted.self) {
            try workspace.store(SyntheticEventLog.make(events: 50_000), as: "new") { _ in throw Interrupted() }
        }
        #expect(try workspace.logNames().isEmpty)
        #expect(try count(workspace, "SELECT count(*) FROM log_columns") == 0)
    }

    @Test func unknownLogListsTheStoredOnes() throws {
        let path = try temporaryWorkspacePath()
        let workspace = try Workspace(path: path)
        do {
            _ = try workspace.loadLog(named: "orders")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unknownLog)
            #expect(error.description == "workspace \(path): no log named 'orders': the workspace holds no logs yet "
                + "(import one with `switchyard import FILE`)")
        }
        try workspace.store(awkwardLog(name: "b"), as: "receipt")
        try workspace.store(awkwardLog(name: "a"), as: "helpdesk")
        do {
            _ = try workspace.loadLog(named: "recipt")
            Issue.record("expected an error")
        } catch {
            #expect(error.availableLogs == ["helpdesk", "receipt"])
            #expect(error.description == "workspace \(path): no log named 'recipt'; logs available: helpdesk, receipt")
        }
    }

    @Test func invalidNamesAreRefused() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        for name in ["", "  ", "a\nb", String(repeating: "x", count: 201)] {
            do {
                try workspace.store(awkwardLog(name: "a"), as: name)
                Issue.record("stored under \(name.debugDescription)")
            } catch let error as WorkspaceError {
                #expect(error.kind == .invalidName)
            }
        }
        #expect(try workspace.logNames().isEmpty)
    }

    @Test func missingWorkspaceIsNotCreatedWhenOnlyReading() throws {
        let path = try temporaryWorkspacePath()
        #expect(throws: WorkspaceError.self) { try Workspace(path: path, create: false) }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func foreignFilesAreNotWorkspaces() throws {
        let sqlitePath = try temporaryWorkspacePath()
        do {
            let other = try SQLiteDatabase(path: sqlitePath)
            try other.execute("CREATE TABLE event(id TEXT)")
        }
        do {
            _ = try Workspace(path: sqlitePath)
            Issue.record("opened a foreign SQLite file")
        } catch {
            #expect(error.kind == .notAWorkspace)
            #expect(error.description.contains("an SQLite file with other tables: event"))
        }
        let textPath = try temporaryWorkspacePath()
        try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: textPath))
        do {
            _ = try Workspace(path: textPath)
            Issue.record("opened a text file")
        } catch {
            #expect(error.kind == .notAWorkspace)
        }
    }

    @Test func newerSchemaIsRefused() throws {
        let path = try temporaryWorkspacePath()
        do {
            let workspace = try Workspace(path: path)
            try workspace.database.execute("INSERT INTO schema_migrations VALUES (99, 'future', '')")
        }
        do {
            _ = try Workspace(path: path)
            Issue.record("opened a newer workspace")
        } catch {
            #expect(error.kind == .newerSchema)
            #expect(error.description.contains("schema version 99; this build knows up to \(WorkspaceSchema.currentVersion)"))
        }
    }

    @Test func damagedColumnsAreReportedNotLoaded() throws {
        let workspace = try Workspace(path: try temporaryWorkspacePath())
        try workspace.store(SyntheticEventLog.make(events: 400_000), as: "x")
        // Drop one chunk of the timestamps (column 3).
        try workspace.database.execute("DELETE FROM log_chunks WHERE column_id = 3 AND chunk = 1")
        do {
            _ = try workspace.loadLog(named: "x")
            Issue.record("loaded a damaged log")
        } catch {
            #expect(error.kind == .corrupt)
            #expect(error.reason.contains("column 'time:timestamp' holds 2151424 bytes, expected 3200000"))
        }
        // A code past the end of its dictionary.
        try workspace.store(awkwardLog(name: "y"), as: "y")
        try workspace.database.execute("""
            UPDATE log_chunks SET data = x'63000000' || substr(data, 5)
            WHERE column_id = 2 AND part = 0 AND log_id = (SELECT log_id FROM logs WHERE name = 'y')
            """)
        #expect(throws: WorkspaceError.self) { try workspace.loadLog(named: "y") }
    }
}

@Suite struct WorkspaceConcurrencyTests {
    @Test func aBusyWorkspaceSaysSo() throws {
        let path = try temporaryWorkspacePath()
        let holder = try Workspace(path: path)
        try holder.database.execute("BEGIN IMMEDIATE")
        defer { try? holder.database.execute("ROLLBACK") }
        let other = try Workspace(path: path)
        try other.database.execute("PRAGMA busy_timeout = 50")
        do {
            try other.store(awkwardLog(name: "a"), as: "a")
            Issue.record("stored while another connection held the write lock")
        } catch let error as WorkspaceError {
            #expect(error.reason == "storing log 'a' failed: another process is writing to this workspace; try again when it has finished")
        }
    }
}
