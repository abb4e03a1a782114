import EventLog
import Foundation
import Testing

/// Runs the real binary and SIGKILLs it after a delay: a kill at a random point of its life.
enum FaultInjection {
    struct Outcome {
        /// The process had finished on its own before the kill.
        var finished: Bool
        var status: Int32
    }

    /// Starts `switchyard args…` in `directory`, kills it `delay` seconds later (unless it
    /// already ended) and waits for it.
    static func run(_ args: [String], in directory: URL, killAfter delay: Double) throws -> Outcome {
        let process = Process()
        process.executableURL = CLI.productsDirectory.appendingPathComponent("switchyard")
        process.arguments = args
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(delay)
        while process.isRunning && Date() < deadline { usleep(500) }
        let finished = !process.isRunning
        if !finished { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return Outcome(finished: finished, status: process.terminationStatus)
    }

    /// Seconds one uninterrupted run takes (it must succeed).
    static func duration(_ args: [String], in directory: URL) throws -> Double {
        let start = Date()
        let out = try CLI.run(args, in: directory)
        #expect(out.status == 0, "\(args): \(out.stderr)")
        return Date().timeIntervalSince(start)
    }

    /// Kill delays spread over `0…duration × 1.1` (some runs finish), shuffled, `count` of them.
    static func delays(count: Int, duration: Double) -> [Double] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { i in (Double(i) + Double.random(in: 0..<1, using: &generator)) / Double(count) * duration * 1.1 }
            .shuffled(using: &generator)
    }

    /// Files left beside `folder`'s outputs by killed writers (`*.tmp-<pid>`).
    static func temporaryLeftovers(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.contains(".tmp-") }
    }
}

/// Kills `switchyard import` at random points, many times, and checks after each kill that
/// the workspace opens, passes `PRAGMA integrity_check`, and holds either the old log or
/// the complete new import (never a mix), with the run history and rejected rows to match.
/// (`ImportCrashCLITests` kills right after the write transaction starts; these kills land
/// anywhere: start-up, reading, hashing, storing, committing, writing the rejected file.)
@Suite(.serialized) struct FaultInjectionImportTests {
    @Test func importKilledAnywhereLeavesTheOldLogOrTheNewOne() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        let small = folder.appendingPathComponent("small.csv"), big = folder.appendingPathComponent("big.csv")
        try orderCSV(cases: 30, perCase: 5).write(to: small, atomically: true, encoding: .utf8)
        let bad = ["EX-900,Assigned,not a time,u,t,1.00", "EX-901,,2025-02-01T10:00:00Z,u,t,1.00"]
        try orderCSV(cases: 40_000, perCase: 5, extra: bad, at: 1_000).write(to: big, atomically: true, encoding: .utf8)
        let importSmall = ["import", small.path, "--name", "orders", "--workspace", ws]
        let importBig = ["import", big.path, "--name", "orders", "--workspace", ws]
        _ = try FaultInjection.duration(importSmall, in: folder)
        let full = try FaultInjection.duration(importBig, in: folder)
        let newLog = try Workspace(path: ws, create: false).loadLog(named: "orders")
        #expect(newLog.eventCount == 200_000)
        _ = try FaultInjection.duration(importSmall, in: folder)
        let oldLog = try Workspace(path: ws, create: false).loadLog(named: "orders")
        let rejectedFile = RejectedRowsFile.path(forLog: "orders", workspace: ws)

        var old = 0, new = 0, runs = 0
        let budget = Date().addingTimeInterval(12)
        for (i, delay) in FaultInjection.delays(count: 24, duration: full).enumerated() where i < 5 || Date() < budget {
            runs += 1
            let runsBefore = try Workspace(path: ws, create: false).importRuns(logNamed: "orders").count
            let outcome = try FaultInjection.run(importBig, in: folder, killAfter: delay)
            let workspace = try Workspace(path: ws, create: false)
            #expect(try workspace.integrityCheck() == ["ok"], "kill after \(delay) s")
            #expect(try workspace.logNames() == ["orders"])
            let loaded = try workspace.loadLog(named: "orders")
            let runsAfter = try workspace.importRuns(logNamed: "orders")
            if loaded == oldLog {
                old += 1
                #expect(!outcome.finished, "a finished import left the old log")
                #expect(runsAfter.count == runsBefore, "a run was recorded for an import that did not land")
                #expect(try workspace.rejectedRows(logNamed: "orders").isEmpty)
            } else {
                new += 1
                #expect(loaded == newLog, "kill after \(delay) s left a log that is neither the old nor the new one")
                #expect(runsAfter.count == runsBefore + 1)
                #expect(runsAfter.last?.events == 200_000 && runsAfter.last?.rejected == 2)
                #expect(try workspace.rejectedRows(logNamed: "orders").map(\.raw) == bad)
                // The rejected file is written after the commit: absent, or whole.
                if let text = try? String(contentsOfFile: rejectedFile, encoding: .utf8) {
                    #expect(text.hasPrefix("line,column,reason,raw\r\n") && text.hasSuffix("\r\n"))
                    #expect(text.split(separator: "\r\n").count == 3)
                }
                _ = try FaultInjection.duration(importSmall, in: folder)  // back to the old state
            }
        }
        print("fault injection: import (\(String(format: "%.2f", full)) s) killed at random \(runs) times: old log \(old), new log \(new)")
        #expect(old > 0, "no kill landed before the commit in \(runs) runs")
        #expect(runs >= 5)
        // A killed writer may leave its temporary file, never a half-written rejected file.
        for leftover in FaultInjection.temporaryLeftovers(in: folder) { #expect(leftover.hasPrefix("orders.rejected.csv.tmp-")) }
    }

    /// The first import into a new workspace, killed anywhere: afterwards there is no
    /// workspace, or an empty one, or one holding the complete log.
    @Test func firstImportKilledAnywhereLeavesNothingOrTheWholeLog() throws {
        let folder = try CLI.temporaryDirectory()
        let csv = folder.appendingPathComponent("orders.csv")
        try orderCSV(cases: 20_000, perCase: 5).write(to: csv, atomically: true, encoding: .utf8)
        let scratch = folder.appendingPathComponent("scratch.sqlite").path
        let full = try FaultInjection.duration(["import", csv.path, "--workspace", scratch], in: folder)
        let complete = try Workspace(path: scratch, create: false).loadLog(named: "orders")
        var empty = 0, whole = 0
        let budget = Date().addingTimeInterval(6)
        for (i, delay) in FaultInjection.delays(count: 12, duration: full).enumerated() where i < 5 || Date() < budget {
            let ws = folder.appendingPathComponent("ws\(i).sqlite").path
            _ = try FaultInjection.run(["import", csv.path, "--workspace", ws], in: folder, killAfter: delay)
            guard FileManager.default.fileExists(atPath: ws) else {
                empty += 1
                continue
            }
            let workspace = try Workspace(path: ws, create: false)
            #expect(try workspace.integrityCheck() == ["ok"])
            if try workspace.logNames().isEmpty {
                empty += 1
                #expect(try workspace.importRuns().isEmpty)
            } else {
                whole += 1
                #expect(try workspace.loadLog(named: "orders") == complete)
            }
        }
        print("fault injection: first import (\(String(format: "%.2f", full)) s) killed at random: nothing \(empty), whole log \(whole)")
        #expect(empty > 0)
    }
}
