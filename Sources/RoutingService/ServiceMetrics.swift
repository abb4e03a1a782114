import Foundation

/// The service's endpoints, as labelled in metrics and matched by the responder.
enum Endpoint: String, CaseIterable, Sendable {
    case route = "/v1/route"
    case routeBatch = "/v1/route:batch"
    case override = "/v1/decisions/{request_id}/override"
    case modelsCurrent = "/v1/models/current"
    case healthz = "/healthz"
    case metrics = "/metrics"
    case openapi = "/openapi.json"
    case other = "other"

    var index: Int { Endpoint.allCases.firstIndex(of: self) ?? 0 }

    /// The one method the endpoint answers (405 for others).
    var method: String {
        switch self {
        case .route, .routeBatch, .override: return "POST"
        case .modelsCurrent, .healthz, .metrics, .openapi, .other: return "GET"
        }
    }
}

/// Counters and latency histograms, rendered in the Prometheus text format (version 0.0.4).
/// One lock per request; the numbers since the server started.
final class ServiceMetrics: Sendable {
    /// Upper bounds of the latency buckets, seconds.
    static let buckets: [Double] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5]

    private struct State {
        /// Per endpoint: status code → count.
        var requests = [[Int: Int]](repeating: [:], count: Endpoint.allCases.count)
        /// Per endpoint: one count per bucket plus +Inf.
        var latency = [[Int]](repeating: [Int](repeating: 0, count: ServiceMetrics.buckets.count + 1), count: Endpoint.allCases.count)
        var latencySum = [Double](repeating: 0, count: Endpoint.allCases.count)
        var auto = 0
        var review = 0
        var overrides = 0
        var rateLimited = 0
        var swaps = 0
        var swapFailures = 0
    }

    private let state = Locked(State())

    /// Records one answered request.
    func record(_ endpoint: Endpoint, status: Int, seconds: Double) {
        let e = endpoint.index
        var b = 0
        while b < ServiceMetrics.buckets.count && seconds > ServiceMetrics.buckets[b] { b += 1 }
        state.withLock {
            $0.requests[e][status, default: 0] += 1
            $0.latency[e][b] += 1
            $0.latencySum[e] += seconds
            if status == 429 { $0.rateLimited += 1 }
        }
    }

    /// Records routed exceptions by outcome.
    func decisions(auto: Int, review: Int) {
        state.withLock {
            $0.auto += auto
            $0.review += review
        }
    }

    func override() { state.withLock { $0.overrides += 1 } }
    func swapped() { state.withLock { $0.swaps += 1 } }
    func swapFailed() { state.withLock { $0.swapFailures += 1 } }

    /// Decisions and overrides so far.
    var totals: (auto: Int, review: Int, overrides: Int) { state.withLock { ($0.auto, $0.review, $0.overrides) } }

    /// The Prometheus text exposition, with the model and audit gauges supplied by the caller.
    func render(model: ServingModel, auditBacklog: Int, auditWritten: Int, auditFailures: Int, tokens: Int) -> String {
        let s = state.withLock { $0 }
        var out = ""
        func header(_ name: String, _ type: String, _ help: String) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n"
        }
        /// A metric with one unlabelled sample.
        func single(_ name: String, _ type: String, _ help: String, _ value: some CustomStringConvertible) {
            header(name, type, help)
            out += "\(name) \(value)\n"
        }
        header("switchyard_requests_total", "counter", "HTTP requests answered, by endpoint and status code.")
        for endpoint in Endpoint.allCases {
            for (status, count) in s.requests[endpoint.index].sorted(by: { $0.key < $1.key }) {
                out += "switchyard_requests_total{endpoint=\"\(endpoint.rawValue)\",status=\"\(status)\"} \(count)\n"
            }
        }
        header("switchyard_request_duration_seconds", "histogram", "Time from request head to response, by endpoint.")
        for endpoint in Endpoint.allCases {
            let e = endpoint.index
            let total = s.latency[e].reduce(0, +)
            guard total > 0 else { continue }
            var cumulative = 0
            for (b, bound) in ServiceMetrics.buckets.enumerated() {
                cumulative += s.latency[e][b]
                out += "switchyard_request_duration_seconds_bucket{endpoint=\"\(endpoint.rawValue)\",le=\"\(bound)\"} \(cumulative)\n"
            }
            out += "switchyard_request_duration_seconds_bucket{endpoint=\"\(endpoint.rawValue)\",le=\"+Inf\"} \(total)\n"
            out += "switchyard_request_duration_seconds_sum{endpoint=\"\(endpoint.rawValue)\"} \(s.latencySum[e])\n"
            out += "switchyard_request_duration_seconds_count{endpoint=\"\(endpoint.rawValue)\"} \(total)\n"
        }
        header("switchyard_decisions_total", "counter", "Exceptions routed, by decision.")
        out += "switchyard_decisions_total{decision=\"auto\"} \(s.auto)\n"
        out += "switchyard_decisions_total{decision=\"review\"} \(s.review)\n"
        let decided = s.auto + s.review
        single("switchyard_review_rate", "gauge", "Share of routed exceptions sent to human review.", decided == 0 ? 0 : Double(s.review) / Double(decided))
        single("switchyard_overrides_total", "counter", "Decisions overridden by a person.", s.overrides)
        single("switchyard_override_rate", "gauge", "Overrides per routed exception.", decided == 0 ? 0 : Double(s.overrides) / Double(decided))
        single("switchyard_rate_limited_total", "counter", "Requests refused with 429.", s.rateLimited)
        header("switchyard_model_info", "gauge", "The model answering requests.")
        out += "switchyard_model_info{model_id=\"\(escape(model.id))\",model_version=\"\(model.version)\"} 1\n"
        single("switchyard_model_swaps_total", "counter", "Models swapped in while running.", s.swaps)
        single("switchyard_model_swap_failures_total", "counter", "Promoted models that could not be loaded (the old one kept serving).", s.swapFailures)
        single("switchyard_audit_backlog", "gauge", "Audit rows queued, not yet committed.", auditBacklog)
        single("switchyard_audit_rows_written_total", "counter", "Audit rows committed to the workspace.", auditWritten)
        single("switchyard_audit_commit_failures_total", "counter", "Audit commits that failed (rows kept and retried).", auditFailures)
        single("switchyard_active_tokens", "gauge", "Bearer tokens accepted.", tokens)
        return out
    }

    private func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
