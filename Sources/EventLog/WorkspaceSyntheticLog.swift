/// A deterministic, order-management-shaped log of any size, for workspace benchmarks and
/// tests that need many events without a file: ~8 events per case, cases interleaved in
/// file order, 20 activities, 200 resources, 9 groups, start/complete transitions, a few
/// out-of-order timestamps, and typed attributes of every kind with missing values.
///
/// Cost: about 1 s per 5 M events (release build).
public enum SyntheticEventLog {
    /// A log of exactly `events` events; the same `seed` gives the same log.
    public static func make(events: Int, seed: UInt64 = 1, name: String = "synthetic") -> EventLog {
        var random = SplitMix64(seed: seed)
        var b = EventLogBuilder(name: name)
        b.reserve(events: events)
        let activities = (0..<20).map { b.activities.intern("Activity \($0)") }
        let resources = (0..<200).map { b.resources.intern("user-\($0)") }
        let groups = ["credit", "planning", "pricing_ops", "integration_support", "customer_service",
            "warehouse_ops", "tax", "transport_planning", "compliance"].map { b.groups.intern($0) }
        let lifecycles = [b.lifecycles.intern("start"), b.lifecycles.intern("complete")]
        let cost = b.eventColumn("cost", type: .float)
        let step = b.eventColumn("step", type: .int)
        let note = b.eventColumn("note", type: .string)
        let urgent = b.eventColumn("urgent", type: .bool)
        let due = b.eventColumn("due", type: .date)
        let regions = ["NA-East", "NA-West", "EU-Central", "UK", "APAC"]

        var open: [(code: UInt32, time: Int64, step: Int64)] = []
        var nextCase = 0
        let start: Int64 = 1_704_067_200_000_000  // 2024-01-01
        for _ in 0..<events {
            if open.count < 64 || random.next() % 8 == 0 {
                let code = b.caseIDs.intern("EX-\(nextCase)")
                nextCase += 1
                let t0 = start + Int64(random.next() % 31_536_000) * 1_000_000
                open.append((code, t0, 0))
                b.setCaseAttribute("region", .string(regions[Int(random.next() % 5)]), caseCode: code)
                b.setCaseAttribute("order_value", .float(Double(random.next() % 10_000_000) / 100), caseCode: code)
                if random.next() % 10 != 0 { b.setCaseAttribute("priority", .int(Int64(random.next() % 4)), caseCode: code) }
            }
            let k = Int(random.next() % UInt64(open.count))
            var item = open[k]
            // Mostly forward in time; now and then a step back so the builder must sort.
            let jitter = Int64(random.next() % 7_200) - (random.next() % 50 == 0 ? 10_800 : 0)
            item.time += jitter * 1_000_000
            item.step += 1
            b.appendEvent(
                caseCode: item.code, activity: activities[Int(random.next() % 20)], timestamp: item.time,
                resource: random.next() % 20 == 0 ? StringPool.missing : resources[Int(random.next() % 200)],
                group: groups[Int(random.next() % 9)], lifecycle: lifecycles[Int(item.step % 2)])
            let row = b.eventCount - 1
            if random.next() % 5 != 0 { b.eventAttributes[cost].set(.float(Double(random.next() % 100_000) / 10), at: row) }
            b.eventAttributes[step].set(.int(item.step), at: row)
            if random.next() % 3 == 0 { b.eventAttributes[note].set(.string("note \(random.next() % 5_000)"), at: row) }
            b.eventAttributes[urgent].set(.bool(random.next() % 4 == 0), at: row)
            if random.next() % 2 == 0 { b.eventAttributes[due].set(.date(item.time + 86_400_000_000), at: row) }
            if item.step >= 4 && random.next() % 4 == 0 {
                open.remove(at: k)
            } else {
                open[k] = item
            }
        }
        return b.build()
    }
}

/// A small, fast, seedable generator (Steele, Lea, Flood: SplittableRandom's mixer).
struct SplitMix64 {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
