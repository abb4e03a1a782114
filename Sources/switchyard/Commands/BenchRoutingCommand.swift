import ArgumentParser
import EventLog
import Foundation
import Routing

/// `switchyard bench train`: training speed on synthetic exceptions with a known noise ceiling.
struct BenchTrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Time training the routing model on N synthetic exceptions (build with -c release first).",
        discussion: """
            Generates exceptions whose owner follows a known softmax of the attributes, encodes them (one-hot, \
            hashed customer, log order value, calendar), trains with the defaults of `switchyard train` and prints \
            the time to convergence, epochs, the sgemm throughput reached, and accuracy next to the noise ceiling.
            """)

    @Option(help: "Number of exceptions.")
    var rows = 800_000
    @Option(help: "Bits of the hashed customer column (the feature count grows by 2^bits).")
    var hashBits = 8
    @Option(help: "OpenBLAS threads.")
    var threads = 1
    @Option(help: "Rows per mini-batch.")
    var batchSize = 256
    @Option(help: "Random seed of the data.")
    var seed: UInt64 = 2024

    func run() throws {
        benchHeader("bench train: \(TextFormat.thousands(rows)) synthetic exceptions, \(threads) BLAS thread(s)")
        var t = Date()
        let data = SyntheticRoutingData(rows: rows, seed: seed)
        print("generated in \(RoutingFormat.number(Date().timeIntervalSince(t), 2)) s; noise ceiling \(RoutingFormat.percent(data.noiseCeiling))")
        var config = RoutingTrainingConfiguration()
        config.features = FeatureConfig(hashed: ["customer_id"], hashBits: hashBits)
        config.training.threads = threads
        config.training.batchSize = batchSize
        t = Date()
        let prepared = try routingCall { () throws(RoutingError) in try RoutingTraining.prepare(data.input, configuration: config) }
        let prepareSeconds = Date().timeIntervalSince(t)
        t = Date()
        let model = try routingCall { () throws(RoutingError) in try RoutingTraining.train(prepared: prepared, configuration: config) }
        let pipelineSeconds = Date().timeIntervalSince(t)
        let r = model.training.report
        let d = model.features.dimension, c = model.classes.count
        print(TextFormat.table(
            header: ["what", "figure"],
            rows: [
                ["rows (train / validation / hold-out)",
                 "\(TextFormat.thousands(prepared.trainingRows.count)) / \(TextFormat.thousands(prepared.validationRows.count)) / \(TextFormat.thousands(prepared.testRows.count))"],
                ["features × owners", "\(d) × \(c)"],
                ["sort, split, fit and encode", "\(RoutingFormat.number(prepareSeconds, 3)) s"],
                ["training to convergence (SoftmaxTrainer), wall", "\(RoutingFormat.number(r.seconds, 3)) s"],
                ["  same, CPU time of the training thread", "\(RoutingFormat.number(r.cpuSeconds, 3)) s"],
                ["epochs (stop reason, best)", "\(r.epochs.count) (\(r.stopReason), \(r.bestEpoch))"],
                ["seconds per epoch", RoutingFormat.number(r.seconds / Double(max(1, r.epochs.count)), 3)],
                ["time inside sgemm", "\(RoutingFormat.number(r.sgemmSeconds, 3)) s (\(RoutingFormat.percent(r.sgemmSeconds / r.seconds)))"],
                ["sgemm GFLOP/s while in sgemm (wall)", RoutingFormat.number(r.sgemmGFLOPS, 1)],
                ["sgemm GFLOP/s per CPU-second in sgemm", RoutingFormat.number(r.sgemmCPUGFLOPS, 1)],
                ["sgemm GFLOP/s over the training time", RoutingFormat.number(r.effectiveGFLOPS, 1)],
                ["threshold, evaluation, drift reference", "\(RoutingFormat.number(pipelineSeconds - r.seconds, 3)) s"],
                ["hold-out accuracy", RoutingFormat.percent(model.evaluation?.model.accuracy)],
                ["noise ceiling (all rows)", RoutingFormat.percent(data.noiseCeiling)],
                ["legacy / majority per type", "\(RoutingFormat.percent(model.evaluation?.legacy?.accuracy)) / \(RoutingFormat.percent(model.evaluation?.majorityPerCategory?.accuracy))"],
            ]))
        print("epochs: " + r.epochs.map { "\($0.epoch): val \(RoutingFormat.number($0.validationLoss, 4)) (\(RoutingFormat.number($0.seconds, 2)) s)" }
            .joined(separator: ", "))
    }
}

