import Foundation
import Testing

@testable import EventLog

/// The same case ids arriving from different files: each import stays its own log, nothing
/// merges across files, and a re-import under a name replaces only that log.
@Suite struct HostileWorkspaceTests {
    static func write(_ text: String, _ name: String, in folder: String) throws -> String {
        let path = (folder as NSString).appendingPathComponent(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func duplicateCaseIDsAcrossFilesStayInTheirOwnLogs() throws {
        let ws = try temporaryWorkspacePath()
        let folder = (ws as NSString).deletingLastPathComponent
        let january = try Self.write(
            "case_id,activity,timestamp\nEX-1,Detected,2025-01-02T10:00:00Z\nEX-2,Detected,2025-01-03T10:00:00Z\nEX-1,Resolved,2025-01-04T10:00:00Z\n",
            "january.csv", in: folder)
        // The same ids again, with other events, plus one rejected row.
        let february = try Self.write(
            "case_id,activity,timestamp\nEX-2,Reopened,2025-02-01T10:00:00Z\nEX-1,Detected,2025-02-02T10:00:00Z\nEX-3,Detected,not a time\n",
            "february.csv", in: folder)
        let xes = try XESSample.file(XESSample.trace(XESSample.event("Detected", "2025-03-01T10:00:00Z"), caseID: "EX-1"), name: "march.xes")
        let workspace = try Workspace(path: ws)
        let a = try workspace.importFile(january)
        let b = try workspace.importFile(february)
        let c = try workspace.importFile(xes)
        #expect([a.run.rowsRead, b.run.rowsRead, c.run.rowsRead] as [Int] == [3, 3, 1])
        #expect([a.run.rejected, b.run.rejected, c.run.rejected] as [Int] == [0, 1, 0])
        #expect(try workspace.logs().map(\.name).sorted() == ["february", "january", "march"])
        let jan = try workspace.loadLog(named: "january"), feb = try workspace.loadLog(named: "february")
        #expect(CSVTesting.traces(jan) == [["Detected", "Resolved"], ["Detected"]])
        #expect((0..<jan.caseCount).map(jan.caseID) == ["EX-1", "EX-2"])
        #expect(CSVTesting.traces(feb) == [["Reopened"], ["Detected"]])
        #expect((0..<feb.caseCount).map(feb.caseID) == ["EX-2", "EX-1"])
        #expect(try workspace.loadLog(named: "march").caseID(0) == "EX-1")
        #expect(try workspace.rejectedRows(logNamed: "february").map(\.line) == [4])
        #expect(try workspace.rejectedRows(logNamed: "january").isEmpty)
        // February imported again under January's name replaces January only.
        _ = try workspace.importFile(february, as: "january")
        #expect(CSVTesting.traces(try workspace.loadLog(named: "january")) == [["Reopened"], ["Detected"]])
        #expect(try workspace.loadLog(named: "march").eventCount == 1)
        #expect(try workspace.importRuns(logNamed: "january").map(\.rowsRead) == [3, 3])
        #expect(try workspace.integrityCheck() == ["ok"])
    }
}
