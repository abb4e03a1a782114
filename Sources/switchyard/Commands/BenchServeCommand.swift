import ArgumentParser
import Foundation
import Routing

/// `switchyard bench serve`: a load generator for `switchyard serve`, so anyone can rerun the
/// service's latency and throughput figures without installing one.
struct BenchServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Load-test `switchyard serve` with single-exception POST /v1/route requests (build with -c release first).",
        discussion: """
            Sets up a workspace in a temporary folder — a throwaway one (generate, import, train, promote) or, with \
            --workspace, a copy of yours, which is never written to — creates a route token in it, starts \
            `switchyard serve --port 0 --rate-limit 0` as a child process and sends it real exceptions from the log, \
            cycled, over keep-alive connections, one thread and one socket each. For each connection count it \
            prints the requests, errors, requests/s and latency percentiles (ms) of the measured seconds; then the \
            server's audit counters, which must match the decisions it answered. Closed loop by default; --rate \
            paces the requests instead and measures latency from when each was due. Exits 1 if any request failed.
            """)

    @Option(help: "A workspace to copy and serve (default: a throwaway one with generated exceptions).")
    var workspace: String?
    @Option(help: "The model to serve: a registered id, sha256 prefix, model file, or promoted.")
    var model = "promoted"
    @Option(help: "With --workspace: the log (name or file) to take exceptions from (default: the last one stored).")
    var log: String?
    @Option(help: "Connection counts, comma-separated: one result row each.")
    var connections = "1,2,4,8"
    @Option(help: "Measured seconds per row.")
    var duration = 10.0
    @Option(help: "Seconds per row sent before measuring.")
    var warmup = 2.0
    @Option(help: "Requests per second over all connections, paced (open loop). Default: closed loop.")
    var rate: Double?
    @Option(help: "Without --workspace: exceptions to generate.")
    var cases = 3_000
    @Option(help: "Distinct exceptions to cycle through.")
    var bodies = 500

    /// The connection counts, validated.
    var connectionCounts: [Int] {
        get throws {
            let counts = connections.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard !counts.isEmpty, counts.allSatisfy({ ($0 ?? 0) >= 1 && ($0 ?? 0) <= 512 }) else {
                throw ValidationError("--connections must be counts from 1 to 512, comma-separated, e.g. 1,2,4,8; got '\(connections)'")
            }
            return counts.compactMap { $0 }
        }
    }

    func validate() throws {
        _ = try connectionCounts
        guard duration > 0 && duration <= 3600 else { throw ValidationError("--duration must be more than 0 and at most 3600 seconds") }
        guard warmup >= 0 && warmup <= 600 else { throw ValidationError("--warmup must be 0 to 600 seconds") }
        if let rate, !(rate > 0 && rate.isFinite) { throw ValidationError("--rate must be a positive number of requests per second") }
        guard cases >= 100 else { throw ValidationError("--cases must be at least 100 (a model needs exceptions to learn from)") }
        guard bodies >= 1 else { throw ValidationError("--bodies must be at least 1") }
        if workspace == nil && (model != "promoted" || log != nil) {
            throw ValidationError("--model and --log choose from a workspace: give --workspace too")
        }
    }

    func run() throws {
        let counts = try connectionCounts
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let cleanup = InterruptCleanup.shared
        cleanup.track(folder: folder)
        cleanup.install()
        defer {
            try? FileManager.default.removeItem(at: folder)
            cleanup.untrack(folder: folder)
            cleanup.uninstall()
        }

        benchHeader("bench serve: POST /v1/route, one exception per request")
        fflush(nil)
        note("setting up a workspace in \(folder.path) …")
        let setup = try workspace.map { try BenchWorkspace.copy(of: $0, log: log, in: folder) }
            ?? BenchWorkspace.throwaway(cases: cases, seed: 42, in: folder)
        let modelArgument = FileManager.default.fileExists(atPath: model) ? URL(fileURLWithPath: model).standardizedFileURL.path : model
        let (routingModel, label) = try ModelReference.load(modelArgument, workspace: setup.path)
        let inputOptions = try InputOptions.parse([])
        let (input, _) = try ExceptionSource.fromLog(
            setup.log, input: inputOptions, workspace: setup.path, profile: routingModel.profile ?? "orders")
        let chosen = RouteRequestBodies(model: routingModel, input: input, limit: bodies)
        guard !chosen.bodies.isEmpty else {
            throw CLIError("none of the \(input.rowCount) exceptions of '\(setup.log)' fits \(label) (\(chosen.skipped) hold values it never saw)")
        }

        let server = try ServerProcess(
            ["--workspace", setup.path, "--model", modelArgument, "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0"], in: folder)
        defer { server.stop() }
        let requests = RequestSet(chosen.bodies.map {
            HTTPRequestBytes.make(method: "POST", path: "/v1/route", host: "127.0.0.1", port: server.port, token: setup.token, json: $0)
        })
        print("served: \(label) from \(setup.summary)")
        print("requests: \(chosen.bodies.count) distinct exceptions of '\(setup.log)', cycled"
            + (chosen.skipped > 0 ? " (\(TextFormat.thousands(chosen.skipped)) left out: values the model never saw)" : ""))
        print("server: `switchyard serve` pid \(server.process.processIdentifier) on 127.0.0.1:\(server.port), rate limit off; "
            + (rate.map { "open loop at \(TextFormat.thousands(Int($0))) requests/s over all connections" } ?? "closed loop")
            + "; \(RoutingFormat.number(duration, 1)) s measured after \(RoutingFormat.number(warmup, 1)) s warm-up per row")
        print(LoadTable.header)

        var total = LoadResult()
        for count in counts {
            let cpu = (client: ProcessCPU.current(), server: ProcessCPU.of(pid: server.process.processIdentifier))
            let result = LoadGenerator.run(
                LoadPlan(connections: count, warmupSeconds: warmup, durationSeconds: duration, rate: rate), port: server.port,
                requests: requests)
            let sent = Double(max(1, result.answered + result.errors))
            var serverCPU: Double?
            if let before = cpu.server, let after = ProcessCPU.of(pid: server.process.processIdentifier) { serverCPU = (after - before) / sent }
            print(LoadTable.row(connections: count, result, clientCPU: (ProcessCPU.current() - cpu.client) / sent, serverCPU: serverCPU))
            fflush(nil)  // each row shows as soon as it is measured
            total.merge(result)
        }

        let audit = try ServiceAuditFigures.settled(port: server.port, timeout: 30)
        let (status, serverErrors) = server.stop()
        let audited = audit.auditWritten == audit.decisions && audit.routeAnswered == total.answered
            && audit.decisions == total.answered && audit.backlog == 0
        print("audit: \(TextFormat.thousands(total.answered)) decisions received with 200 (warm-up included); the server counted "
            + "\(TextFormat.thousands(audit.routeAnswered)) answered, \(TextFormat.thousands(audit.decisions)) decisions, "
            + "\(TextFormat.thousands(audit.auditWritten)) audit rows written, backlog \(audit.backlog), "
            + "\(audit.commitFailures) commit failures — " + (audited ? "every decision audited" : "MISMATCH"))
        if status != 0 { note("warning: the server exited with status \(status): \(serverErrors.suffix(500))") }

        var failed = false
        if total.errors > 0 {
            let statuses = total.statuses.sorted { $0.key < $1.key }.map { "\($0.value) × \($0.key)" }.joined(separator: ", ")
            note("error: \(TextFormat.thousands(total.errors)) request(s) failed" + (statuses.isEmpty ? "" : " (\(statuses))")
                + "; first: \(total.firstError ?? "?")")
            failed = true
        }
        if !audited {
            note("error: the audit counters do not match the decisions answered (server stderr: \(serverErrors.suffix(500)))")
            failed = true
        }
        if failed { throw ExitCode(1) }
    }

    private func note(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}

