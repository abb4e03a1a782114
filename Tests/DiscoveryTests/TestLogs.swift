import EventLog

/// Small logs written out by hand, and large random ones, for the discovery tests.
enum TestLogs {
    /// One event: case id, activity, seconds since 2024-01-01, and optional attributes.
    struct Row {
        var caseID: String
        var activity: String?
        var seconds: Double
        var resource: String? = nil
        var group: String? = nil
        var lifecycle: String? = nil
    }

    static let base: Int64 = 1_704_067_200_000_000  // 2024-01-01T00:00:00Z

    /// A log from rows in file order (the builder groups by case and sorts by time, stably).
    static func log(_ rows: [Row], name: String = "test") -> EventLog {
        var b = EventLogBuilder(name: name)
        for r in rows {
            let c = b.caseIDs.intern(r.caseID)
            let a = r.activity.map { b.activities.intern($0) } ?? StringPool.missing
            let res = r.resource.map { b.resources.intern($0) } ?? StringPool.missing
            let g = r.group.map { b.groups.intern($0) } ?? StringPool.missing
            let l = r.lifecycle.map { b.lifecycles.intern($0) } ?? StringPool.missing
            b.appendEvent(
                caseCode: c, activity: a, timestamp: base + Int64((r.seconds * 1e6).rounded()), resource: res, group: g,
                lifecycle: l)
        }
        return b.build()
    }

    /// A log from traces written as `"a b c"` with one hour between events, case `i` starting at day `i`.
    static func traces(_ traces: [String]) -> EventLog {
        var rows: [Row] = []
        for (i, t) in traces.enumerated() {
            for (j, a) in t.split(separator: " ").enumerated() {
                rows.append(Row(caseID: "c\(i)", activity: String(a), seconds: Double(i * 86_400 + j * 3600)))
            }
        }
        return log(rows)
    }

    /// A random log: `cases` cases of 1–`maxLength` events over `activities` activities,
    /// `resources` resources, with repeated timestamps now and then. Deterministic for a seed.
    static func random(cases: Int, activities: Int, resources: Int = 5, maxLength: Int = 12, seed: UInt64 = 42) -> EventLog {
        var rng = SplitMix64(seed: seed)
        var b = EventLogBuilder(name: "random")
        let names = (0..<activities).map { b.activities.intern("act \($0)") }
        let people = (0..<resources).map { b.resources.intern("r\($0)") }
        for c in 0..<cases {
            let code = b.caseIDs.intern("case-\(c)")
            let length = 1 + Int(rng.next() % UInt64(maxLength))
            var t = base + Int64(rng.next() % 1_000_000) * 1_000_000
            var a = Int(rng.next() % UInt64(activities))
            for _ in 0..<length {
                let r = rng.next() % 4 == 0 ? StringPool.missing : people[Int(rng.next() % UInt64(resources))]
                b.appendEvent(caseCode: code, activity: names[a], timestamp: t, resource: r)
                // Mostly a chain, sometimes a jump: gives a skewed, realistic DFG.
                a = rng.next() % 5 == 0 ? Int(rng.next() % UInt64(activities)) : (a + 1) % activities
                t += rng.next() % 3 == 0 ? 0 : Int64(rng.next() % 86_400_000_000)
            }
        }
        return b.build()
    }
}

/// A tiny deterministic generator.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Straightforward re-implementations on Swift collections, to check the fast paths against.
enum Naive {
    static func sequences(_ log: EventLog) -> [[String]] {
        (0..<log.caseCount).map { c in log.events(ofCase: c).map { log.activities.string(log.activity[$0]) } }
    }

    static func dfg(_ log: EventLog) -> [String: Int] {
        var out: [String: Int] = [:]
        for s in sequences(log) {
            for (a, b) in zip(s, s.dropFirst()) { out[a + " -> " + b, default: 0] += 1 }
        }
        return out
    }

    static func durations(_ log: EventLog) -> [String: [Int64]] {
        var out: [String: [Int64]] = [:]
        for c in 0..<log.caseCount {
            let r = Array(log.events(ofCase: c))
            for (x, y) in zip(r, r.dropFirst()) {
                let key = log.activities.string(log.activity[x]) + " -> " + log.activities.string(log.activity[y])
                out[key, default: []].append(log.timestamp[y] - log.timestamp[x])
            }
        }
        return out
    }

    static func variants(_ log: EventLog) -> [[String]: Int] {
        var out: [[String]: Int] = [:]
        for s in sequences(log) { out[s, default: 0] += 1 }
        return out
    }

    static func median(_ values: [Int64]) -> Double {
        let s = values.sorted()
        let n = s.count
        return n % 2 == 1 ? Double(s[n / 2]) / 1e6 : (Double(s[n / 2 - 1]) + Double(s[n / 2])) / 2e6
    }

    /// Handovers between consecutive present resources.
    static func handovers(_ log: EventLog) -> [String: Int] {
        var out: [String: Int] = [:]
        for c in 0..<log.caseCount {
            let values = log.events(ofCase: c).compactMap { log.resources.optionalString(log.resource[$0]) }
            for (a, b) in zip(values, values.dropFirst()) { out[a + " -> " + b, default: 0] += 1 }
        }
        return out
    }
}
