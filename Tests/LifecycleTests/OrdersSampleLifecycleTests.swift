import EventLog
import Foundation
import Testing

@testable import Lifecycle

/// The `orders` preset on the bundled `datasets/orders-sample.csv`, checked against an
/// independent reading of the raw CSV rows with the vocabulary's own rules (first owner =
/// team of the first `Assigned`; resolving owner = team of the last `Resolved`; each
/// `Reassigned` is a handoff, and one to a team that held the case before is a ping-pong),
/// and against the generator's truth file (`legacy_owner` = first assigned team).
@Suite struct OrdersSampleLifecycleTests {
    struct Expected: Equatable {
        var first: String
        var resolving: String
        var handoffs: Int
        var pingPongs: Int
        var cancelled: Bool
    }

    static var datasets: URL { LogFixtures.repositoryRoot.appendingPathComponent("datasets") }

    /// Reads the CSV with a plain split (the generator never quotes a cell), groups rows by
    /// case and orders each case by time (Foundation's ISO 8601 parser), then applies the
    /// vocabulary's rules.
    static func expectations() throws -> [String: Expected] {
        let text = try String(contentsOf: datasets.appendingPathComponent("orders-sample.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines.removeFirst()
        let id = try #require(header.firstIndex(of: "case_id")), act = try #require(header.firstIndex(of: "activity"))
        let ts = try #require(header.firstIndex(of: "timestamp")), team = try #require(header.firstIndex(of: "team"))
        var byCase: [String: [(time: Date, row: Int, activity: String, team: String)]] = [:]
        for (n, cells) in lines.enumerated() {
            let time = try Date(cells[ts], strategy: .iso8601)
            byCase[cells[id], default: []].append((time, n, cells[act], cells[team]))
        }
        var out: [String: Expected] = [:]
        for (caseID, rows) in byCase {
            let events = rows.sorted { $0.time != $1.time ? $0.time < $1.time : $0.row < $1.row }
            guard let firstAssigned = events.first(where: { $0.activity == "Assigned" }) else { continue }
            var held: [String] = [firstAssigned.team]
            var handoffs = 0, pingPongs = 0
            for e in events where e.activity == "Reassigned" && e.team != held.last {
                handoffs += 1
                if held.contains(e.team) { pingPongs += 1 }
                held.append(e.team)
            }
            let lastOwner = events.last { !$0.team.isEmpty && $0.team != "dispatch" }?.team ?? ""
            out[caseID] = Expected(
                first: firstAssigned.team, resolving: events.last { $0.activity == "Resolved" }?.team ?? lastOwner,
                handoffs: handoffs, pingPongs: pingPongs, cancelled: events.contains { $0.activity == "Cancelled" })
        }
        return out
    }

    @Test func ordersPresetMatchesTheVocabularyRulesOnTheRawRows() throws {
        let log = try EventLogImporter.read(Self.datasets.appendingPathComponent("orders-sample.csv").path).log
        let table = try Reconstruction.reconstruct(log, profile: Presets.orders)
        #expect(table.warnings.isEmpty)
        #expect(table.count + table.unusable.count == 5000)
        let expected = try Self.expectations()
        var got: [String: Expected] = [:]
        for r in 0..<table.count {
            got[table.id(r)] = Expected(
                first: table.owners.string(table.firstOwner[r]), resolving: table.owners.string(table.resolvingOwner[r]),
                handoffs: Int(table.handoffs[r]), pingPongs: Int(table.pingPongs[r]), cancelled: table.status[r] == .cancelled)
        }
        #expect(got.count == expected.count)
        for (id, e) in expected.sorted(by: { $0.key < $1.key }) where got[id] != e {
            Issue.record("\(id): table \(String(describing: got[id])) vs raw rows \(e)")
        }
        // Cases never assigned are the unusable ones, each for want of an owner.
        #expect(Set(table.unusable.map(\.caseID)) == Set(log.caseIDs.strings).subtracting(expected.keys))
        #expect(table.unusable.allSatisfy { $0.reason == .noOwner })
        // Every row has its category, tier and order value at detection (case attributes).
        #expect(table.attribute(.category)?.atDetection.allSatisfy { $0 != StringPool.missing } == true)
        #expect(table.orderValueAtDetection.allSatisfy { !$0.isNaN })
    }

    @Test func firstOwnerIsTheTruthFilesLegacyOwner() throws {
        let log = try EventLogImporter.read(Self.datasets.appendingPathComponent("orders-sample.csv").path).log
        let table = try Reconstruction.reconstruct(log, profile: Presets.orders)
        let truth = try String(contentsOf: Self.datasets.appendingPathComponent("orders-sample-truth.csv"), encoding: .utf8)
        var rows = truth.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        let header = rows.removeFirst()
        let id = try #require(header.firstIndex(of: "case_id")), legacy = try #require(header.firstIndex(of: "legacy_owner"))
        var checked = 0
        for cells in rows {
            guard let r = table.row(ofCase: String(cells[id])), !cells[legacy].isEmpty else { continue }
            #expect(table.owners.string(table.firstOwner[r]) == String(cells[legacy]), "\(cells[id])")
            checked += 1
        }
        #expect(checked == table.count)
    }
}
