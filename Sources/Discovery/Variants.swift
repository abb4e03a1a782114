import EventLog

/// The distinct sequences of event classes ("variants") of a log, with how many cases
/// follow each and how long those cases took — pm4py's `get_variants` (a variant is the
/// tuple of activities of a case).
///
/// Each case's sequence is hashed (64 bits, on all cores), then looked up in an
/// open-addressing table of the variants found so far; a hash hit is confirmed by comparing
/// the sequences, so two different sequences never share a variant. The hash also splits
/// the variants between the cores (each core owns the sequences of its hash partition), so
/// the tables never need merging. Cost: one read of every event's class for the hashes,
/// one probe and one short compare per case, and an O(cases) grouping of case durations.
public struct VariantTable: Sendable {
    /// One variant.
    public struct Variant: Sendable, Equatable {
        /// Class codes in order (indexes into ``VariantTable/activities``;
        /// ``StringPool/missing`` for an event without a class). A slice of shared storage.
        public var sequence: ArraySlice<UInt32>
        /// Cases that follow it.
        public var count: Int
        /// Durations (last minus first timestamp) of those cases.
        public var durations: DurationStatistics
    }

    /// Class names.
    public var activities: [String]
    /// Variants, most frequent first; ties in the order the log first shows them.
    public var variants: [Variant]
    /// The variant (index into ``variants``) of every case; -1 for a case without events.
    public var variantOfCase: [Int32]

    /// Computes the variants of `log` with the given event classes.
    public init(log: EventLog, classes: EventClasses) {
        let offsets = log.caseOffsets
        let caseCount = log.caseCount
        let hashes = VariantTable.caseHashes(classes.codes, offsets)
        // Each worker owns the sequences whose hash falls in its partition, so the workers'
        // variants are disjoint and need no merging.
        let parts = Parallel.sliceCount(events: log.eventCount)
        var localOfCase = [Int32](repeating: -1, count: caseCount)
        let locals: [LocalVariants] = classes.codes.withUnsafeBufferPointer { codes in
            localOfCase.withUnsafeMutableBufferPointer { localOut in
                Parallel.map(parts) { p in
                    var local = LocalVariants()
                    for c in 0..<caseCount where VariantTable.partition(hashes[c], parts) == p {
                        let lo = offsets[c], hi = offsets[c + 1]
                        guard hi > lo else { continue }
                        let v = local.index.findOrAdd(hash: hashes[c], UnsafeBufferPointer(rebasing: codes[lo..<hi]))
                        if v == local.counts.count {
                            local.counts.append(0)
                            local.firstCase.append(c)
                        }
                        local.counts[v] += 1
                        localOut[c] = Int32(v)
                    }
                    return local
                }
            }
        }
        // Order all variants: by first appearance, then (stably) by count descending.
        var owners: [(part: Int, local: Int)] = []
        var cursors = [Int](repeating: 0, count: locals.count)
        while true {
            var best = -1
            for (p, l) in locals.enumerated() where cursors[p] < l.counts.count {
                if best < 0 || l.firstCase[cursors[p]] < locals[best].firstCase[cursors[best]] { best = p }
            }
            if best < 0 { break }
            owners.append((best, cursors[best]))
            cursors[best] += 1
        }
        let order = VariantTable.byCountDescending(owners.map { locals[$0.part].counts[$0.local] })
        var rankOf = locals.map { [Int32](repeating: -1, count: $0.counts.count) }
        var start = [Int](repeating: 0, count: order.count + 1)
        for (r, o) in order.enumerated() {
            let (p, l) = owners[o]
            rankOf[p][l] = Int32(r)
            start[r + 1] = start[r] + locals[p].counts[l]
        }
        // Each worker writes its own cases' ranks and durations into its own variants' blocks.
        var caseVariant = [Int32](repeating: -1, count: caseCount)
        var grouped = [Int64](unsafeUninitializedCapacity: start[order.count]) { _, n in n = start[order.count] }
        var cursor = start
        log.timestamp.withUnsafeBufferPointer { t in
            caseVariant.withUnsafeMutableBufferPointer { rankOut in
                grouped.withUnsafeMutableBufferPointer { out in
                    cursor.withUnsafeMutableBufferPointer { next in
                        _ = Parallel.map(parts) { p in
                            let ranks = rankOf[p]
                            for c in 0..<caseCount where VariantTable.partition(hashes[c], parts) == p {
                                let l = localOfCase[c]
                                guard l >= 0 else { continue }
                                let r = Int(ranks[Int(l)])
                                rankOut[c] = Int32(r)
                                out[next[r]] = t[offsets[c + 1] - 1] &- t[offsets[c]]
                                next[r] += 1
                            }
                            return 0
                        }
                    }
                }
            }
        }
        let stats = DurationStatistics.ofBlocks(&grouped, starts: start)
        variants = order.enumerated().map { r, o in
            let (p, l) = owners[o]
            let index = locals[p].index
            return Variant(sequence: index.storage[index.offsets[l]..<index.offsets[l + 1]], count: locals[p].counts[l], durations: stats[r])
        }
        activities = classes.names
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

    /// The worker that owns a hash: multiply-shift of its top bits (no division).
    @inline(__always)
    static func partition(_ hash: UInt64, _ parts: Int) -> Int {
        Int(truncatingIfNeeded: ((hash >> 32) &* UInt64(parts)) >> 32)
    }

    /// A 64-bit hash of every case's class sequence, computed on all cores.
    static func caseHashes(_ codes: [UInt32], _ offsets: [Int]) -> [UInt64] {
        let cases = offsets.count - 1
        var hashes = [UInt64](repeating: 0, count: cases)
        codes.withUnsafeBufferPointer { codes in
            hashes.withUnsafeMutableBufferPointer { out in
                _ = Parallel.mapCaseSlices(offsets) { slice in
                    for c in slice {
                        let lo = offsets[c], hi = offsets[c + 1]
                        var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(hi - lo)
                        for e in lo..<hi {
                            h = (h ^ UInt64(codes[e])) &* 0x9E37_79B9_7F4A_7C15
                            h ^= h >> 29
                        }
                        out[c] = h
                    }
                    return 0
                }
            }
        }
        return hashes
    }

    /// Indices of `counts` by count descending, ties in index order. O(n + max count).
    static func byCountDescending(_ counts: [Int]) -> [Int] {
        guard let top = counts.max() else { return [] }
        if top > 4 * counts.count + 1024 {
            return counts.indices.sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        }
        var bucketStart = [Int](repeating: 0, count: top + 2)
        for c in counts { bucketStart[top - c + 1] += 1 }
        for i in 0...top { bucketStart[i + 1] += bucketStart[i] }
        var out = [Int](repeating: 0, count: counts.count)
        for (i, c) in counts.enumerated() {
            out[bucketStart[top - c]] = i
            bucketStart[top - c] += 1
        }
        return out
    }
}

/// The variants one worker owns.
private struct LocalVariants {
    var index = SequenceIndex()
    var counts: [Int] = []
    var firstCase: [Int] = []
}

/// The distinct sequences seen so far, stored one after another, with an open-addressing
/// table from sequence hash to sequence id (equal hashes are told apart by comparing).
struct SequenceIndex {
    /// All distinct sequences, concatenated; sequence `i` is `storage[offsets[i]..<offsets[i + 1]]`.
    var storage: [UInt32] = []
    var offsets: [Int] = [0]
    /// Open-addressing slots: a sequence's hash and id side by side (one cache line per probe).
    private var slots = [Slot](repeating: Slot(key: 0, id: -1), count: 1024)

