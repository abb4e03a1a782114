import Testing

@testable import EventLog

/// Merging the string pools of chunks parsed on separate threads (``StringPool/absorb(_:threads:)``)
/// must hand out exactly the codes that interning the later chunk's strings one by one would.
@Suite struct CSVChunkMergeTests {
    /// Two overlapping pools: `first` holds ids 0..<n, `second` ids n/2..<n+n/2 shuffled.
    private func pools(_ n: Int) -> (StringPool, StringPool, [String]) {
        var first = StringPool()
        for i in 0..<n { _ = first.intern("CASE-\(i)") }
        var rng = MergeTestRandom(seed: 42)
        let laterIDs = (n / 2..<(n + n / 2)).map { "CASE-\($0)" }.shuffled(using: &rng)
        return (first, StringPool(laterIDs), laterIDs)
    }

    @Test(arguments: [0, 1, 100, 70_000])
    func absorbGivesTheCodesOfInterningOneByOne(n: Int) {
        for threads in [1, 2] {
            var (merged, later, laterIDs) = pools(n)
            var expected = merged
            let expectedCodes = laterIDs.map { expected.intern($0) }
            let codes = merged.absorb(later, threads: threads)
            #expect(codes == expectedCodes)
            #expect(merged == expected)
            #expect(merged.count == n + n / 2)
            // The table still finds every string, old and new.
            for id in ["CASE-0", "CASE-\(n + n / 2 - 1)", "CASE-\(n / 2)"] where n > 1 {
                #expect(merged.code(of: id) == expected.code(of: id))
            }
            #expect(merged.code(of: "CASE-\(n + n / 2)") == nil)
        }
    }

    @Test func absorbWorksOnPoolsWithoutHashes() {
        var (merged, later, laterIDs) = pools(5_000)
        var expected = merged
        let expectedCodes = laterIDs.map { expected.intern($0) }
        merged.dropHashes()
        later.dropHashes()
        #expect(merged.absorb(later, threads: 2) == expectedCodes)
        #expect(merged == expected)
        #expect(merged.code(of: "CASE-7499") == expected.code(of: "CASE-7499"))
    }

    @Test func codesFirstThenInsertEqualsAbsorb() {
        let (first, later, _) = pools(40_000)
        var together = first, split = first
        let codes = together.absorb(later, threads: 2)
        let planned = split.absorbedCodes(later, threads: 2)
        #expect(split == first)
        split.absorbNew(later, codes: planned)
        #expect(planned == codes)
        #expect(split == together)
        #expect(split.code(of: "CASE-59999") == together.code(of: "CASE-59999"))
    }
}

/// A small deterministic generator for shuffles.
private struct MergeTestRandom: RandomNumberGenerator {
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
