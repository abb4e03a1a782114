/// The wall time of one stage of a read (parsing, merging the parts parsed on separate
/// threads, grouping by case, building columns), so that `switchyard bench import` can show
/// where the time goes.
public struct ImportPhaseTiming: Sendable, Equatable {
    public let name: String
    public let seconds: Double

    public init(name: String, seconds: Double) {
        self.name = name
        self.seconds = seconds
    }
}

/// Records the wall time between successive laps.
struct ImportPhaseClock {
    private var last = ContinuousClock.now
    private(set) var phases: [ImportPhaseTiming] = []

    /// Ends the stage called `name` now and starts the next.
    mutating func lap(_ name: String) {
        let now = ContinuousClock.now
        let elapsed = (now - last).components
        phases.append(ImportPhaseTiming(name: name, seconds: Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18))
        last = now
    }
}