/// The result table of `bench serve`, printed a row at a time as each finishes.
enum LoadTable {
    static let columns = [
        "connections", "requests", "errors", "req/s", "p50 ms", "p90 ms", "p99 ms", "p99.9 ms", "max ms", "CPU µs/req server",
        "client",
    ]
    static let widths = [11, 10, 7, 9, 8, 8, 8, 9, 9, 17, 6]

    static var header: String {
        line(columns) + "\n" + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    }

    /// One row; the CPU times are seconds per request sent (warm-up included).
    static func row(connections: Int, _ r: LoadResult, clientCPU: Double, serverCPU: Double?) -> String {
        let h = r.histogram
        let ms = { (micros: UInt64) in h.total == 0 ? "-" : String(format: "%.3f", Double(micros) / 1000) }
        return line([
            String(connections), TextFormat.thousands(r.measured), TextFormat.thousands(r.errors),
            TextFormat.thousands(Int(r.requestsPerSecond.rounded())), ms(h.percentile(0.5)), ms(h.percentile(0.9)),
            ms(h.percentile(0.99)), ms(h.percentile(0.999)), ms(h.max),
            serverCPU.map { String(format: "%.0f", $0 * 1e6) } ?? "-", String(format: "%.0f", clientCPU * 1e6),
        ])
    }

    private static func line(_ cells: [String]) -> String {
        zip(cells, widths).enumerated().map { i, pair in
            let pad = String(repeating: " ", count: max(0, pair.1 - pair.0.count))
            return i == 0 ? pair.0 + pad : pad + pair.0
        }.joined(separator: "  ")
    }
}
