import EventLog
import Foundation
import Testing

/// Kills commands that write output files at random points: the file afterwards is the old
/// one or the complete new one, never half of it (writers use a temporary name and rename).
/// The Reports module (report.html, report.md, analysis.ipynb) has not landed yet; these
/// cover the writers that exist: the exception table of `lifecycles --out` and the model
/// file of `train --out` (with its registration in the workspace).
@Suite(.serialized) struct FaultInjectionOutputTests {
    @Test func lifecyclesTableKilledAnywhereIsTheOldFileOrTheNewOne() throws {
        let folder = try CLI.temporaryDirectory()
        try orderCSV(cases: 20, perCase: 5).write(to: folder.appendingPathComponent("small.csv"), atomically: true, encoding: .utf8)
        try orderCSV(cases: 10_000, perCase: 5).write(to: folder.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        let table = folder.appendingPathComponent("table.csv")
        let bigArgs = ["lifecycles", "big.csv", "--profile", "orders", "--out", "table.csv"]
        let full = try FaultInjection.duration(bigArgs, in: folder)
        let newBytes = try Data(contentsOf: table)
        _ = try FaultInjection.duration(["lifecycles", "small.csv", "--profile", "orders", "--out", "table.csv"], in: folder)
        let oldBytes = try Data(contentsOf: table)
        #expect(newBytes.count > 300_000 && oldBytes.count < 20_000)
        var old = 0, new = 0, runs = 0
        let budget = Date().addingTimeInterval(8)
        for delay in FaultInjection.delays(count: 20, duration: full) where Date() < budget {
            runs += 1
            _ = try FaultInjection.run(bigArgs, in: folder, killAfter: delay)
            let now = try Data(contentsOf: table)  // must exist: never removed before the new one is in place
            if now == oldBytes {
                old += 1
            } else {
                new += 1
                #expect(now == newBytes, "kill after \(delay) s left \(now.count) bytes, neither the old nor the new table")
                try oldBytes.write(to: table)
            }
        }
        let leftovers = FaultInjection.temporaryLeftovers(in: folder)
        print("fault injection: lifecycles --out (\(String(format: "%.2f", full)) s) killed at random \(runs) times: old \(old), new \(new), \(leftovers.count) killed mid-write")
        #expect(runs >= 6 && old > 0)
        #expect(leftovers.allSatisfy { $0.hasPrefix(".table.csv.tmp-") })
    }

    @Test func trainKilledAnywhereLeavesAReadableModelAndAConsistentRegistry() throws {
        let folder = try CLI.temporaryDirectory()
        let ws = folder.appendingPathComponent("ws.sqlite").path
        try exceptionTableCSV(rows: 3_000, seed: 2).write(to: folder.appendingPathComponent("t.csv"), atomically: true, encoding: .utf8)
        let model = folder.appendingPathComponent("model.json")
        func train(_ epochs: Int) -> [String] {
            ["train", "t.csv", "--table", "--features", "category,region,amount", "--epochs", String(epochs), "--out", "model.json", "--workspace", ws]
        }
        let full = try FaultInjection.duration(train(3), in: folder)
        let oldBytes = try Data(contentsOf: model)
        var old = 0, new = 0, runs = 0
        let budget = Date().addingTimeInterval(8)
        for (i, delay) in FaultInjection.delays(count: 12, duration: full).enumerated() where Date() < budget {
            runs += 1
            let before = try FaultInjectionPromoteTests.state(ws)
            _ = try FaultInjection.run(train(4 + i), in: folder, killAfter: delay)  // a new model each time
            let now = try Data(contentsOf: model)
            let after = try FaultInjectionPromoteTests.state(ws)
            if now == oldBytes {
                old += 1
            } else {
                new += 1
                let text = String(decoding: now, as: UTF8.self)
                #expect(text.hasPrefix("{\"format\":\"switchyard-routing-model\"") && text.hasSuffix("}\n"), "a half-written model file")
                try oldBytes.write(to: model)
            }
            // Registration is one transaction: a new candidate with its audit row, or nothing.
            let added = after.statuses.split(separator: " ").count - before.statuses.split(separator: " ").count
            #expect(added == 0 || added == 1)
            #expect(after.events - before.events == Int64(added))
        }
        print("fault injection: train --out (\(String(format: "%.2f", full)) s) killed at random \(runs) times: old file \(old), new file \(new)")
        #expect(runs >= 6 && old > 0)
    }
}
