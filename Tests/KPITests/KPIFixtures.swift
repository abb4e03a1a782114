import EventLog
import Foundation
import Lifecycle

@testable import KPI

/// Hand-made order-exception logs for the KPI tests, in the `orders` vocabulary.
enum KPIFixtures {
    /// One event: case, activity, minutes after ``base``, team.
    struct Event {
        var caseID: String
        var activity: String
        var minute: Int
        var team: String?

        init(_ caseID: String, _ activity: String, _ minute: Int, _ team: String? = nil) {
            self.caseID = caseID
            self.activity = activity
            self.minute = minute
            self.team = team
        }
    }

    /// Case attributes in the orders vocabulary (`nil` = not set).
    struct Case {
        var type: String?
        var region: String?
        var customer: String?
        var order: String?
        var tier: String?
        var value: Double?

        init(_ type: String?, _ region: String?, _ customer: String?, _ order: String?, _ tier: String? = "standard",
             value: Double? = nil) {
            self.type = type
            self.region = region
            self.customer = customer
            self.order = order
            self.tier = tier
            self.value = value
        }
    }

    /// 2025-01-06T08:00:00Z (a Monday) in µs.
    static let base: Int64 = 1_736_150_400 * 1_000_000

    /// µs of `minute` minutes after ``base``.
    static func at(_ minute: Int) -> Int64 { base + Int64(minute) * 60_000_000 }

    /// Seconds in `m` minutes.
    static func minutes(_ m: Double) -> Double { m * 60 }

    /// A log from events (file order) and case attributes.
    static func log(_ events: [Event], cases: [String: Case]) -> EventLog {
        var b = EventLogBuilder(name: "fixture")
        for e in events {
            let c = b.caseIDs.intern(e.caseID)
            let g = e.team.map { b.groups.intern($0) } ?? StringPool.missing
            b.appendEvent(caseCode: c, activity: b.activities.intern(e.activity), timestamp: at(e.minute), group: g)
        }
        for (id, k) in cases.sorted(by: { $0.key < $1.key }) {
            guard let c = b.caseIDs.code(of: id) else { continue }
            let text: [(String, String?)] = [
                ("exception_type", k.type), ("region", k.region), ("customer_id", k.customer), ("order_id", k.order),
                ("customer_tier", k.tier),
            ]
            for (name, v) in text { b.setCaseAttribute(name, v.map { .string($0) }, caseCode: c) }
            b.setCaseAttribute("order_value", k.value.map { .float($0) }, caseCode: c)
        }
        return b.build()
    }

    /// The table of a log under `profile` (default: the orders preset).
    static func table(_ events: [Event], cases: [String: Case], profile: LifecycleProfile = Presets.orders) throws
        -> ExceptionTable
    {
        try Reconstruction.reconstruct(log(events, cases: cases), profile: profile)
    }

    typealias E = Event

    /// The standard fixture: seven cases, every answer worked out by hand in the tests.
    ///
    /// - X1 credit_hold, EU, C1, O1, 1 000: assigned credit at 10, work 30, resolved 120, closed 180.
    /// - X2 credit_hold, NA, C2, O2, key, 2 000: pricing_ops at 20 (works at 40), reassigned to credit
    ///   at 60, work 90, resolved 300, closed 400 (misrouted, misroute delay 40 min).
    /// - X3 pricing_discrepancy, EU, C1, O3, 500: pricing_ops 70 → credit 80 → pricing_ops 100
    ///   (ping-pong), work 130, resolved 200, reopened 1000, resolved 1100, closed 1200.
    /// - X4 edi_failure, NA, C3, O4, no value: detected 100, integration_support at 110, work 200, open.
    /// - X5 credit_hold, EU, C1, O1 (X1's customer, category and order), 300: detected 500,
    ///   customer_service at 510, cancelled 600.
    /// - X6 credit_hold: detected 50, classified by dispatch at 55, never assigned (unusable).
    /// - X7 inventory_shortfall, APAC, C4, O7, 10 000: detected 900, planning at 905, open, untouched.
    ///
    /// The log ends at 1200 (X3's closure), the as-of instant.
    static let standardEvents: [Event] = [
        E("X1", "Exception Detected", 0), E("X1", "Exception Classified", 5, "dispatch"), E("X1", "Assigned", 10, "credit"),
        E("X1", "Work Started", 30, "credit"), E("X1", "Resolved", 120, "credit"), E("X1", "Closed", 180),
        E("X2", "Exception Detected", 0), E("X2", "Assigned", 20, "pricing_ops"), E("X2", "Work Started", 40, "pricing_ops"),
        E("X2", "Reassigned", 60, "credit"), E("X2", "Work Started", 90, "credit"), E("X2", "Resolved", 300, "credit"),
        E("X2", "Closed", 400),
        E("X3", "Exception Detected", 60), E("X3", "Assigned", 70, "pricing_ops"), E("X3", "Reassigned", 80, "credit"),
        E("X3", "Reassigned", 100, "pricing_ops"), E("X3", "Work Started", 130, "pricing_ops"),
        E("X3", "Resolved", 200, "pricing_ops"), E("X3", "Reopened", 1000), E("X3", "Resolved", 1100, "pricing_ops"),
        E("X3", "Closed", 1200),
        E("X4", "Exception Detected", 100), E("X4", "Assigned", 110, "integration_support"),
        E("X4", "Work Started", 200, "integration_support"),
        E("X5", "Exception Detected", 500), E("X5", "Assigned", 510, "customer_service"),
        E("X5", "Cancelled", 600, "customer_service"),
        E("X6", "Exception Detected", 50), E("X6", "Exception Classified", 55, "dispatch"),
        E("X7", "Exception Detected", 900), E("X7", "Assigned", 905, "planning"),
    ]

