import Foundation
import Testing

@testable import RoutingService

/// `/metrics` counts exactly what happened; `/healthz` says which model answers.
@Suite(.serialized) struct MetricsHealthTests {
    static func value(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test func metricsCountRequestsDecisionsReviewsAndOverrides() async throws {
        try await TestServer.with { s in
            var auto = 0, review = 0
            var ids: [String] = []
            for r in 0..<20 {
                let reply = try await s.route(ServiceFixtures.body(row: r))
                if reply.json["decision"] as? String == "auto" { auto += 1 } else { review += 1 }
                ids.append(reply.json["request_id"] as? String ?? "")
            }
            let batch = "{\"exceptions\":[\(ServiceFixtures.body(row: 30)),\(ServiceFixtures.body(row: 31))]}"
            let batchReply = try await s.request("POST", "/v1/route:batch", token: s.routeToken, json: batch)
            for item in batchReply.json["results"] as? [[String: Any]] ?? [] {
                if item["decision"] as? String == "auto" { auto += 1 } else { review += 1 }
            }
            _ = try await s.route("{")
            _ = try await s.request("POST", "/v1/route", json: "{}")
            for id in ids.prefix(3) {
                #expect(try await s.request("POST", "/v1/decisions/\(id)/override", token: s.stewardToken, json: "{\"owner\":\"tax\"}").status == 201)
            }
            let text = try await s.request("GET", "/metrics")
            #expect(text.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
            let m = text.text
            #expect(Self.value(m, "switchyard_requests_total{endpoint=\"/v1/route\",status=\"200\"}") == 20)
            #expect(Self.value(m, "switchyard_requests_total{endpoint=\"/v1/route\",status=\"400\"}") == 1)
            #expect(Self.value(m, "switchyard_requests_total{endpoint=\"/v1/route\",status=\"401\"}") == 1)
            #expect(Self.value(m, "switchyard_requests_total{endpoint=\"/v1/route:batch\",status=\"200\"}") == 1)
            #expect(Self.value(m, "switchyard_requests_total{endpoint=\"/v1/decisions/{request_id}/override\",status=\"201\"}") == 3)
            #expect(Self.value(m, "switchyard_request_duration_seconds_count{endpoint=\"/v1/route\"}") == 22)
            #expect(Self.value(m, "switchyard_request_duration_seconds_bucket{endpoint=\"/v1/route\",le=\"+Inf\"}") == 22)
            #expect(Self.value(m, "switchyard_decisions_total{decision=\"auto\"}") == Double(auto))
            #expect(Self.value(m, "switchyard_decisions_total{decision=\"review\"}") == Double(review))
            #expect(Self.value(m, "switchyard_review_rate") == Double(review) / 22)
            #expect(Self.value(m, "switchyard_overrides_total") == 3)
            #expect(Self.value(m, "switchyard_override_rate") == 3.0 / 22)
            #expect(Self.value(m, "switchyard_active_tokens") == 2)
            #expect(m.contains("# TYPE switchyard_request_duration_seconds histogram\n"))
            // Buckets are cumulative.
            var last = -1.0
            for bound in ServiceMetrics.buckets {
                let v = Self.value(m, "switchyard_request_duration_seconds_bucket{endpoint=\"/v1/route\",le=\"\(bound)\"}") ?? -2
                #expect(v >= last)
                last = v
            }
        }
    }

    @Test func healthNamesTheModel() async throws {
        try await TestServer.with { s in
            let reply = try await s.request("GET", "/healthz")
            #expect(reply.status == 200)
            #expect(reply.json["status"] as? String == "ok")
            #expect(reply.json["model_id"] as? String == "1")
            #expect(reply.json["audit_backlog"] as? Int == 0)
            #expect(reply.headers["x-model-version"] == "1@\(s.server.currentModel.version)")
        }
    }
}
