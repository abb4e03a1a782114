import EventLog

/// How long each case took: its last timestamp minus its first, in microseconds — pm4py's
/// case duration (`get_all_case_durations`), exact to the microsecond.
///
/// Cost: one read of two timestamps per case, split over the cores; the statistics add
/// one O(cases) selection for the median.
public struct CaseDurations: Sendable, Equatable {
    /// Duration of every case in microseconds (0 for a case with fewer than two events).
    public var micros: [Int64]
    /// Whether case `c` has at least one event (empty cases are left out of ``statistics``).
    public var hasEvents: [Bool]
    /// min, median, mean, max (and more) over the cases that have events.
    public var statistics: DurationStatistics

    /// Computes the durations of every case of `log`.
    public init(log: EventLog) {
        let offsets = log.caseOffsets
        let cases = log.caseCount
        var micros = [Int64](repeating: 0, count: cases)
        var present = [Bool](repeating: false, count: cases)
        log.timestamp.withUnsafeBufferPointer { t in
            micros.withUnsafeMutableBufferPointer { out in
                present.withUnsafeMutableBufferPointer { has in
                    _ = Parallel.mapCaseSlices(offsets) { slice in
                        for c in slice {
                            let lo = offsets[c], hi = offsets[c + 1]
                            if hi > lo {
                                out[c] = t[hi - 1] &- t[lo]
                                has[c] = true
                            }
                        }
                        return 0
                    }
                }
            }
        }
        var values = present.allSatisfy { $0 } ? micros : zip(micros, present).compactMap { $1 ? $0 : nil }
        self.micros = micros
        hasEvents = present
        statistics = DurationStatistics(micros: &values)
    }

    /// Duration of case `c` in seconds.
    public func seconds(ofCase c: Int) -> Double { Double(micros[c]) / 1e6 }
}
