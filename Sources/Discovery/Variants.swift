import EventLog

/// The distinct sequences of event classes ("variants") of a log, with how many cases
/// follow each and how long those cases took — pm4py's `get_variants` (a variant is the
/// tuple of activities of a case).
///
/// Each case's sequence is hashed (64 bits) and looked up in a table of the slice's
/// variants; a hash hit is confirmed by comparing the sequences, so two different
/// sequences never share a variant. Slices run on separate cores and their tables merge
/// by the same rule. Cost: about two reads of each event's class plus one hash-map probe
/// per case; durations are grouped per variant for the medians (O(cases)).
public struct VariantTable: Sendable {
    /// One variant.
    public struct Variant: Sendable, Equatable {
        /// Class codes in order (indexes into ``VariantTable/activities``;
        /// ``StringPool/missing`` for an event without a class).
        public var sequence: [UInt32]
        /// Cases that follow it.
        public var count: Int
        /// Durations (last minus first timestamp) of those cases.
        public var durations: DurationStatistics
    }

    /// Class names.
    public var activities: [String]
    /// Variants, most frequent first; ties by their activity names, element by element.
    public var variants: [Variant]
    /// The variant (index into ``variants``) of every case; -1 for a case without events.
    public var variantOfCase: [Int32]

    /// Computes the variants of `log` with the given event classes.
    public init(log: EventLog, classes: EventClasses) {
        let offsets = log.caseOffsets
        let local: [LocalVariants] = classes.codes.withUnsafeBufferPointer { codes in
            offsets.withUnsafeBufferPointer { offs in
                Parallel.mapCaseSlices(offsets) { slice in
                    LocalVariants(codes: codes, offsets: offs, cases: slice)
                }
            }
        }
        // Merge slice tables into one, in slice order (so first-seen order is the log's).
        var representative: [Int] = []  // a case of each global variant
        var counts: [Int] = []
        var byHash: [UInt64: Int] = [:]
        var overflow: [[UInt32]: Int] = [:]
        var caseVariant = [Int32](repeating: -1, count: log.caseCount)
        classes.codes.withUnsafeBufferPointer { codes in
            for part in local {
                var globalOf = [Int](repeating: 0, count: part.representative.count)
                for (v, rep) in part.representative.enumerated() {
                    let h = part.hashes[v]
                    let g: Int
                    if let hit = byHash[h], sameSequence(codes, offsets, hit: representative[hit], rep) {
                        g = hit
                    } else if byHash[h] == nil {
                        g = representative.count
                        byHash[h] = g
                        representative.append(rep)
                        counts.append(0)
                    } else {
                        let key = Array(codes[offsets[rep]..<offsets[rep + 1]])
                        if let found = overflow[key] {
                            g = found
                        } else {
                            g = representative.count
                            overflow[key] = g
                            representative.append(rep)
                            counts.append(0)
                        }
                    }
                    globalOf[v] = g
                    counts[g] += part.counts[v]
                }
                for (i, c) in part.cases.enumerated() {
                    let v = part.variantOfCase[i]
                    if v >= 0 { caseVariant[c] = Int32(globalOf[Int(v)]) }
                }
            }
        }
        // Case durations grouped by variant (counting sort), then statistics per variant.
        var start = [Int](repeating: 0, count: counts.count + 1)
        for (g, c) in counts.enumerated() { start[g + 1] = start[g] + c }
        var cursor = start
        var grouped = [Int64](repeating: 0, count: start.last ?? 0)
        for c in 0..<log.caseCount {
            let g = Int(caseVariant[c])
            guard g >= 0 else { continue }
            grouped[cursor[g]] = log.timestamp[offsets[c + 1] - 1] - log.timestamp[offsets[c]]
            cursor[g] += 1
        }
        let stats: [DurationStatistics] = grouped.withUnsafeMutableBufferPointer { all in
            (0..<counts.count).map { g in
                DurationStatistics(buffer: UnsafeMutableBufferPointer(rebasing: all[start[g]..<start[g + 1]]))
            }
        }
        let names = classes.names
        var table: [Variant] = (0..<counts.count).map { g in
            let rep = representative[g]
            return Variant(
                sequence: Array(classes.codes[offsets[rep]..<offsets[rep + 1]]), count: counts[g],
                durations: stats[g])
        }
        // Order: count descending, then by names (compared through each name's sorted rank).
        let nameRank = VariantTable.ranks(of: names)
        let order = table.indices.sorted { a, b in
            if table[a].count != table[b].count { return table[a].count > table[b].count }
            return VariantTable.precedes(table[a].sequence, table[b].sequence, nameRank)
        }
        var rank = [Int32](repeating: -1, count: order.count)
        for (r, g) in order.enumerated() { rank[g] = Int32(r) }
        table = order.map { table[$0] }
        for c in 0..<caseVariant.count where caseVariant[c] >= 0 { caseVariant[c] = rank[Int(caseVariant[c])] }
        activities = names
        variants = table
        variantOfCase = caseVariant
    }

