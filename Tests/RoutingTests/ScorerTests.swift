import EventLog
import Foundation
import Testing
@testable import Routing

@Suite struct ScorerTests {
    struct Routed {
        var rows: [(line: Int, id: String, row: ScoredRow)] = []
        var rejected: [RouteRejection] = []
        var summary = RouteSummary()
    }

    func route(_ model: RoutingModel, _ bytes: [UInt8], format: RouteInputFormat, idColumn: String? = "exception_id") throws -> Routed {
        let stream = RouteStream(scorer: RowScorer(model: model, idColumn: idColumn), format: format)
        var source = MemorySource(bytes)
        var out = Routed()
        out.summary = try stream.run(
            &source, onRow: { line, id, row in out.rows.append((line, String(decoding: id.bytes, as: UTF8.self), row)) },
            onReject: { out.rejected.append($0) })
        return out
    }

    /// Raw CSV and JSON Lines rows score exactly like the encoded training path (sgemm batch).
    @Test(arguments: [RouteInputFormat.csv, .jsonl])
    func rawRowsScoreLikeTheBatchPath(format: RouteInputFormat) throws {
        let model = try RoutingFixtures.model()
        let input = RoutingFixtures.data.input.sortedByTime()
        let batch = try RoutingFixtures.batchPredictions(model, input)
        let routed = try route(model, format == .csv ? input.csv() : input.jsonLines(), format: format)
        #expect(routed.summary.scored == input.rowCount)
        #expect(routed.summary.rejected == 0)
        #expect(routed.summary.rowsWithMissing == 0)
        #expect(routed.rows.map(\.id) == input.ids)
        #expect(routed.rows.first?.line == (format == .csv ? 2 : 1))
        var worst: Float = 0
        for (i, r) in routed.rows.enumerated() {
            worst = max(worst, abs(r.row.probability.0 - batch.confidence[i]))
            #expect(r.row.top.0 == batch.top1[i] || abs(r.row.probability.0 - r.row.probability.1) < 1e-4)
            #expect(r.row.decision == model.threshold.decision(r.row.probability.0))
        }
        #expect(worst < 1e-5)
        #expect(routed.summary.automated == routed.rows.filter { $0.row.decision == .auto }.count)
    }

    /// Input larger than the 1 MiB read buffer streams across chunk boundaries unchanged.
    @Test func streamingAcrossChunksGivesTheSameResults() throws {
        let model = try RoutingFixtures.model()
        let input = SyntheticRoutingData(rows: 25_000, seed: 77).input.sortedByTime()
        let bytes = input.csv()
        #expect(bytes.count > 2 << 20)
        let routed = try route(model, bytes, format: .csv)
        #expect(routed.summary.scored == 25_000)
        #expect(routed.summary.bytes == bytes.count)
        let batch = try RoutingFixtures.batchPredictions(model, input)
        let agree = routed.rows.indices.filter { routed.rows[$0].row.top.0 == batch.top1[$0] }.count
        #expect(agree >= 24_990)
        #expect(routed.rows.last?.line == 25_001)
    }

