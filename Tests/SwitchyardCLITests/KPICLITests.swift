import Foundation
import Testing

/// `switchyard kpi` and `switchyard bench kpi`, run as the real binary.
@Suite struct KPICLITests {
    /// A1 resolved 2 h after detection by its first owner; A2 misrouted (pricing_ops → credit),
    /// resolved 3 d 4 h after detection; A3 open at the log's end (2025-01-09T12:30Z).
    static let log = """
        case_id,activity,timestamp,resource,team,exception_type,order_id,customer_id,customer_tier,region,channel,order_value,currency,sku_family
        A1,Exception Detected,2025-01-06T08:00:00Z,system:erp,,credit_hold,SO-1,C-1,key,UK,EDI,1234567.50,GBP,industrial
        A1,Assigned,2025-01-06T08:10:00Z,Dispatcher 1,credit,credit_hold,SO-1,C-1,key,UK,EDI,1234567.50,GBP,industrial
        A1,Work Started,2025-01-06T08:30:00Z,Ann Lee,credit,credit_hold,SO-1,C-1,key,UK,EDI,1234567.50,GBP,industrial
        A1,Resolved,2025-01-06T10:00:00Z,Ann Lee,credit,credit_hold,SO-1,C-1,key,UK,EDI,1234567.50,GBP,industrial
        A1,Closed,2025-01-06T11:00:00Z,system:scheduler,,credit_hold,SO-1,C-1,key,UK,EDI,1234567.50,GBP,industrial
        A2,Exception Detected,2025-01-06T08:00:00Z,system:erp,,credit_hold,SO-2,C-2,small,UK,portal,100.00,GBP,industrial
        A2,Assigned,2025-01-06T08:20:00Z,Dispatcher 1,pricing_ops,credit_hold,SO-2,C-2,small,UK,portal,100.00,GBP,industrial
        A2,Reassigned,2025-01-06T09:00:00Z,Bo Kim,credit,credit_hold,SO-2,C-2,small,UK,portal,100.00,GBP,industrial
        A2,Resolved,2025-01-09T12:00:00Z,Ann Lee,credit,credit_hold,SO-2,C-2,small,UK,portal,100.00,GBP,industrial
        A3,Exception Detected,2025-01-09T12:00:00Z,system:erp,,tax_failure,SO-3,C-1,key,UK,EDI,50.00,GBP,industrial
        A3,Assigned,2025-01-09T12:30:00Z,Dispatcher 1,tax,tax_failure,SO-3,C-1,key,UK,EDI,50.00,GBP,industrial

        """

    private func setUp() throws -> (dir: URL, log: String) {
        let dir = try CLI.temporaryDirectory()
        let path = dir.appendingPathComponent("tiny.csv")
        try Self.log.write(to: path, atomically: true, encoding: .utf8)
        return (dir, path.path)
    }

    private func object(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func tablesReadLikeATerminalReport() throws {
        let (dir, log) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["kpi", log, "--profile", "orders", "--by", "exception_type"])
        #expect(out.status == 0, "\(out.stderr)")
        for section in ["Volume and cycle time", "First touch and routing", "Recurrence and SLA",
                        "Backlog and revenue at risk now", "Drag ranking", "Backlog now by owner", "Backlog per day"] {
            #expect(out.stdout.contains(section), "missing \(section)")
        }
        // Durations with units, thousands separators, rates in percent.
        // Resolution times 2 h and 76 h: median 1d 15h, max 3d 4h; A1's first touch after 30 minutes.
        #expect(out.stdout.contains("3d 4h") && out.stdout.contains("1d 15h") && out.stdout.contains("30m 0s"))
        // Value-days: 1 234 567.50 × 2 h + 100 × 76 h + 50 × 0.5 h, over 24 h = 103 198.3.
        #expect(out.stdout.contains("103,198"))
        #expect(out.stdout.contains("50.0 %"))  // routing accuracy: A1 right, A2 misrouted
        let total = try #require(out.stdout.split(separator: "\n").first { $0.hasPrefix("(all)") })
        #expect(total.split(separator: " ").prefix(5) == ["(all)", "3", "1", "2", "0"])
    }

