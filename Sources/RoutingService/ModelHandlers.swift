import Routing

extension RoutingEndpoints {
    /// `GET /v1/models/current` (steward): which model answers, where it came from, how it
    /// scored on its hold-out, and the inputs a request must carry (with the known values of
    /// each category input).
    func currentModel(requestID: String) -> Reply {
        let m = models.current
        let model = m.model
        var json = JSONBytes(capacity: 2048)
        json.raw("{")
        json.key("model_id")
        json.string(m.id)
        json.raw(",")
        json.key("model_version")
        json.string(m.version)
        json.raw(",")
        json.key("sha256")
        json.string(m.sha256)
        json.raw(",")
        json.key("registry_id")
        if let id = m.registryID { json.integer(id) } else { json.raw("null") }
        json.raw(",")
        json.key("source")
        json.string(m.source)
        json.raw(",")
        json.key("loaded_at")
        json.string(m.loadedAt)
        json.raw(",")
        json.key("created_at")
        json.string(model.createdAt)
        json.raw(",")
        json.key("target")
        json.string(model.target)
        json.raw(",")
        json.key("profile")
        json.optionalString(model.profile)
        json.raw(",")
        json.key("classes")
        json.raw("[")
        for (k, c) in m.classJSON.enumerated() {
            if k > 0 { json.raw(",") }
            json.raw(c)
        }
        json.raw("],")
        json.key("threshold")
        if let t = model.threshold.threshold { json.decimal(t) } else { json.raw("null") }
        json.raw(",")
        json.key("target_precision")
        json.decimal(model.threshold.targetPrecision)
        json.raw(",")
        json.key("holdout")
        if let e = model.evaluation {
            json.raw("{")
            json.key("rows")
            json.integer(e.model.rows)
            json.raw(",")
            json.key("accuracy")
            json.decimal(e.model.accuracy)
            json.raw(",")
            json.key("coverage")
            json.decimal(e.automation.coverage)
            json.raw(",")
            json.key("precision")
            json.decimal(e.automation.precision)
            json.raw("}")
        } else {
            json.raw("null")
        }
        json.raw(",")
        json.key("inputs")
        json.raw("[")
        for slot in m.inputNames.indices {
            if slot > 0 { json.raw(",") }
            json.raw("{")
            json.key("name")
            json.raw(m.inputJSON[slot])
            json.raw(",")
            json.key("kind")
            json.string(m.inputKind(slot))
            if let known = m.vocabulary[slot] {
                json.raw(",")
                json.key("values")
                json.raw("[")
                for (k, v) in known.strings.sorted().enumerated() {
                    if k > 0 { json.raw(",") }
                    json.string(v)
                }
                json.raw("]")
            }
            json.raw("}")
        }
        json.raw("],")
        json.key("follow_promotions")
        json.raw(configuration.followPromotions ? "true" : "false")
        json.raw("}")
        return .json(200, json.bytes, model: m)
    }

    /// `GET /healthz`: 200 `ok` while the model answers and the audit log keeps up; 503
    /// `degraded` when audit commits are failing.
    func health() -> Reply {
        let m = models.current
        let status = audit.currentStatus
        let backlog = audit.backlog
        let degraded = status.lastError != nil && backlog > 0
        var json = JSONBytes(capacity: 256)
        json.raw("{")
        json.key("status")
        json.string(degraded ? "degraded" : "ok")
        json.raw(",")
        json.key("model_id")
        json.string(m.id)
        json.raw(",")
        json.key("model_version")
        json.string(m.version)
        json.raw(",")
        json.key("uptime_seconds")
        json.decimal(Double(ServiceClock.monotonicNanos() - startedAt) / 1e9, digits: 3)
        json.raw(",")
        json.key("audit_backlog")
        json.integer(backlog)
        json.raw(",")
        json.key("audit_error")
        json.optionalString(degraded ? status.lastError : nil)
        json.raw("}")
        return .json(degraded ? 503 : 200, json.bytes, model: m)
    }

    /// `GET /metrics`: Prometheus text.
    func metricsText() -> Reply {
        let status = audit.currentStatus
        let text = metrics.render(
            model: models.current, auditBacklog: audit.backlog, auditWritten: status.written, auditFailures: status.failures,
            tokens: authenticator.activeCount)
        return Reply(status: 200, body: Array(text.utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }

    /// `GET /openapi.json`.
    func openAPI() -> Reply {
        Reply(status: 200, body: Array(OpenAPIDocument.json.utf8))
    }
}
