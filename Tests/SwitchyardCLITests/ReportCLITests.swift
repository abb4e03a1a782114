import Foundation
import Testing

/// `switchyard report` end to end on the bundled sample, cross-checked against `switchyard kpi`,
/// `switchyard train` and `switchyard evaluate` on the same data.
@Suite("switchyard report", .serialized)
struct ReportCLITests {
    static let sample = CLI.repositoryRoot.appendingPathComponent("datasets/orders-sample.csv").path

    /// One report run shared by the tests (training in process, 90 % target precision).
    static let firstRun: Result<(dir: URL, out: URL, stdout: String), CLIRunFailure> = {
        do {
            let dir = try CLI.temporaryDirectory()
            let out = dir.appendingPathComponent("notebooks-out/run1")
            let r = try CLI.run([
                "report", sample, "--profile", "orders", "--out", out.path, "--target-precision", "0.9", "--bootstrap-samples", "300",
            ])
            guard r.status == 0 else { return .failure(CLIRunFailure(message: "status \(r.status): \(r.stderr)")) }
            return .success((dir, out, r.stdout))
        } catch {
            return .failure(CLIRunFailure(message: "\(error)"))
        }
    }()

    struct CLIRunFailure: Error { var message: String }

    static func json(_ url: URL) throws -> Any { try JSONSerialization.jsonObject(with: Data(contentsOf: url)) }
    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

    /// Deep equality of decoded JSON; numbers within a relative `tolerance`.
    static func same(_ a: Any, _ b: Any, tolerance: Double = 0, path: String = "$") -> String? {
        switch (a, b) {
        case (let x as [String: Any], let y as [String: Any]):
            guard Set(x.keys) == Set(y.keys) else { return "\(path): keys \(x.keys.sorted()) vs \(y.keys.sorted())" }
            for k in x.keys.sorted() { if let d = same(x[k] as Any, y[k] as Any, tolerance: tolerance, path: path + "." + k) { return d } }
            return nil
        case (let x as [Any], let y as [Any]):
            guard x.count == y.count else { return "\(path): \(x.count) vs \(y.count) items" }
            for i in x.indices { if let d = same(x[i], y[i], tolerance: tolerance, path: "\(path)[\(i)]") { return d } }
            return nil
        case (let x as NSNumber, let y as NSNumber):
            let p = x.doubleValue, q = y.doubleValue
            return p == q || abs(p - q) <= tolerance * max(abs(p), abs(q)) ? nil : "\(path): \(p) vs \(q)"
        case (let x as String, let y as String):
            return x == y ? nil : "\(path): \(x) vs \(y)"
        case (is NSNull, is NSNull):
            return nil
        default:
            return "\(path): \(a) vs \(b)"
        }
    }

