/// Everything `switchyard serve` is started with. Defaults suit one instance behind an
/// orchestration layer on the same network.
public struct ServiceConfiguration: Sendable {
    /// Which model to serve.
    public enum ModelSource: Sendable, Equatable {
        /// The workspace's promoted model.
        case promoted
        /// A registered model: numeric id or sha256 prefix.
        case registered(String)
        /// A model file.
        case file(String)
    }

    /// The workspace (tokens, audit, registry).
    public var workspace: String
    public var model: ModelSource
    /// Follow promotions: when the workspace's promoted model changes, serve the new one.
    public var followPromotions = true
    public var host = "127.0.0.1"
    /// 0 picks a free port (reported once listening).
    public var port = 8080
    /// Largest request body accepted, bytes (413 above).
    public var maxBodyBytes = 256 * 1024
    /// Most exceptions in one `route:batch` request.
    public var maxBatch = 100
    /// Sustained requests per second per token (0 = no limit).
    public var rateLimit: Double = 200
    /// Requests a token may send in a burst above the sustained rate (default: one second's worth).
    public var burst: Double?
    /// Seconds between checks of the workspace for a newly promoted model and revoked tokens.
    public var pollInterval: Double = 1
    /// Seconds between audit commits (decisions are acknowledged before their row is committed;
    /// at most this much is at risk in a crash, none in a clean shutdown).
    public var auditFlushInterval: Double = 0.05
    /// Decisions waiting for the audit log beyond which routing answers 503.
    public var maxAuditBacklog = 200_000
    /// Score absent model inputs as unknown instead of answering 400.
    public var allowMissingFields = false
    /// Score values of one-hot inputs never seen in training as unknown instead of answering 400.
    public var allowUnknownValues = false

    public init(workspace: String, model: ModelSource = .promoted) {
        self.workspace = workspace
        self.model = model
    }

    /// The effective burst size.
    var effectiveBurst: Double { max(1, burst ?? rateLimit) }
}
