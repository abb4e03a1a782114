import Foundation
import Testing

@testable import switchyard

/// `switchyard bench serve` end to end (real binary, real server child process), and the
/// latency histogram it reports from.
@Suite struct BenchServeTests {
    /// One result row: connections, requests, errors, req/s, p50 … max in ms, CPU µs/request.
    struct Row {
        var connections: Int
        var requests: Int
        var errors: Int
        var latencies: [Double]
        /// Server and client CPU µs per request.
        var cpu: [Int]
    }

    static func rows(_ stdout: String) -> [Row] {
        stdout.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: " ").map { $0.replacingOccurrences(of: ",", with: "") }
            guard cells.count == 11, let c = Int(cells[0]), let n = Int(cells[1]), let e = Int(cells[2]) else { return nil }
            return Row(
                connections: c, requests: n, errors: e, latencies: cells[4...8].compactMap { Double($0) },
                cpu: cells[9...].compactMap { Int($0) })
        }
    }

    /// The figures of the audit line: received, answered, decisions, written, backlog, failures.
    static func audit(_ stdout: String) throws -> [Int] {
        let line = try #require(stdout.split(separator: "\n").first { $0.hasPrefix("audit: ") })
        let words = line.replacingOccurrences(of: ",", with: "").split(separator: " ").map(String.init)
        // The server's figures follow "counted"; the first number is the bench's own.
        let counted = words.firstIndex(of: "counted") ?? words.count
        func number(before phrase: String, from: Int = 1) -> Int {
            let parts = phrase.split(separator: " ").map(String.init)
            for i in max(1, from)..<max(1, words.count - parts.count + 1) where Array(words[i..<i + parts.count]) == parts {
                return Int(words[i - 1]) ?? -1
            }
            return -1
        }
        let backlog = words.firstIndex(of: "backlog").flatMap { Int(words[$0 + 1]) } ?? -1
        return [
            number(before: "decisions received"), number(before: "answered", from: counted), number(before: "decisions", from: counted),
            number(before: "audit rows written"), backlog, number(before: "commit failures"),
        ]
    }

    @Test func shortRunAnswersAndAuditsEveryRequest() throws {
        let out = try CLI.run(["bench", "serve", "--connections", "1,2", "--duration", "1", "--warmup", "0", "--cases", "300"])
        #expect(out.status == 0, "\(out.stderr)\n\(out.stdout)")
        let rows = Self.rows(out.stdout)
        #expect(rows.map(\.connections) == [1, 2], "\(out.stdout)")
        for row in rows {
            #expect(row.requests > 0 && row.errors == 0)
            #expect(row.latencies.count == 5 && row.latencies == row.latencies.sorted(), "p50 ≤ p90 ≤ p99 ≤ p99.9 ≤ max: \(row)")
            #expect(row.cpu.count == 2 && row.cpu.allSatisfy { $0 > 0 }, "the server and the client both spent CPU: \(row)")
        }
        #expect(out.stdout.contains("closed loop"))
        // No warm-up: every request was measured, answered and audited, exactly once.
        let figures = try Self.audit(out.stdout)
        let sent = rows.map(\.requests).reduce(0, +)
        #expect(figures[0] == sent && figures[1] == sent && figures[2] == sent && figures[3] == sent, "\(out.stdout)")
        #expect(figures[4] == 0 && figures[5] == 0)
        #expect(out.stdout.contains("every decision audited"))
    }

    @Test func pacedRunOnACopyLeavesTheWorkspaceUntouched() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for step in [
            ["generate", "--cases", "300", "--seed", "3", "--out", "log.csv"], ["import", "log.csv"],
            ["train", "log", "--out", "model.json"], ["promote", "1"],
        ] {
            let run = try CLI.run(step, in: dir)
            #expect(run.status == 0, "\(step): \(run.stderr)")
        }
        let workspace = dir.appendingPathComponent("switchyard.sqlite")
        let before = try Data(contentsOf: workspace)
        // 200 requests/s for 0.5 s on one connection: 100 requests are due, and all are sent.
        let out = try CLI.run(
            ["bench", "serve", "--workspace", "switchyard.sqlite", "--connections", "1", "--duration", "0.5", "--warmup", "0",
             "--rate", "200", "--bodies", "50"], in: dir)
        #expect(out.status == 0, "\(out.stderr)\n\(out.stdout)")
        #expect(out.stdout.contains("served: model 1 from a copy of switchyard.sqlite"))
        #expect(out.stdout.contains("requests: 50 distinct exceptions of 'log', cycled"))
        #expect(out.stdout.contains("open loop at 200 requests/s"))
        #expect(Self.rows(out.stdout).map(\.requests) == [100], "\(out.stdout)")
        #expect(try Self.audit(out.stdout).prefix(4) == [100, 100, 100, 100])
        #expect(try Data(contentsOf: workspace) == before, "no token or audit row written to the user's workspace")
        #expect(try CLI.run(["tokens", "list"], in: dir).stdout.hasPrefix("no tokens"))
    }

    @Test func refusesWorkspaceOptionsWithoutAWorkspace() throws {
        let out = try CLI.run(["bench", "serve", "--model", "2"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("--model and --log choose from a workspace: give --workspace too"))
        let missing = try CLI.run(["bench", "serve", "--workspace", "/nonexistent/w.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("error: no workspace at /nonexistent/w.sqlite"))
    }

    // MARK: - LatencyHistogram

    @Test func percentilesLieInTheBucketOfTheExactValue() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {  // splitmix64: the same values every run
            seed &+= 0x9E37_79B9_7F4A_7C15
            var z = seed
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        // Log-uniform from 1 µs to ~17 s, as latencies spread.
        let values = (0..<50_000).map { _ in UInt64(exp(Double(next() % 1_000_000) / 1_000_000 * log(1.7e7))) }
        var histogram = LatencyHistogram()
        for v in values { histogram.record(micros: v) }
        let sorted = values.sorted()
        #expect(histogram.total == UInt64(values.count))
        #expect(histogram.max == sorted.last && histogram.min == sorted.first)
        for q in [0.00001, 0.1, 0.5, 0.9, 0.99, 0.999, 0.9999, 1.0] {
            let exact = sorted[Int((Double(sorted.count) * q).rounded(.up)) - 1]
            let reported = histogram.percentile(q)
            let bucket = LatencyHistogram.index(of: exact)
            let width = LatencyHistogram.bucket(bucket).width
            #expect(LatencyHistogram.index(of: reported) == bucket, "q \(q): \(reported) vs exact \(exact)")
            #expect(reported >= exact && reported - exact < width, "q \(q): \(reported) vs exact \(exact), width \(width)")
            #expect(Double(width) <= max(1, Double(exact) / 128), "a bucket is at most 1/128 of its values wide")
        }
    }

    @Test func smallValuesAreExactAndBucketsTileTheRange() {
        var histogram = LatencyHistogram()
        for v: UInt64 in [3, 7, 7, 200, 255] { histogram.record(micros: v) }
        #expect(histogram.percentile(0.2) == 3 && histogram.percentile(0.6) == 7 && histogram.percentile(0.8) == 200)
        #expect(histogram.percentile(1) == 255 && LatencyHistogram().percentile(0.5) == 0)
        // Every bucket starts where the previous one ends, up to the last.
        var expected: UInt64 = 0
        for i in 0..<LatencyHistogram.bucketCount {
            let (lower, width) = LatencyHistogram.bucket(i)
            #expect(lower == expected, "bucket \(i)")
            #expect(LatencyHistogram.index(of: lower) == i && LatencyHistogram.index(of: lower + width - 1) == i)
            expected = lower + width
        }
        #expect(expected == 1 << 27)
        #expect(LatencyHistogram.index(of: 3_600_000_000) == LatencyHistogram.bucketCount - 1, "an hour lands in the last bucket")
    }

    @Test func mergingEqualsRecordingEverythingInOne() {
        var a = LatencyHistogram(), b = LatencyHistogram(), all = LatencyHistogram()
        for v in stride(from: UInt64(1), to: 2_000_000, by: 997) {
            if v % 3 == 0 { a.record(micros: v) } else { b.record(micros: v) }
            all.record(micros: v)
        }
        a.merge(b)
        #expect(a.counts == all.counts && a.total == all.total && a.max == all.max && a.min == all.min)
    }
}