    private struct Slot {
        var key: UInt64
        var id: Int32
    }

    var count: Int { offsets.count - 1 }

    /// The id of `sequence` (whose hash is `hash`), adding it when new (ids are 0, 1, 2, … in order).
    mutating func findOrAdd(hash: UInt64, _ sequence: UnsafeBufferPointer<UInt32>) -> Int {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let s = slots[slot]
            if s.id < 0 { break }
            if s.key == hash && equals(Int(s.id), sequence) { return Int(s.id) }
            slot = (slot + 1) & mask
        }
        let id = count
        storage.append(contentsOf: sequence)
        offsets.append(storage.count)
        slots[slot] = Slot(key: hash, id: Int32(id))
        if count * 2 > slots.count { grow() }
        return id
    }

    private func equals(_ id: Int, _ sequence: UnsafeBufferPointer<UInt32>) -> Bool {
        let lo = offsets[id], hi = offsets[id + 1]
        guard hi - lo == sequence.count else { return false }
        return storage.withUnsafeBufferPointer { s in
            var i = 0
            while i < sequence.count {
                if s[lo + i] != sequence[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        var bigger = [Slot](repeating: Slot(key: 0, id: -1), count: slots.count * 2)
        let mask = bigger.count - 1
        for s in slots where s.id >= 0 {
            var i = Int(truncatingIfNeeded: s.key) & mask
            while bigger[i].id >= 0 { i = (i + 1) & mask }
            bigger[i] = s
        }
        slots = bigger
    }
}
