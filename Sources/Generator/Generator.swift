import EventLog

/// Realistic order-exception event logs with a known truth behind them.
///
/// One seeded, single-threaded discrete-event simulation drives every output, so a seed
/// always gives the same bytes. Use ``writeCSV(_:to:truthPath:pm4pyNames:)`` for files (the
/// fast path: bytes straight to disk, about 1.6 million events per CPU-second in release
/// builds, with the kernel's copying overlapped on a second thread),
/// ``writeXES(_:to:compressed:truthPath:)`` for XES, ``makeLog(_:)`` for an in-memory
/// ``EventLog`` in tests and benchmarks, and ``makeLogAndTruth(_:)`` when the truth is
/// needed too. Memory while writing CSV is bounded by the cases in flight, not by the size. `datasets/README.md` documents the
/// columns and every dial of ``GeneratorConfiguration``.
public enum Generator {
    /// An in-memory log and the truth of each case.
    public struct Output: Sendable {
        public var log: EventLog
        /// One row per case, in case order.
        public var truth: [OwnerTruth]
        public var summary: GenerationSummary
    }

    /// Generates the log in memory. Cost: about 40 bytes per event while building.
    public static func makeLog(_ configuration: GeneratorConfiguration) throws(GeneratorError) -> EventLog {
        try run(configuration, keepTruth: false, truthFile: nil).log
    }

    /// Generates the log and its truth in memory.
    public static func makeLogAndTruth(_ configuration: GeneratorConfiguration) throws(GeneratorError) -> Output {
        try run(configuration, keepTruth: true, truthFile: nil)
    }

    /// Generates the log in memory, writing truth rows to `truthFile` (left for the caller to commit).
    static func run(_ configuration: GeneratorConfiguration, keepTruth: Bool, truthFile: OutputFile?) throws(GeneratorError) -> Output {
        try configuration.validate()
        var sink = LogBuilderSink(
            name: "orders-\(configuration.seed)", keepTruth: keepTruth, truthFile: truthFile.map(TruthWriter.init))
        var simulation = Simulation(configuration: configuration)
        let summary = try simulation.run(into: &sink)
        return Output(log: sink.build(), truth: sink.truth, summary: summary)
    }

    /// Writes the log as CSV to `path` (and the truth file to `truthPath`), each through a
    /// temporary file renamed into place when complete.
    @discardableResult
    public static func writeCSV(
        _ configuration: GeneratorConfiguration, to path: String, truthPath: String? = nil, pm4pyNames: Bool = false
    ) throws(GeneratorError) -> GenerationSummary {
        try configuration.validate()
        try checkDistinct(path, truthPath)
        let file = try OutputFile(path: path)
        let truthFile = try truthPath.map { p throws(GeneratorError) in try OutputFile(path: p) }
        var writer = CSVEventWriter(file: file, truth: truthFile.map(TruthWriter.init), pm4pyNames: pm4pyNames)
        var simulation = Simulation(configuration: configuration)
        let summary = try simulation.run(into: &writer)
        try file.commit()
        try truthFile?.commit()
        return summary
    }

    /// Refuses to write the log and the truth to the same file.
    static func checkDistinct(_ path: String, _ truthPath: String?) throws(GeneratorError) {
        guard let truthPath, truthPath == path else { return }
        throw GeneratorError(.invalidDial, "--truth must name a different file than --out, found '\(truthPath)' for both")
    }

    /// The CSV header line (without the newline) for plain or pm4py column names.
    public static func csvHeader(pm4pyNames: Bool) -> String {
        String(CSVEventWriter.header(pm4pyNames: pm4pyNames).dropLast())
    }
}