    static let standardCases: [String: Case] = [
        "X1": Case("credit_hold", "EU", "C1", "O1", value: 1000),
        "X2": Case("credit_hold", "NA", "C2", "O2", "key", value: 2000),
        "X3": Case("pricing_discrepancy", "EU", "C1", "O3", value: 500),
        "X4": Case("edi_failure", "NA", "C3", "O4", value: nil),
        "X5": Case("credit_hold", "EU", "C1", "O1", value: 300),
        "X6": Case("credit_hold", "EU", "C9", "O9", value: 50),
        "X7": Case("inventory_shortfall", "APAC", "C4", "O7", value: 10_000),
    ]

    static func standardTable(profile: LifecycleProfile = Presets.orders) throws -> ExceptionTable {
        try table(standardEvents, cases: standardCases, profile: profile)
    }

    /// KPIs of the standard fixture.
    static func standardReport(_ configure: (inout KPIOptions) -> Void = { _ in }, profile: LifecycleProfile = Presets.orders)
        throws -> KPIReport
    {
        var options = KPIOptions(profile: profile)
        configure(&options)
        return try KPIEngine.compute(try standardTable(profile: profile), options: options)
    }

    /// The slice of `report` with these labels.
    static func slice(_ report: KPIReport, _ labels: String...) -> SliceKPIs? {
        report.slices.first { $0.labels == labels }
    }

    /// The events and cases of the cases whose id satisfies `keep`.
    static func subset(_ events: [Event], _ cases: [String: Case], keep: (String) -> Bool) -> ([Event], [String: Case]) {
        (events.filter { keep($0.caseID) }, cases.filter { keep($0.key) })
    }

    /// A seeded random log of `count` exceptions (for merge and invariant tests).
    static func random(count: Int, seed: UInt64) -> ([Event], [String: Case]) {
        var state = seed | 1
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        func pick(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        let types = ["credit_hold", "inventory_shortfall", "pricing_discrepancy", "edi_failure"]
        let teams = ["credit", "planning", "pricing_ops", "integration_support", "customer_service"]
        let regions = ["EU", "NA", "APAC"]
        var events: [Event] = []
        var cases: [String: Case] = [:]
        for i in 0..<count {
            let id = "R\(i)"
            var t = i * 7 + pick(60)
            func add(_ a: String, _ team: String? = nil) {
                events.append(Event(id, a, t, team))
                t += 1 + pick(3000)
            }
            let type = pick(types.count)
            add("Exception Detected")
            if pick(40) == 0 { continue }  // never assigned
            var owner = teams[pick(teams.count)]
            add("Assigned", owner)
            for _ in 0..<pick(3) {
                owner = teams[pick(teams.count)]
                add("Reassigned", owner)
            }
            if pick(5) > 0 { add("Work Started", owner) }
            switch pick(10) {
            case 0: add("Cancelled", owner)
            case 1: break  // stays open
            default:
                add("Resolved", owner)
                if pick(8) == 0 {
                    add("Reopened")
                    add("Resolved", owner)
                }
                if pick(4) > 0 { add("Closed") }
            }
            cases[id] = Case(
                types[type], regions[pick(regions.count)], "C\(pick(count / 8 + 1))", "O\(pick(count))",
                ["strategic", "key", "standard"][pick(3)], value: pick(10) == 0 ? nil : Double(pick(1_000_000)) / 100)
        }
        return (events, cases)
    }
}