    @Test("writes every file and prints the summary with the report's path")
    func files() throws {
        let run = try Self.firstRun.get()
        for name in ["report.html", "report.md", "analysis.ipynb", "exceptions.csv", "kpis.json", "evaluation.json", "roi.json",
                     "roi-exceptions.csv", "process-map.svg", "model.json", "charts/drag-pareto.svg", "charts/accuracy-coverage.svg"] {
            #expect(FileManager.default.fileExists(atPath: run.out.appendingPathComponent(name).path), "missing \(name)")
        }
        #expect(run.stdout.contains("report                \(run.out.appendingPathComponent("report.html").path)"))
        #expect(run.stdout.contains("accuracy legacy       72.2\u{00A0}%"))
        // No temporary folder left beside the report.
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.out.deletingLastPathComponent().path) == ["run1"])
    }

    @Test("kpis.json is what `switchyard kpi --by category --format json` prints, byte for byte")
    func kpi() throws {
        let run = try Self.firstRun.get()
        let kpi = try CLI.run(["kpi", Self.sample, "--profile", "orders", "--by", "category", "--format", "json"])
        #expect(kpi.status == 0, "\(kpi.stderr)")
        #expect(kpi.stdout == (try String(contentsOf: run.out.appendingPathComponent("kpis.json"), encoding: .utf8)))
        // And the report shows its figures.
        let k = try #require(try Self.json(kpi.stdout) as? [String: Any])
        let html = try String(contentsOf: run.out.appendingPathComponent("report.html"), encoding: .utf8)
        let drag = try #require(k["drag"] as? [String: Any])
        let total = try #require(drag["total_hours"] as? Double)
        #expect(html.contains("Exceptions spent \(Self.grouped(total)) hours open in total."))
        let backlog = try #require((k["backlog"] as? [String: Any])?["current"] as? [String: Any])
        let open = try #require(backlog["open"] as? Int)
        #expect(html.contains("At the end of the log \(open) exceptions were open"))
        let overall = try #require(k["overall"] as? [String: Any])
        let routing = try #require(overall["routing"] as? [String: Any])
        let accuracy = try #require(routing["accuracy"] as? Double)
        #expect(html.contains("Across the whole log (the KPI view), \(String(format: "%.1f", accuracy * 100))\u{00A0}% of resolved exceptions"))
    }

    @Test("the model and its hold-out evaluation are those of `switchyard train` and `switchyard evaluate`")
    func evaluation() throws {
        let run = try Self.firstRun.get()
        let evaluationFile = run.out.appendingPathComponent("evaluation.json")
        let train = try CLI.run([
            "train", Self.sample, "--profile", "orders", "--out", run.dir.appendingPathComponent("train.json").path, "--no-register",
            "--json", "--target-precision", "0.9",
        ])
        #expect(train.status == 0, "\(train.stderr)")
        #expect(train.stdout == (try String(contentsOf: evaluationFile, encoding: .utf8)))

        let roi = try #require(try Self.json(run.out.appendingPathComponent("roi.json")) as? [String: Any])
        let from = try #require(roi["holdout_from"] as? Int64)
        let iso = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(from / 1_000_000)))
        #expect(from % 1_000_000 == 0)
        let evaluate = try CLI.run([
            "evaluate", run.out.appendingPathComponent("model.json").path, Self.sample, "--profile", "orders", "--from", iso, "--json",
        ])
        #expect(evaluate.status == 0, "\(evaluate.stderr)")
        // Equal up to OpenBLAS's thread count, which moves log loss and calibration in the 9th digit.
        let difference = Self.same(try Self.json(evaluate.stdout), try Self.json(evaluationFile), tolerance: 1e-6)
        #expect(difference == nil, "\(difference ?? "")")

        let e = try #require(try Self.json(evaluationFile) as? [String: Any])
        let model = try #require(e["model"] as? [String: Any])
        let automation = try #require(e["automation"] as? [String: Any])
        let legacy = try #require((e["legacy"] as? [String: Any])?["accuracy"] as? Double)
        let html = try String(contentsOf: run.out.appendingPathComponent("report.html"), encoding: .utf8)
        func pct(_ x: Double) -> String { String(format: "%.1f", x * 100) + "\u{00A0}%" }
        #expect(html.contains("<td>model: accuracy</td><td class=\"num\">\(pct(try #require(model["accuracy"] as? Double)))</td>"))
        #expect(html.contains("<td>legacy first assignment: accuracy</td><td class=\"num\">\(pct(legacy))</td>"))
        #expect(html.contains("<td>routed automatically (coverage)</td><td class=\"num\">\(pct(try #require(automation["coverage"] as? Double)))</td>"))
        #expect(roi["exceptions"] as? Int == model["rows"] as? Int)
    }

    @Test("a given model is scored on its own hold-out and not copied; assumptions come from file, then flags")
    func givenModelAndAssumptions() throws {
        let run = try Self.firstRun.get()
        let assumptions = run.dir.appendingPathComponent("assumptions.json")
        try #"{"cost_per_hour": 80, "currency": "GBP", "review_minutes": 5, "bootstrap_samples": 50}"#
            .write(to: assumptions, atomically: true, encoding: .utf8)
        let out = run.dir.appendingPathComponent("run2")
        let r = try CLI.run([
            "report", Self.sample, "--profile", "orders", "--model", run.out.appendingPathComponent("model.json").path, "--out", out.path,
            "--assumptions", assumptions.path, "--cost-per-hour", "60", "--currency", "USD",
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("model.json").path))
        let difference = Self.same(
            try Self.json(out.appendingPathComponent("evaluation.json")), try Self.json(run.out.appendingPathComponent("evaluation.json")),
            tolerance: 1e-6)
        #expect(difference == nil, "\(difference ?? "")")
        let roi = try #require(try Self.json(out.appendingPathComponent("roi.json")) as? [String: Any])
        let a = try #require(roi["assumptions"] as? [String: Any])
        #expect(a["cost_per_hour"] as? Double == 60 && a["currency"] as? String == "USD")
        #expect(a["review_minutes"] as? Double == 5 && a["bootstrap_samples"] as? Int == 50)
        let html = try String(contentsOf: out.appendingPathComponent("report.html"), encoding: .utf8)
        #expect(html.contains("<td>cost_per_hour</td><td>60.00 USD</td>"))
        #expect(html.contains("<td>review_minutes</td><td>5.0</td>"))
    }

    @Test("bad input gets a clear error and writes nothing")
    func errors() throws {
        let dir = try CLI.temporaryDirectory()
        try "notes".write(to: dir.appendingPathComponent("thesis.txt"), atomically: true, encoding: .utf8)
        let foreign = try CLI.run(["report", Self.sample, "--profile", "orders", "--out", dir.path, "--bootstrap-samples", "0"])
        #expect(foreign.status == 1)
        #expect(foreign.stderr.contains("exists and does not hold a report (found thesis.txt); choose a new or empty folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["thesis.txt"])

        let negative = try CLI.run(["report", Self.sample, "--profile", "orders", "--out", dir.appendingPathComponent("x").path, "--review-minutes=-1"])
        #expect(negative.status == 2)
        #expect(negative.stderr.contains("review_minutes must be 0 or more, got -1.0"))

        let both = try CLI.run(["report", Self.sample, "--profile", "orders", "--out", "x", "--model", "m.json", "--holdout-from", "2025-03-01"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--holdout-from and --target-precision apply when training"))

        let badFile = dir.appendingPathComponent("a.json")
        try #"{"cost": 1}"#.write(to: badFile, atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["report", Self.sample, "--profile", "orders", "--out", dir.appendingPathComponent("y").path, "--assumptions", badFile.path])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("unknown key 'cost'; known keys: cost_per_hour"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("x").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("y").path))
    }

    /// `12,345` for 12345.4.
    static func grouped(_ x: Double) -> String {
        let digits = String(Int(x.rounded()))
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return out
    }
}
