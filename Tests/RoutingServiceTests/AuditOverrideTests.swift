import EventLog
import Foundation
import Routing
import Testing

@testable import RoutingService

/// Every decision and override lands in the append-only audit table, and overrides feed training.
@Suite(.serialized) struct AuditOverrideTests {
    @Test func everyDecisionIsAuditedWithItsInputHashAndOutput() async throws {
        try await TestServer.with { s in
            var replies: [(String, HTTPReply)] = []
            for r in 0..<12 {
                let body = ServiceFixtures.body(row: r)
                replies.append((body, try await s.route(body)))
            }
            await s.server.flushAudit()
            let db = try s.workspace().database
            let rows = try AuditTable.query(db, filter: AuditTable.Filter())
            #expect(rows.count == 12)
            for (body, reply) in replies {
                let id = try #require(reply.json["request_id"] as? String)
                var filter = AuditTable.Filter()
                filter.requestID = id
                let row = try #require(try AuditTable.query(db, filter: filter).first)
                #expect(row.kind == .decision)
                #expect(row.tokenID == s.routeTokenID)
                #expect(row.modelID == "1")
                #expect(row.modelVersion == reply.json["model_version"] as? String)
                #expect(row.inputSHA256 == SHA256.hex(body))
                #expect(row.input == body)
                #expect(row.output == reply.text, "the audited output is the answer, byte for byte")
                #expect(row.owner == reply.json["owner"] as? String)
                #expect(row.decision == reply.json["decision"] as? String)
                #expect(ISO8601Parser.parse(row.at) != nil)
            }
            #expect(throws: SQLiteError.self) { try db.execute("UPDATE routing_audit SET owner = 'x'") }
            #expect(throws: SQLiteError.self) { try db.execute("DELETE FROM routing_audit") }
            #expect(try AuditTable.counts(db).decisions == 12, "the audit table is append-only")
        }
    }

    @Test func overrideRoundTrip() async throws {
        try await TestServer.with { s in
            let decision = try await s.route(ServiceFixtures.body(row: 9))
            let id = try #require(decision.json["request_id"] as? String)
            let original = try #require(decision.json["owner"] as? String)
            let newOwner = SyntheticRoutingData.owners.first { $0 != original } ?? "tax"
            let body = "{\"owner\":\"\(newOwner)\",\"reason\":\"customer is VAT-exempt\",\"by\":\"j.doe\"}"
            let reply = try await s.request("POST", "/v1/decisions/\(id)/override", token: s.stewardToken, json: body)
            #expect(reply.status == 201, "\(reply.text)")
            let json = reply.json
            #expect(json["request_id"] as? String == id)
            #expect(json["owner"] as? String == newOwner)
            #expect(json["known_owner"] as? Bool == true)
            #expect(json["reason"] as? String == "customer is VAT-exempt")
            #expect(json["by"] as? String == "j.doe")
            #expect(json["token_id"] as? Int == Int(s.stewardTokenID))
            let originalJSON = json["original"] as? [String: Any] ?? [:]
            #expect(originalJSON["owner"] as? String == original)
            #expect(originalJSON["decision"] as? String == decision.json["decision"] as? String)
            #expect(originalJSON["model_version"] as? String == decision.json["model_version"] as? String)

            // Committed before the answer: visible at once from another connection.
            var filter = AuditTable.Filter()
            filter.requestID = id
            let rows = try AuditTable.query(try s.workspace().database, filter: filter)
            #expect(rows.map(\.kind) == [.override, .decision])
            #expect(rows[0].owner == newOwner && rows[0].decision == "override" && rows[0].tokenID == s.stewardTokenID)
            #expect(rows[0].inputSHA256 == SHA256.hex(body))
            #expect(rows[0].output == reply.text)

            let unknownID = try await s.request("POST", "/v1/decisions/nope-1/override", token: s.stewardToken, json: body)
            #expect(unknownID.status == 404)
            #expect(unknownID.json["message"] as? String == "no decision with request id 'nope-1' in the audit log")
            let noOwner = try await s.request("POST", "/v1/decisions/\(id)/override", token: s.stewardToken, json: "{\"reason\":\"x\"}")
            #expect(noOwner.status == 400)
            #expect(RequestValidationTests.fields(noOwner) == ["owner": "required: the owner that actually took the exception"])
            let typo = try await s.request("POST", "/v1/decisions/\(id)/override", token: s.stewardToken, json: "{\"onwer\":\"tax\"}")
            #expect(RequestValidationTests.fields(typo)["onwer"] == "unknown field; expected owner, reason, by")

            // A second correction wins for training; both stay in the log.
            let again = try await s.request("POST", "/v1/decisions/\(id)/override", token: s.stewardToken, json: "{\"owner\":\"warehouse_ops\"}")
            #expect(again.status == 201)
            #expect(again.json["by"] as? String == "ops", "by defaults to the token's name")
            let overrides = try OverrideLabels.read(try s.workspace().database)
            #expect(overrides.count == 1)
            #expect(overrides.first?.owner == "warehouse_ops")
            #expect(overrides.first?.exceptionID == ServiceFixtures.data.input.ids[9])
            #expect(overrides.first?.fields["region"] == ServiceFixtures.data.input.categoricalColumn("region")?.value(at: 9))
        }
    }

    @Test func overridesRelabelKnownExceptionsAndAddNewOnes() throws {
        var input = ServiceFixtures.data.input.rows(Array(0..<100))
        let label = try #require(input.label)
        let before = label.value(at: 4)
        let other = SyntheticRoutingData.owners.first { $0 != before } ?? "tax"
        var newFields = ServiceFixtures.fields(row: 200)
        newFields["exception_id"] = "EX-NEW"
        let overrides = [
            RecordedOverride(requestID: "r-1", owner: other, fields: ["exception_id": input.ids[4], "region": "UK"], decidedAt: 0),
            RecordedOverride(requestID: "r-2", owner: label.value(at: 5) ?? "", fields: ["exception_id": input.ids[5]], decidedAt: 0),
            RecordedOverride(requestID: "r-3", owner: "compliance", fields: newFields, decidedAt: 42),
            RecordedOverride(requestID: "r-4", owner: "tax", fields: ["region": "APAC"], decidedAt: 1_700_000_000_000_000),
        ]
        let summary = OverrideLabels.apply(overrides, to: &input, timeColumn: "detected_at")
        #expect(summary == OverrideLabelSummary(relabelled: 1, unchanged: 1, added: 2))
        #expect(input.rowCount == 102)
        try input.validate()
        #expect(input.label?.value(at: 4) == other)
        #expect(input.categoricalColumn("region")?.value(at: 4) == ServiceFixtures.data.input.categoricalColumn("region")?.value(at: 4),
                "a relabel changes the label only")
        #expect(input.ids[100] == "EX-NEW" && input.label?.value(at: 100) == "compliance")
        #expect(input.detectedAt[100] == ServiceFixtures.data.input.detectedAt[200])
        #expect(input.categoricalColumn("region")?.value(at: 100) == newFields["region"])
        #expect(input.numericColumn("order_value")?.values[100] == ServiceFixtures.data.input.numericColumn("order_value")?.values[200])
        #expect(input.ids[101] == "r-4", "no exception id: the request id stands in")
        #expect(input.detectedAt[101] == 1_700_000_000_000_000, "no time field: the decision time stands in")
        #expect(input.numericColumn("order_value")?.values[101].isNaN == true)
        #expect(input.legacy?.value(at: 101) == nil)
    }
}
