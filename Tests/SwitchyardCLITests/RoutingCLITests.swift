import Foundation
import Testing

/// End-to-end: train, route, evaluate, registry, promote, compare and drift through the real binary.
@Suite(.serialized) struct RoutingCLITests {
    /// A deterministic table of exceptions whose owner depends on type and region (with 10 % noise).
    static func table(rows: Int, seed: UInt64, start: String = "2025-01-06") -> String {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 33
        }
        let types = ["credit_hold", "edi_failure", "tax_failure", "inventory_shortfall"]
        let regions = ["UK", "APAC", "NA-East"]
        let owners = ["credit", "integration_support", "tax", "planning", "customer_service"]
        var out = "id,detected_at,exception_type,region,order_value,first_owner,resolving_owner\n"
        let day = Int(start.suffix(2)) ?? 6
        for i in 0..<rows {
            let t = Int(next() % 4), r = Int(next() % 3)
            var owner = (t == 0 && r == 1) ? 4 : t
            if next() % 10 == 0 { owner = Int(next() % 5) }
            let first = next() % 10 < 7 ? owner : Int(next() % 5)
            let minutes = i * 7
            let stamp = String(format: "%@-%02dT%02d:%02d:00Z", String(start.prefix(7)), day + minutes / 1440, minutes / 60 % 24, minutes % 60)
            out += "EX-\(i),\(stamp),\(types[t]),\(regions[r]),\(100 + Int(next() % 5000)),\(owners[first]),\(owners[owner])\n"
        }
        return out
    }

    func setUp() throws -> URL {
        let dir = try CLI.temporaryDirectory()
        try Self.table(rows: 3000, seed: 1).write(to: dir.appendingPathComponent("table.csv"), atomically: true, encoding: .utf8)
        return dir
    }

    @Test func trainPrintsTheEvaluationWritesTheModelAndRegistersIt() throws {
        let dir = try setUp()
        let train = try CLI.run(["train", "table.csv", "--table", "--out", "model.json"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("hold-out: 600 exceptions"))
        #expect(train.stdout.contains("legacy first assignment"))
        #expect(train.stdout.contains("majority owner per exception_type"))
        #expect(train.stdout.contains("registered as candidate 1 in switchyard.sqlite"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("model.json").path))
        let models = try CLI.run(["models"], in: dir)
        #expect(models.status == 0)
        #expect(models.stdout.contains("candidate"))
        let json = try CLI.run(["train", "table.csv", "--table", "--out", "model.json", "--json", "--no-register"], in: dir)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let accuracy = try #require((report?["model"] as? [String: Any])?["accuracy"] as? Double)
        // The owner is a function of type and region except for 10 % noise (half of it lands right by chance).
        #expect(accuracy > 0.85)
        // evaluate on the hold-out window gives the same accuracy.
        let window = try #require(report?["window"] as? [String: Any])
        let from = try #require(window["from"] as? Int)
        let fromText = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(from) / 1e6))
        let evaluate = try CLI.run(["evaluate", "model.json", "table.csv", "--table", "--from", fromText, "--json"], in: dir)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        let again = try JSONSerialization.jsonObject(with: Data(evaluate.stdout.utf8)) as? [String: Any]
        #expect((again?["model"] as? [String: Any])?["accuracy"] as? Double == accuracy)
    }

    @Test func routeStreamsDecisionsAndRejectsBadRows() throws {
        let dir = try setUp()
        #expect(try CLI.run(["train", "table.csv", "--table", "--out", "model.json", "--no-register"], in: dir).status == 0)
        let input = """
            id,exception_type,region,detected_at,order_value,extra
            N1,tax_failure,UK,2025-03-01T10:00:00Z,250,x
            N2,credit_hold,APAC,2025-03-01T11:00:00Z,lots,x
            N3,edi_failure,,2025-03-01T12:00:00Z,99,x
            N4,edi_failure
            """
        let routed = try CLI.run(["route", "model.json", "-", "--rejected", "rejected.csv"], in: dir, stdin: Data(input.utf8))
        #expect(routed.status == 0, "\(routed.stderr)")
        let lines = routed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "line,id,owner,confidence,decision,owner_2,confidence_2,owner_3,confidence_3,missing")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("2,N1,tax,"))
        #expect(lines[2].hasPrefix("4,N3,integration_support,"))
        #expect(lines[2].hasSuffix(",region"))
        #expect(routed.stderr.contains("routed 2 exceptions"))
        #expect(routed.stderr.contains("2 rejected; 1 with missing inputs"))
        let rejected = try String(contentsOf: dir.appendingPathComponent("rejected.csv"), encoding: .utf8)
        #expect(rejected == """
            line,reason,raw
            3,column 'order_value': expected a number (found 'lots'),"N2,credit_hold,APAC,2025-03-01T11:00:00Z,lots,x"
            5,"expected 6 fields as in the header, found 2","N4,edi_failure"

            """)
        let jsonl = "{\"id\":\"J1\",\"exception_type\":\"credit_hold\",\"region\":\"APAC\"}\n"
        let routedJSON = try CLI.run(
            ["route", "model.json", "-", "--format", "jsonl", "--output", "jsonl"], in: dir, stdin: Data(jsonl.utf8))
        #expect(routedJSON.status == 0)
        let decision = try JSONSerialization.jsonObject(with: Data(routedJSON.stdout.utf8)) as? [String: Any]
        #expect(decision?["id"] as? String == "J1")
        #expect(decision?["owner"] as? String == "customer_service")
        #expect((decision?["top"] as? [Any])?.count == 3)
        #expect(decision?["missing"] as? [String] == ["order_value", "detected_at"])
    }

    @Test func aTamperedModelIsRefused() throws {
        let dir = try setUp()
        #expect(try CLI.run(["train", "table.csv", "--table", "--out", "model.json", "--no-register"], in: dir).status == 0)
        let path = dir.appendingPathComponent("model.json")
        let text = try String(contentsOf: path, encoding: .utf8)
        try text.replacingOccurrences(of: "\"targetPrecision\":0.95", with: "\"targetPrecision\":0.5")
            .write(to: path, atomically: true, encoding: .utf8)
        let routed = try CLI.run(["route", "model.json", "-"], in: dir, stdin: Data("id\n".utf8))
        #expect(routed.status == 1)
        #expect(routed.stderr.hasPrefix("error: model.json: checksum mismatch: the header says sha256 "))
    }

    @Test func promoteRefusesAWorseModelRecordsWhoAndWhyAndCompareScoresBoth() throws {
        let dir = try setUp()
        #expect(try CLI.run(["train", "table.csv", "--table", "--out", "good.json"], in: dir).status == 0)
        // Every value rarer than 100 000 shares one slot: a model that only knows the order value.
        let weak = try CLI.run(["train", "table.csv", "--table", "--out", "weak.json", "--min-frequency", "100000"], in: dir)
        #expect(weak.status == 0, "\(weak.stderr)")
        let first = try CLI.run(["promote", "1", "--reason", "first model", "--by", "ana"], in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("model 1 promoted by ana"))
        let refused = try CLI.run(["promote", "2", "--by", "ben"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("model 2 not promoted: refused: the candidate is worse: candidate "))
        #expect(refused.stderr.contains("(use --force to promote anyway)"))
        let forced = try CLI.run(["promote", "2", "--force", "--reason", "testing the override", "--by", "ben"], in: dir)
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(forced.stdout.contains("model 1 retired"))
        let history = try CLI.run(["models", "--history"], in: dir)
        #expect(history.stdout.contains("testing the override"))
        #expect(history.stdout.contains("first model"))
        let rows = history.stdout.split(separator: "\n").filter { $0.hasPrefix("2 ") || $0.hasPrefix("1 ") }
        #expect(rows.contains { $0.contains("promoted") && $0.hasPrefix("2 ") })

        try Self.table(rows: 800, seed: 9, start: "2025-02-06").write(
            to: dir.appendingPathComponent("later.csv"), atomically: true, encoding: .utf8)
        let compare = try CLI.run(["compare", "good.json", "weak.json", "later.csv", "--table"], in: dir)
        #expect(compare.status == 0, "\(compare.stderr)")
        #expect(compare.stdout.hasPrefix("both on 800 exceptions"))
        #expect(compare.stdout.contains("B is worse"))
        let drift = try CLI.run(["drift", "good.json", "later.csv", "--table"], in: dir)
        #expect(drift.status == 0, "\(drift.stderr)")
        #expect(drift.stdout.contains("exception_type"))
        #expect(drift.stdout.contains("accuracy by week"))
    }

    /// On the bundled generator log (read through the orders lifecycle profile) the model beats
    /// the legacy first assignment and the majority rule by a wide margin.
    @Test func trainOnTheBundledLogBeatsTheBaselines() throws {
        let dir = try CLI.temporaryDirectory()
        let sample = CLI.repositoryRoot.appendingPathComponent("datasets/orders-sample.csv").path
        let train = try CLI.run(["train", sample, "--profile", "orders", "--out", "model.json", "--json", "--no-register"], in: dir)
        #expect(train.status == 0, "\(train.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(train.stdout.utf8)) as? [String: Any]
        let accuracy = try #require((report?["model"] as? [String: Any])?["accuracy"] as? Double)
        let legacy = try #require((report?["legacy"] as? [String: Any])?["accuracy"] as? Double)
        let majority = try #require((report?["majorityPerCategory"] as? [String: Any])?["accuracy"] as? Double)
        #expect(accuracy > legacy + 0.10, "model \(accuracy) vs legacy \(legacy)")
        #expect(accuracy > majority + 0.15, "model \(accuracy) vs majority \(majority)")
        // The features are the attributes known at detection, the owner comes from resolutions.
        let evaluate = try CLI.run(["evaluate", "model.json", sample], in: dir)
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        #expect(evaluate.stdout.contains("majority owner per exception_type"))
    }

    @Test func benchTrainAndRouteRunOnSmallSizes() throws {
        let train = try CLI.run(["bench", "train", "--rows", "5000"])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout.contains("sgemm GFLOP/s while in sgemm"))
        let route = try CLI.run(["bench", "route", "--rows", "2000", "--single", "100", "--repeat", "1"])
        #expect(route.status == 0, "\(route.stderr)")
        #expect(route.stdout.contains("CSV → decisions (in memory)"))
    }
}
