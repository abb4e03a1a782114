import EventLog
import Foundation
import Testing

@testable import Lifecycle

@Suite struct ExceptionTableCSVTests {
    private func table() throws -> ExceptionTable {
        let log = LogFixtures.log(
            [
                E("EX-1", "Exception Detected", 0, extra: ["region": .string("UK")]),
                E("EX-1", "Assigned", 10, "credit"), E("EX-1", "Reassigned", 20, "pricing, ops"),
                E("EX-1", "Resolved", 30, "pricing, ops"),
                E("EX-2", "Assigned", 0, "tax"),
                E("EX-3", "Exception Detected", 5),
            ],
            caseAttributes: [
                "EX-1": ["exception_type": .string("credit_hold"), "customer_tier": .string("key"), "order_value": .float(18423.5)],
                "EX-2": ["exception_type": .string("tax \"failure\"")],
            ])
        return try Reconstruction.reconstruct(log, profile: Presets.orders)
    }

    @Test func headerHasEveryField() throws {
        #expect(ExceptionTableCSV.header(try table()) == [
            "id", "status", "category", "customer", "order_id", "order_value", "tier", "region", "channel", "sku_family",
            "owner_sequence", "first_owner", "resolving_owner", "handoffs", "ping_pongs", "immediate_ping_pongs",
            "reopen_count", "escalations", "info_requests", "info_wait_seconds", "events", "detected_by_event",
            "detected_at", "first_assigned_at", "final_owner_assigned_at", "first_touch_at", "first_resolved_at",
            "resolved_at", "closed_at", "cancelled_at", "last_event_at", "sla_target_hours", "sla_breached", "clock_skew",
            "detection_category", "detection_customer", "detection_order_id", "detection_order_value", "detection_tier",
            "detection_region", "detection_channel", "detection_sku_family",
        ])
    }

    @Test func rowsAreExactAndQuoted() throws {
        let lines = ExceptionTableCSV.render(try table()).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines[1] == "EX-1,resolved,credit_hold,,,18423.5,key,UK,,,\"credit > pricing, ops\",credit,\"pricing, ops\","
            + "1,0,0,0,0,0,0,4,true,2025-01-06T08:00:00+00:00,2025-01-06T08:10:00+00:00,2025-01-06T08:20:00+00:00,"
            + "2025-01-06T08:30:00+00:00,2025-01-06T08:30:00+00:00,2025-01-06T08:30:00+00:00,,,2025-01-06T08:30:00+00:00,"
            + "72,false,false,credit_hold,,,18423.5,key,UK,,")
        #expect(lines[2] == "EX-2,open,\"tax \"\"failure\"\"\",,,,,,,,tax,tax,tax,0,0,0,0,0,0,0,1,false,"
            + "2025-01-06T08:00:00+00:00,2025-01-06T08:00:00+00:00,2025-01-06T08:00:00+00:00,,,,,,2025-01-06T08:00:00+00:00,"
            + "96,false,false,\"tax \"\"failure\"\"\",,,,,,,")
        #expect(lines[3] == "")
    }

    @Test func writeIsAtomicAndReplacesAnOldFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lc-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("exceptions.csv").path
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        let t = try table()
        try ExceptionTableCSV.write(t, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ExceptionTableCSV.render(t))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["exceptions.csv"])
        #expect(throws: (any Error).self) { try ExceptionTableCSV.write(t, to: dir.path + "/missing/dir/x.csv") }
    }

    @Test func microsecondsAndOldDatesFormat() {
        var b = CSVBuffer()
        b.time(-1)
        b.comma()
        b.time(LogFixtures.at(0) + 250)
        #expect(String(decoding: b.bytes, as: UTF8.self) == "1969-12-31T23:59:59.999999+00:00,2025-01-06T08:00:00.000250+00:00")
    }
}
