import Foundation
import Testing

/// `discover`, `variants`, `handovers` and `bench discover` through the real binary.
@Suite struct DiscoveryCLITests {
    static var logs: URL { CLI.shared.appendingPathComponent("logs") }
    static func log(_ name: String) -> String { logs.appendingPathComponent(name).path }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func helpListsTheDiscoveryCommands() throws {
        let out = try CLI.run(["--help"])
        for command in ["discover", "variants", "handovers", "bench"] { #expect(out.stdout.contains(command)) }
    }

    @Test func discoverWritesSVGDOTAndJSON() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("map.svg").path
        let out = try CLI.run(["discover", Self.log("running-example.xes"), "--out", svg])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("wrote \(svg): 8 of 8 activities"))
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("<svg"))
        #expect(text.contains("register request"))

        let json = dir.appendingPathComponent("map.json").path
        #expect(try CLI.run(["discover", Self.log("running-example.xes"), "--out", json]).status == 0)
        let map = try Self.json(try String(contentsOfFile: json, encoding: .utf8))
        let edges = try #require(map["edges"] as? [[String: Any]])
        // pm4py: 16 edges, 36 directly-follows pairs, 6 cases all starting with "register request".
        #expect(edges.count == 16)
        #expect(edges.compactMap { $0["count"] as? Int }.reduce(0, +) == 36)
        #expect(map["start_activities"] as? [String: Int] == ["register request": 6])

        let dot = dir.appendingPathComponent("map.dot").path
        #expect(try CLI.run(["discover", Self.log("running-example.xes"), "--perf", "--measure", "median", "--out", dot]).status == 0)
        let graph = try String(contentsOfFile: dot, encoding: .utf8)
        #expect(graph.contains("rankdir=LR"))
        #expect(graph.range(of: #"label=" \d+d \d+h ""#, options: .regularExpression) != nil)
    }

    @Test func filtersApplyBeforeDiscovery() throws {
        let out = try CLI.run(["discover", Self.log("running-example.xes"), "--end-activity", "reject request"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("cases       3"))
        let kept = try CLI.run([
            "variants", Self.log("receipt.xes.gz"), "--keep-cases", "org:group=EMPTY", "--min-duration", "1d", "--json",
        ])
        #expect(kept.status == 0, "\(kept.stderr)")
        let all = try Self.json(try CLI.run(["variants", Self.log("receipt.xes.gz"), "--json"]).stdout)
        let filtered = try Self.json(kept.stdout)
        #expect((filtered["num_cases"] as? Int ?? 0) < (all["num_cases"] as? Int ?? 0))
    }

    @Test func variantsMatchPM4Py() throws {
        let out = try CLI.run(["variants", Self.log("receipt.xes.gz"), "--top", "3", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try Self.json(out.stdout)
        #expect(json["num_variants"] as? Int == 116)
        #expect(json["num_cases"] as? Int == 1434)
        let variants = try #require(json["variants"] as? [[String: Any]])
        #expect(variants.count == 3)
        #expect(variants.first?["count"] as? Int == 713)
        let text = try CLI.run(["variants", Self.log("receipt.xes.gz")])
        #expect(text.stdout.contains("116 variants over 1,434 cases"))
    }

    @Test func handoversByGroupMatchPM4Py() throws {
        let out = try CLI.run(["handovers", Self.log("receipt.xes.gz"), "--by", "group", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let json = try Self.json(out.stdout)
        #expect(json["total_handovers_including_self"] as? Int == 7143)
        #expect(json["total_handovers_excluding_self"] as? Int == 5440)
        #expect((json["edges"] as? [Any])?.count == 47)
        let routing = try #require(json["routing"] as? [String: Any])
        #expect(routing["ping_pong_cases"] as? Int == 269)
        #expect(routing["cases_returning_to_earlier_value"] as? Int == 577)
    }

    @Test func handoversWithMissingResourcesSaySo() throws {
        let out = try CLI.run(["handovers", Self.log("roadtraffic100traces.xes")])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("events with a value    100 (290 without, skipped)"))
        #expect(out.stdout.contains("handovers              0 (0 between different values)"))
    }

    @Test func badArgumentsGetClearErrors() throws {
        let png = try CLI.run(["discover", Self.log("running-example.xes"), "--out", "map.png"])
        #expect(png.status != 0)
        #expect(png.stderr.contains("--out must end in .svg, .dot or .json"))
        let classifier = try CLI.run(["variants", Self.log("running-example.xes"), "--classifier", "colour"])
        #expect(classifier.status != 0)
        #expect(classifier.stderr.contains("no attribute 'colour' in the log; available: concept:name"))
        let slider = try CLI.run(["discover", Self.log("running-example.xes"), "--activities", "150"])
        #expect(slider.status != 0)
        #expect(slider.stderr.contains("--activities must be a percentage from 0 to 100"))
        let duration = try CLI.run(["variants", Self.log("running-example.xes"), "--min-duration", "soon"])
        #expect(duration.status != 0)
        #expect(duration.stderr.contains("--min-duration 'soon' is not a duration"))
    }

    @Test func benchDiscoverReportsEveryStep() throws {
        let out = try CLI.run(["bench", "discover", "--events", "40000", "--repeats", "1", "--map-activities", "60", "--json"])
        #expect(out.status == 0, "\(out.stderr)")
        let steps = try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [[String: Any]])
        let names = steps.compactMap { $0["step"] as? String }
        #expect(names.contains("directly-follows graph"))
        #expect(names.contains("sum of the four (target ≤ 0.4 s)"))
        #expect(names.contains { $0.hasPrefix("60-activity map to SVG") })
        #expect(steps.allSatisfy { ($0["seconds"] as? Double ?? -1) >= 0 })
    }
}
