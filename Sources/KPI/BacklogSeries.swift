import EventLog
import Lifecycle

/// The accumulator behind ``BacklogKPIs``: per UTC day, difference arrays of open exceptions
/// by age bucket, by owner and of open value; and the current backlog by owner.
///
/// Each exception adds +1 where it enters an age bucket (or an owner's hands) and −1 where
/// it leaves, so a row costs O(buckets + owners it had), and partitions merge by adding
/// arrays. Days run from the earliest detection to the last day ending by now, at most
/// ``maximumDays``; memory 8 bytes × days × (buckets + owners + 2).
struct BacklogSeries: Sendable {
    static let maximumDays = 3660
    static let unassigned = "(unassigned)"

    let lastDay: Int
    private(set) var firstDay: Int
    private var ages: [[Int64]]
    private var value: [WideSum]
    private(set) var owners = StringPool()
    private var ownerDiffs: [[Int64]] = []
    private var nowByOwner: [[Int]] = []
    private var nowValueByOwner: [WideSum] = []

    init(now: Int64) {
        lastDay = Int((now + 1).floorDiv(microsPerDay)) - 1
        firstDay = lastDay + 1
        ages = [[Int64]](repeating: [0], count: AgeBuckets.count)
        value = [WideSum()]
        _ = channel(BacklogSeries.unassigned)
    }

    private var lowestDay: Int { lastDay - BacklogSeries.maximumDays + 1 }

    /// Makes the arrays start at `day` (or the lowest allowed day) if they start later.
    mutating func extend(toDay day: Int) {
        let target = max(day, lowestDay)
        guard target < firstDay else { return }
        let grow = firstDay - target
        for b in ages.indices { ages[b].insert(contentsOf: repeatElement(0, count: grow), at: 0) }
        value.insert(contentsOf: repeatElement(WideSum(), count: grow), at: 0)
        for o in ownerDiffs.indices { ownerDiffs[o].insert(contentsOf: repeatElement(0, count: grow), at: 0) }
        firstDay = target
    }

    /// The channel of an owner name, created if new.
    mutating func channel(_ owner: String) -> Int { channel(bytes: Array(owner.utf8)) }

    mutating func channel(bytes: [UInt8]) -> Int {
        let code = Int(bytes.withUnsafeBytes { owners.intern($0) })
        while ownerDiffs.count <= code {
            ownerDiffs.append([Int64](repeating: 0, count: ages[0].count))
            nowByOwner.append([Int](repeating: 0, count: AgeBuckets.count))
            nowValueByOwner.append(WideSum())
        }
        return code
    }

    /// The channels of a table's owners.
    mutating func channels(for table: ExceptionTable) -> [Int] {
        (0..<table.owners.count).map { c in
            channel(bytes: table.owners.withBytes(UInt32(c)) { Array($0) })
        }
    }

    /// Day indices `[lo, hi)` of the points at which an interval `[a, b)` (b = `noTime`: no end) is open.
    @inline(__always)
    private func points(_ a: Int64, _ b: Int64) -> (Int, Int)? {
        let lo = max(Int(a.floorDiv(microsPerDay)), firstDay)
        let hi = b == noTime ? lastDay + 1 : min(Int(b.floorDiv(microsPerDay)), lastDay + 1)
        return lo < hi ? (lo - firstDay, hi - firstDay) : nil
    }

    /// Adds one row: `f` its facts; `owners[spells]` its owners (codes of its table, mapped by
    /// `channels`) and `since[spells]` when each took it; `now` the as-of instant.
    @inline(__always)
    mutating func add(
        _ f: RowFacts, owners: [UInt32], since: [Int64], spells: Range<Int>, channels: [Int], now: Int64
    ) {
        let a = f.detectedAt, end = f.end
        guard end == noTime || end >= a else { return }
        @inline(__always) func clip(_ t: Int64) -> Int64 { end == noTime ? t : (t == noTime ? end : min(t, end)) }
        for b in 0..<AgeBuckets.count {
            let lo = a + AgeBuckets.lowerBounds[b]
            let hi = clip(b + 1 < AgeBuckets.count ? a + AgeBuckets.lowerBounds[b + 1] : noTime)
            if hi != noTime, lo >= hi { continue }
            if let (i, j) = points(lo, hi) {
                ages[b][i] += 1
                ages[b][j] -= 1
            }
        }
        if f.hasValue, let (i, j) = points(a, end) {
            value[i].add(f.valueCents)
            value[j].subtract(f.valueCents)
        }
        var spellStart = a
        var holder = 0  // unassigned
        for s in spells {
            addOwner(holder, spellStart, clip(max(since[s], a)))
            holder = channels[Int(owners[s])]
            spellStart = max(since[s], a)
        }
        addOwner(holder, spellStart, end)
        if f.state == .open, f.ageBucket >= 0 {
            var current = 0
            for s in spells where since[s] <= now { current = channels[Int(owners[s])] }
            nowByOwner[current][f.ageBucket] += 1
            if f.hasValue { nowValueByOwner[current].add(f.valueCents) }
        }
    }