    @Test func badRowsAreRejectedWithTheirLineAndReasonAndTheRestIsScored() throws {
        let model = try RoutingFixtures.model()
        let csv = """
            exception_id,detected_at,exception_type,region,channel,customer_tier,sku_family,customer_id,order_value,note
            A1,2024-05-02T10:00:00Z,credit_hold,UK,EDI,key,electrical,C-1,1200.50,ignored
            A2,2024-05-02T10:05:00Z,credit_hold,UK,EDI,key,electrical,C-1,lots,ignored
            A3,yesterday,credit_hold,UK,EDI,key,electrical,C-1,10,ignored
            A4,2024-05-02T10:07:00Z,credit_hold,UK
            A5,2024-05-02T10:08:00Z,"tax_failure","EU-Central",portal,small,,,,"multi
            line note"
            A6,2024-05-02T10:09:00Z,credit_hold,UK,EDI,key,electrical,C-1,"12"x,ignored

            A7,2024-05-02T10:10:00+02:00,edi_failure,NA-East,EDI,standard,industrial,C-9,99,"unterminated
            """
        let routed = try route(model, Array(csv.utf8), format: .csv)
        #expect(routed.summary.rows == 7)
        #expect(routed.summary.scored == 2)
        #expect(routed.summary.rejected == 5)
        #expect(routed.rows.map(\.id) == ["A1", "A5"])
        #expect(routed.rejected.map(\.line) == [3, 4, 5, 8, 10])
        #expect(routed.rejected.map(\.reason) == [
            "column 'order_value': expected a number (found 'lots')",
            "column 'detected_at': expected an ISO 8601 time such as 2025-03-04T09:15:00+01:00 (found 'yesterday')",
            "expected 10 fields as in the header, found 4",
            "unexpected character after a closing quote (a quote inside a field must be doubled)",
            "unterminated quoted field",
        ])
        #expect(routed.rejected[0].raw.hasPrefix("A2,2024-05-02T10:05:00Z"))
        // A5: empty sku, customer and value are missing and reported.
        let scorer = RowScorer(model: model, idColumn: "exception_id")
        let a5 = try #require(routed.rows.last?.row)
        #expect(scorer.missingNames(a5.missing) == ["sku_family", "customer_id", "order_value"])
    }

    @Test func aColumnAbsentFromTheHeaderIsMissingOnEveryRowAndUnknownColumnsAreIgnored() throws {
        let model = try RoutingFixtures.model()
        let csv = "id,exception_type,detected_at,extra\nX,credit_hold,2024-06-03T09:00:00Z,1\nY,tax_failure,2024-06-03T09:30:00Z,2\n"
        let routed = try route(model, Array(csv.utf8), format: .csv, idColumn: "id")
        #expect(routed.summary.scored == 2)
        #expect(routed.summary.rowsWithMissing == 2)
        #expect(routed.summary.absentColumns == ["region", "channel", "customer_tier", "sku_family", "customer_id", "order_value"])
        #expect(routed.rows.map(\.id) == ["X", "Y"])
        let wrong = "a,b\n1,2\n"
        #expect {
            _ = try route(model, Array(wrong.utf8), format: .csv)
        } throws: { error in
            "\(error)".hasPrefix("none of the model's inputs (exception_type, region, channel, customer_tier, sku_family, customer_id, order_value, detected_at) is a column of the input; columns found: a, b")
        }
    }

    @Test func malformedJSONLinesAreRejectedAndUnknownKeysSkipped() throws {
        let model = try RoutingFixtures.model()
        let jsonl = """
            {"exception_id":"J1","detected_at":"2024-05-02T10:00:00Z","exception_type":"credit_hold","meta":{"a":[1,{"b":"}"}]},"order_value":12.5}
            {"exception_id":"J2","exception_type":"credit_hold"
            {"exception_id":"J3","region":{"nested":true}}
            not json

            {"exception_id":"J\\u00e9\\"4","exception_type":"tax_failure","order_value":null,"region":"UK"}
            """
        let routed = try route(model, Array(jsonl.utf8), format: .jsonl)
        #expect(routed.summary.scored == 2)
        #expect(routed.rows.map(\.id) == ["J1", "Jé\"4"])
        #expect(routed.rejected.map(\.line) == [2, 3, 4])
        #expect(routed.rejected.map(\.reason) == [
            "invalid JSON at byte 52: expected ',' or '}' after a value",
            "invalid JSON at byte 31: key 'region' holds an object or array; expected a string or number",
            "invalid JSON at byte 1: expected '{' at the start of the line",
        ])
        let scorer = RowScorer(model: model)
        #expect(scorer.missingNames(routed.rows[1].row.missing).contains("order_value"))
    }

    /// The single-exception API agrees with the streamed path and reports missing inputs.
    @Test func singleRowScoringMatchesTheStream() throws {
        let model = try RoutingFixtures.model()
        let fields = [
            "exception_id": "S1", "detected_at": "2024-05-02T10:00:00Z", "exception_type": "pricing_discrepancy",
            "region": "EU-Central", "channel": "portal", "customer_tier": "key", "sku_family": "electrical",
            "customer_id": "C-3", "order_value": "1830.25",
        ]
        let scorer = RowScorer(model: model, idColumn: "exception_id")
        let single = try scorer.score(fields)
        let header = scorer.inputNames
        let csv = header.joined(separator: ",") + "\n" + header.map { fields[$0] ?? "" }.joined(separator: ",") + "\n"
        let routed = try route(model, Array(csv.utf8), format: .csv)
        let streamed = try #require(routed.rows.first?.row)
        #expect(single == scorer.decision(streamed))
        #expect(single.top.count == 3)
        #expect(single.missingFeatures.isEmpty)
        #expect(abs(single.top.map(\.probability).reduce(0, +) - 1) < 0.5)
        let partial = try scorer.score(["exception_type": "pricing_discrepancy", "unknown": "x"])
        #expect(partial.missingFeatures == [
            "region", "channel", "customer_tier", "sku_family", "customer_id", "order_value", "detected_at",
        ])
        #expect(throws: RowProblem(column: "order_value", reason: "expected a number", found: "1,5")) {
            try scorer.score(["order_value": "1,5"])
        }
    }
}

