/// Receives finished cases in case-number order.
protocol CaseSink {
    /// Called once before any case, with the names of every resource code.
    mutating func begin(resourceNames: [String]) throws(GeneratorError)
    /// One case; its `events` are in time order and already cut at the log's end.
    mutating func write(_ c: CaseRecord) throws(GeneratorError)
}

/// What a run produced.
public struct GenerationSummary: Sendable, Equatable {
    public var cases = 0
    public var events = 0
    /// Cases without `Closed` or `Cancelled` when the log ends.
    public var openCases = 0
    public var cancelledCases = 0
    /// Cases whose legacy first assignment was the true owner.
    public var legacyCorrect = 0
    /// Cases affected by the drift.
    public var driftedCases = 0
    /// People, dispatchers and system actors.
    public var resources = 0
    /// First event and end of the log, seconds since the epoch UTC.
    public var firstEvent: Int64 = 0
    public var logEnd: Int64 = 0
}

/// The discrete-event simulation: arrivals hour by hour, an agenda of queue visits in time
/// order, and a window of cases written out in case-number order once finished.
///
/// Deterministic: one thread, seeded streams, ties broken by case number, no hashing.
/// Cost: O(events × log(active cases)); memory holds only the cases still in flight.
struct Simulation {
    private let configuration: GeneratorConfiguration
    private var factory: CaseFactory
    private let lifecycle: CaseLifecycle
    private var organisation: Organisation
    private let arrivals: ArrivalProcess
    private var agenda = Agenda()
    private var window: [CaseRecord] = []
    /// Case index (0-based) of `window[0]`.
    private var windowBase = 0
    /// Cases of the window already written.
    private var written = 0
    private var summary = GenerationSummary()

    init(configuration: GeneratorConfiguration) {
        self.configuration = configuration
        factory = CaseFactory(configuration: configuration)
        lifecycle = CaseLifecycle(configuration: configuration)
        arrivals = ArrivalProcess(configuration: configuration)
        var staffing = RandomSource(seed: configuration.seed, stream: 0x57AF_F000)
        organisation = Organisation(hoursPerDay: factory.expectedLoad(), configuration: configuration, rng: &staffing)
    }

    /// Runs the whole simulation, handing each case to `sink` in order.
    mutating func run<S: CaseSink>(into sink: inout S) throws(GeneratorError) -> GenerationSummary {
        try sink.begin(resourceNames: organisation.resourceNames)
        summary.resources = organisation.resourceNames.count
        var arrivalRNG = RandomSource(seed: configuration.seed, stream: 0xA441_7A15)
        var hour = WorkingClock.floorDiv(configuration.start, 3600) * 3600
        var created = 0
        var lastDetection = configuration.start
        while created < configuration.cases {
            for a in arrivals.hour(hour, rng: &arrivalRNG) where a.time >= configuration.start && created < configuration.cases {
                for var c in factory.cases(arrivingAt: a.time, region: a.region, limit: configuration.cases - created) {
                    lastDetection = max(lastDetection, c.detected)
                    agenda.push(lifecycle.start(&c), windowBase + window.count)
                    window.append(c)
                    created += 1
                }
            }
            hour += 3600
            process(before: hour)
            try flush(upTo: hour, into: &sink)
        }
        let logEnd = max(hour, WorkingClock.floorDiv(lastDetection, 3600) * 3600 + 3600)
        process(before: logEnd)
        summary.logEnd = logEnd
        try flush(upTo: logEnd, into: &sink, final: true)
        return summary
    }

    /// Runs every queue visit due before `end`.
    private mutating func process(before end: Int64) {
        while let next = agenda.nextTime, next < end, let item = agenda.pop() {
            let i = item.caseIndex - windowBase
            if let again = lifecycle.advance(&window[i], at: item.time, pods: &organisation.pods) {
                agenda.push(again, item.caseIndex)
            }
        }
    }

    /// Writes, in order, the finished cases whose last event is before `clock`; at the end
    /// (`final`) writes all of them, cutting events at the log's end.
    private mutating func flush<S: CaseSink>(upTo clock: Int64, into sink: inout S, final: Bool = false) throws(GeneratorError) {
        while written < window.count {
            if final {
                let keep = window[written].events.firstIndex { $0.time >= clock } ?? window[written].events.count
                window[written].events.removeSubrange(keep...)
            } else {
                guard window[written].stage == .done, let last = window[written].events.last, last.time < clock else { break }
            }
            try emit(window[written], into: &sink)
            window[written].events = []
            window[written].plan.visits = []
            written += 1
        }
        if written >= 4_096 && written * 2 >= window.count {
            window.removeFirst(written)
            windowBase += written
            written = 0
        }
    }

    private mutating func emit<S: CaseSink>(_ c: CaseRecord, into sink: inout S) throws(GeneratorError) {
        summary.cases += 1
        summary.events += c.events.count
        if let first = c.events.first?.time { summary.firstEvent = summary.cases == 1 ? first : min(summary.firstEvent, first) }
        let end = c.events.last?.activity
        if end == .cancelled { summary.cancelledCases += 1 }
        if end != .closed && end != .cancelled { summary.openCases += 1 }
        if c.legacy == c.truth.owner { summary.legacyCorrect += 1 }
        if c.truth.drifted { summary.driftedCases += 1 }
        try sink.write(c)
    }
}
