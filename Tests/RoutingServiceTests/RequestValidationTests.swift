import Foundation
import Routing
import Testing

@testable import RoutingService

/// Bad input over the wire: every malformed body is a 400 (413, 415) naming what is wrong, and
/// the server keeps answering.
@Suite(.serialized) struct RequestValidationTests {
    /// A valid body with one field replaced (or removed with `nil`).
    static func body(_ key: String, _ value: String?) -> String {
        var object = (try? JSONSerialization.jsonObject(with: Data(ServiceFixtures.body(row: 3).utf8))) as? [String: Any] ?? [:]
        object[key] = nil
        var text = String(decoding: (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data(), as: UTF8.self)
        if let value { text = String(text.dropLast()) + ",\"\(key)\":\(value)}" }
        return text
    }

    static func fields(_ reply: HTTPReply) -> [String: String] {
        var out: [String: String] = [:]
        for f in reply.json["fields"] as? [[String: String]] ?? [] { out[f["field"] ?? ""] = f["message"] }
        return out
    }

    @Test func malformedJSONIsA400WithTheByteOffset() async throws {
        try await TestServer.with { s in
            let cases: [(String, String)] = [
                ("{\"region\": \"UK\"", "the body is not valid JSON: expected ',' or '}' after a value, found the end of the body (byte 16)"),
                ("[1, 2]", "the body is not valid JSON: expected a JSON object starting with '{' (byte 1)"),
                ("{\"region\": \"UK\"} x", "the body is not valid JSON: unexpected text after the closing '}' (byte 18)"),
                ("{\"region\": 'UK'}", "the body is not valid JSON: expected a value, found ''' (byte 12)"),
                ("{\"a\": \"\\x\"}", "the body is not valid JSON: invalid escape '\\x' (byte 10)"),
                ("{\"a\": 01}", "the body is not valid JSON: expected ',' or '}' after a value, found '1' (byte 8)"),
                ("{\"a\": tru}", "the body is not valid JSON: expected a value (byte 7)"),
                ("", "the body is empty; send one exception as a JSON object"),
                (String(repeating: "[", count: 70) + String(repeating: "]", count: 70), "the body is not valid JSON: expected a JSON object starting with '{' (byte 1)"),
                ("{\"a\":" + String(repeating: "[", count: 70) + String(repeating: "]", count: 70) + "}",
                 "the body is not valid JSON: nested deeper than 64 levels (byte 70)"),
            ]
            for (body, message) in cases {
                let reply = try await s.route(body)
                #expect(reply.status == 400, "\(body)")
                #expect(reply.json["message"] as? String == message, "\(body): \(reply.text)")
            }
            let invalidUTF8 = try await Blocking.run { () throws -> HTTPReply in
                let c = try HTTPConnection(port: s.port)
                let bytes: [UInt8] = Array("{\"region\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
                try c.write(HTTPConnection.head("POST", "/v1/route", headers: [("Authorization", "Bearer \(s.routeToken)")], contentLength: bytes.count) + bytes)
                return try c.readReply()
            }
            #expect(invalidUTF8.status == 400)
            #expect(invalidUTF8.json["message"] as? String == "the body is not valid JSON: a string is not valid UTF-8 (byte 13)")
            #expect(try await s.route(ServiceFixtures.body(row: 3)).status == 200, "still serving")
        }
    }

    @Test func fieldProblemsAreNamedOneByOne() async throws {
        try await TestServer.with { s in
            let missing = try await s.route(Self.body("region", nil))
            #expect(missing.status == 400)
            #expect(Self.fields(missing) == ["region": "required by model 1 (send null if it is not known)"])
            #expect(missing.json["message"] as? String == "1 field is invalid: region: required by model 1 (send null if it is not known)")

            let unknown = try await s.route(Self.body("region", "\"MARS\""))
            #expect(Self.fields(unknown) == [
                "region": "unknown value 'MARS'; the model knows: APAC, EU-Central, NA-East, NA-West, UK (send null if it is not known)"
            ])
            let number = try await s.route(Self.body("order_value", "\"12,5\""))
            #expect(Self.fields(number) == ["order_value": "expected a number, found '12,5'"])
            let time = try await s.route(Self.body("detected_at", "\"yesterday\""))
            #expect(Self.fields(time) == ["detected_at": "expected an ISO 8601 time such as 2025-03-04T09:15:00Z, found 'yesterday'"])
            let numericTime = try await s.route(Self.body("detected_at", "1700000000"))
            #expect(Self.fields(numericTime) == ["detected_at": "expected an ISO 8601 time such as 2025-03-04T09:15:00Z, found a number"])
            let nested = try await s.route(Self.body("channel", "{\"a\":1}"))
            #expect(Self.fields(nested) == ["channel": "expected a string, found an object"])
            let boolNumber = try await s.route(Self.body("order_value", "true"))
            #expect(Self.fields(boolNumber) == ["order_value": "expected a number, found a boolean"])
            let duplicate = try await s.route(String(Self.body("region", "\"UK\"").dropLast()) + ",\"region\":\"APAC\"}")
            #expect(Self.fields(duplicate) == ["region": "appears more than once"])

            let several = try await s.route("{\"exception_type\":\"nope\",\"order_value\":\"x\"}")
            let f = Self.fields(several)
            #expect(Set(f.keys) == ["exception_type", "order_value", "region", "channel", "customer_tier", "sku_family", "customer_id", "detected_at"])
            #expect(f["exception_type"]?.hasPrefix("unknown value 'nope'; the model knows: compliance_hold, credit_hold,") == true)
            #expect(f["order_value"] == "expected a number, found 'x'")
            #expect(f["customer_id"] == "required by model 1 (send null if it is not known)")
            #expect(several.json["message"] as? String == "8 fields are invalid: " + ((several.json["fields"] as? [[String: String]]) ?? []).map { "\($0["field"] ?? ""): \($0["message"] ?? "")" }.joined(separator: "; "))
        }
    }

