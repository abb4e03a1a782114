/// How the value of an attribute (the owner: resource or group) moves within cases.
///
/// Each case's sequence of present values is collapsed (repeats of the same value in a row
/// count once: `A A B B A` → `A B A`). On that sequence: a *change* is a step to another
/// value; a *ping-pong* is `X → Y → X` (each occurrence counted, and each case with at
/// least one); a *return* is coming back to a value held earlier, not just the one before.
/// These are the reference's `script_metrics`. Figures of two sets of cases add.
public struct RoutingMetrics: Sendable, Equatable, Codable {
    /// Cases with at least one value.
    public var casesWithAttribute = 0
    /// Cases whose first value differs from their last.
    public var firstDiffersFromLast = 0
    /// Cases with at least one change.
    public var casesWithAnyChange = 0
    /// Cases with at least one `X → Y → X`.
    public var pingPongCases = 0
    /// `X → Y → X` occurrences over all cases.
    public var pingPongOccurrences = 0
    /// Cases that come back to a value held earlier (before the previous one or any earlier).
    public var casesReturningToEarlierValue = 0
    /// Changes over all cases.
    public var totalValueChanges = 0

    public init() {}

    /// Adds another set of cases' figures.
    public mutating func merge(_ other: RoutingMetrics) {
        casesWithAttribute += other.casesWithAttribute
        firstDiffersFromLast += other.firstDiffersFromLast
        casesWithAnyChange += other.casesWithAnyChange
        pingPongCases += other.pingPongCases
        pingPongOccurrences += other.pingPongOccurrences
        casesReturningToEarlierValue += other.casesReturningToEarlierValue
        totalValueChanges += other.totalValueChanges
    }

    mutating func add(_ c: CaseFigures) {
        guard c.hasValue else { return }
        casesWithAttribute += 1
        if c.first != c.last { firstDiffersFromLast += 1 }
        if c.changes > 0 { casesWithAnyChange += 1 }
        if c.pingPongs > 0 { pingPongCases += 1 }
        pingPongOccurrences += c.pingPongs
        if c.returned { casesReturningToEarlierValue += 1 }
        totalValueChanges += c.changes
    }

    /// One case's figures.
    struct CaseFigures {
        var hasValue = false
        var first: UInt32 = 0
        var last: UInt32 = 0
        var changes = 0
        var pingPongs = 0
        var returned = false
    }

    /// Follows one case's values at a time with O(1) work per value; `seenIn[v]` holds the
    /// last case in which value `v` occurred, so nothing is cleared between cases.
    struct CaseTracker {
        private var seenIn: [Int]
        private var current = -1
        private var figures = CaseFigures()
        private var beforeLast: UInt32 = 0
        private var runs = 0

        init(valueCount: Int) { seenIn = [Int](repeating: -1, count: valueCount) }

        mutating func begin(case c: Int) {
            current = c
            figures = CaseFigures()
            runs = 0
        }

        @inline(__always)
        mutating func visit(_ v: UInt32) {
            if !figures.hasValue {
                figures.hasValue = true
                figures.first = v
                figures.last = v
                runs = 1
                seenIn[Int(v)] = current
                return
            }
            if v == figures.last { return }
            figures.changes += 1
            if runs >= 2 && v == beforeLast { figures.pingPongs += 1 }
            if seenIn[Int(v)] == current { figures.returned = true }
            seenIn[Int(v)] = current
            beforeLast = figures.last
            figures.last = v
            runs += 1
        }

        func finish() -> CaseFigures { figures }
    }
}