@Suite struct ParallelRouteTests {
    struct Collected: Equatable {
        var rows: [String] = []
        var rejected: [RouteRejection] = []
    }

    func collect(_ stream: RouteStream, _ bytes: [UInt8]) throws -> (Collected, RouteSummary) {
        var source = MemorySource(bytes)
        var out = Collected()
        let summary = try stream.run(
            &source,
            onRow: { line, id, row in
                out.rows.append("\(line) \(String(decoding: id.bytes, as: UTF8.self)) \(row.top.0) \(row.probability.0) \(row.decision) \(row.missing)")
            },
            onReject: { out.rejected.append($0) })
        return (out, summary)
    }

    /// Two threads give exactly the single-threaded results, in order, across buffers, with
    /// quoted newlines, doubled quotes and bad rows scattered through the input.
    @Test(arguments: [RouteInputFormat.csv, .jsonl])
    func twoThreadsMatchOneThread(format: RouteInputFormat) throws {
        var config = RoutingTrainingConfiguration()
        config.features = FeatureConfig(hashed: ["customer_id"], hashBits: 6)
        let model = try RoutingTraining.train(RoutingFixtures.data.input, configuration: config)
        var input = SyntheticRoutingData(rows: 60_000, seed: 3).input.sortedByTime()
        // Odd ids: quotes, commas and newlines inside quoted CSV fields / escaped JSON strings.
        for r in stride(from: 7, to: input.rowCount, by: 997) { input.ids[r] = "odd \"id\",\nline \(r)" }
        var text = format == .csv ? input.csv() : input.jsonLines()
        // Bad rows at a few places (a number that does not parse, a broken record).
        let bad = Array((format == .csv ? "X1,2024-05-01T00:00:00Z,credit_hold,UK,EDI,key,electrical,C-1,oops\n" : "{\"exception_id\": 12\n").utf8)
        for position in [text.count / 3, text.count / 2, 2 * text.count / 3] {
            let lineStart = text[position...].firstIndex(of: 0x0A).map { $0 + 1 } ?? text.count
            text.insert(contentsOf: bad, at: lineStart)
        }
        let single = RouteStream(model: model, idColumns: ["exception_id"], format: format, threads: 1)
        let double = RouteStream(model: model, idColumns: ["exception_id"], format: format, threads: 2)
        #expect(double.threads == 2)
        let (a, sa) = try collect(single, text)
        let (b, sb) = try collect(double, text)
        #expect(sa.scored == 60_000)
        #expect(sa.rejected == 3)
        #expect(sa == sb)
        #expect(a == b)
    }

    @Test func modelsWithHistoryCountsScoreOnOneThread() throws {
        let stream = RouteStream(model: try RoutingFixtures.model(), idColumns: [], format: .csv, threads: 2)
        #expect(stream.threads == 1)
    }
}
