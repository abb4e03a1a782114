import EventLog
import Foundation
import Testing

@testable import RoutingService

/// Bearer tokens over a real loopback server: none, malformed, unknown, wrong role, revoked.
@Suite(.serialized) struct AuthTests {
    @Test func routeNeedsABearerToken() async throws {
        try await TestServer.with { s in
            let body = ServiceFixtures.body(row: 0)

            let none = try await s.request("POST", "/v1/route", json: body)
            #expect(none.status == 401)
            #expect(none.headers["www-authenticate"] == "Bearer realm=\"switchyard\"")
            #expect(none.json["error"] as? String == "unauthorized")
            #expect((none.json["message"] as? String)?.hasPrefix("missing bearer token") == true)
            #expect(none.json["request_id"] as? String == none.headers["x-request-id"])

            let basic = try await s.request("POST", "/v1/route", json: body, headers: [("Authorization", "Basic dXNlcjpwYXNz")])
            #expect(basic.status == 401)
            #expect(basic.json["message"] as? String == "the Authorization header must be 'Bearer <token>'")

            let unknown = try await s.request("POST", "/v1/route", token: "sy_000000000000000000000000000000000000000000000000", json: body)
            #expect(unknown.status == 401)
            #expect(unknown.json["message"] as? String == "unknown or revoked token")

            let ok = try await s.request("POST", "/v1/route", token: s.routeToken, json: body)
            #expect(ok.status == 200, "\(ok.text)")
            let steward = try await s.request("POST", "/v1/route", token: s.stewardToken, json: body)
            #expect(steward.status == 200, "a steward may route too")
        }
    }

    @Test func stewardEndpointsRefuseARouteToken() async throws {
        try await TestServer.with { s in
            let models = try await s.request("GET", "/v1/models/current", token: s.routeToken)
            #expect(models.status == 403)
            #expect(models.json["error"] as? String == "forbidden")
            #expect(
                models.json["message"] as? String
                    == "this endpoint needs a steward token; token \(s.routeTokenID) has the route role")
            let override = try await s.request("POST", "/v1/decisions/x/override", token: s.routeToken, json: "{\"owner\":\"tax\"}")
            #expect(override.status == 403)
            let allowed = try await s.request("GET", "/v1/models/current", token: s.stewardToken)
            #expect(allowed.status == 200)
            #expect(allowed.json["model_id"] as? String == "1")
        }
    }

    @Test func aRevokedTokenIsRefusedAfterTheNextPoll() async throws {
        try await TestServer.with { s in
            let body = ServiceFixtures.body(row: 1)
            #expect(try await s.route(body).status == 200)
            // Revoke from another connection, as `switchyard tokens revoke` in another process would.
            let store = try TokenStore(workspace: try s.workspace())
            let revoked = try store.revoke(id: s.routeTokenID, by: "test")
            #expect(revoked.isRevoked)
            #expect(throws: TokenStoreError.self) { try store.revoke(id: s.routeTokenID, by: "test") }
            await s.server.refresh()
            let after = try await s.route(body)
            #expect(after.status == 401)
            #expect(after.json["message"] as? String == "unknown or revoked token")
            #expect(try await s.request("POST", "/v1/route", token: s.stewardToken, json: body).status == 200, "other tokens still work")
        }
    }

    @Test func onlyHashesOfSecretsAreStored() async throws {
        let dir = try ServiceFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let workspace = try Workspace(path: dir.appendingPathComponent("w.sqlite").path)
        let store = try TokenStore(workspace: workspace)
        let (secret, token) = try store.create(role: .steward, name: "ops", by: "ann")
        #expect(secret.hasPrefix("sy_") && secret.count == 51)
        #expect(token.prefix == String(secret.prefix(9)))
        let stmt = try workspace.database.prepare("SELECT * FROM service_tokens")
        var cells: [String] = []
        while try stmt.step() { for i in 0..<stmt.columnCount { cells.append(stmt.text(i) ?? "") } }
        #expect(!cells.contains(secret))
        #expect(cells.contains(SHA256.hex(secret)))
        let table = try store.activeTable()
        #expect(table[SHA256.hex(secret)] == TokenIdentity(id: token.id, role: .steward, name: "ops"))
        let second = try store.create(role: .route, name: nil, by: nil)
        #expect(second.secret != secret)
        #expect(try store.list().map(\.role) == [.steward, .route])
    }
}
