import Foundation
import Testing

@testable import RoutingService

/// The committed OpenAPI document describes the running server exactly: the same operations,
/// and every status and body the server gives is documented with that shape.
@Suite(.serialized) struct OpenAPIConformanceTests {
    static var documentURL: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/RoutingService/openapi.json")
    }

    static func document() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(OpenAPIDocument.json.utf8)) as? [String: Any])
    }

    @Test func theEmbeddedDocumentIsTheCommittedFile() throws {
        let file = try String(contentsOf: Self.documentURL, encoding: .utf8)
        #expect(
            file == OpenAPIDocument.json + "\n",
            "Sources/RoutingService/OpenAPIDocument.swift is stale: regenerate it from openapi.json (see its header)")
        let doc = try Self.document()
        #expect(doc["openapi"] as? String == "3.1.0")
    }

    @Test func theDocumentListsExactlyTheServersOperations() throws {
        let paths = try #require(try Self.document()["paths"] as? [String: [String: Any]])
        var documented: Set<String> = []
        for (path, operations) in paths { for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") } }
        let served = Set(Endpoint.allCases.filter { $0 != .other }.map { "\($0.method) \($0.rawValue)" })
        #expect(documented == served)
    }

    /// One observed answer: which documented operation and what came back.
    struct Observation {
        var path: String
        var method: String
        var reply: HTTPReply
    }

    @Test func everyAnswerMatchesTheDocument() async throws {
        let doc = try Self.document()
        var seen: [Observation] = []
        let body = ServiceFixtures.body(row: 4)
        let batch = "{\"exceptions\":[\(body),\(ServiceFixtures.body(row: 5))]}"
        let override = "/v1/decisions/{request_id}/override"

        try await TestServer.with({ $0.maxBodyBytes = 4096 }) { s in
            func observe(_ method: String, _ path: String, _ template: String? = nil, token: String? = nil, json: String? = nil,
                         headers: [(String, String)] = []) async throws -> HTTPReply {
                let reply = try await s.request(method, path, token: token, json: json, headers: headers)
                seen.append(Observation(path: template ?? path, method: method.lowercased(), reply: reply))
                return reply
            }
            let big = "{\"x\":\"" + String(repeating: "y", count: 5000) + "\"}"
            let form = [("Content-Type", "text/csv")]
            for path in ["/v1/route", "/v1/route:batch"] {
                _ = try await observe("POST", path, token: s.routeToken, json: path == "/v1/route" ? body : batch)
                _ = try await observe("POST", path, token: s.routeToken, json: "{\"exception_type\":7")
                _ = try await observe("POST", path, token: s.routeToken, json: "{\"exceptions\":[{\"region\":\"MARS\"}],\"region\":\"MARS\"}")
                _ = try await observe("POST", path, json: body)
                _ = try await observe("POST", path, token: s.routeToken, json: big)
                _ = try await observe("POST", path, token: s.routeToken, json: body, headers: form)
            }
            let decided = try await observe("POST", "/v1/route", token: s.routeToken, json: body)
            let id = decided.json["request_id"] as? String ?? ""
            _ = try await observe("POST", "/v1/decisions/\(id)/override", override, token: s.stewardToken, json: "{\"owner\":\"tax\",\"reason\":null}")
            _ = try await observe("POST", "/v1/decisions/\(id)/override", override, token: s.stewardToken, json: "{\"owner\":5}")
            _ = try await observe("POST", "/v1/decisions/\(id)/override", override, token: s.stewardToken, json: "{\"owner\"")
            _ = try await observe("POST", "/v1/decisions/\(id)/override", override, json: "{\"owner\":\"tax\"}")
            _ = try await observe("POST", "/v1/decisions/\(id)/override", override, token: s.routeToken, json: "{\"owner\":\"tax\"}")
            _ = try await observe("POST", "/v1/decisions/unknown/override", override, token: s.stewardToken, json: "{\"owner\":\"tax\"}")
            _ = try await observe("POST", "/v1/decisions/\(id)/override", override, token: s.stewardToken, json: big)
            _ = try await observe("POST", "/v1/decisions/\(id)/override", override, token: s.stewardToken, json: "{}", headers: form)
            _ = try await observe("GET", "/v1/models/current", token: s.stewardToken)
            _ = try await observe("GET", "/v1/models/current")
            _ = try await observe("GET", "/v1/models/current", token: s.routeToken)
            _ = try await observe("GET", "/healthz")
            _ = try await observe("GET", "/metrics")
            let served = try await observe("GET", "/openapi.json")
            #expect(served.text == OpenAPIDocument.json)
        }
        // 429 on every governed operation.
        try await TestServer.with({ $0.rateLimit = 0.01; $0.burst = 1 }) { s in
            for (method, path, template, token, json) in [
                ("POST", "/v1/route", "/v1/route", s.routeToken, body), ("POST", "/v1/route:batch", "/v1/route:batch", s.routeToken, batch),
                ("POST", "/v1/decisions/x/override", override, s.stewardToken, "{\"owner\":\"tax\"}"),
                ("GET", "/v1/models/current", "/v1/models/current", s.stewardToken, nil),
            ] {
                _ = try await s.request(method, path, token: token, json: json)
                let reply = try await s.request(method, path, token: token, json: json)
                #expect(reply.status == 429, "\(path)")
                seen.append(Observation(path: template, method: method.lowercased(), reply: reply))
            }
        }
        // 503 while the audit log cannot keep up.
        try await TestServer.with({ $0.maxAuditBacklog = 0 }) { s in
            for (path, json) in [("/v1/route", body), ("/v1/route:batch", batch)] {
                let reply = try await s.request("POST", path, token: s.routeToken, json: json)
                #expect(reply.status == 503)
                seen.append(Observation(path: path, method: "post", reply: reply))
            }
        }

        let validator = SchemaValidator(document: doc)
        let paths = doc["paths"] as? [String: [String: Any]] ?? [:]
        var covered: Set<String> = []
        for o in seen {
            let operation = paths[o.path]?[o.method] as? [String: Any]
            let responses = operation?["responses"] as? [String: Any] ?? [:]
            guard let response = responses[String(o.reply.status)] as? [String: Any] else {
                Issue.record("\(o.method.uppercased()) \(o.path) answered \(o.reply.status), which the document does not list: \(o.reply.text)")
                continue
            }
            covered.insert("\(o.method) \(o.path) \(o.reply.status)")
            for (name, _) in response["headers"] as? [String: Any] ?? [:] {
                #expect(o.reply.headers[name.lowercased()] != nil, "\(o.path) \(o.reply.status): documented header \(name) missing")
            }
            let content = response["content"] as? [String: [String: Any]] ?? [:]
            let type = (o.reply.headers["content-type"] ?? "").split(separator: ";").first.map(String.init) ?? ""
            guard let media = content[type], let schema = media["schema"] as? [String: Any] else {
                Issue.record("\(o.path) \(o.reply.status): content type \(type) is not documented")
                continue
            }
            let value: Any = type == "application/json" ? ((try? JSONSerialization.jsonObject(with: Data(o.reply.body))) ?? NSNull()) : o.reply.text
            let problems = validator.validate(value, against: schema)
            #expect(problems.isEmpty, "\(o.method.uppercased()) \(o.path) \(o.reply.status): \(problems)")
        }
        // Every documented answer was seen, except those that need a failing disk.
        let needsAFailingDisk: Set<String> = ["get /healthz 503", "post \(override) 503"]
        var documented: Set<String> = []
        for (path, operations) in paths {
            for (method, operation) in operations {
                for status in ((operation as? [String: Any])?["responses"] as? [String: Any] ?? [:]).keys {
                    documented.insert("\(method) \(path) \(status)")
                }
            }
        }
        #expect(documented.subtracting(needsAFailingDisk).subtracting(covered).sorted() == [])
    }
}
