import Hummingbird

/// `switchyard serve`: the routing model over HTTP, governed.
///
/// ```swift
/// let server = try RoutingServer(configuration: ServiceConfiguration(workspace: "switchyard.sqlite"))
/// try await server.run { port in print("listening on \(port)") }   // until SIGTERM or SIGINT
/// ```
///
/// Starting opens the workspace, loads and verifies the model and the active tokens, and
/// creates the audit table. ``run(onRunning:)`` serves until SIGTERM/SIGINT, then stops
/// accepting connections, lets in-flight requests finish, commits the audit log and returns.
/// Costs per request: a bearer-token lookup, a token bucket, one pass over the body, one
/// model score (microseconds) and an in-memory audit append; audit rows are committed in
/// batches by a background queue.
public final class RoutingServer: Sendable {
    public let configuration: ServiceConfiguration
    let endpoints: RoutingEndpoints

    /// Prepares the service; `onEvent` hears of model swaps and background failures (one line each).
    public init(configuration: ServiceConfiguration, onEvent: @escaping @Sendable (String) -> Void = { _ in }) throws {
        guard configuration.maxBodyBytes > 0, configuration.maxBatch > 0, configuration.pollInterval > 0,
            configuration.auditFlushInterval > 0, configuration.rateLimit >= 0
        else {
            throw ServiceStartError(
                description: "body limit, batch size, poll and flush intervals must be positive and the rate limit not negative")
        }
        self.configuration = configuration
        let authenticator = Authenticator()
        let metrics = ServiceMetrics()
        let models = try ModelHotSwap(configuration: configuration, authenticator: authenticator, metrics: metrics, onEvent: onEvent)
        let audit: AuditWriter
        do {
            audit = try AuditWriter(workspace: configuration.workspace, interval: configuration.auditFlushInterval)
        } catch {
            throw ServiceStartError(description: "cannot open the audit log in \(configuration.workspace): \(error)")
        }
        endpoints = RoutingEndpoints(
            configuration: configuration, models: models, authenticator: authenticator, audit: audit, metrics: metrics)
    }

    deinit { endpoints.audit.close() }

    /// The model answering now: (id, version).
    public var currentModel: (id: String, version: String) {
        let m = endpoints.models.current
        return (m.id, m.version)
    }

    /// Serves until SIGTERM or SIGINT, then shuts down gracefully (in-flight requests finish,
    /// the audit log is committed). `onRunning` gets the bound port.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try await serve(onRunning: onRunning, signals: true)
    }

    /// Serves until the calling task is cancelled (for embedding and tests; no signal handling).
    public func runUntilCancelled(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws {
        try await serve(onRunning: onRunning, signals: false)
    }

    /// Checks the workspace now for a newly promoted model and revoked tokens (as a poll or
    /// SIGHUP would) and waits for the check.
    public func refresh() async {
        await endpoints.models.refresh()
    }

    /// Commits every audit row queued so far.
    public func flushAudit() async {
        await endpoints.audit.flush()
    }

    private func serve(onRunning: @escaping @Sendable (Int) -> Void, signals: Bool) async throws {
        let app = Application(
            responder: ServiceResponder(endpoints: endpoints),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in onRunning(channel.localAddress?.port ?? 0) })
        endpoints.models.start()
        defer {
            endpoints.models.stop()
            endpoints.audit.close()
        }
        if signals {
            try await app.runService()
        } else {
            try await app.run()
        }
    }
}
