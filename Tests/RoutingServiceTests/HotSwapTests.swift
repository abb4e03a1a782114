import EventLog
import Foundation
import Routing
import Testing

@testable import RoutingService

/// `switchyard promote` while requests are flowing: every request is answered, each by exactly
/// one model whose version it names, and the new model takes over within a poll.
@Suite(.serialized) struct HotSwapTests {
    struct Seen: Sendable {
        var status: Int
        var headerVersion: String?
        var bodyVersion: String?
        var requestID: String?
    }

    /// Sends requests on one keep-alive connection until `stop` is set (or 60 s pass).
    static func load(port: Int, token: String, stop: Once, offset: Int) throws -> [Seen] {
        let connection = try HTTPConnection(port: port)
        let end = Date().addingTimeInterval(60)
        var seen: [Seen] = []
        var r = offset
        while Date() < end && !stop.isSet {
            let reply = try connection.send("POST", "/v1/route", token: token, json: ServiceFixtures.body(row: r % 500))
            seen.append(Seen(
                status: reply.status, headerVersion: reply.headers["x-model-version"],
                bodyVersion: (reply.json["model_id"] as? String).map { "\($0)@\(reply.json["model_version"] as? String ?? "")" },
                requestID: reply.json["request_id"] as? String))
            r += 1
        }
        return seen
    }

    @Test func promotionSwapsTheModelUnderLoadWithoutDroppingARequest() async throws {
        let versionA = "1@" + String(try RoutingModelFile.payload(try ServiceFixtures.model(0)).sha256.prefix(12))
        let versionB = "2@" + String(try RoutingModelFile.payload(try ServiceFixtures.model(1)).sha256.prefix(12))
        try await TestServer.with({ $0.pollInterval = 0.1 }) { s in
            let port = s.port, token = s.routeToken, stop = Once()
            async let a = Blocking.run { try Self.load(port: port, token: token, stop: stop, offset: 0) }
            async let b = Blocking.run { try Self.load(port: port, token: token, stop: stop, offset: 100) }
            async let c = Blocking.run { try Self.load(port: port, token: token, stop: stop, offset: 200) }
            try await Task.sleep(nanoseconds: 500_000_000)
            // As `switchyard promote 2` in another process.
            let registry = try ModelRegistry(workspace: try s.workspace())
            try registry.promote(2, actor: "test", reason: "better", details: nil)
            for _ in 0..<200 where s.server.currentModel.id != "2" { try await Task.sleep(nanoseconds: 50_000_000) }
            try await Task.sleep(nanoseconds: 500_000_000)
            _ = stop.first()
            let streams = try await [a, b, c]

            for stream in streams {
                #expect(stream.allSatisfy { $0.status == 200 }, "every request answered")
                #expect(stream.allSatisfy { $0.headerVersion != nil && $0.headerVersion == $0.bodyVersion })
                let versions = stream.compactMap(\.headerVersion)
                let firstB = versions.firstIndex(of: versionB) ?? versions.count
                #expect(versions[..<firstB].allSatisfy { $0 == versionA }, "old model until the swap")
                #expect(versions[firstB...].allSatisfy { $0 == versionB }, "never the old model again after the swap")
                #expect(firstB > 0 && firstB < versions.count, "each connection saw both models")
            }
            let all = streams.flatMap { $0 }
            #expect(s.server.currentModel.id == "2")

            // Every answer is audited under the version that gave it.
            await s.server.flushAudit()
            let db = try s.workspace().database
            var filter = AuditTable.Filter()
            filter.limit = all.count + 10
            let rows = try AuditTable.query(db, filter: filter)
            #expect(rows.count == all.count)
            let versionOf = Dictionary(uniqueKeysWithValues: rows.map { ($0.requestID, "\($0.modelID ?? "")@\($0.modelVersion ?? "")") })
            #expect(all.allSatisfy { versionOf[$0.requestID ?? ""] == $0.headerVersion })

            let metrics = try await s.request("GET", "/metrics")
            #expect(metrics.text.contains("switchyard_model_swaps_total 1\n"))
            #expect(metrics.text.contains("switchyard_model_info{model_id=\"2\",model_version=\"\(versionB.dropFirst(2))\"} 1\n"))
        }
    }

    @Test func aPromotedModelThatCannotLoadLeavesTheOldOneServing() async throws {
        try await TestServer.with { s in
            let db = try s.workspace().database
            // Damage model 2's stored file (not the audit table: the registry may be edited), then promote it.
            try db.execute("UPDATE models SET model_file = CAST('{\"format\":\"switchyard-routing-model\"}' AS BLOB) WHERE id = 2")
            try ModelRegistry(database: db).promote(2, actor: "test", reason: nil, details: nil)
            await s.server.refresh()
            #expect(s.server.currentModel.id == "1")
            let reply = try await s.route(ServiceFixtures.body(row: 1))
            #expect(reply.status == 200)
            #expect(reply.json["model_id"] as? String == "1")
            let metrics = try await s.request("GET", "/metrics")
            #expect(metrics.text.contains("switchyard_model_swap_failures_total 1\n"))
            #expect(try await s.request("GET", "/healthz").status == 200)
        }
    }

    @Test func aPinnedServerIgnoresPromotions() async throws {
        try await TestServer.with({ $0.followPromotions = false }) { s in
            try ModelRegistry(workspace: try s.workspace()).promote(2, actor: "test", reason: nil, details: nil)
            await s.server.refresh()
            #expect(s.server.currentModel.id == "1")
        }
    }
}