    @inline(__always)
    private mutating func addOwner(_ channel: Int, _ a: Int64, _ b: Int64) {
        if b != noTime, b <= a { return }
        if let (i, j) = points(a, b) {
            ownerDiffs[channel][i] += 1
            ownerDiffs[channel][j] -= 1
        }
    }

    /// Adds `other`'s arrays (same as-of instant).
    mutating func merge(_ other: BacklogSeries) {
        extend(toDay: other.firstDay)
        let offset = other.firstDay - firstDay
        for b in ages.indices {
            for (k, v) in other.ages[b].enumerated() { ages[b][k + offset] += v }
        }
        for (k, v) in other.value.enumerated() { value[k + offset].add(v) }
        for c in 0..<other.owners.count {
            let mine = channel(bytes: other.owners.withBytes(UInt32(c)) { Array($0) })
            for (k, v) in other.ownerDiffs[c].enumerated() { ownerDiffs[mine][k + offset] += v }
            for b in 0..<AgeBuckets.count { nowByOwner[mine][b] += other.nowByOwner[c][b] }
            nowValueByOwner[mine].add(other.nowValueByOwner[c])
        }
    }

    /// The series and the current backlog.
    func report(granularity: BacklogGranularity) -> BacklogKPIs {
        let days = max(0, lastDay - firstDay + 1)
        var runningAges = [Int64](repeating: 0, count: AgeBuckets.count)
        var runningOwners = [Int64](repeating: 0, count: owners.count)
        var runningValue = WideSum()
        var raw: [(day: Int, ages: [Int64], owners: [Int64], value: WideSum)] = []
        for k in 0..<days {
            for b in 0..<AgeBuckets.count { runningAges[b] += ages[b][k] }
            for o in 0..<owners.count { runningOwners[o] += ownerDiffs[o][k] }
            runningValue.add(value[k])
            let day = firstDay + k
            if granularity == .day || ((day % 7) + 7 + 4) % 7 == 0 { raw.append((day, runningAges, runningOwners, runningValue)) }
        }
        // Owners in name order ("(unassigned)" first), those with any open exception.
        let names = (0..<owners.count).map { owners.string(UInt32($0)) }
        let used = (0..<owners.count).filter { o in
            nowByOwner[o].contains { $0 != 0 } || ownerDiffs[o].contains { $0 != 0 }
        }
        let order = used.sorted { a, b in
            (a == 0) != (b == 0) ? a == 0 : names[a] < names[b]
        }
        let series = raw.map { p in
            BacklogPoint(
                date: CalendarLabels.dayLabel(p.day), open: Int(p.ages.reduce(0, +)), byAge: p.ages.map { Int($0) },
                byOwner: order.map { Int(p.owners[$0]) }, openValue: p.value.doubleValue / 100)
        }
        var total = [Int](repeating: 0, count: AgeBuckets.count)
        var totalValue = WideSum()
        var byOwner: [OwnerBacklog] = []
        for o in order {
            for b in 0..<AgeBuckets.count { total[b] += nowByOwner[o][b] }
            totalValue.add(nowValueByOwner[o])
            let open = nowByOwner[o].reduce(0, +)
            if open > 0 {
                byOwner.append(
                    OwnerBacklog(owner: names[o], open: open, byAge: nowByOwner[o], openValue: nowValueByOwner[o].doubleValue / 100))
            }
        }
        let current = CurrentBacklog(
            open: total.reduce(0, +), byAge: total, openValue: totalValue.doubleValue / 100, byOwner: byOwner)
        return BacklogKPIs(
            granularity: granularity, ageBuckets: AgeBuckets.labels, owners: order.map { names[$0] }, series: series,
            current: current)
    }
}