    @Test func jsonCarriesRawSecondsAndValues() throws {
        let (dir, log) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["kpi", log, "--profile", "orders", "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let report = try object(out.stdout)
        let overall = try #require(report["overall"] as? [String: Any])
        let cycle = try #require((overall["cycle_time"] as? [String: Any])?["to_resolution"] as? [String: Any])
        #expect(cycle["count"] as? Int == 2)
        #expect(cycle["max_s"] as? Double == Double(76 * 3600))  // 3 d 4 h
        #expect(cycle["min_s"] as? Double == Double(2 * 3600))
        let revenue = try #require(overall["revenue"] as? [String: Any])
        #expect(revenue["total_value"] as? Double == 1_234_717.5)
        #expect(revenue["open_value"] as? Double == 50)
        let routing = try #require(overall["routing"] as? [String: Any])
        #expect(routing["accuracy"] as? Double == 0.5 && routing["handoff_distribution"] as? [Int] == [2, 1, 0, 0, 0, 0])
        // A3 repeats customer C-1 within 30 days but in another category; no recurrence.
        #expect((overall["recurrence"] as? [String: Any])?["same_customer_category"] as? Int == 0)
        #expect(report["as_of"] as? Int == 1_736_425_800_000_000)  // 2025-01-09T12:30Z
    }

    @Test func csvHasOneRowPerSliceAndTheTotal() throws {
        let (dir, log) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = try CLI.run(["kpi", log, "--profile", "orders", "--by", "exception_type,customer_tier", "--format", "csv"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(lines.count == 1 + 1 + 3)  // header, (all), three slices
        #expect(Array(lines[0].prefix(4)) == ["exception_type", "customer_tier", "detected", "resolved"])
        #expect(Array(lines[1].prefix(4)) == ["(all)", "", "3", "2"])
        #expect(lines[2].prefix(3) == ["credit_hold", "key", "1"])
        let header = lines[0].map(String.init)
        let median = try #require(header.firstIndex(of: "to_resolution_median_s"))
        #expect(lines[2][median] == "7200")
    }

    @Test func outWritesJSONAndCSVFiles() throws {
        let (dir, log) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let folder = dir.appendingPathComponent("kpi-out")
        let out = try CLI.run(["kpi", log, "--profile", "orders", "--out", folder.path, "--granularity", "day"])
        #expect(out.status == 0, "\(out.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["backlog.csv", "backlog_current.csv", "backlog_owners.csv", "drag.csv", "kpi.json", "slices.csv"])
        let report = try object(try String(contentsOf: folder.appendingPathComponent("kpi.json"), encoding: .utf8))
        #expect((report["drag"] as? [String: Any])?["rows"] as? [Any] != nil)
        // Days ending by 2025-01-09T12:30: the 6th, 7th and 8th; A2 is open on all three, A1 on none.
        let backlog = try String(contentsOf: folder.appendingPathComponent("backlog.csv"), encoding: .utf8)
        #expect(backlog.split(separator: "\n").map(String.init) == [
            "date,open,open_0-1d,open_1-3d,open_3-7d,open_7-14d,open_>14d,open_value",
            "2025-01-06,1,1,0,0,0,0,100", "2025-01-07,1,0,1,0,0,0,100", "2025-01-08,1,0,1,0,0,0,100",
        ])
    }

    @Test func readsALogFromTheWorkspace() throws {
        let (dir, log) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("ws.sqlite").path
        let imported = try CLI.run(["import", log, "--name", "tiny", "--workspace", ws])
        #expect(imported.status == 0, "\(imported.stderr)")
        let out = try CLI.run(["kpi", "tiny", "--workspace", ws, "--profile", "orders", "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let volume = try #require((try object(out.stdout)["overall"] as? [String: Any])?["volume"] as? [String: Any])
        #expect(volume["detected"] as? Int == 3 && volume["open"] as? Int == 1)
    }

    @Test func mistakesGetClearErrors() throws {
        let (dir, log) = try setUp()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknown = try CLI.run(["kpi", log, "--profile", "orders", "--by", "colour"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains(
            "error: unknown dimension 'colour'; dimensions available: category, exception_type, customer, customer_id, "
                + "order, order_id, tier, customer_tier, region, channel, sku_family, first_owner, resolving_owner, status, week, month"))
        let three = try CLI.run(["kpi", log, "--profile", "orders", "--by", "region,channel,tier"])
        #expect(three.status == 2 && three.stderr.contains("--by takes at most two dimensions, got 3"))
        let date = try CLI.run(["kpi", log, "--profile", "orders", "--from", "yesterday"])
        #expect(date.status == 2 && date.stderr.contains("--from 'yesterday' is not an ISO 8601 date or time"))
        let profile = try CLI.run(["kpi", log, "--profile", "nope.yaml"])
        #expect(profile.status == 1 && profile.stderr.contains("nope.yaml"))
    }

    @Test func benchKPIRunsSmall() throws {
        let out = try CLI.run(["bench", "kpi", "--exceptions", "2000", "--repeat", "1", "--by", "tier,week"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.contains("bench kpi: 2,000 exceptions") && out.stdout.contains("best"))
        #expect(out.stdout.contains("by tier × week"))
    }
}