    @Test func nullMeansNotKnownAndExtraKeysAreIgnored() async throws {
        try await TestServer.with { s in
            let body = String(Self.body("region", "null").dropLast()) + ",\"ticket_text\":{\"nested\":[1,2,{\"x\":null}]},\"priority\":3}"
            let reply = try await s.route(body)
            #expect(reply.status == 200, "\(reply.text)")
            #expect(reply.json["missing"] as? [String] == ["region"])
        }
    }

    @Test func lenientModesScoreTheUnknown() async throws {
        try await TestServer.with({ $0.allowMissingFields = true; $0.allowUnknownValues = true }) { s in
            let reply = try await s.route("{\"exception_type\":\"credit_hold\",\"region\":\"MARS\"}")
            #expect(reply.status == 200, "\(reply.text)")
            #expect(Set(reply.json["missing"] as? [String] ?? []) == ["channel", "customer_tier", "sku_family", "customer_id", "order_value", "detected_at"])
        }
    }

    @Test func oversizeBodiesAre413EvenWithoutContentLength() async throws {
        try await TestServer.with({ $0.maxBodyBytes = 2048 }) { s in
            let big = "{\"exception_type\":\"" + String(repeating: "x", count: 3000) + "\"}"
            let declared = try await s.route(big)
            #expect(declared.status == 413)
            #expect(declared.json["message"] as? String == "the body is larger than the limit of 2048 bytes; send fewer exceptions per request")
            let chunked = try await Blocking.run { () throws -> HTTPReply in
                let c = try HTTPConnection(port: s.port)
                var bytes = Array("POST /v1/route HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(s.routeToken)\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
                for _ in 0..<6 { bytes += Array("200\r\n".utf8) + [UInt8](repeating: 0x20, count: 512) + Array("\r\n".utf8) }
                bytes += Array("0\r\n\r\n".utf8)
                try c.write(bytes)
                return try c.readReply()
            }
            #expect(chunked.status == 413)
            #expect(try await s.route(ServiceFixtures.body(row: 2)).status == 200)
        }
    }

    @Test func wrongMediaTypeMethodAndPath() async throws {
        try await TestServer.with { s in
            let form = try await s.request(
                "POST", "/v1/route", token: s.routeToken, json: "a=b", headers: [("Content-Type", "application/x-www-form-urlencoded")])
            #expect(form.status == 415)
            let get = try await s.request("GET", "/v1/route", token: s.routeToken)
            #expect(get.status == 405)
            #expect(get.headers["allow"] == "POST")
            let missing = try await s.request("GET", "/v2/route")
            #expect(missing.status == 404)
            #expect(missing.json["message"] as? String == "no endpoint GET /v2/route; see /openapi.json")
            let encoded = try await s.request("POST", "/v1/route%3Abatch", token: s.routeToken, json: "{\"exceptions\":[\(ServiceFixtures.body(row: 1))]}")
            #expect(encoded.status == 200, "a percent-encoded colon names the same endpoint")
        }
    }

    /// Random damage to valid bodies: never a 5xx, never a dropped connection.
    @Test func mutatedBodiesNeverCrashTheServer() async throws {
        try await TestServer.with { s in
            let statuses = try await Blocking.run { () throws -> [Int: Int] in
                var rng = SystemRandomNumberGenerator()
                var counts: [Int: Int] = [:]
                let c = try HTTPConnection(port: s.port)
                for i in 0..<400 {
                    var bytes = Array(ServiceFixtures.body(row: i % 50).utf8)
                    for _ in 0..<(1 + Int(rng.next() % 4)) {
                        let at = Int(rng.next() % UInt64(bytes.count))
                        switch rng.next() % 3 {
                        case 0: bytes[at] = UInt8(truncatingIfNeeded: rng.next())
                        case 1: bytes.remove(at: at)
                        default: bytes.insert(UInt8(truncatingIfNeeded: rng.next()), at: at)
                        }
                    }
                    try c.write(HTTPConnection.head(
                        "POST", "/v1/route", headers: [("Authorization", "Bearer \(s.routeToken)")], contentLength: bytes.count) + bytes)
                    counts[try c.readReply().status, default: 0] += 1
                }
                return counts
            }
            #expect(Set(statuses.keys).isSubset(of: [200, 400]), "\(statuses)")
            #expect(statuses.values.reduce(0, +) == 400)
        }
    }
}
