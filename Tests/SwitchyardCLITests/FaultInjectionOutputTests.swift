import EventLog
import Foundation
import Testing

/// Kills commands that write output files at random points: the file afterwards is the old
/// one or the complete new one, never half of it (writers use a temporary name and rename).
/// Covered: the report folder of `report --out`, the exception table of `lifecycles --out`
/// and the model file of `train --out` (with its registration in the workspace).
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
        for (i, delay) in FaultInjection.delays(count: 20, duration: full).enumerated() where i < 5 || Date() < budget {
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
        #expect(runs >= 5 && old > 0)
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
        for (i, delay) in FaultInjection.delays(count: 12, duration: full).enumerated() where i < 5 || Date() < budget {
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
        #expect(runs >= 5 && old > 0)
    }

    /// Every file of a report folder, by relative path.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            out[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count + 1))] = try Data(contentsOf: url)
        }
        return out
    }

    @Test func reportKilledAnywhereLeavesTheOldReportOrTheWholeNewOne() throws {
        let folder = try CLI.temporaryDirectory()
        let generated = try CLI.run(["generate", "--cases", "600", "--out", "g.csv"], in: folder)
        #expect(generated.status == 0, "\(generated.stderr)")
        func report(_ out: String, cost: String) -> [String] {
            ["report", "g.csv", "--profile", "orders", "--out", out, "--cost-per-hour", cost, "--bootstrap-samples", "50"]
        }
        _ = try FaultInjection.duration(report("rep", cost: "45"), in: folder)
        let rep = folder.appendingPathComponent("rep")
        let old = try Self.snapshot(rep)
        let full = try FaultInjection.duration(report("probe", cost: "50"), in: folder)
        let newNames = Set(try Self.snapshot(folder.appendingPathComponent("probe")).keys)
        #expect(Set(old.keys) == newNames && newNames.contains("report.html") && newNames.count >= 12)
        var kept = 0, replaced = 0, runs = 0
        let budget = Date().addingTimeInterval(10)
        for (i, delay) in FaultInjection.delays(count: 16, duration: full).enumerated() where i < 5 || Date() < budget {
            runs += 1
            _ = try FaultInjection.run(report("rep", cost: "50"), in: folder, killAfter: delay)
            let now = try Self.snapshot(rep)
            if now == old {
                kept += 1
                continue
            }
            replaced += 1
            #expect(Set(now.keys) == newNames, "kill after \(delay) s: a report folder with files \(now.keys.sorted())")
            #expect(String(decoding: now["report.html"] ?? Data(), as: UTF8.self).hasSuffix("</html>\n"))
            for (name, data) in now where name.hasSuffix(".json") || name.hasSuffix(".ipynb") {
                #expect((try? JSONSerialization.jsonObject(with: data)) != nil, "\(name) is not whole JSON")
            }
            let roi = try JSONSerialization.jsonObject(with: now["roi.json"] ?? Data()) as? [String: Any]
            #expect((roi?["assumptions"] as? [String: Any])?["cost_per_hour"] as? Double == 50)
            // Back to the old report for the next kill.
            try FileManager.default.removeItem(at: rep)
            for (name, data) in old {
                let url = rep.appendingPathComponent(name)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try data.write(to: url)
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        print("fault injection: report (\(String(format: "%.2f", full)) s) killed at random \(runs) times: old report \(kept), new report \(replaced), \(leftovers.count) staging folders left")
        #expect(runs >= 5 && kept > 0)
        #expect(leftovers.allSatisfy { $0.hasPrefix(".rep.tmp-") })
    }
}
