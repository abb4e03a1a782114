import EventLog
import Foundation
import Lifecycle
import Reports
import Routing

/// Logs, runs and tools shared by the report tests.
enum ReportFixtures {
    /// The repository root.
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    static var bundledSample: URL { repositoryRoot.appendingPathComponent("datasets/orders-sample.csv") }

    /// A fresh temporary folder.
    static func temporaryDirectory() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    // MARK: Hostile names

    /// Team names that try to break every output format.
    static let hostileTeams = [
        "<script>alert(1)</script>", "R&D \"core\" 'team'", "צוות אשראי", "📦 warehouse", "line\nbreak | team",
        "evil\u{202E}gpj.exe", "[link](http://x) *bold* $x$",
    ]
    /// Categories, with the same intent.
    static let hostileCategories = [
        "credit<hold>", "\"quoted\" & co", "טעות מס", "🚚 transport", "tab\tand\nnewline", "<img src=x onerror=alert(2)>",
    ]
    /// An activity name that is not a lifecycle role (it shows up in the process map only).
    static let hostileActivity = "<script>document.title='pwned'</script> & \"check\""
    static let hostileCustomer = "C-<b>1</b>&amp;"

    /// A CSV log in the `orders` vocabulary whose teams, categories, customers and one activity
    /// carry hostile names: `count` exceptions over 60 days; each category has one true team; the
    /// legacy first assignment is wrong for about a third, which then get reassigned after a delay.
    static func hostileCSV(count: Int = 320) -> String {
        var out = "case_id,activity,timestamp,resource,team,exception_type,order_id,customer_id,customer_tier,region,channel,order_value,currency,sku_family\n"
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let base: Int64 = 1_736_150_400  // 2025-01-06T08:00:00Z
        func time(_ seconds: Int64) -> String { Timestamp.iso8601((base + seconds) * 1_000_000) }
        for i in 0..<count {
            let id = String(format: "EX-%05d", i + 1)
            let c = next(hostileCategories.count)
            let category = hostileCategories[c]
            let truth = hostileTeams[c % hostileTeams.count]
            let wrong = next(3) == 0
            let legacy = wrong ? hostileTeams[(c + 1 + next(hostileTeams.count - 1)) % hostileTeams.count] : truth
            let customer = i % 5 == 0 ? hostileCustomer : "C-\(100 + next(40))"
            let tier = ["standard", "key", "strategic", "small"][next(4)]
            let value = String(format: "%.2f", 500 + Double(next(20_000)))
            let t0 = Int64(i) * 16_000 + Int64(next(3_600))
            let tail = [category, "SO-\(i)", customer, tier, "EU-Central", "EDI", value, "EUR", "industrial"].map(field).joined(separator: ",")
            func row(_ activity: String, _ t: Int64, _ resource: String, _ team: String) {
                out += [id, activity, time(t), resource, team].map(field).joined(separator: ",") + "," + tail + "\n"
            }
            row("Exception Detected", t0, "system:erp", "")
            row(hostileActivity, t0 + 600, "Dispatcher 1", "dispatch")
            row("Assigned", t0 + 1_800, "Dispatcher 1", legacy)
            var t = t0 + 3_600 + Int64(next(7_200))
            row("Work Started", t, "Ann Lee", legacy)
            if wrong {
                t += 3_600 * Int64(4 + next(30))
                row("Reassigned", t, "Ann Lee", truth)
                t += 1_800
                row("Work Started", t, "Bo Chen", truth)
            }
            if i > count - 12 { continue }  // the last few stay open
            t += 3_600 * Int64(2 + next(60))
            row("Resolved", t, "Bo Chen", truth)
            row("Closed", t + 600, "system:erp", "")
        }
        return out
    }

    /// Reads CSV text as a log (through a temporary file, like a user's file).
    static func log(csv: String, name: String = "hostile.csv") throws -> EventLog {
        let dir = try temporaryDirectory()
        let url = dir.appendingPathComponent(name)
        try csv.write(to: url, atomically: true, encoding: .utf8)
        return try EventLogImporter.read(url.path).log
    }

    /// The whole pipeline on `log` with the orders profile.
    static func analysis(
        _ log: EventLog, assumptions: ROIAssumptions = ROIAssumptions(bootstrapSamples: 200), targetPrecision: Double = 0.95
    ) throws -> ReportAnalysis {
        let table = try Reconstruction.reconstruct(log, profile: Presets.orders)
        var options = ReportOptions()
        options.assumptions = assumptions
        options.training = ReportOptions.defaultTraining(profile: "orders")
        options.training.targetPrecision = targetPrecision
        options.training.createdAt = 0
        options.generatedAt = 1_750_000_000_000_000
        return try ReportPipeline.analyse(log: log, table: table, profile: Presets.orders, model: nil, options: options)
    }

    // MARK: Tools

    /// Whether an executable is on PATH (or at an absolute path).
    static func executable(_ name: String) -> String? {
        if name.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: name) ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program; returns status, stdout and stderr.
    static func run(_ executable: String, _ args: [String], timeout: TimeInterval = 120) throws -> (status: Int32, out: String, err: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// `chromium` (Debian) or `chromium-browser` / `google-chrome`, if installed.
    static let chromium: String? = ["chromium", "chromium-browser", "google-chrome"].lazy.compactMap { executable($0) }.first

    /// `python3` when it can import nbformat.
    static let pythonWithNbformat: String? = {
        guard let python = executable("python3"), let r = try? run(python, ["-c", "import nbformat"]), r.status == 0 else { return nil }
        return python
    }()
}
