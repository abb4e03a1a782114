import ArgumentParser
import EventLog
import Foundation
import Lifecycle

/// `switchyard bench lifecycle`: reconstruction speed on a synthetic order-exception log.
struct BenchLifecycleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lifecycle",
        abstract: "Time lifecycle reconstruction (orders preset) on a synthetic log of N exceptions.",
        discussion: """
            Builds an in-memory log in the orders vocabulary (about 7 events per exception: detection, \
            classification, assignment, reassignments with ping-pongs, work, info requests, escalations, \
            resolution, reopenings, closure or cancellation, and case attributes), then times \
            reconstruction --repeat times and prints each run and the best. Build with -c release first.
            """)

    @Option(help: "Number of exceptions (cases).")
    var exceptions = 1_000_000
    @Option(name: .customLong("repeat"), help: "Timed runs.")
    var repetitions = 3
    @Option(help: "Also time writing the CSV to this path.")
    var csv: String?
    @Option(help: "Random seed.")
    var seed: UInt64 = 7

    func validate() throws {
        guard exceptions >= 1 else { throw ValidationError("--exceptions must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var log = EventLog()
        let buildTime = clock.measure { log = SyntheticExceptionLog.make(exceptions: exceptions, seed: seed) }
        print("bench lifecycle: \(TextFormat.thousands(exceptions)) exceptions, \(TextFormat.thousands(log.eventCount)) events")
        print("  build synthetic log   \(format(buildTime))")
        var best = Duration.seconds(1_000_000)
        var table: ExceptionTable?
        for run in 1...repetitions {
            var result: ExceptionTable?
            let t = try clock.measure { result = try Reconstruction.reconstruct(log, profile: Presets.orders) }
            best = min(best, t)
            table = result
            print("  reconstruct run \(run)     \(format(t))  \(rate(exceptions, t)) exceptions/s  \(rate(log.eventCount, t)) events/s")
        }
        guard let table else { return }
        print("  best                  \(format(best))  (target ≤ 1 s for 1 M exceptions)")
        let s = LifecycleSummary(table, logName: "synthetic")
        print("  rows \(s.exceptions), unusable \(s.unusable), open \(s.open), closed \(s.closed), cancelled \(s.cancelled), "
            + "handoffs \(s.handoffs), ping-pong \(s.pingPongExceptions), reopened \(s.reopened)")
        if let csv {
            let t = try clock.measure { try ExceptionTableCSV.write(table, to: csv) }
            let size = ((try? FileManager.default.attributesOfItem(atPath: csv))?[.size] as? Int) ?? 0
            print("  write CSV             \(format(t))  \(size / 1_000_000) MB")
        }
    }

    private func format(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.3f s", s)
    }

    private func rate(_ n: Int, _ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return TextFormat.thousands(Int(Double(n) / max(s, 1e-9)))
    }
}

/// A deterministic synthetic log in the `orders` vocabulary, for benchmarks.
enum SyntheticExceptionLog {
    static let types = [
        "credit_hold", "inventory_shortfall", "pricing_discrepancy", "edi_failure", "incomplete_shipping_data",
        "duplicate_order", "tax_failure", "transport_constraint", "compliance_hold",
    ]
    static let teams = [
        "credit", "planning", "pricing_ops", "integration_support", "customer_service", "warehouse_ops", "tax",
        "transport_planning", "compliance",
    ]
    static let tiers = ["strategic", "key", "standard", "small"]
    static let regions = ["NA-East", "NA-West", "EU-Central", "UK", "APAC"]
    static let channels = ["EDI", "portal", "sales_rep", "marketplace_api"]
    static let skus = ["industrial", "electrical", "hazardous_chemicals", "consumables", "bulky_freight", "spare_parts"]

    /// `exceptions` cases, ~7 events each. Cost: O(events).
    static func make(exceptions: Int, seed: UInt64) -> EventLog {
        var rng = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed
        func next() -> UInt64 {
            rng ^= rng << 13
            rng ^= rng >> 7
            rng ^= rng << 17
            return rng
        }
        func pick(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) < p * 1_000_000 }

        var b = EventLogBuilder(name: "synthetic")
        b.reserve(events: exceptions * 9)
        let act = [
            "Exception Detected", "Exception Classified", "Assigned", "Reassigned", "Work Started", "Info Requested",
            "Info Received", "Escalated", "Resolved", "Reopened", "Closed", "Cancelled",
        ].map { b.activities.intern($0) }
        let teamCodes = teams.map { b.groups.intern($0) }
        let dispatch = b.groups.intern("dispatch")
        let columns = ["exception_type", "customer_id", "order_id", "customer_tier", "region", "channel", "sku_family"]
        for name in columns { b.caseAttributes.append(AttributeColumn(name: name, type: .string)) }
        b.caseAttributes.append(AttributeColumn(name: "order_value", type: .float))
        var idBytes = [UInt8]()
        var t: Int64 = 1_735_689_600 * 1_000_000
        for i in 0..<exceptions {
            idBytes.removeAll(keepingCapacity: true)
            idBytes += "EX-".utf8
            idBytes += String(i).utf8
            let c = idBytes.withUnsafeBytes { b.caseIDs.intern($0) }
            t += Int64(20 + pick(60)) * 1_000_000
            var now = t
            func event(_ a: Int, _ g: UInt32 = StringPool.missing) {
                b.appendEvent(caseCode: c, activity: act[a], timestamp: now, group: g)
                now += Int64(60 + pick(7200)) * 1_000_000
            }
            let type = pick(types.count)
            event(0)
            event(1, dispatch)
            var owner = teamCodes[chance(0.7) ? type : pick(teams.count)]
            let firstOwner = owner
            event(2, owner)
            if chance(0.3) {
                let other = teamCodes[type] == owner ? teamCodes[pick(teams.count)] : teamCodes[type]
                if other != owner {
                    owner = other
                    event(3, owner)
                    if chance(0.2) {
                        event(3, firstOwner)
                        event(3, owner)
                    }
                }
            }
            event(4, owner)
            if chance(0.2) {
                event(5, owner)
                event(6, owner)
            }
            if chance(0.05) { event(7, owner) }
            if chance(0.04) {
                event(11, owner)
            } else if !chance(0.03) {
                event(8, owner)
                if chance(0.05) {
                    event(9, owner)
                    event(8, owner)
                }
                if chance(0.9) { event(10) }
            }
            let values = [
                types[type], "C-" + String(pick(10_000)), "SO-" + String(i / 2), tiers[pick(4)], regions[pick(5)],
                channels[pick(4)], skus[pick(6)],
            ]
            for (k, v) in values.enumerated() { b.caseAttributes[k].append(.string(v)) }
            b.caseAttributes[columns.count].append(.float(Double(100 + pick(50_000))))
        }
        return b.build()
    }
}
