import ArgumentParser
import Dispatch
import Foundation
import RoutingService

/// `switchyard serve`: the routing model over HTTP for the orchestration layer, with bearer
/// tokens, rate limits, an audit log, overrides and hot swap on promotion.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the routing model over HTTP (route, batch, override, metrics), governed by tokens and an audit log.",
        discussion: """
            Endpoints: POST /v1/route, POST /v1/route:batch, POST /v1/decisions/{request_id}/override (steward), \
            GET /v1/models/current (steward), GET /healthz, GET /metrics, GET /openapi.json. Every request to /v1 needs \
            Authorization: Bearer <token> (`switchyard tokens create --role route|steward`). Every decision and override \
            is written to the workspace's audit table (`switchyard audit`). When `switchyard promote` promotes another \
            model the server swaps it in within --poll-interval (or at once on SIGHUP) without dropping requests. SIGTERM \
            or SIGINT stop accepting connections, finish the requests in flight, commit the audit log and exit. \
            LOG_LEVEL (trace, debug, info, notice, warning, error, critical) sets the HTTP library's log level.
            """)

    @Option(help: "A model file, a registered model id or sha256 prefix, or `promoted`.")
    var model = "promoted"
    @OptionGroup var workspace: WorkspaceOptions
    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"
    @Option(help: "Port to listen on (0: any free port, printed once listening).")
    var port = 8080
    @Option(help: "Largest request body, bytes (413 above).")
    var maxBodyBytes = 256 * 1024
    @Option(help: "Most exceptions per /v1/route:batch request.")
    var maxBatch = 100
    @Option(help: "Requests per second per token, sustained (0: no limit).")
    var rateLimit: Double = 200
    @Option(help: "Requests per token in a burst (default: the rate limit).")
    var burst: Double?
    @Option(help: "Seconds between checks for a promoted model and revoked tokens.")
    var pollInterval: Double = 1
    @Option(help: "Seconds between audit commits.")
    var auditFlushInterval: Double = 0.05
    @Flag(help: "Keep serving this model even when another is promoted.")
    var pin = false
    @Flag(help: "Score absent model inputs as unknown instead of answering 400.")
    var allowMissingFields = false
    @Flag(help: "Score category values never seen in training as unknown instead of answering 400.")
    var allowUnknownValues = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        guard maxBodyBytes > 0 else { throw ValidationError("--max-body-bytes must be positive") }
        guard maxBatch > 0 else { throw ValidationError("--max-batch must be positive") }
        guard rateLimit >= 0 else { throw ValidationError("--rate-limit must not be negative") }
        if let burst, burst < 1 { throw ValidationError("--burst must be at least 1") }
        guard pollInterval > 0, auditFlushInterval > 0 else { throw ValidationError("intervals must be positive") }
    }

    func run() throws {
        RoutingServer.runConcurrencyOnEventLoops()
        let source: ServiceConfiguration.ModelSource =
            model == "promoted" ? .promoted : FileManager.default.fileExists(atPath: model) ? .file(model) : .registered(model)
        var config = ServiceConfiguration(workspace: workspace.path, model: source)
        config.host = host
        config.port = port
        config.maxBodyBytes = maxBodyBytes
        config.maxBatch = maxBatch
        config.rateLimit = rateLimit
        config.burst = burst
        config.pollInterval = pollInterval
        config.auditFlushInterval = auditFlushInterval
        config.followPromotions = !pin
        config.allowMissingFields = allowMissingFields
        config.allowUnknownValues = allowUnknownValues
        let server: RoutingServer
        do {
            server = try RoutingServer(configuration: config) { line in ServeOutput.standardError("switchyard serve: \(line)") }
        } catch {
            throw CLIError("\(error)")
        }
        let (id, version) = server.currentModel
        let host = self.host
        let outcome = ServeOutcome()
        Task.detached {
            do {
                try await server.run { port in
                    ServeOutput.standardOutput("listening on http://\(host):\(port) (model \(id) version \(version))")
                }
            } catch {
                outcome.error = "\(error)"
            }
            outcome.done.signal()
        }
        outcome.done.wait()
        if let error = outcome.error { throw CLIError("the server stopped: \(error)") }
        ServeOutput.standardError("switchyard serve: stopped; in-flight requests finished and the audit log committed")
    }
}

/// The end of a server run, handed from its task to the waiting main thread (the semaphore
/// orders the write before the read).
final class ServeOutcome: @unchecked Sendable {
    let done = DispatchSemaphore(value: 0)
    var error: String?
}

/// Unbuffered lines, so a supervisor (or a test) sees them at once.
enum ServeOutput {
    static func standardOutput(_ line: String) { FileHandle.standardOutput.write(Data((line + "\n").utf8)) }
    static func standardError(_ line: String) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
}