    /// Computes the variants of `log` classified by `classifier`.
    public init(log: EventLog, classifier: ActivityClassifier = .activity) throws(DiscoveryError) {
        self.init(log: log, classes: try classifier.classes(of: log))
    }

    /// The class names of variant `i`.
    public func names(of i: Int) -> [String] {
        variants[i].sequence.map { $0 == StringPool.missing ? "" : activities[Int($0)] }
    }

    /// Number of variants.
    public var count: Int { variants.count }

    /// Rank of each name in sorted order; a missing class (empty name) ranks first.
    static func ranks(of names: [String]) -> [Int] {
        var rank = [Int](repeating: 0, count: names.count)
        for (r, i) in names.indices.sorted(by: { names[$0] < names[$1] }).enumerated() { rank[i] = r + 1 }
        return rank
    }

    /// Whether sequence `a` sorts before `b` by activity names, element by element.
    static func precedes(_ a: [UInt32], _ b: [UInt32], _ rank: [Int]) -> Bool {
        for (x, y) in zip(a, b) where x != y {
            let rx = x == StringPool.missing ? 0 : rank[Int(x)]
            let ry = y == StringPool.missing ? 0 : rank[Int(y)]
            if rx != ry { return rx < ry }
        }
        return a.count < b.count
    }
}

private func sameSequence(_ codes: UnsafeBufferPointer<UInt32>, _ offsets: [Int], hit a: Int, _ b: Int) -> Bool {
    let la = offsets[a + 1] - offsets[a], lb = offsets[b + 1] - offsets[b]
    guard la == lb else { return false }
    let oa = offsets[a], ob = offsets[b]
    for i in 0..<la where codes[oa + i] != codes[ob + i] { return false }
    return true
}

/// The variants of one slice of cases.
private struct LocalVariants {
    var cases: Range<Int>
    var representative: [Int] = []
    var hashes: [UInt64] = []
    var counts: [Int] = []
    var variantOfCase: [Int32]

    init(codes: UnsafeBufferPointer<UInt32>, offsets: UnsafeBufferPointer<Int>, cases: Range<Int>) {
        self.cases = cases
        variantOfCase = [Int32](repeating: -1, count: cases.count)
        var byHash: [UInt64: Int32] = [:]
        byHash.reserveCapacity(1024)
        var overflow: [[UInt32]: Int32] = [:]
        for c in cases {
            let lo = offsets[c], hi = offsets[c + 1]
            guard hi > lo else { continue }
            var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(hi - lo)
            for e in lo..<hi {
                h = (h ^ UInt64(codes[e])) &* 0x9E37_79B9_7F4A_7C15
                h ^= h >> 29
            }
            let v: Int32
            if let hit = byHash[h] {
                let rep = representative[Int(hit)]
                if Self.same(codes, offsets, rep, c) {
                    v = hit
                } else {
                    let key = Array(codes[lo..<hi])
                    if let found = overflow[key] {
                        v = found
                    } else {
                        v = Int32(representative.count)
                        overflow[key] = v
                        representative.append(c)
                        hashes.append(h)
                        counts.append(0)
                    }
                }
            } else {
                v = Int32(representative.count)
                byHash[h] = v
                representative.append(c)
                hashes.append(h)
                counts.append(0)
            }
            counts[Int(v)] += 1
            variantOfCase[c - cases.lowerBound] = v
        }
    }

    static func same(_ codes: UnsafeBufferPointer<UInt32>, _ offsets: UnsafeBufferPointer<Int>, _ a: Int, _ b: Int) -> Bool {
        let la = offsets[a + 1] - offsets[a], lb = offsets[b + 1] - offsets[b]
        guard la == lb else { return false }
        let oa = offsets[a], ob = offsets[b]
        for i in 0..<la where codes[oa + i] != codes[ob + i] { return false }
        return true
    }
}