/// `switchyard bench route`: scoring speed from raw rows, batch and single.
struct BenchRouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Time scoring raw exception rows: streamed CSV/JSONL batches and single in-process calls.",
        discussion: """
            Trains a model on synthetic exceptions, renders N more as CSV and JSON Lines in memory, and times \
            parsing + encoding + scoring every row (no output), then with the CSV output of `switchyard route`, \
            then single-exception calls from a field dictionary.
            """)

    @Option(help: "Rows to score in the batch runs.")
    var rows = 2_000_000
    @Option(help: "Single calls to time.")
    var single = 100_000
    @Option(name: .customLong("repeat"), help: "Timed runs of each batch phase (best is reported).")
    var repetitions = 3
    @Option(help: "Batch phases to run, comma-separated: csv, jsonl, output, csv2, jsonl2 (2 threads).")
    var phases = "csv,jsonl,output,csv2,jsonl2"

    func run() throws {
        benchHeader("bench route: \(TextFormat.thousands(rows)) rows per batch run, \(TextFormat.thousands(single)) single calls")
        var config = RoutingTrainingConfiguration()
        config.features = FeatureConfig(hashed: ["customer_id"])
        let model = try routingCall { () throws(RoutingError) in
            try RoutingTraining.train(SyntheticRoutingData(rows: 50_000, seed: 1).input, configuration: config)
        }
        let input = SyntheticRoutingData(rows: rows, seed: 2).input.sortedByTime()
        let csv = input.csv(), jsonl = input.jsonLines()
        var table: [[String]] = []
        let selected = Set(phases.split(separator: ",").map(String.init))
        for (key, name, bytes, format, output, threads) in [
            ("csv", "CSV → decisions (in memory)", csv, RouteInputFormat.csv, false, 1),
            ("jsonl", "JSONL → decisions (in memory)", jsonl, .jsonl, false, 1),
            ("output", "CSV → CSV output lines", csv, .csv, true, 1),
            ("csv2", "CSV → decisions, 2 threads", csv, .csv, false, 2),
            ("jsonl2", "JSONL → decisions, 2 threads", jsonl, .jsonl, false, 2),
        ] where selected.contains(key) {
            var best = Double.infinity, bestCPU = Double.infinity
            var scored = 0
            for _ in 0..<repetitions {
                let stream = RouteStream(model: model, idColumns: ["exception_id"], format: format, threads: threads)
                let lines = DecisionLines(model: model, scorer: stream.scorer, jsonl: false)
                let sink = CountingSink()
                var source = MemorySource(bytes)
                let t = Date()
                let cpu = processCPUSeconds()
                let summary = try routeCall {
                    try stream.run(
                        &source,
                        onRow: { line, id, row in
                            if output { lines.format(line: line, id: id, row: row, into: sink) } else { sink.count += Int(row.top.0) }
                        },
                        onReject: { _ in })
                }
                lines.flush(to: sink)
                best = min(best, Date().timeIntervalSince(t))
                bestCPU = min(bestCPU, processCPUSeconds() - cpu)
                scored = summary.scored
            }
            table.append([
                name, TextFormat.thousands(scored), "\(RoutingFormat.number(best, 3)) s",
                "\(RoutingFormat.number(Double(scored) / best / 1e6, 2)) M rows/s",
                "\(RoutingFormat.number(bestCPU, 3)) s", "\(RoutingFormat.number(Double(scored) / bestCPU / 1e6, 2)) M rows/s",
                "\(RoutingFormat.number(Double(bytes.count) / bestCPU / 1e6, 0)) MB/s",
            ])
        }
        print(TextFormat.table(
            header: ["batch", "rows", "best wall", "rate (wall)", "best CPU", "rate per CPU-second", "input per CPU-second"],
            rows: table))
        print("(CPU = process CPU time; with 2 threads it adds both cores, so rate per CPU-second stays per core)")

        // Single exceptions from a field dictionary, as an in-process caller would pass them.
        let scorer = RowScorer(model: model)
        let names = input.textColumns()
        let text = String(decoding: csv, as: UTF8.self).split(separator: "\n").dropFirst().prefix(1000).map { line in
            Dictionary(uniqueKeysWithValues: zip(names, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
        let singleCPU = threadCPUSeconds()
        var latencies: [Double] = []
        latencies.reserveCapacity(single)
        var sink = 0
        for i in 0..<single {
            let t = DispatchTime.now().uptimeNanoseconds
            let decision = try? scorer.score(text[i % text.count])
            latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1000)
            sink &+= decision?.top.count ?? 0
        }
        let cpuPerCall = (threadCPUSeconds() - singleCPU) / Double(max(1, single)) * 1e6
        latencies.sort()
        let pick = { (q: Double) in latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))] }
        print("\nsingle exception (field dictionary → decision), \(TextFormat.thousands(single)) calls: "
            + "p50 \(RoutingFormat.number(pick(0.5), 2)) µs, p99 \(RoutingFormat.number(pick(0.99), 2)) µs, "
            + "max \(RoutingFormat.number(latencies.last ?? 0, 1)) µs; CPU time per call \(RoutingFormat.number(cpuPerCall, 2)) µs "
            + "(checksum \(sink % 10))")
    }
}

final class CountingSink: DecisionSink {
    var count = 0
    func append(_ bytes: [UInt8]) { count += bytes.count }
}

/// User + system CPU time of the whole process, seconds.
func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

func benchHeader(_ title: String) {
    print(title)
    #if DEBUG
    print("note: this is a debug build; build with `swift build -c release` for representative figures")
    #endif
}

func routingCall<T>(_ body: () throws(RoutingError) -> T) throws -> T {
    do { return try body() } catch { throw CLIError("\(error)") }
}

func routeCall<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw CLIError("\(error)") }
}
