import Foundation
import Testing

@Suite struct GenerateCLITests {
    @Test func generatesCSVAndTruthDeterministically() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["generate", "--cases", "400", "--seed", "9", "--out", "a.csv", "--truth", "t.csv", "--legacy-accuracy", "0.6"]
        let first = try CLI.run(args, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("wrote a.csv: 400 cases, "))
        #expect(first.stdout.contains("events/s"))
        let csv = try Data(contentsOf: dir.appendingPathComponent("a.csv"))
        let truth = try String(contentsOf: dir.appendingPathComponent("t.csv"), encoding: .utf8)
        #expect(truth.split(separator: "\n").count == 401)
        let again = try CLI.run(args, in: dir)
        #expect(again.status == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("a.csv")) == csv)
        let lines = String(decoding: csv, as: UTF8.self).split(separator: "\n")
        #expect(lines[0] == "case_id,activity,timestamp,resource,team,exception_type,order_id,customer_id,customer_tier,region,channel,order_value,currency,sku_family")
        #expect(lines[1].hasPrefix("EX-000001,Exception Detected,"))
        // The summary's event count is the number of rows.
        #expect(first.stdout.contains("\(TextCount.thousands(lines.count - 1)) events"))
    }

    @Test func pm4pyNamesFlag() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["generate", "--cases", "20", "--out", "p.csv", "--pm4py-names"], in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        let text = try String(contentsOf: dir.appendingPathComponent("p.csv"), encoding: .utf8)
        #expect(text.hasPrefix("case:concept:name,concept:name,time:timestamp,org:resource,org:group,exception_type,"))
    }

    @Test func xesOutputReadsBackWithTheSameCounts() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["g.xes", "g.xes.gz"] {
            let made = try CLI.run(["generate", "--cases", "300", "--seed", "4", "--out", name, "--truth", name + ".truth.csv"], in: dir)
            #expect(made.status == 0, "\(made.stderr)")
            let stats = try CLI.run(["stats", name, "--json"], in: dir)
            #expect(stats.status == 0, "\(stats.stderr)")
            let json = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
            let cases = json?["cases"] as? Int, events = json?["events"] as? Int
            #expect(cases == 300)
            let expected = "wrote \(name): 300 cases, \(TextCount.thousands(events ?? -1)) events"
            #expect(made.stdout.hasPrefix(expected), "\(made.stdout) vs \(expected)")
            #expect(json?["activities"] as? Int == 12)
        }
    }

    @Test func badDialsAreClearErrors() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases: [([String], String)] = [
            (["--legacy-accuracy", "1.4"], "--legacy-accuracy must be a probability between 0 and 1, found '1.4'"),
            (["--type-mix", "edi=0.2"], "--type-mix must be 9 numbers, or name=weight pairs with names from: credit_hold,"),
            (["--drift-at", "soon"], "--drift-at must be a date like 2025-01-06"),
            (["--work-hours", "9"], "--work-hours must be START-END in whole hours, like 8-18, found '9'"),
        ]
        for (flags, message) in cases {
            let out = try CLI.run(["generate", "--cases", "10", "--out", "x.csv"] + flags, in: dir)
            #expect(out.status != 0)
            #expect(out.stderr.contains(message), "\(out.stderr)")
        }
        let wrongExtension = try CLI.run(["generate", "--cases", "10", "--out", "x.parquet"], in: dir)
        #expect(wrongExtension.status != 0)
        #expect(wrongExtension.stderr.contains("--out must end in .csv, .xes or .xes.gz, found 'x.parquet'"))
        let unwritable = try CLI.run(["generate", "--cases", "10", "--out", "missing/dir/x.csv"], in: dir)
        #expect(unwritable.status != 0)
        #expect(unwritable.stderr.contains("cannot create 'missing/dir/x.csv'"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
    }

    @Test func theDocumentedCommandRecreatesTheBundledSample() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let readme = try String(
            contentsOf: CLI.repositoryRoot.appendingPathComponent("datasets/README.md"), encoding: .utf8)
        #expect(readme.contains("switchyard generate --cases 5000 --seed 2025 \\\n    --out datasets/orders-sample.csv --truth datasets/orders-sample-truth.csv"))
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("datasets"), withIntermediateDirectories: true)
        let out = try CLI.run(
            ["generate", "--cases", "5000", "--seed", "2025", "--out", "datasets/orders-sample.csv",
             "--truth", "datasets/orders-sample-truth.csv"], in: dir)
        #expect(out.status == 0, "\(out.stderr)")
        for name in ["orders-sample.csv", "orders-sample-truth.csv"] {
            let made = try Data(contentsOf: dir.appendingPathComponent("datasets/\(name)"))
            let bundled = try Data(contentsOf: CLI.repositoryRoot.appendingPathComponent("datasets/\(name)"))
            #expect(made == bundled, "\(name)")
        }
    }
}

enum TextCount {
    /// `12,345`.
    static func thousands(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return n < 0 ? "-" + out : out
    }
}
