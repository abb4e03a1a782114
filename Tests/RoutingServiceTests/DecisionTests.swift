import EventLog
import Foundation
import Routing
import Testing

@testable import RoutingService

/// What `/v1/route` and `/v1/route:batch` answer is what the model says in-process.
@Suite(.serialized) struct DecisionTests {
    static func rounded(_ x: Float) -> Double { (Double(x) * 1e6).rounded() / 1e6 }

    @Test func routeAnswersWhatTheScorerSays() async throws {
        let model = try ServiceFixtures.model(0)
        let scorer = RowScorer(model: model)
        let sha = String(try RoutingModelFile.payload(model).sha256.prefix(12))
        try await TestServer.with { s in
            var auto = 0
            for r in 0..<60 {
                let expected = try scorer.score(ServiceFixtures.fields(row: r))
                let reply = try await s.route(ServiceFixtures.body(row: r))
                #expect(reply.status == 200, "\(reply.text)")
                let json = reply.json
                #expect(json["owner"] as? String == expected.owner)
                #expect(json["confidence"] as? Double == Self.rounded(expected.confidence))
                #expect(json["decision"] as? String == expected.decision.rawValue)
                let top = json["top"] as? [[String: Any]] ?? []
                #expect(top.map { $0["owner"] as? String ?? "" } == expected.top.map(\.owner))
                #expect(top.map { $0["probability"] as? Double ?? -1 } == expected.top.map { Self.rounded($0.probability) })
                #expect(json["exception_id"] as? String == ServiceFixtures.data.input.ids[r])
                #expect(json["missing"] as? [String] == [])
                #expect(json["model_id"] as? String == "1")
                #expect(json["model_version"] as? String == sha)
                #expect(reply.headers["x-model-version"] == "1@\(sha)")
                #expect(json["request_id"] as? String == reply.headers["x-request-id"])
                if expected.decision == .auto { auto += 1 }
            }
            #expect(auto > 0 && auto < 60, "the fixture model should send some exceptions each way (auto: \(auto))")
        }
    }

    @Test func batchAnswersInOrderWithOneRequestIDEach() async throws {
        let scorer = RowScorer(model: try ServiceFixtures.model(0))
        try await TestServer.with({ $0.maxBatch = 5 }) { s in
            let rows = [7, 3, 11, 3]
            let body = "{\"exceptions\":[" + rows.map { ServiceFixtures.body(row: $0) }.joined(separator: ",") + "]}"
            let reply = try await s.request("POST", "/v1/route:batch", token: s.routeToken, json: body)
            #expect(reply.status == 200, "\(reply.text)")
            let id = try #require(reply.json["request_id"] as? String)
            let results = reply.json["results"] as? [[String: Any]] ?? []
            #expect(results.count == 4)
            for (k, r) in rows.enumerated() {
                let expected = try scorer.score(ServiceFixtures.fields(row: r))
                #expect(results[k]["request_id"] as? String == "\(id).\(k)")
                #expect(results[k]["owner"] as? String == expected.owner)
                #expect(results[k]["confidence"] as? Double == Self.rounded(expected.confidence))
                #expect(results[k]["exception_id"] as? String == ServiceFixtures.data.input.ids[r])
            }

            let tooMany = "{\"exceptions\":[" + (0..<6).map { ServiceFixtures.body(row: $0) }.joined(separator: ",") + "]}"
            let refused = try await s.request("POST", "/v1/route:batch", token: s.routeToken, json: tooMany)
            #expect(refused.status == 400)
            #expect(RequestValidationTests.fields(refused) == ["exceptions": "expected 1 to 5 exceptions, found 6"])

            let bad = "{\"exceptions\":[\(ServiceFixtures.body(row: 1)),\(RequestValidationTests.body("region", "\"MARS\"")),7]}"
            let invalid = try await s.request("POST", "/v1/route:batch", token: s.routeToken, json: bad)
            #expect(invalid.status == 400)
            let fields = RequestValidationTests.fields(invalid)
            #expect(Set(fields.keys) == ["exceptions[1].region", "exceptions[2]"])
            #expect(fields["exceptions[2]"] == "expected an exception object, found a number")

            for (text, message) in [
                ("{}", "exceptions"), ("{\"exceptions\":{}}", "exceptions"), ("{\"exceptions\":[]}", "exceptions"),
            ] {
                let r = try await s.request("POST", "/v1/route:batch", token: s.routeToken, json: text)
                #expect(r.status == 400)
                #expect(RequestValidationTests.fields(r).keys.first == message)
            }
            // Nothing of the refused batches reached the audit log: 4 decisions only.
            await s.server.flushAudit()
            #expect(try AuditTable.counts(try s.workspace().database).decisions == 4)
        }
    }
}
