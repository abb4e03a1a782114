import Testing
@testable import Discovery

@Suite struct ParallelTests {
    @Test func slicesCoverEveryCaseOnceInOrder() {
        let offsets = [0, 5, 6, 20, 21, 22, 40, 41]
        for k in 1...5 {
            let slices = Parallel.caseSlices(offsets, count: k)
            #expect(slices.count == k)
            #expect(slices.first?.lowerBound == 0)
            #expect(slices.last?.upperBound == 7)
            for (a, b) in zip(slices, slices.dropFirst()) { #expect(a.upperBound == b.lowerBound) }
        }
    }

    @Test func mapKeepsIndexOrder() {
        let out = Parallel.map(8) { $0 * $0 }
        #expect(out == [0, 1, 4, 9, 16, 25, 36, 49])
    }
}
