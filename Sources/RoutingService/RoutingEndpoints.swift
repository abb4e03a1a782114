import EventLog
import Routing

/// An answer before it becomes an HTTP response.
struct Reply: Sendable {
    var status: Int
    var body: [UInt8]
    var contentType = "application/json"
    var headers: [(String, String)] = []
    /// The model that answered, for the `X-Model-Version` header.
    var model: ServingModel?

    static func json(_ status: Int, _ body: [UInt8], model: ServingModel? = nil) -> Reply {
        Reply(status: status, body: body, model: model)
    }

    static func error(_ error: ServiceError, requestID: String) -> Reply {
        Reply(status: error.status, body: error.body(requestID: requestID), headers: error.headers)
    }
}

/// Unique request ids: a random prefix drawn at start and a counter (`3f9c0a7d1e-00000001a2`).
final class RequestIDs: Sendable {
    private let prefix: String
    private let counter = Locked(UInt64(0))

    init() {
        var rng = SystemRandomNumberGenerator()
        let random: UInt64 = rng.next()
        let hex = String(random & 0xFF_FFFF_FFFF, radix: 16)
        prefix = String(repeating: "0", count: 10 - hex.count) + hex
    }

    func next() -> String {
        let n = counter.withLock {
            $0 += 1
            return $0
        }
        let hex = String(n, radix: 16)
        return prefix + "-" + String(repeating: "0", count: max(0, 10 - hex.count)) + hex
    }
}

/// The service's behaviour, independent of the HTTP library: authentication, rate limits,
/// validation, scoring, audit and metrics, shared by every request. The handlers live in
/// extensions, one file per endpoint family.
final class RoutingEndpoints: Sendable {
    let configuration: ServiceConfiguration
    let models: ModelHotSwap
    let authenticator: Authenticator
    let limiter: RateLimiter
    let audit: AuditWriter
    let metrics: ServiceMetrics
    let requestIDs = RequestIDs()
    let startedAt = ServiceClock.monotonicNanos()

    init(
        configuration: ServiceConfiguration, models: ModelHotSwap, authenticator: Authenticator, audit: AuditWriter,
        metrics: ServiceMetrics
    ) {
        self.configuration = configuration
        self.models = models
        self.authenticator = authenticator
        self.audit = audit
        self.metrics = metrics
        limiter = RateLimiter(rate: configuration.rateLimit, burst: configuration.effectiveBurst)
    }

    /// Authentication then the per-token rate limit.
    func admit(authorization: String?, requires role: TokenRole) throws(ServiceError) -> TokenIdentity {
        let identity = try authenticator.authenticate(authorization, requires: role)
        if let wait = limiter.take(identity.id) {
            throw .rateLimited(retryAfter: wait, limit: limiter.rate)
        }
        return identity
    }

    /// 503 while the audit log is too far behind to promise a record of the decision.
    func checkAuditBacklog() throws(ServiceError) {
        let backlog = audit.backlog
        guard backlog < configuration.maxAuditBacklog else {
            let reason = audit.currentStatus.lastError ?? "the workspace is not keeping up"
            throw .unavailable("\(backlog) decisions are waiting to be written to the audit log (\(reason)); retry shortly")
        }
    }

    /// Writes one decision object (`request_id` … `model_version`) into `json`.
    func writeDecision(
        _ row: ScoredRow, requestID: String, exceptionID: FieldSlice, model: ServingModel, into json: inout JSONBytes
    ) {
        json.raw("{")
        json.key("request_id")
        json.string(requestID)
        json.raw(",")
        json.key("exception_id")
        if exceptionID.count >= 0 { json.string(exceptionID.bytes) } else { json.raw("null") }
        json.raw(",")
        json.key("owner")
        if row.top.0 >= 0 { json.raw(model.classJSON[Int(row.top.0)]) } else { json.raw("null") }
        json.raw(",")
        json.key("confidence")
        json.decimal(Double(row.probability.0))
        json.raw(row.decision == .auto ? ",\"decision\":\"auto\",\"top\":[" : ",\"decision\":\"review\",\"top\":[")
        var first = true
        for (k, p) in [(row.top.0, row.probability.0), (row.top.1, row.probability.1), (row.top.2, row.probability.2)] where k >= 0 {
            json.raw(first ? "{\"owner\":" : ",{\"owner\":")
            json.raw(model.classJSON[Int(k)])
            json.raw(",\"probability\":")
            json.decimal(Double(p))
            json.raw("}")
            first = false
        }
        json.raw("],\"missing\":[")
        first = true
        for slot in 0..<min(64, model.inputJSON.count) where row.missing & (1 << UInt64(slot)) != 0 {
            if !first { json.raw(",") }
            json.raw(model.inputJSON[slot])
            first = false
        }
        json.raw("],")
        json.key("model_id")
        json.string(model.id)
        json.raw(",")
        json.key("model_version")
        json.string(model.version)
        json.raw("}")
    }

    /// The audit entry of one decision.
    func auditEntry(
        _ row: ScoredRow, requestID: String, token: Int64, model: ServingModel, input: [UInt8], output: [UInt8], at: Int64
    ) -> AuditEntry {
        AuditEntry(
            requestID: requestID, kind: .decision, tokenID: token, modelID: model.id, modelVersion: model.version, input: input,
            output: output, owner: row.top.0 >= 0 ? model.model.classes[Int(row.top.0)] : "",
            decision: row.decision.rawValue, at: at)
    }
}
