import ArgumentParser
import EventLog
import Foundation
import KPI
import Lifecycle

/// `switchyard bench kpi`: KPI speed on a synthetic order-exception log.
struct BenchKPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Time every KPI (two slicing dimensions) on a synthetic log of N exceptions.",
        discussion: """
            Builds the same in-memory orders log as the lifecycle benchmark (about 7 events per exception), \
            reconstructs it with the orders preset (timed once), then times the KPI computation --repeat times \
            (all measures, overall, per slice of --by, drag ranking, backlog series) and prints each run and the \
            best. Build with -c release first.
            """)

    @Option(help: "Number of exceptions (cases).")
    var exceptions = 1_000_000
    @Option(name: .customLong("repeat"), help: "Timed runs.")
    var repetitions = 3
    @Option(help: "Slicing dimensions, comma-separated (at most two).")
    var by = "category,region"
    @Option(help: "Random seed.")
    var seed: UInt64 = 7
    @Flag(help: "Also time a business-hours calendar (Mon–Fri 8–17 UTC).")
    var businessHours = false

    func validate() throws {
        guard exceptions >= 1 else { throw ValidationError("--exceptions must be at least 1") }
        guard repetitions >= 1 else { throw ValidationError("--repeat must be at least 1") }
    }

    func run() throws {
        let clock = ContinuousClock()
        var log = EventLog()
        let buildTime = clock.measure { log = SyntheticExceptionLog.make(exceptions: exceptions, seed: seed) }
        print("bench kpi: \(TextFormat.thousands(exceptions)) exceptions, \(TextFormat.thousands(log.eventCount)) events")
        print("  build synthetic log   \(Self.format(buildTime))")
        var table: ExceptionTable?
        let reconstructTime = try clock.measure { table = try Reconstruction.reconstruct(log, profile: Presets.orders) }
        print("  reconstruct           \(Self.format(reconstructTime))")
        guard let table else { return }
        var options = KPIOptions(profile: Presets.orders)
        options.slicing = by.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if businessHours { options.businessCalendar = BusinessCalendar() }
        var best = Duration.seconds(1_000_000)
        var bestCPU = Double.infinity
        var report: KPIReport?
        for run in 1...repetitions {
            var result: KPIReport?
            let cpuStart = Self.threadCPUSeconds()
            let t = try clock.measure {
                do { result = try KPIEngine.compute(table, options: options) } catch { throw CLIError(String(describing: error)) }
            }
            let cpu = Self.threadCPUSeconds() - cpuStart
            best = min(best, t)
            bestCPU = min(bestCPU, cpu)
            report = result
            print("  kpi run \(run)             \(Self.format(t))  (cpu \(String(format: "%.3f s", cpu)))  "
                + "\(Self.rate(table.count, t)) exceptions/s")
        }
        guard let report else { return }
        print("  best                  \(Self.format(best))  (cpu \(String(format: "%.3f s", bestCPU)); "
            + "target ≤ 2 s for 1 M exceptions, two dimensions)")
        let o = report.overall
        print("  slices \(report.slices.count) by \(options.slicing.joined(separator: " × ")), "
            + "routing accuracy \(String(format1: (o.routing.accuracy ?? 0) * 100)) %, "
            + "median to resolution \(TextFormat.duration(seconds: o.cycleTime.toResolution.medianSeconds ?? .nan)), "
            + "open \(TextFormat.thousands(o.volume.open)), backlog points \(report.backlog.series.count)")
    }

    /// CPU time of the calling thread (the computation is single-threaded), so figures on a
    /// busy machine are still comparable.
    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func format(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.3f s", s)
    }

    static func rate(_ n: Int, _ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return TextFormat.thousands(Int(Double(n) / max(s, 1e-9)))
    }
}
