import EventLog
import Foundation
import Testing

/// A small table of exceptions (one row each) that `switchyard train --table` learns from.
func exceptionTableCSV(rows: Int, seed: UInt64) -> String {
    var state = seed
    func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
    let owners = ["credit", "pricing", "tax"], categories = ["credit_hold", "price", "tax_fail"]
    var lines = ["id,detected_at,resolving_owner,first_owner,category,region,amount"]
    for i in 0..<rows {
        let k = next(3)
        let owner = next(10) < 8 ? owners[k] : owners[next(3)]
        let day = 1 + i * 27 / rows
        lines.append(
            "X\(i),2025-03-\(day < 10 ? "0" : "")\(day)T\(10 + i % 8):00:00Z,\(owner),\(owners[next(3)]),\(categories[k]),"
                + "\(["EU", "US"][next(2)]),\(10 + next(990)).5")
    }
    return lines.joined(separator: "\n") + "\n"
}

/// Kills `switchyard promote` at random points and checks that the registry holds either
/// the old promotion or the complete new one (status change and audit rows together).
@Suite(.serialized) struct FaultInjectionPromoteTests {
    /// `id:status` of every model, and the number of audit events.
    static func state(_ ws: String) throws -> (statuses: String, events: Int64) {
        let workspace = try Workspace(path: ws, create: false)
        #expect(try workspace.integrityCheck() == ["ok"])
        let statuses = try workspace.database.prepare("SELECT group_concat(id || ':' || status, ' ') FROM (SELECT id, status FROM models ORDER BY id)")
        _ = try statuses.step()
        let events = try workspace.database.prepare("SELECT count(*) FROM model_events")
        _ = try events.step()
        return (statuses.text(0) ?? "", events.int64(0))
    }

    @Test func promoteKilledAnywhereLeavesTheOldOrTheNewPromotion() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        try exceptionTableCSV(rows: 400, seed: 1).write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        for (epochs, out) in [("4", "a.json"), ("9", "b.json")] {
            let trained = try CLI.run(
                ["train", "t.csv", "--table", "--features", "category,region,amount", "--crosses", "none", "--epochs", epochs,
                 "--out", out, "--workspace", ws], in: folder)
            #expect(trained.status == 0, "\(trained.stderr)")
        }
        _ = try FaultInjection.duration(["promote", "1", "--workspace", ws], in: folder)
        #expect(try Self.state(ws).statuses == "1:promoted 2:candidate")
        let promote2 = ["promote", "2", "--force", "--reason", "fault injection", "--workspace", ws]
        let full = try FaultInjection.duration(promote2, in: folder)
        #expect(try Self.state(ws).statuses == "1:retired 2:promoted")
        var old = 0, new = 0, runs = 0
        let budget = Date().addingTimeInterval(6)
        for (i, delay) in FaultInjection.delays(count: 30, duration: full).enumerated() where i < 5 || Date() < budget {
            _ = try FaultInjection.duration(["promote", "1", "--force", "--workspace", ws], in: folder)
            let before = try Self.state(ws)
            #expect(before.statuses == "1:promoted 2:retired")
            runs += 1
            let outcome = try FaultInjection.run(promote2, in: folder, killAfter: delay)
            let after = try Self.state(ws)
            if after.statuses == before.statuses {
                old += 1
                #expect(after.events == before.events, "the audit trail changed without the promotion")
                #expect(!outcome.finished)
            } else {
                new += 1
                #expect(after.statuses == "1:retired 2:promoted", "kill after \(delay) s")
                #expect(after.events == before.events + 2, "promotion without its two audit rows")
            }
        }
        print("fault injection: promote (\(String(format: "%.2f", full)) s) killed at random \(runs) times: old \(old), new \(new)")
        #expect(runs >= 5)
        #expect(old > 0)
    }
}
